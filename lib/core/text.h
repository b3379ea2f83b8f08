// text: UTF-8 validation and decoding, width folding, whitespace.
//
// Invariants:
// - Every function here takes valid UTF-8 unless its name says it validates.
// - fold_width maps one code point to one code point, so a folded copy has exactly as many code
//   points as the original: a code-point index into one is an index into the other. That is what
//   lets rpt classify on folded text and still report spans and byte ranges of the original.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rpt::text {

inline constexpr size_t npos = std::string_view::npos;

// Offset of the first byte that does not start a valid UTF-8 sequence (overlongs, surrogates and
// code points past U+10FFFF are invalid), or npos. Fast path: SIMD validation of the whole input.
size_t find_invalid_utf8(std::string_view s);
inline bool is_valid_utf8(std::string_view s) {
  return find_invalid_utf8(s) == npos;
}

// Decodes the code point at p (valid UTF-8) and advances p past it.
inline char32_t decode_one(const unsigned char*& p) {
  unsigned char b = *p;
  if (b < 0x80) {
    ++p;
    return b;
  }
  if (b < 0xE0) {
    char32_t c = ((b & 0x1F) << 6) | (p[1] & 0x3F);
    p += 2;
    return c;
  }
  if (b < 0xF0) {
    char32_t c = ((b & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    p += 3;
    return c;
  }
  char32_t c = ((b & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
  p += 4;
  return c;
}

void append_utf8(std::string& out, char32_t c);
// Writes c's UTF-8 (1 to 4 bytes) at out; returns how many.
inline size_t encode_utf8(char32_t c, char* out) {
  if (c < 0x80) {
    out[0] = char(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = char(0xC0 | (c >> 6)), out[1] = char(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = char(0xE0 | (c >> 12)), out[1] = char(0x80 | ((c >> 6) & 0x3F));
    out[2] = char(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = char(0xF0 | (c >> 18)), out[1] = char(0x80 | ((c >> 12) & 0x3F));
  out[2] = char(0x80 | ((c >> 6) & 0x3F)), out[3] = char(0x80 | (c & 0x3F));
  return 4;
}

// Width folding: full-width ASCII forms (U+FF01..U+FF5E) become their ASCII counterparts and the
// ideographic space U+3000 becomes U+0020. Chinese punctuation with no ASCII twin (。、《》“”)
// is left alone: a half-width copy of a report keeps it too.
inline char32_t fold_width(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  if (c == 0x3000) return 0x20;
  return c;
}
std::string fold_width(std::string_view s);

// White space as reports use it: ASCII space and controls, NBSP, the U+2000 block with the
// zero-width joiners pages leave at line ends (U+200C, U+200D), U+3000, BOM.
inline bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200D) || c == 0x202F || c == 0x205F || c == 0x2060 || c == 0x3000 ||
         c == 0xFEFF;
}

size_t count_code_points(std::string_view s);

// Trims white space (is_space) from both ends.
std::string_view trim(std::string_view s);

// Decodes s into code points, folded when fold is true, and records the byte offset of each code
// point in s; offsets gets one extra entry, s.size(), so [offsets[i], offsets[j]) is the bytes of
// code points i..j-1. The vectors are cleared first (callers reuse them across lines).
void decode(std::string_view s, bool fold, std::u32string& cps, std::vector<uint32_t>& offsets);

// The code points of s, width-folded: the form rpt's readers match against (positions are those of
// s, since folding maps one code point to one).
std::u32string folded(std::string_view s);
// UTF-8 of code points.
std::string to_utf8(std::u32string_view cps);

// Removes white space and folds width: the form two copies of a report are compared in.
std::string squeeze(std::string_view s);

}  // namespace rpt::text
