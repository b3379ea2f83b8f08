// clean_line: a line's measures (clean_line.h).
#include "clean_line.h"

#include "text.h"

namespace rpt {
namespace clean_detail {

bool is_han(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

bool is_separator_char(char32_t c) {
  switch (c) {
    case '>':
    case U'»':
    case U'›':
    case U'→':
    case U'〉':
      return true;
    default:
      return false;
  }
}

bool is_bullet(char32_t c) {
  switch (c) {
    case U'•':
    case U'·':
    case U'▪':
    case U'◆':
    case U'●':
    case U'○':
    case U'■':
    case U'□':
    case U'►':
    case U'▶':
    case U'◇':
    case U'★':
    case U'☆':
      return true;
    default:
      return false;
  }
}

namespace {

// Characters that only draw lines and boxes on a page: a row of them is no text.
bool is_rule_char(char32_t c) {
  switch (c) {
    case '|':
    case U'¦':
    case U'丨':
    case U'│':
    case '-':
    case '_':
    case '=':
    case '*':
    case '~':
    case '#':
    case '+':
    case '/':
    case '\\':
    case '<':
    case '>':
    case U'×':
    case U'✕':
    case U'·':
    case U'•':
    case U'─':
    case U'━':
    case U'═':
      return true;
    default:
      return is_bullet(c) || is_separator_char(c);
  }
}

}  // namespace

void measure(Line& l) {
  auto p = reinterpret_cast<const unsigned char*>(l.text.data());
  auto end = p + l.text.size();
  char32_t prev = 0;
  bool rules_only = true;
  uint64_t key = 1469598103934665603ull;  // FNV-1a over the code points
  while (p < end) {
    char32_t c = text::decode_one(p);
    if (c >= 0x4E00 && c <= 0x9FFF) {  // most characters: a Han character, nothing else to ask
      key = (key ^ c) * 1099511628211ull;
      if (!l.first) l.first = c;
      l.last = c, prev = c;
      ++l.chars, ++l.han;
      rules_only = false;
      continue;
    }
    c = text::fold_width(c);
    if (text::is_space(c)) {
      prev = ' ';
      continue;
    }
    key = (key ^ c) * 1099511628211ull;
    if (!l.first) l.first = c;
    l.last = c;
    rules_only &= is_rule_char(c);
    if (c == '|') continue;  // table borders and bar separators: not counted as characters
    ++l.chars;
    if (is_han(c)) ++l.han;
    // A '?' after a space is a character lost in conversion, not a question.
    else if (c == U'。' || c == '!' || (c == '?' && prev != ' ') || c == ';' || c == U'｡') {
      ++l.stops;
      l.periods += c == U'。';
    } else if (c == ',' || c == U'、')
      ++l.commas;
    else if (is_separator_char(c))
      ++l.separators;
    else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      ++l.alnum;
    prev = c;
  }
  l.rules_only = rules_only;
  l.key = key;
}

}  // namespace clean_detail
}  // namespace rpt
