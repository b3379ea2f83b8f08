#include "text.h"

#include <simdjson.h>

namespace rpt::text {

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if none starts there (RFC 3629 table 3-7).
size_t valid_sequence_length(std::string_view s, size_t i) {
  auto at = [&](size_t k) -> unsigned { return k < s.size() ? (unsigned char)s[k] : 0x100; };
  unsigned b0 = at(i);
  if (b0 < 0x80) return 1;
  auto cont = [](unsigned b) { return b >= 0x80 && b <= 0xBF; };
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(at(i + 1)) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    unsigned b1 = at(i + 1);
    unsigned lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
    return (b1 >= lo && b1 <= hi && cont(at(i + 2))) ? 3 : 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    unsigned b1 = at(i + 1);
    unsigned lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
    return (b1 >= lo && b1 <= hi && cont(at(i + 2)) && cont(at(i + 3))) ? 4 : 0;
  }
  return 0;
}

}  // namespace

size_t find_invalid_utf8(std::string_view s) {
  if (simdjson::validate_utf8(s.data(), s.size())) return npos;
  for (size_t i = 0; i < s.size();) {
    size_t n = valid_sequence_length(s, i);
    if (n == 0) return i;
    i += n;
  }
  return npos;  // unreachable when the SIMD check and this one agree
}

void append_utf8(std::string& out, char32_t c) {
  char buf[4];
  out.append(buf, encode_utf8(c, buf));
}

std::string fold_width(std::string_view s) {
  // Only three-byte sequences change: U+FF01..U+FF5E (EF BC 81..EF BD 9E) and U+3000 (E3 80 80).
  // Copy everything else in runs.
  std::string out;
  out.reserve(s.size());
  const char* p = s.data();
  const char* end = p + s.size();
  const char* run = p;
  while (p + 2 < end) {
    auto b0 = static_cast<unsigned char>(p[0]);
    if (b0 != 0xEF && b0 != 0xE3) {
      ++p;
      continue;
    }
    auto b1 = static_cast<unsigned char>(p[1]), b2 = static_cast<unsigned char>(p[2]);
    char32_t folded = 0;
    if (b0 == 0xEF && (b1 == 0xBC || b1 == 0xBD)) {
      char32_t c = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
      if (c >= 0xFF01 && c <= 0xFF5E) folded = c - 0xFEE0;
    } else if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) {
      folded = 0x20;
    }
    if (!folded) {
      ++p;
      continue;
    }
    out.append(run, size_t(p - run));
    out.push_back(char(folded));
    p += 3;
    run = p;
  }
  out.append(run, size_t(end - run));
  return out;
}

size_t count_code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char b : s) n += (b & 0xC0) != 0x80;
  return n;
}

std::string_view trim(std::string_view s) {
  auto p = reinterpret_cast<const unsigned char*>(s.data());
  auto end = p + s.size();
  auto begin = p;
  // Leading: decode forward.
  // The length a lead byte claims; a sequence it claims past the end is cut short: not space (and
  // never decoded, so nothing past the view is read).
  auto claimed = [](unsigned char c) -> size_t {
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  };
  while (p < end) {
    if (size_t(end - p) < claimed(*p)) break;
    auto q = p;
    if (!is_space(decode_one(q))) break;
    p = q;
  }
  size_t b = p - begin;
  // Trailing: step back over continuation bytes to each code point's start.
  size_t e = s.size();
  while (e > b) {
    size_t k = e - 1;
    while (k > b && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    if (claimed(static_cast<unsigned char>(s[k])) != e - k) break;
    auto q = begin + k;
    if (!is_space(decode_one(q))) break;
    e = k;
  }
  return s.substr(b, e - b);
}

void decode(std::string_view s, bool fold, std::u32string& cps, std::vector<uint32_t>& offsets) {
  cps.clear();
  offsets.clear();
  auto begin = reinterpret_cast<const unsigned char*>(s.data());
  auto p = begin, end = begin + s.size();
  while (p < end) {
    offsets.push_back(uint32_t(p - begin));
    char32_t c = decode_one(p);
    cps.push_back(fold ? fold_width(c) : c);
  }
  offsets.push_back(uint32_t(s.size()));
}

std::string squeeze(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto p = reinterpret_cast<const unsigned char*>(s.data());
  auto end = p + s.size();
  while (p < end) {
    char32_t c = decode_one(p);
    if (!is_space(c)) append_utf8(out, fold_width(c));
  }
  return out;
}

std::u32string folded(std::string_view s) {
  std::u32string cps;
  std::vector<uint32_t> offsets;
  decode(s, true, cps, offsets);
  return cps;
}

std::string to_utf8(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size() * 3);
  for (char32_t c : cps) append_utf8(out, c);
  return out;
}

}  // namespace rpt::text
