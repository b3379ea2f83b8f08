#include "glosses.h"

#include "text.h"

namespace rpt {
namespace {

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

// ā á ǎ à ē é ě è ī í ǐ ì ō ó ǒ ò ū ú ǔ ù ǖ ǘ ǚ ǜ (and ü, which needs no tone mark to be pinyin).
bool tone_vowel(char32_t c) {
  switch (c) {
    case U'ā':
    case U'á':
    case U'ǎ':
    case U'à':
    case U'ē':
    case U'é':
    case U'ě':
    case U'è':
    case U'ī':
    case U'í':
    case U'ǐ':
    case U'ì':
    case U'ō':
    case U'ó':
    case U'ǒ':
    case U'ò':
    case U'ū':
    case U'ú':
    case U'ǔ':
    case U'ù':
    case U'ǖ':
    case U'ǘ':
    case U'ǚ':
    case U'ǜ':
    case U'ü':
      return true;
    default:
      return false;
  }
}

// The end (byte offset past ')') of a gloss opening at text[i], or 0.
size_t gloss_end(std::string_view text, size_t i) {
  auto p = reinterpret_cast<const unsigned char*>(text.data()) + i;
  auto end = reinterpret_cast<const unsigned char*>(text.data()) + text.size();
  char32_t open = text::decode_one(p);
  if (open != '(' && open != U'（') return 0;
  size_t letters = 0;
  bool toned = false;
  while (p < end) {
    char32_t c = text::decode_one(p);
    if (c == ')' || c == U'）')
      return toned && letters <= 7 ? size_t(p - reinterpret_cast<const unsigned char*>(text.data()))
                                   : 0;
    if (tone_vowel(c))
      toned = true;
    else if (!(c >= 'a' && c <= 'z'))
      return 0;
    if (++letters > 7) return 0;
  }
  return 0;
}

}  // namespace

size_t strip_pinyin_glosses(std::string_view text, std::string& out) {
  size_t removed = 0;
  size_t copied = 0;  // text[0, copied) is in out when removed > 0
  char32_t prev = 0;
  auto begin = reinterpret_cast<const unsigned char*>(text.data());
  for (auto p = begin; p < begin + text.size();) {
    size_t i = size_t(p - begin);
    if ((*p == '(' || *p == 0xEF) && is_han(prev)) {
      if (size_t e = gloss_end(text, i)) {
        if (!removed) out.clear();
        out.append(text.substr(copied, i - copied));
        copied = e;
        ++removed;
        p = begin + e;
        continue;  // prev stays the Han character the gloss read
      }
    }
    prev = text::decode_one(p);
  }
  if (removed) out.append(text.substr(copied));
  return removed;
}

}  // namespace rpt
