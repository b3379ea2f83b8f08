// Fuzz target: the numeral reader (lib/words/numeral) over any UTF-8 text.
// Invariants: find_numerals never crashes or reads outside the text; every numeral's spans lie
// inside the text and inside each other (number within numeral), numerals come left to right
// without overlapping; read_numeral at every position agrees on those bounds; a range's maximum
// is a number.
#include <cmath>

#include "fuzz_util.h"
#include "numeral.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Code points from the bytes, two bytes each (big-endian): with the high bit set, a character
  // numerals are made of (so that the fuzzer reaches deep paths quickly); else below 0x4000 the
  // code point itself, 0x4000 and up the CJK ideographs from U+4E00. scripts/fuzz writes seeds
  // the same way (fuzz/seeds.py).
  static const char32_t kAlphabet[] =
      U"0123456789.,%-~ "
      U"〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟兩余多几约近超过逾以上下内左右第"
      U"是分之点成倍个年月日号期级批届亿元人次、：——－～％．，";
  constexpr size_t kN = sizeof kAlphabet / sizeof kAlphabet[0] - 1;
  std::u32string s;
  for (size_t i = 0; i + 1 < size; i += 2) {
    unsigned v = unsigned(data[i]) << 8 | data[i + 1];
    if (v & 0x8000)
      s.push_back(kAlphabet[(v & 0x7FFF) % kN]);
    else
      s.push_back(char32_t(v & 0x7FFF) + (v & 0x4000 ? 0x4E00 - 0x4000 : 0));
  }
  std::u32string_view sv(s);
  auto all = rpt::find_numerals(sv);
  size_t last_end = 0;
  for (const auto& n : all) {
    fuzz::check(n.begin < n.end && n.end <= s.size(), "numeral span outside the text");
    fuzz::check(n.begin <= n.number_begin && n.number_begin < n.number_end && n.number_end <= n.end,
                "number span outside its numeral");
    fuzz::check(n.begin >= last_end, "numerals overlap or go backwards");
    fuzz::check(n.suffix_begin <= n.suffix_end && n.suffix_end <= s.size(),
                "suffix span outside the text");
    fuzz::check(!std::isnan(n.value), "numeral value is NaN");
    if (n.value_max) fuzz::check(!std::isnan(*n.value_max), "range maximum is NaN");
    last_end = n.end;
  }
  for (size_t i = 0; i < s.size(); ++i) {
    if (!rpt::numeral_may_start(s[i])) continue;
    if (auto n = rpt::read_numeral(sv, i))
      fuzz::check(n->begin >= i && n->end <= s.size() && n->begin < n->end,
                  "read_numeral span outside the text");
  }
  return 0;
}
