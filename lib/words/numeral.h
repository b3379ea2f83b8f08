// numeral: reading numbers as Chinese reports write them.
//
//   325.34 / 1,234 / 1,100万 / 1,100.9亿 / 6600多万 / 1.39万亿      Arabic, separators, magnitudes
//   一千二百三十四 / 两 / 十余 / 二十万亿 / 一万五千亿 / 四万万 / 三十万多亿    Chinese numerals
//   二〇二四 / 三点五 / 六十点八                                     digit strings, 点 decimals
//   百分之六十點八 / 二千萬 / 兩億 / 一億六千餘萬                       traditional characters
//   伍佰元 / 叁万 (not 陆地, 队伍)                                     大写 digits, in amounts only
//   85% / 百分之八十五 / 百分之百 / 三分之一 / 1/4 / 一半                 percents and fractions
//   3-5 / 三至五 / 5—10万                                            ranges (value, value_max)
//   上万 / 上千万 / 上亿                                               upwards of (over)
//   约 近 大约 左右 → about; 余 多 以上 超 超过 逾 突破 不少于 至少 → over;
//   不足 不到 以下 最多 不超过 → under
//
// Invariants:
// - Reads width-folded code points (text::fold_width): full-width and half-width digits read alike.
// - Spans are code points of that text, half-open; `begin`/`end` cover the number with its
//   approximation words (约80, 80左右), `number_begin`/`number_end` the number alone. A 左右/以上/
//   以下 after a short classifier (100人左右) sets `approx` but stays outside the span.
// - Big units compose the way the language does: a larger unit multiplies everything before it
//   (一万五千亿 = 1.5×10^12, 二十万亿 = 2×10^13), a unit right after another multiplies (四万万 =
//   4×10^8), a smaller one after other digits adds a segment (一亿二千万 = 1.2×10^8).
// - The reader only reads; deciding that a number is a year, an ordinal or part of a name is the
//   extractor's job (it has the context), with the help of `ordinal` (第三, 三是) flagged here.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace rpt {

enum class Approx { Exact, Over, About, Under };
const char* approx_name(Approx a);  // null for Exact, "over", "about", "under"

struct Numeral {
  size_t begin = 0, end = 0;                // with approximation words
  size_t number_begin = 0, number_end = 0;  // the number itself
  double value = 0;
  std::optional<double> value_max;  // ranges
  Approx approx = Approx::Exact;
  bool percent = false;    // 85%, 百分之八十五 (value is 85)
  bool fraction = false;   // 三分之一 (value is 1/3)
  bool chinese = false;    // written with Chinese numerals
  bool magnitude = false;  // sized by 万/亿 (14亿, 上千万): a quantity even with no unit
  bool ordinal =
      false;  // preceded by 第 or followed by 是 (第三, 三是): an enumerator, not a count
  // A 左右/以上/以下/以内 found after a short classifier (100人左右): where it stands, so that the
  // extractor, which knows the classifier, can take it into the quantity's span. 0, 0: none.
  size_t suffix_begin = 0, suffix_end = 0;
  // A range whose ends each carry their own percent (3%-5%, 百分之四至百分之五): where the low
  // end ends and the high end begins, for a reader that takes them as two figures. 0, 0: none.
  size_t low_end = 0, high_begin = 0;
};

// The value of a Chinese digit (〇 零 一 二 两 … 九, and 壹 贰 … 玖, 兩), else -1.
int chinese_digit(char32_t c);

// Whether a numeral can start with c (a digit, a Chinese numeral, 百 of 百分之, 上 of 上万, or the
// first character of an approximation word): callers skip other positions without calling
// read_numeral.
bool numeral_may_start(char32_t c);

// The numeral that starts at s[i] (its number or a prefix word such as 约), if one does.
std::optional<Numeral> read_numeral(std::u32string_view s, size_t i);

// Letter-spaced digits of converted text (7 4 7 7 2亿元, 1 9 9 7 年): whether the space at s[k]
// lies between two digits that each stand alone (or a digit and the decimal point after it), so
// that a reader reads the number across it.
bool spaced_digit_gap(std::u32string_view s, size_t k);
// After Arabic digits, up to three spaces before what follows them (2 页, 1 9 9 7 年, 1 1 %): the
// position of what follows, or k when s[k] is not such a space.
size_t after_digit_space(std::u32string_view s, size_t k);

// Every numeral in s, left to right, not overlapping.
std::vector<Numeral> find_numerals(std::u32string_view s);

}  // namespace rpt
