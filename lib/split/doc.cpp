#include "doc.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>

#include "text.h"

namespace rpt {

const char* unit_name(Unit u) {
  switch (u) {
    case Unit::Doc:
      return "doc";
    case Unit::Section:
      return "section";
    case Unit::Paragraph:
      return "paragraph";
    case Unit::Sentence:
      return "sentence";
  }
  return "?";
}

namespace {

// A heading's text (marker to the end of its first sentence) longer than this is not a heading
// but a numbered item whose first sentence is ordinary text: its path entry is the marker alone.
constexpr size_t kMaxHeadingChars = 60;
// A parenthesis spanning more code points than this is prose, not an annotation to protect.
constexpr size_t kMaxProtectedParen = 500;

bool is_cn_numeral(char32_t c) {
  switch (c) {
    case U'一':
    case U'二':
    case U'三':
    case U'四':
    case U'五':
    case U'六':
    case U'七':
    case U'八':
    case U'九':
    case U'十':
    case U'百':
    case U'〇':
    case U'零':
      return true;
    default:
      return false;
  }
}
bool is_ascii_digit(char32_t c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_alnum(char32_t c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_cjk(char32_t c) {
  return c >= 0x2E80;
}

size_t count_cn_numerals(std::u32string_view s, size_t from, size_t max) {
  size_t k = from;
  while (k < s.size() && k - from < max && is_cn_numeral(s[k])) ++k;
  return k - from;
}

// Closing punctuation that stays with the sentence before it (folded forms).
bool is_closer(char32_t c) {
  switch (c) {
    case U'”':
    case U'’':
    case U'」':
    case U'』':
    case U')':
    case U']':
    case U'】':
    case U'〕':
    case U'〉':
    case U'》':
    case U'"':
    case U'\'':
      return true;
    default:
      return false;
  }
}

char32_t closer_of(char32_t open) {
  switch (open) {
    case U'(':
      return U')';
    case U'《':
      return U'》';
    case U'〈':
      return U'〉';
    default:
      return 0;
  }
}

// One line, folded, with the positions of protected bracket pairs.
struct LineView {
  std::u32string cps;
  std::vector<uint32_t> offs;   // byte offset of each code point within the line, plus the end
  std::vector<uint32_t> match;  // for an opening bracket: index of its closer, else 0

  void match_brackets() {
    match.assign(cps.size(), 0);
    // A stack of open brackets; a closer pops to its own kind, dropping unmatched inner openers.
    std::vector<uint32_t> stack;
    for (uint32_t i = 0; i < cps.size(); ++i) {
      char32_t c = cps[i];
      if (closer_of(c)) {
        stack.push_back(i);
      } else if (c == U')' || c == U'》' || c == U'〉') {
        for (size_t k = stack.size(); k-- > 0;) {
          if (closer_of(cps[stack[k]]) == c) {
            uint32_t open = stack[k];
            bool paren = c == U')';
            if (!paren || i - open <= kMaxProtectedParen) match[open] = i;
            stack.resize(k);
            break;
          }
        }
      }
    }
  }

  bool terminator_at(size_t i, bool semicolons) const {
    char32_t c = cps[i];
    switch (c) {
      case U'。':
      case U'｡':
      case U'!':
      case U'?':
        return true;
      case U';':
        return semicolons;
      case U'.': {
        // A half-width full stop ends a sentence only after CJK text and not inside a number,
        // an abbreviation or a URL: 325.34万元 and www.gov.cn stay whole.
        bool prev_cjk = i > 0 && is_cjk(cps[i - 1]);
        bool next_alnum = i + 1 < cps.size() && is_ascii_alnum(cps[i + 1]);
        return prev_cjk && !next_alnum;
      }
      default:
        return false;
    }
  }

  size_t skip_space(size_t i, size_t e) const {
    while (i < e && text::is_space(cps[i])) ++i;
    return i;
  }

  // Index just past the end of the sentence that starts at `from`, within [from, e): past its
  // terminator, closing quotes and brackets, and a parenthesised annotation that ends the line or
  // is itself followed by a terminator. Returns e when no terminator is found.
  size_t sentence_end(size_t from, size_t e, bool semicolons) const {
    for (size_t i = from; i < e; ++i) {
      if (match[i]) {
        i = match[i];
        continue;
      }
      if (!terminator_at(i, semicolons)) continue;
      size_t j = absorb(i + 1, e, semicolons);
      if (j < e && cps[j] == U'(' && match[j]) {
        size_t close = match[j];
        if (close + 1 == e || terminator_at(close + 1, semicolons))
          j = absorb(close + 1, e, semicolons);
      }
      return j;
    }
    return e;
  }

  size_t absorb(size_t j, size_t e, bool semicolons) const {
    while (j < e && (terminator_at(j, semicolons) || is_closer(cps[j]) || cps[j] == U'…')) ++j;
    return j;
  }
};

}  // namespace

HeadingMarker heading_marker(std::u32string_view s) {
  size_t n = s.size();
  if (n == 0) return {};
  char32_t c = s[0];
  if (c == U'第') {
    size_t k = count_cn_numerals(s, 1, 4);
    if (k > 0) {
      size_t p = 1 + k;
      if (p < n && s[p] == U'章') return {kChapter, p + 1};
      if (p + 1 < n && s[p] == U'部' && s[p + 1] == U'分') return {kChapter, p + 2};
    }
    return {};
  }
  if (is_cn_numeral(c)) {
    size_t k = count_cn_numerals(s, 0, 4);
    if (k < n && s[k] == U'、') return {kPart, k + 1};
    return {};
  }
  if (c == U'(') {
    size_t k = count_cn_numerals(s, 1, 4);
    if (k > 0 && 1 + k < n && s[1 + k] == U')') return {kSection, k + 2};
    size_t d = 1;
    while (d < n && d < 4 && is_ascii_digit(s[d])) ++d;
    if (d > 1 && d < n && s[d] == U')') return {kSubItem, d + 1};
    return {};
  }
  if (is_ascii_digit(c)) {
    size_t d = 0;
    while (d < n && d < 3 && is_ascii_digit(s[d])) ++d;
    if (d < n && (s[d] == U'.' || s[d] == U'、') && !(d + 1 < n && is_ascii_digit(s[d + 1])))
      return {kItem, d + 1};
    return {};
  }
  if (c >= 0x2474 && c <= 0x2487) return {kSubItem, 1};  // ⑴..⒇
  if (c >= 0x2460 && c <= 0x2473) return {kCircled, 1};  // ①..⑳
  return {};
}

size_t enumerator_at(std::u32string_view s) {
  size_t n = s.size();
  if (n >= 2 && is_cn_numeral(s[0]) && s[0] != U'零' && s[0] != U'〇') {
    size_t k = count_cn_numerals(s, 0, 3);
    if (k < n && s[k] == U'是' && k + 1 < n && s[k + 1] != U'是' && s[k + 1] != U'否') return k + 1;
    return 0;
  }
  if (n >= 3 && (s[0] == U'第' || s[0] == U'其')) {
    size_t k = count_cn_numerals(s, 1, 3);
    if (k > 0 && 1 + k < n && (s[1 + k] == U',' || s[1 + k] == U'、')) return 1 + k;
  }
  return 0;
}

namespace {

class Cutter {
 public:
  Cutter(Document& doc, const SplitOptions& opt) : doc_(doc), opt_(opt) {
    doc_.paths.emplace_back();  // path 0: outside any heading
  }

  void line(uint32_t begin, uint32_t end) {
    ++para_;
    line_begin_ = begin;
    std::string_view bytes = std::string_view(doc_.text).substr(begin, end - begin);
    text::decode(bytes, /*fold=*/true, v_.cps, v_.offs);
    for (char32_t c : v_.cps)
      if (!text::is_space(c)) squeezed_.push_back(c);
    v_.match_brackets();
    item_ = {};
    size_t n = v_.cps.size();
    size_t body = 0;
    HeadingMarker m = heading_marker(v_.cps);
    if (m.level != kNotHeading) {
      size_t he = v_.sentence_end(m.length, n, /*semicolons=*/false);
      he = std::min(he, run_in_enumeration(m.length, he));
      size_t title_end = trim_title(m.length, he);
      if (title_end - m.length <= kMaxHeadingChars && title_end > m.length) {
        push_heading(m.level, bytes_of(0, title_end));
        emit(0, he, m.level);
        body = he;
      } else {
        push_heading(m.level, bytes_of(0, trim_title(0, m.length)));
      }
    }
    if (body == 0 && n >= 2 && v_.cps[0] == U'—' && v_.cps[1] == U'—') item_ = bytes_of(0, 2);
    cut_sentences(v_.skip_space(body, n), n);
  }

 private:
  std::string_view bytes_of(size_t a, size_t b) const {
    return std::string_view(doc_.text).substr(line_begin_ + v_.offs[a], v_.offs[b] - v_.offs[a]);
  }

  // A heading that runs straight into an enumeration ("…各项工作一是印发…二是…"): the heading ends
  // where 一是 starts, provided 二是 follows later in the line.
  size_t run_in_enumeration(size_t from, size_t he) const {
    const auto& c = v_.cps;
    for (size_t k = from + 2; k + 1 < he && k < from + kMaxHeadingChars; ++k) {
      if (c[k] == U'一' && c[k + 1] == U'是') {
        if (std::u32string_view(c).find(U"二是", k + 2) != std::u32string_view::npos) return k;
        return he;
      }
    }
    return he;
  }

  // End of a heading's title without trailing white space and sentence punctuation.
  size_t trim_title(size_t from, size_t end) const {
    while (end > from) {
      char32_t c = v_.cps[end - 1];
      if (text::is_space(c) || c == U'。' || c == U'.' || c == U':' || c == U';' || c == U',' ||
          c == U'、' || c == U'!' || c == U'?')
        --end;
      else
        break;
    }
    return end;
  }

  void push_heading(int level, std::string_view title) {
    while (!stack_.empty() && stack_.back().first >= level) stack_.pop_back();
    stack_.emplace_back(level, std::string(title));
    std::vector<std::string> path;
    path.reserve(stack_.size());
    for (auto& [lvl, t] : stack_) path.push_back(t);
    doc_.paths.push_back(std::move(path));
    path_id_ = uint32_t(doc_.paths.size() - 1);
  }

  void cut_sentences(size_t start, size_t e) {
    size_t i = start;
    while (i < e) {
      if (v_.match[i]) {
        i = v_.match[i] + 1;
        continue;
      }
      char32_t c = v_.cps[i];
      if (v_.terminator_at(i, opt_.semicolons)) {
        size_t j = v_.sentence_end(i, e, opt_.semicolons);
        emit(start, j, kNotHeading);
        start = i = v_.skip_space(j, e);
        continue;
      }
      // An enumeration item after ；or ：starts a segment of its own ("主要有：一是…；二是…").
      if ((c == U';' || c == U':') && i + 1 < e) {
        size_t k = v_.skip_space(i + 1, e);
        if (k < e && enumerator_at(std::u32string_view(v_.cps).substr(k, 4))) {
          emit(start, i + 1, kNotHeading);
          start = i = k;
          continue;
        }
      }
      ++i;
    }
    if (start < e) emit(start, e, kNotHeading);
  }

  void emit(size_t a, size_t b, int heading) {
    a = v_.skip_space(a, b);
    while (b > a && text::is_space(v_.cps[b - 1])) --b;
    if (a == b) return;
    size_t k = enumerator_at(std::u32string_view(v_.cps).substr(a, std::min<size_t>(b - a, 5)));
    if (k) item_ = bytes_of(a, a + k);
    Segment s;
    s.begin = line_begin_ + v_.offs[a];
    s.end = line_begin_ + v_.offs[b];
    s.para = para_;
    s.path = path_id_;
    s.heading = heading;
    s.item = item_;
    doc_.segments.push_back(s);
  }

 public:
  // The document's code points, folded, without white space: what its id is a hash of.
  std::u32string squeezed_;

 private:
  Document& doc_;
  const SplitOptions& opt_;
  LineView v_;
  std::vector<std::pair<int, std::string>> stack_;
  uint32_t path_id_ = 0, para_ = 0, line_begin_ = 0;
  std::string_view item_;
};

// Merges sentence segments into paragraphs, sections or the whole document.
void merge_segments(Document& doc, Unit unit) {
  if (unit == Unit::Sentence || doc.segments.empty()) return;
  std::vector<Segment> out;
  for (const Segment& s : doc.segments) {
    bool starts_group = out.empty();
    if (!starts_group) {
      const Segment& g = out.back();
      if (unit == Unit::Paragraph)
        starts_group = s.para != g.para;
      else if (unit == Unit::Section)
        starts_group = s.path != doc.segments[&s - doc.segments.data() - 1].path;
    }
    if (starts_group) {
      out.push_back(s);
    } else {
      out.back().end = s.end;
    }
  }
  if (unit == Unit::Doc) {  // the whole document sits under no heading and in no enumeration
    out[0].path = 0;
    out[0].heading = kNotHeading;
    out[0].item = {};
  }
  doc.segments = std::move(out);
}

std::string hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

Document segment_text(std::string_view utf8, const SplitOptions& options) {
  Document doc;
  auto& lines = doc.lines;
  doc.text.reserve(utf8.size());
  size_t pos = 0;
  while (pos <= utf8.size()) {
    size_t nl = utf8.find('\n', pos);
    if (nl == std::string_view::npos) nl = utf8.size();
    std::string_view line = text::trim(utf8.substr(pos, nl - pos));
    if (!line.empty()) {
      if (!doc.text.empty()) doc.text.push_back('\n');
      uint32_t b = uint32_t(doc.text.size());
      doc.text.append(line);
      lines.emplace_back(b, uint32_t(doc.text.size()));
    }
    pos = nl + 1;
  }
  Cutter cutter(doc, options);
  for (auto [b, e] : lines) cutter.line(b, e);
  merge_segments(doc, options.unit);
  // UTF-32 code units in the machine's byte order (little-endian on every platform rpt builds for).
  const auto& sq = cutter.squeezed_;
  doc.id = hex64(XXH3_64bits(sq.data(), sq.size() * sizeof(char32_t)));
  return doc;
}

}  // namespace rpt
