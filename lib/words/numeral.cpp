#include "numeral.h"

#include <cmath>
#include <initializer_list>
#include <vector>

namespace rpt {

const char* approx_name(Approx a) {
  switch (a) {
    case Approx::Over:
      return "over";
    case Approx::About:
      return "about";
    case Approx::Under:
      return "under";
    default:
      return nullptr;
  }
}

namespace {

int cn_digit(char32_t c) {
  switch (c) {
    case U'零':
    case U'〇':
    case U'○':
      return 0;
    case U'一':
    case U'壹':
      return 1;
    case U'二':
    case U'两':
    case U'兩':
    case U'贰':
      return 2;
    case U'三':
    case U'叁':
      return 3;
    case U'四':
    case U'肆':
      return 4;
    case U'五':
    case U'伍':
      return 5;
    case U'六':
    case U'陆':
      return 6;
    case U'七':
    case U'柒':
      return 7;
    case U'八':
    case U'捌':
      return 8;
    case U'九':
    case U'玖':
      return 9;
    default:
      return -1;
  }
}

double small_unit(char32_t c) {
  switch (c) {
    case U'十':
    case U'拾':
      return 10;
    case U'百':
    case U'佰':
      return 100;
    case U'千':
    case U'仟':
      return 1000;
    default:
      return 0;
  }
}

// 大写 numerals, as cheques and contracts write amounts.
bool financial(char32_t c) {
  switch (c) {
    case U'壹':
    case U'贰':
    case U'叁':
    case U'肆':
    case U'伍':
    case U'陆':
    case U'柒':
    case U'捌':
    case U'玖':
    case U'拾':
    case U'佰':
    case U'仟':
      return true;
    default:
      return false;
  }
}

double big_unit(char32_t c) {
  switch (c) {
    case U'万':
    case U'萬':
      return 1e4;
    case U'亿':
    case U'億':
      return 1e8;
    default:
      return 0;
  }
}

bool ascii_digit(char32_t c) {
  return c >= '0' && c <= '9';
}

// Called for every prefix word at every place a number may start: the first character decides
// most calls before any comparison of the rest.
inline bool starts(std::u32string_view s, size_t i, std::u32string_view w) {
  return i < s.size() && s[i] == w[0] && s.size() >= i + w.size() &&
         s.substr(i + 1, w.size() - 1) == w.substr(1);
}

// A middle dot between digits that some typeset reports use as the decimal point (19·5％,
// 3·5亿元): only before a percent or a magnitude, so that the dates of events (5·12, “9·11”) stay
// out of it.
bool middle_dot_decimal(std::u32string_view s, size_t k) {
  if (s[k] != U'·' && s[k] != U'・' && s[k] != U'･') return false;
  size_t e = k + 1;
  while (e < s.size() && ascii_digit(s[e])) ++e;
  return e > k + 1 && e < s.size() && (s[e] == '%' || s[e] == U'％' || big_unit(s[e]));
}

// The number proper: digits, units, 点 decimals and inner 余/多.
struct Core {
  size_t end = 0;
  double value = 0;
  double big = 1;  // product of the big units at its end (10万 → 1e4), for ranges such as 5-10万
  bool chinese = false;
  bool over = false;  // 余/多 inside (十余, 6600多万)
  bool percent = false;
};

std::optional<Core> read_core(std::u32string_view s, size_t i) {
  Core c;
  double result = 0, section = 0, number = 0, last_big = 0;
  bool have_number = false, since_big = false, any = false, arabic_seen = false;
  double last_small = 0;  // the last small unit (十 百 千) of the current section, 0: none
  size_t j = i;
  while (j < s.size()) {
    char32_t ch = s[j];
    if (ascii_digit(ch)) {
      if (have_number || arabic_seen) break;  // two numbers side by side
      double v = 0;
      size_t k = j;
      while (k < s.size()) {
        if (ascii_digit(s[k])) {
          v = v * 10 + double(s[k] - '0');
          ++k;
        } else if (spaced_digit_gap(s, k)) {
          ++k;  // 7 4 7 7 2: letter-spaced digits
        } else if (s[k] == ',' && k + 3 < s.size() && ascii_digit(s[k + 1]) &&
                   ascii_digit(s[k + 2]) && ascii_digit(s[k + 3]) &&
                   !(k + 4 < s.size() && ascii_digit(s[k + 4]))) {
          ++k;  // a thousands separator: exactly three digits follow (1,100万; not 1,10)
        } else {
          break;
        }
      }
      if (k < s.size() && (s[k] == '.' || middle_dot_decimal(s, k)) && k + 1 < s.size() &&
          ascii_digit(s[k + 1])) {
        double scale = 0.1;
        ++k;
        while (k < s.size() && (ascii_digit(s[k]) || spaced_digit_gap(s, k)))
          if (ascii_digit(s[k]))
            v += double(s[k++] - '0') * scale, scale /= 10;
          else
            ++k;
      }
      number = v, have_number = true, since_big = true, any = true, arabic_seen = true;
      j = k;
      // 7 4 7 7 2 亿元, 74.4 万亿元: a magnitude after spaces.
      if (size_t a = after_digit_space(s, j); a > j && a < s.size() && big_unit(s[a])) j = a;
      continue;
    }
    int d = cn_digit(ch);
    // The financial forms (壹 贰 … 玖) are digits only in an amount written with them (伍佰元,
    // 叁万): alone they are words of prose (陆地, 队伍).
    if (d > 0 && financial(ch) &&
        !(j + 1 < s.size() &&
          (financial(s[j + 1]) || big_unit(s[j + 1]) || s[j + 1] == U'元' || s[j + 1] == U'圆')))
      d = -1;
    if (d >= 0) {
      if (have_number) {
        // A run of Chinese digits without units: 二〇二四 (positional) or 三四 (three or four).
        // 两 is never a positional digit: 一九八二两年 is 1982 and two years.
        auto positional = [](char32_t c) { return cn_digit(c) >= 0 && c != U'两' && c != U'兩'; };
        if (!positional(ch)) break;
        size_t k = j - 1;
        while (k > i && positional(s[k - 1])) --k;
        size_t run_end = j;
        while (run_end < s.size() && positional(s[run_end])) ++run_end;
        if (run_end - k >= 3 || cn_digit(s[k]) == 0 || d == 0) {
          double v = 0;
          for (size_t m = k; m < run_end; ++m) v = v * 10 + cn_digit(s[m]);
          number = v;
          j = run_end;
          c.chinese = true;
          continue;
        }
        break;  // 三四 ("three or four"): each is read on its own
      }
      number = d, have_number = true, since_big = true, any = true, c.chinese = true;
      ++j;
      continue;
    }
    // 三点五, and after a unit 六十点八 (the decimals add to the number pending after 六十).
    if ((ch == U'点' || ch == U'點') && (have_number || (any && !arabic_seen && last_big == 0)) &&
        j + 1 < s.size() && cn_digit(s[j + 1]) >= 0) {
      double scale = 0.1;
      size_t k = j + 1;
      while (k < s.size() && cn_digit(s[k]) >= 0) number += cn_digit(s[k++]) * scale, scale /= 10;
      have_number = true;
      j = k;
      continue;
    }
    if (double u = small_unit(ch)) {
      // A unit with no digit before it is one of it only for 十 (十二, 十余) or inside a number
      // (一百十); 千 and 百 alone start idioms (千方百计), not numbers.
      if (!have_number) {
        if (u != 10 && !any) break;
        // 千 or 百 right after 万/亿 with no digit is a unit's start, not the number's: 万千瓦.
        if (u != 10 && !since_big) break;
        // A unit right after a unit as large or larger, with no digit between, is no numeral
        // (二千五百千 is not one): it starts the classifier (七万二千五百千瓦 is 72500 kW).
        if (last_small != 0 && u >= last_small) break;
        number = 1;
      }
      last_small = u;
      section += number * u;
      number = 0, have_number = false, since_big = true, any = true;
      c.chinese = c.chinese || !arabic_seen;
      ++j;
      continue;
    }
    if (double u = big_unit(ch)) {
      if (!any) break;  // 万人: not a number
      double pending = section + number;
      if (last_big == 0 || u > last_big) {
        result = (result + pending) * u;  // 一万五千亿: the larger unit multiplies all before it
        c.big *= u;
        last_big = u;
      } else if (!since_big) {
        result *= u;  // 四万万: a unit right after another multiplies
        c.big *= u;
      } else {
        result += pending * u;  // 一亿二千万: a smaller unit after digits adds a segment
      }
      section = 0, number = 0, have_number = false, since_big = false, last_small = 0;
      ++j;
      continue;
    }
    if ((ch == U'余' || ch == U'餘' || ch == U'多') && any) {
      c.over =
          true;  // 十余个, 80余场次, 6600多万, 三十万多亿: over, and a magnitude may still follow
      ++j;
      continue;
    }
    break;
  }
  if (!any) return std::nullopt;
  c.value = result + section + number;
  c.end = j;
  return c;
}

struct Word {
  std::u32string_view w;
  Approx a;
};
const Word kPrefixes[] = {
    {U"大约", Approx::About},  {U"约", Approx::About},    {U"将近", Approx::About},
    {U"接近", Approx::About},  {U"近", Approx::About},    {U"超过", Approx::Over},
    {U"超", Approx::Over},     {U"逾", Approx::Over},     {U"突破", Approx::Over},
    {U"不少于", Approx::Over}, {U"不低于", Approx::Over}, {U"高于", Approx::Over},
    {U"至少", Approx::Over},   {U"最少", Approx::Over},   {U"不超过", Approx::Under},
    {U"最多", Approx::Under},  {U"不足", Approx::Under},  {U"不到", Approx::Under},
    {U"低于", Approx::Under},  {U"少于", Approx::Under},  {U"多于", Approx::Over}};
const Word kSuffixes[] = {{U"左右", Approx::About},
                          {U"以上", Approx::Over},
                          {U"以下", Approx::Under},
                          {U"以内", Approx::Under}};

bool range_mark(std::u32string_view s, size_t i, size_t& len) {
  if (i >= s.size()) return false;
  char32_t c = s[i];
  if (c == '-' || c == U'—' || c == U'–' || c == '~' || c == U'～' || c == U'至' || c == U'到') {
    len = 1;
    if (c == U'—' && i + 1 < s.size() && s[i + 1] == U'—') len = 2;
    return true;
  }
  return false;
}

}  // namespace

bool spaced_digit_gap(std::u32string_view s, size_t k) {
  auto lone_digit_before = [&](size_t p) {  // s[p] a digit with no digit before it
    return ascii_digit(s[p]) && (p == 0 || !ascii_digit(s[p - 1]));
  };
  if (k == 0 || k + 1 >= s.size() || s[k] != ' ') return false;
  bool left = lone_digit_before(k - 1) || (s[k - 1] == '.' && k >= 2 && ascii_digit(s[k - 2]));
  bool right = (ascii_digit(s[k + 1]) && (k + 2 >= s.size() || !ascii_digit(s[k + 2]))) ||
               (s[k + 1] == '.' && k + 2 < s.size() && ascii_digit(s[k + 2]));
  return left && right;
}

size_t after_digit_space(std::u32string_view s, size_t k) {
  if (k == 0 || k >= s.size() || s[k] != ' ' || !ascii_digit(s[k - 1])) return k;
  size_t e = k;
  while (e < s.size() && e - k < 3 && s[e] == ' ') ++e;  // up to three (74.4 ​ 万亿元)
  if (e >= s.size() || s[e] == ' ' || s[e] == '\t' || s[e] == '\n' || ascii_digit(s[e])) return k;
  return e;
}

int chinese_digit(char32_t c) {
  static const std::vector<int8_t> table = [] {  // callers ask at nearly every character
    std::vector<int8_t> t(0x10000, -1);
    for (char32_t k = 0x80; k < 0x10000; ++k) t[k] = int8_t(cn_digit(k));  // ○ is U+25CB
    return t;
  }();
  return c < 0x10000 ? table[c] : -1;
}

bool numeral_may_start(char32_t c) {
  static const std::vector<bool> table = [] {  // callers ask at every character: one lookup
    std::vector<bool> t(0x10000, false);
    for (char32_t d = '0'; d <= '9'; ++d) t[d] = true;
    for (char32_t k = 0x3000; k < 0x10000; ++k) t[k] = cn_digit(k) >= 0 || small_unit(k) != 0;
    for (const Word& p : kPrefixes) t[p.w[0]] = true;
    t[U'上'] = true;
    t[U'半'] = true;  // 半数
    return t;
  }();
  return c < 0x10000 && table[c];
}

std::optional<Numeral> read_numeral(std::u32string_view s, size_t i) {
  Numeral n;
  n.begin = i;
  size_t j = i;
  // 几十, 几百万: "some tens" has no definite number.
  if (i > 0 && (s[i - 1] == U'几' || s[i - 1] == U'幾') && i < s.size() && small_unit(s[i]))
    return std::nullopt;
  // Magnitude words with no digit after [at], up to three: 千万 = 1e7 (0 when there are none).
  auto bare_magnitude = [&](size_t at, size_t& end) {
    double v = 1;
    end = at;
    while (end < s.size() && end - at < 3) {
      double f = small_unit(s[end]) ? small_unit(s[end]) : big_unit(s[end]);
      if (!f) break;
      v *= f, ++end;
    }
    return end > at ? v : 0.0;
  };
  // 上千, 上万, 上千万, 上亿: "upwards of", magnitude words with no digit.
  if (i < s.size() && s[i] == U'上') {
    size_t k;
    double v = bare_magnitude(i + 1, k);
    if (v < 1e3) return std::nullopt;  // 上百 (too vague), 上一年度 (not a number)
    n.number_begin = i + 1, n.number_end = n.end = k;
    n.value = v, n.approx = Approx::Over, n.chinese = true, n.magnitude = v >= 1e4;
    return n;
  }
  // 近千万, 约百万, 超过万: an approximation word before bare magnitude words (a lone 千万 is
  // also "by all means", so only after such a word). Not a 约 that ends a word (签约亿元以上项目,
  // 节约, 制约): after a Han character 约 is read as a prefix only before digits.
  const bool word_final_yue = i > 0 && s[i] == U'约' && (s[i - 1] >= 0x4E00 && s[i - 1] <= 0x9FFF);
  for (const Word& p : kPrefixes)
    if (p.a != Approx::Under && !word_final_yue && starts(s, j, p.w)) {
      size_t k;
      double v = bare_magnitude(j + p.w.size(), k);
      if (v >= 1e4 && (k >= s.size() || (cn_digit(s[k]) < 0 && !ascii_digit(s[k])))) {
        n.number_begin = j + p.w.size(), n.number_end = n.end = k;
        n.value = v, n.approx = p.a, n.chinese = true, n.magnitude = true;
        return n;
      }
      break;
    }
  for (const Word& p : kPrefixes)
    if (starts(s, j, p.w)) {
      size_t k = j + p.w.size();
      // One space may stand between the word and Arabic digits (突破 2300 户, converted PDFs).
      if (k + 1 < s.size() && s[k] == ' ' && ascii_digit(s[k + 1])) ++k;
      if (k < s.size() && (ascii_digit(s[k]) || cn_digit(s[k]) >= 0 || small_unit(s[k]) ||
                           starts(s, k, U"百分之") || starts(s, k, U"半数"))) {
        n.approx = p.a;
        j = k;
      }
      break;
    }
  bool percent_prefix = false, half_of = false;
  if (starts(s, j, U"百分之")) {
    percent_prefix = true;
    j += 3;
  }
  std::optional<Core> core;
  if (percent_prefix && starts(s, j, U"百") &&
      !(j + 1 < s.size() && (cn_digit(s[j + 1]) >= 0 || s[j + 1] == U'分'))) {
    core = Core{j + 1, 100, 1, true, false, false};  // 百分之百
  } else if (!percent_prefix && (starts(s, j, U"千分之") || starts(s, j, U"万分之"))) {
    // 千分之十 (per mille), 万分之五: the denominator is a bare power of ten.
    core = Core{j + 1, s[j] == U'千' ? 1000.0 : 10000.0, 1, true, false, false};
  } else if (!percent_prefix && starts(s, j, U"半数")) {
    core = Core{j + 2, 0.5, 1, true, false, false};  // 半数 (half of them): a fraction
    half_of = true;
  } else {
    core = read_core(s, j);
  }
  if (!core) return std::nullopt;
  n.number_begin = percent_prefix ? j - 3 : j;
  n.value = core->value;
  n.chinese = core->chinese;
  n.magnitude = core->big > 1;
  n.fraction = half_of;
  if (core->over && n.approx == Approx::Exact) n.approx = Approx::Over;
  j = core->end;
  if (percent_prefix) n.percent = true;
  // 一半 (a half)
  if (core->chinese && core->value == 1 && j == n.number_begin + 1 && j < s.size() &&
      s[j] == U'半') {
    n.value = 0.5;
    n.fraction = true;
    ++j;
  }
  // 1/4 (Arabic over Arabic, the slash width-folded)
  if (!percent_prefix && !core->chinese && j + 1 < s.size() && s[j] == '/' &&
      ascii_digit(s[j + 1])) {
    if (auto den = read_core(s, j + 1); den && den->value != 0 && !den->chinese) {
      n.value = core->value / den->value;
      n.fraction = true;
      j = den->end;
    }
  }
  // 三分之一
  if (!percent_prefix && !n.fraction && starts(s, j, U"分之")) {
    if (auto num = read_core(s, j + 2)) {
      if (core->value != 0) {
        n.value = num->value / core->value;
        n.fraction = true;
        j = num->end;
      }
    }
  }
  if (size_t a = core->chinese ? j : after_digit_space(s, j);
      a < s.size() && (s[a] == '%' || s[a] == U'％')) {
    n.percent = true;
    j = a + 1;
  }
  // Ranges: 3-5, 三至五, 5—10万, 3%-5% (each end with its percent: low_end, high_begin).
  size_t mark = 0;
  if (!n.fraction && range_mark(s, j, mark)) {
    size_t k = j + mark;
    bool second_percent_prefix = starts(s, k, U"百分之");
    if (auto hi = read_core(s, second_percent_prefix ? k + 3 : k)) {
      double lo = n.value;
      size_t e = hi->end;
      bool hi_percent = second_percent_prefix;
      if (e < s.size() && (s[e] == '%' || s[e] == U'％')) hi_percent = true, ++e;
      if (hi->big > 1 && core->big == 1) lo *= hi->big;  // 5-10万: both ends in 万
      if (hi->value >= lo) {
        if (n.percent && hi_percent) n.low_end = j, n.high_begin = k;
        n.value = lo;
        n.value_max = hi->value;
        n.percent |= hi_percent;
        n.magnitude |= hi->big > 1;
        j = e;
      }
    }
  }
  // 三、四个, 四、五十年: two neighbouring Chinese digits joined by 、 say "three or four"; the
  // second's units scale the first (四、五十 is 40 to 50).
  if (!n.fraction && !n.value_max && core->chinese && j == n.number_begin + 1 && j + 1 < s.size() &&
      s[j] == U'、' && cn_digit(s[j - 1]) > 0 && cn_digit(s[j + 1]) == cn_digit(s[j - 1]) + 1) {
    if (auto hi = read_core(s, j + 1); hi && hi->chinese) {
      double scale = hi->value / cn_digit(s[j + 1]);
      n.value = core->value * scale;
      n.value_max = hi->value;
      n.magnitude |= hi->big > 1;
      j = hi->end;
    }
  }
  // 一两年, 两三千, 三四十个: two neighbouring Chinese digits side by side say "one or two" the
  // same way (三四十 is 30 to 40). Not in a longer run of digits (一二三产业, read elsewhere).
  if (!n.fraction && !n.value_max && core->chinese && j == n.number_begin + 1 && j < s.size() &&
      cn_digit(s[j - 1]) > 0 && cn_digit(s[j]) == cn_digit(s[j - 1]) + 1 &&
      !(n.number_begin > 0 && cn_digit(s[n.number_begin - 1]) >= 0)) {
    if (auto hi = read_core(s, j);
        hi && hi->chinese && !(hi->end < s.size() && cn_digit(s[hi->end]) >= 0)) {
      double scale = hi->value / cn_digit(s[j]);
      n.value = core->value * scale;
      n.value_max = hi->value;
      n.magnitude |= hi->big > 1;
      j = hi->end;
    }
  }
  n.number_end = j;
  // 左右/以上/以下 directly after the number, or after a short classifier (100人左右, 60岁以上,
  // 5万元以上): the approximation is the number's; the classifier is not, so `end` then stays at
  // the number and suffix_begin/suffix_end say where the word is (the extractor's unit reading
  // takes it from there). A classifier is up to four characters (个工作日).
  for (size_t skip = 0; skip <= 4 && j + skip < s.size(); ++skip) {
    if (skip && (cn_digit(s[j + skip - 1]) >= 0 || s[j + skip - 1] < 0x3400)) break;
    bool hit = false;
    for (const Word& p : kSuffixes)
      if (starts(s, j + skip, p.w)) {
        if (n.approx == Approx::Exact) n.approx = p.a;
        if (skip == 0)
          j += p.w.size();
        else
          n.suffix_begin = j + skip, n.suffix_end = j + skip + p.w.size();
        hit = true;
        break;
      }
    if (hit) break;
  }
  // 上下 right after the number (半数上下, 百分之十上下) is "about", like 左右; not after a
  // classifier, where it is mostly a word of its own (八个字上下功夫, 三级上下联动).
  if (j == n.number_end && starts(s, j, U"上下")) {
    if (n.approx == Approx::Exact) n.approx = Approx::About;
    j += 2;
  }
  n.end = j;
  n.ordinal = (n.number_begin > 0 && s[n.number_begin - 1] == U'第') ||
              (n.number_end < s.size() && s[n.number_end] == U'是' && n.chinese);
  return n;
}

std::vector<Numeral> find_numerals(std::u32string_view s) {
  std::vector<Numeral> out;
  for (size_t i = 0; i < s.size();) {
    // Never start inside an Arabic number (the 5 of 325) or a run of Chinese numerals.
    if (auto n = read_numeral(s, i); n && n->end > i) {
      out.push_back(*n);
      i = n->end;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace rpt
