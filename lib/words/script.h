// script: reading traditional Han characters as simplified ones, one code point for one.
//
// The table is data (patterns/script/traditional.tsv, generated from ICU's Traditional-Simplified
// transform by scripts/gen-t2s). rpt reads document fields, furniture and topics off this
// simplified reading; the text it writes stays as written.
//
// Invariants:
// - simplified() maps one code point to one code point, so the reading of a line has as many code
//   points as the line: positions in one are positions in the other.
// - A code point outside the table (every simplified character, all non-Han text) maps to itself.
// - reading() is the form the split rules match: width-folded, simplified, with the pinyin that
//   machine-converted mirrors insert after characters (統(tǒng)) removed. It is for matching only:
//   it may be shorter than the line, so no position is taken from it.
// - strip_pinyin_glosses() takes the same insertions out of the text itself (rpt split, before a
//   page is read), more strictly: only readings with a tone-marked vowel or ü, of at most
//   kMaxGlossLetters letters, so (a), (PM2.5) or (tong) stay. Line breaks are never removed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rpt {

// The longest pinyin syllable (zhuang) has six letters; a gloss may hold one more.
inline constexpr size_t kMaxGlossLetters = 7;

// The text without the pinyin glosses a converter wrote after Han characters (統(tǒng)籌 → 統籌),
// into out; returns how many were removed (0: out is left untouched, the caller keeps its text).
size_t strip_pinyin_glosses(std::string_view text, std::string& out);

class ScriptTable {
 public:
  // Loads the TSV (traditional TAB simplified). Throws DataError (file:line) on a bad row.
  explicit ScriptTable(const std::string& path);
  // An empty table: every character maps to itself.
  ScriptTable() = default;

  char32_t simplified(char32_t c) const {
    if (c < kFirst || c >= kFirst + map_.size()) return c;
    char16_t s = map_[c - kFirst];
    return s ? char32_t(s) : c;
  }
  size_t size() const { return pairs_; }

  // Width-folded, simplified UTF-8 of a line, with pinyin insertions ("(tǒng)" after a Han
  // character) removed. Valid UTF-8 in, valid UTF-8 out.
  std::string reading(std::string_view utf8) const { return reading(utf8, nullptr); }
  // The same, and for every byte of the reading the offset of the byte of utf8 it comes from
  // (plus one entry for the end): a match in the reading is cut from the line as written with
  // utf8.substr(map[a], map[b] - map[a]).
  std::string reading(std::string_view utf8, std::vector<uint32_t>* byte_map) const;
  // Simplifies the Han characters of valid UTF-8 in place. Every character the table maps is
  // three bytes long and so is its simplified form, so byte offsets (and code points) stay where
  // they were: a match in the result is a match at the same offsets of the input.
  void simplify_in_place(std::string& utf8) const;
  // text::fold_width, then simplify_in_place, in one pass over valid UTF-8 (what rpt tag matches
  // every record's text in). Code points stay where they were.
  std::string fold_and_simplify(std::string_view utf8) const;

 private:
  static constexpr char32_t kFirst = 0x3400;  // CJK Extension A; the table ends before U+FB00
  std::vector<char16_t> map_;
  size_t pairs_ = 0;
};

}  // namespace rpt
