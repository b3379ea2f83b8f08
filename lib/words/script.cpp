#include "script.h"

#include <fstream>

#include "io.h"
#include "text.h"

namespace rpt {

ScriptTable::ScriptTable(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError({path}, "cannot open (the traditional-character table)");
  std::string line;
  uint64_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::u32string cps = text::folded(line);
    if (!text::is_valid_utf8(line) || cps.size() != 3 || cps[1] != '\t')
      throw DataError({path, n}, "expected TRADITIONAL<TAB>SIMPLIFIED, one character each");
    char32_t from = cps[0], to = cps[2];
    if (from < kFirst || from >= 0xFB00 || to > 0xFFFF)
      throw DataError({path, n},
                      "character outside U+3400..U+FAFF or a simplified form past the BMP");
    if (map_.empty()) map_.assign(0xFB00 - kFirst, 0);
    map_[from - kFirst] = char16_t(to);
    ++pairs_;
  }
}

namespace {
bool is_han(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}
// Letters of pinyin syllables: a-z, ü and the tone-marked vowels.
bool is_pinyin_letter(char32_t c) {
  if (c >= 'a' && c <= 'z') return true;
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
    case U'ü':
    case U'ǖ':
    case U'ǘ':
    case U'ǚ':
    case U'ǜ':
      return true;
    default:
      return false;
  }
}

// A pinyin gloss opening at p ('(' or '（'): up to max_letters pinyin letters, then ')' or '）';
// with toned, one of them a tone-marked vowel or ü. Returns the end of the gloss, or nullptr.
const unsigned char* gloss_end(const unsigned char* p, const unsigned char* end, bool toned,
                               size_t max_letters) {
  if (p >= end || text::fold_width(text::decode_one(p)) != '(') return nullptr;
  size_t letters = 0;
  bool has_tone = false;
  while (p < end && letters < max_letters) {
    auto q = p;
    char32_t d = text::fold_width(text::decode_one(q));
    if (!is_pinyin_letter(d)) break;
    has_tone |= d >= 0x80;
    p = q, ++letters;
  }
  if (letters == 0 || (toned && !has_tone) || p >= end) return nullptr;
  if (text::fold_width(text::decode_one(p)) != ')') return nullptr;
  return p;
}
}  // namespace

size_t strip_pinyin_glosses(std::string_view text, std::string& out) {
  // Most documents have no parenthesis at all: two memchr-speed searches, no decoding.
  if (text.find('(') == std::string_view::npos && text.find("（") == std::string_view::npos)
    return 0;
  size_t removed = 0;
  auto base = reinterpret_cast<const unsigned char*>(text.data());
  auto p = base, end = base + text.size(), copied = base;
  char32_t prev = 0;
  while (p < end) {
    if (is_han(prev) && (*p == '(' || *p == 0xEF)) {  // 0xEF: the lead byte of '（'
      if (auto e = gloss_end(p, end, true, kMaxGlossLetters)) {
        if (!removed++) out.clear();
        out.append(reinterpret_cast<const char*>(copied), size_t(p - copied));
        p = copied = e;
        continue;  // prev stays the Han character the gloss read
      }
    }
    prev = text::decode_one(p);
  }
  if (removed) out.append(reinterpret_cast<const char*>(copied), size_t(end - copied));
  return removed;
}

void ScriptTable::simplify_in_place(std::string& utf8) const {
  if (map_.empty()) return;
  auto* p = reinterpret_cast<unsigned char*>(utf8.data());
  size_t n = utf8.size();
  for (size_t i = 0; i + 2 < n; ++i) {
    if ((p[i] & 0xF0) != 0xE0) continue;  // only three-byte sequences hold mapped characters
    char32_t c = char32_t(p[i] & 0x0F) << 12 | char32_t(p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
    char32_t s = simplified(c);
    if (s != c && s >= 0x800) {
      p[i] = (unsigned char)(0xE0 | (s >> 12));
      p[i + 1] = (unsigned char)(0x80 | ((s >> 6) & 0x3F));
      p[i + 2] = (unsigned char)(0x80 | (s & 0x3F));
    }
    i += 2;
  }
}

std::string ScriptTable::fold_and_simplify(std::string_view utf8) const {
  std::string out(utf8);
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  const size_t n = out.size();
  size_t w = 0;  // folding shortens (3 bytes to 1): written behind the reading position
  for (size_t i = 0; i < n;) {
    if ((p[i] & 0xF0) != 0xE0 || i + 2 >= n) {  // only three-byte sequences change
      p[w++] = p[i++];
      continue;
    }
    char32_t c = char32_t(p[i] & 0x0F) << 12 | char32_t(p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
    char32_t f = text::fold_width(c);  // full-width forms and U+3000: one ASCII byte
    if (f == c) {
      f = simplified(c);
      if (f < 0x800) f = c;  // a mapping must keep the three bytes (offsets stay)
    }
    w += text::encode_utf8(f, reinterpret_cast<char*>(p + w));
    i += 3;
  }
  out.resize(w);
  return out;
}

std::string ScriptTable::reading(std::string_view utf8, std::vector<uint32_t>* byte_map) const {
  std::string out;
  out.reserve(utf8.size());
  if (byte_map) byte_map->clear();
  auto base = reinterpret_cast<const unsigned char*>(utf8.data());
  auto p = base, end = base + utf8.size();
  char32_t prev = 0;
  while (p < end) {
    const unsigned char* start = p;
    char32_t c = text::fold_width(text::decode_one(p));
    // 統(tǒng): a Han character followed by its pinyin in parentheses, with a tone mark or not.
    if (c == '(' && is_han(prev)) {
      if (auto e = gloss_end(start, end, false, kMaxGlossLetters + 1)) {
        p = e;
        continue;  // prev stays the Han character
      }
    }
    char32_t s = simplified(c);
    size_t before = out.size();
    if (c < 0x80)
      out.push_back(char(c));
    else if (s == c && size_t(p - start) == 3 && c >= 0x800 && c < 0x10000 && c != 0x3000 &&
             !(c >= 0xFF01 && c <= 0xFF5E))
      out.append(reinterpret_cast<const char*>(start), 3);  // unchanged: copy its bytes
    else
      text::append_utf8(out, s);
    if (byte_map) byte_map->insert(byte_map->end(), out.size() - before, uint32_t(start - base));
    prev = c;
  }
  if (byte_map) byte_map->push_back(uint32_t(utf8.size()));
  return out;
}

}  // namespace rpt
