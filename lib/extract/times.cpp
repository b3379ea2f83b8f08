// times: dates (2024年4月9日, 3月1日前, 二〇二四年底), stated periods (2021—2025年, 2020年上半年),
// years said relative to the report (今年, 明年1月), and deictic spans of time (这五年, 五年来,
// 过去的一年, 今后五年): spans counted back or forward from the report's present, which are periods
// with a duration, not quantities. Every one of them masks its numbers and leaves a TimeCue for the
// stance and year of the figures after it.
#include <cmath>
#include <cstdio>

#include "reader.h"

namespace rpt {

using extract::is_clause_end;
using extract::is_digit;
using extract::is_han;
using extract::starts_with;
using extract::U32View;

namespace {

// A month, day or quarter number (3, 十二, 三十一) at s[i]: a whole number from 1 to 99
// (read_whole); len gets its length. -1 when there is none.
int read_small(U32View s, size_t i, size_t& len) {
  auto n = read_whole(s, i, 99);
  if (!n) return -1;
  len = n->number_end - i;
  return int(n->value);
}

// A time point read at s[i]: 2024年, 2024年4月9日, 二〇二四年底, 3月1日, 第一季度, with 前.
struct TimePoint {
  size_t begin = 0, end = 0;
  int year = 0, month = 0, day = 0;
  int half = 0;     // 1: 上半年, 2: 下半年
  int quarter = 0;  // 第一季度 … 第四季度: a span of three months
  bool year_end = false, year_start = false, deadline = false, bare_year = false;
  std::string iso() const {
    if (!year) return {};
    char buf[16];
    if (year_end) return std::to_string(year) + "-12-31";
    if (year_start) return std::to_string(year) + "-01-01";
    if (day && month)
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    else if (month)
      std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    else
      std::snprintf(buf, sizeof buf, "%04d", year);
    return buf;
  }
  // As the start or end of a period (下半年 starts in July; 上半年 ends in June; 1953年底 and
  // 1978年初 bound a period by their month, as the samples write it: 1950-07/1953-12).
  std::string bound(bool start) const {
    if ((year_end || year_start) && !month)
      return std::to_string(year) + (year_end ? "-12" : "-01");
    if (!half || month) return iso();
    char buf[16];
    int m = start ? (half == 1 ? 1 : 7) : (half == 1 ? 6 : 12);
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, m);
    return buf;
  }
};

// A year: four Arabic digits (1900-2100) or a positional run of Chinese digits (二〇二四). Only the
// first four digits are accumulated, so a long digit run (网站标识码 4104250001) is rejected
// without overflowing.
int read_year(U32View s, size_t i, size_t& len) {
  if (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '.')) return 0;
  size_t j = i, digits = 0;
  int v = 0;
  if (j < s.size() && is_digit(s[j])) {
    for (; j < s.size() && (is_digit(s[j]) || spaced_digit_gap(s, j)); ++j)
      if (is_digit(s[j]) && digits++ < 4) v = v * 10 + int(s[j] - '0');
  } else {
    for (; j < s.size() && chinese_digit(s[j]) >= 0 && s[j] != U'两'; ++j)
      if (digits++ < 4) v = v * 10 + chinese_digit(s[j]);
  }
  if (digits != 4 || v < 1900 || v > 2100) return 0;
  len = j - i;
  return v;
}

// relative_year: a word such as 明年 ends at i, so a month may stand alone (明年1月).
std::optional<TimePoint> read_time_point(U32View s, size_t i, bool relative_year) {
  TimePoint t;
  t.begin = i;
  size_t j = i, len = 0;
  if (int y = read_year(s, i, len)) {
    t.year = y;
    j = after_digit_space(s, i + len);  // 1 9 9 7 年 of letter-spaced text
    if (j < s.size() && s[j] == U'年') {
      ++j;
    } else {
      t.bare_year = true;  // 2021 of 2021—2025年: only as a period's start
      t.end = j = i + len;
      return t;
    }
    if (starts_with(s, j, U"年底") || starts_with(s, j, U"年末"))  // 一九五三年年底
      ++j;
    if (starts_with(s, j, U"度"))
      ++j;
    else if (starts_with(s, j, U"底") || starts_with(s, j, U"末"))
      t.year_end = true, ++j;
    else if (starts_with(s, j, U"初"))
      t.year_start = true, ++j;
    else if (starts_with(s, j, U"上半年"))
      t.half = 1, j += 3;
    else if (starts_with(s, j, U"下半年"))
      t.half = 2, j += 3;
  }
  // Month and day (after a year or on their own), or a quarter.
  size_t k = j + (j < s.size() && s[j] == U'第' ? 1 : 0);
  if (!t.year_end && !t.half) {
    size_t mlen = 0;
    int m = read_small(s, k, mlen);
    if (m >= 1 && m <= 4 && starts_with(s, k + mlen, U"季度")) {
      j = k + mlen + 2;  // a quarter: no month of its own
      t.quarter = m;
    } else if (size_t mo = after_digit_space(s, k + mlen);
               m >= 1 && m <= 12 && k == j && mo < s.size() && s[mo] == U'月') {
      size_t after = mo + 1;
      size_t dlen = 0;
      int d = read_small(s, after, dlen);
      size_t da = d > 0 ? after_digit_space(s, after + dlen) : after;
      bool has_day = d >= 1 && d <= 31 && da < s.size() && (s[da] == U'日' || s[da] == U'号');
      dlen = da - after;
      bool month_alone = starts_with(s, after, U"份") || starts_with(s, after, U"底") ||
                         starts_with(s, after, U"初") || starts_with(s, after, U"前") ||
                         starts_with(s, after, U"中旬") || starts_with(s, after, U"上旬") ||
                         starts_with(s, after, U"下旬");
      if (has_day) {
        t.month = m, t.day = d, j = after + dlen + 1;
      } else if (t.year || month_alone || relative_year) {
        t.month = m, j = after;
        // 三月份; a part of the month is part of the date (三月初, 10月底, 5月中旬), its value the
        // month's.
        for (U32View w : {U32View(U"份"), U32View(U"初"), U32View(U"底"), U32View(U"上旬"),
                          U32View(U"中旬"), U32View(U"下旬")})
          if (starts_with(s, j, w)) {
            j += w.size();
            break;
          }
      }
    }
  }
  if (j == i) return std::nullopt;
  for (U32View w : {U32View(U"之前"), U32View(U"以前"), U32View(U"前")})
    if (starts_with(s, j, w)) {
      t.deadline = true;
      j += w.size();
      break;
    }
  t.end = j;
  return t;
}

bool range_mark(U32View s, size_t i, size_t& len) {
  if (i >= s.size()) return false;
  char32_t c = s[i];
  if (c == '-' || c == U'—' || c == U'–' || c == '~' || c == U'至' || c == U'到') {
    len = 1;
    while (i + len < s.size() && s[i + len] == c && len < 3) ++len;  // —— and --
    return true;
  }
  return false;
}

}  // namespace

std::optional<Numeral> read_whole(extract::U32View s, size_t i, double max) {
  auto n = read_numeral(s, i);
  if (!n || n->number_begin != i || n->approx != Approx::Exact || n->value_max || n->percent ||
      n->fraction || n->value != std::floor(n->value) || n->value < 1 || n->value > max)
    return std::nullopt;
  return n;
}

namespace {

void mask_span(ExtractScratch& x, size_t b, size_t e, uint8_t bit) {
  for (size_t k = b; k < e; ++k) x.mask[k] |= bit;
}

}  // namespace

void Extractor::Impl::read_times(ExtractScratch& x, std::vector<Fact>& out, FactTypes types) const {
  const U32View s = x.s;
  const bool want_dates = types & (1u << int(FactType::Date));
  const bool want_periods = types & (1u << int(FactType::Period));
  size_t relative_end = SIZE_MAX;  // where the last 今年/明年/去年 ended
  for (size_t i = 0; i < s.size();) {
    char32_t c = s[i];
    // 今年, 明年, 去年 (not 比上年: a basis of comparison, not a time the figure is for)
    int rel_len = 0, rel = 0;
    if (size_t n = this_year.longest_at(s, i))
      rel_len = int(n), rel = 0;
    else if (size_t n2 = next_year.longest_at(s, i))
      rel_len = int(n2), rel = 1;
    else if (size_t n3 = last_year.longest_at(s, i))
      rel_len = int(n3), rel = -1;
    // 上半年, 下半年 with no year of their own (今年上半年, 明年上半年): a period the text does not
    // date (value -), as the samples write it.
    if (size_t h = half_year.longest_at(s, i); h && !(x.mask[i] & kMaskTime)) {
      mask_span(x, i, i + h, kMaskTime);
      if (want_periods) {
        Fact f;
        f.type = FactType::Period;
        f.begin = uint32_t(i), f.end = uint32_t(i + h);
        out.push_back(std::move(f));
      }
      i += h;
      continue;
    }
    if (rel_len) {
      if (!(i > 0 && (s[i - 1] == U'比' || s[i - 1] == U'较'))) {
        TimeCue cue;
        cue.begin = uint32_t(i), cue.end = uint32_t(i + rel_len), cue.relative = rel;
        x.times.push_back(cue);
      }
      i += rel_len;
      relative_end = i;
      continue;
    }
    // (十 starts the months 十月, 十一月, 十二月.)
    if (!(extract::is_numeric(c) || c == U'第' || c == U'十') || (x.mask[i] & kMaskTime)) {
      ++i;
      continue;
    }
    auto a = read_time_point(s, i, relative_end == i);
    // 1990年代 is a decade, read by read_eras.
    if (!a || (a->end < s.size() && s[a->end] == U'代' && s[a->end - 1] == U'年')) {
      ++i;
      continue;
    }
    // A period: a time point, a range mark, another (2021—2025年, 2022年下半年到2023年上半年).
    size_t mlen = 0;
    std::optional<TimePoint> b;
    if (a->year && !a->deadline && range_mark(s, a->end, mlen)) {
      b = read_time_point(s, a->end + mlen, false);
      if (b && (!b->year || b->year < a->year)) b.reset();
    }
    if (b) {
      bool bracketed =
          a->begin > 0 && s[a->begin - 1] == '(' && b->end < s.size() && s[b->end] == ')';
      // Bare years on both sides (2021-2025) are a period only in brackets: else a range of
      // numbers.
      if (a->bare_year && b->bare_year && !bracketed) b.reset();
    }
    // A half year on its own (2020年上半年) is a period too.
    if (!b && a->half && !a->deadline) b = a;
    // So is a quarter (第四季度, 1984年第一季度): three months, dated when its year is said with
    // it.
    if (!b && a->quarter && !a->deadline) {
      mask_span(x, a->begin, a->end, kMaskTime);
      if (a->year) {
        TimeCue cue;
        cue.begin = uint32_t(a->begin), cue.end = uint32_t(a->end);
        cue.year = cue.first_year = a->year;
        x.times.push_back(cue);
      }
      if (want_periods) {
        Fact f;
        f.type = FactType::Period;
        f.begin = uint32_t(a->begin), f.end = uint32_t(a->end);
        if (a->year) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%04d-%02d/%04d-%02d", a->year, a->quarter * 3 - 2,
                        a->year, a->quarter * 3);
          f.iso = buf;
        }
        out.push_back(std::move(f));
      }
      i = a->end;
      continue;
    }
    if (b) {
      mask_span(x, a->begin, b->end, kMaskTime);
      TimeCue cue;
      cue.begin = uint32_t(a->begin), cue.end = uint32_t(b->end);
      cue.year = b->year, cue.first_year = a->year, cue.span = b->year != a->year;
      x.times.push_back(cue);
      if (want_periods) {
        Fact f;
        f.type = FactType::Period;
        f.begin = uint32_t(a->begin), f.end = uint32_t(b->end);
        f.iso = a->bound(true) + "/" + b->bound(false);
        f.deadline = b->deadline;
        out.push_back(std::move(f));
      }
      i = b->end;
      continue;
    }
    if (a->bare_year) {
      i = a->end;
      continue;
    }
    mask_span(x, a->begin, a->end, kMaskTime);
    if (a->year) {
      TimeCue cue;
      cue.begin = uint32_t(a->begin), cue.end = uint32_t(a->end);
      cue.year = cue.first_year = a->year;
      // 2005年与2000年相比: a comparison of two years is a span (the figures after it are not for
      // one year); its second date is read on its own.
      if (size_t w = compare_before.longest_at(s, a->end)) {
        auto c = read_time_point(s, a->end + w, false);
        if (c && c->year && c->year != a->year && compare_after.longest_at(s, c->end)) {
          cue.end = uint32_t(c->end + compare_after.longest_at(s, c->end));
          cue.first_year = std::min(a->year, c->year), cue.year = std::max(a->year, c->year);
          cue.span = true;
        }
      }
      x.times.push_back(cue);
    }
    if (want_dates) {
      Fact f;
      f.type = FactType::Date;
      f.begin = uint32_t(a->begin), f.end = uint32_t(a->end);
      f.iso = a->iso();
      f.year = a->year, f.month = a->month, f.day = a->day;
      if (a->year_end) f.month = 12, f.day = 31;
      f.deadline = a->deadline;
      out.push_back(std::move(f));
    }
    i = a->end;
  }
}

// N年 counted from the report's present: after 过去/今后/这/近 (times.rules before-words;
// 经过/在/的 make it one without being part of it, 头/前/后 name a part of a span), before
// 来/以来/内 (after-words; 累计 without being part of it), at the start of a clause (五年, 经济…),
// or joined to another such span (过去一年和五年). N个月 only with a before- or after-word
// (八个多月以来). Not: a duration with a bound (5年以上), one not anchored to the present (连续3年,
// 十五年左右的工作), a word going on after it (十年内乱, 五年计划), or N年代.
void Extractor::Impl::read_deictic(ExtractScratch& x, std::vector<Fact>& out,
                                   FactTypes types) const {
  const U32View s = x.s;
  const bool want = types & (1u << int(FactType::Period));
  size_t last_end = SIZE_MAX;  // where the last deictic span ended
  for (size_t i = 0; i < s.size(); ++i) {
    if (!numeral_may_start(s[i]) || x.mask[i]) continue;
    auto n = read_numeral(s, i);
    if (!n || n->number_begin != i) continue;  // a prefix word (近, 约): read again at the number
    // 七十多年来, 两千多年来: a 多 inside the numeral is an open end; a span over a hundred
    // years is counted from the present only before an after-word (来, 以来).
    const bool inner_over = n->approx == Approx::Over && n->suffix_end == n->suffix_begin;
    if (n->percent || n->fraction || n->value_max || n->value != std::floor(n->value) ||
        n->value < 1 || n->value > 5000 || (n->approx != Approx::Exact && !inner_over)) {
      i = std::max(n->end, n->number_end) - 1;
      continue;
    }
    size_t u = n->number_end;
    // N年, or N个月 (八个多月以来, 近三个月): months only with a before- or after-word below.
    size_t unit_len = 1;
    bool months = false, month_over = false;
    if (size_t w = month_units.longest_at(s, u)) {  // 个月, 个多月 (times.rules month:)
      months = true, unit_len = w;
      for (size_t k = u; k < u + w; ++k) month_over |= s[k] == U'多' || s[k] == U'余';
    } else if (u >= s.size() || s[u] != U'年') {
      continue;
    }
    // 新的一年(里): a point, no span — unless a before-word ending in 的 (过去的一年) or an
    // after-word other than 里 (…的一年间, 的一年来) makes it one.
    if (n->value == 1 && i > 0 && s[i - 1] == U'的' && !past_before.longest_ending(s, i) &&
        !future_before.longest_ending(s, i) &&
        !(u + unit_len < s.size() && s[u + unit_len] != U'里' &&
          (past_after.longest_at(s, u + unit_len) || future_after.longest_at(s, u + unit_len) ||
           deictic_after.longest_at(s, u + unit_len) || outside_after.longest_at(s, u + unit_len))))
      continue;
    size_t e = u + unit_len;
    if (!months && e < s.size() &&
        (s[e] == U'代' || s[e] == U'度' || s[e] == U'级' || s[e] == U'底' || s[e] == U'末' ||
         s[e] == U'初' || s[e] == U'期'))
      continue;
    Approx approx = inner_over || month_over ? Approx::Over : Approx::Exact;
    if (e < s.size() && (s[e] == U'多' || s[e] == U'余')) approx = Approx::Over, ++e;
    // A bound or an approximation after it makes it a duration (5年以上, 三年左右).
    if (n->suffix_end > n->suffix_begin || starts_with(s, e, U"以上") ||
        starts_with(s, e, U"以下") || starts_with(s, e, U"左右") || starts_with(s, e, U"半"))
      continue;
    // 1980年的二十八年, 到本世纪末的二十年内: the length of a span the text has just stated, a
    // duration whatever follows (unlike 极不平凡的五年).
    if (restated.longest_ending(s, i)) {
      i = n->number_end - 1;  // not again from inside it (二十年内: not 十年内)
      continue;
    }
    // 第一个五年内: N年 is the name of a period (numbers.rules reads it), no span of the present.
    if (not_span_before.longest_ending(s, i)) {
      i = n->number_end - 1;
      continue;
    }
    size_t b = i;
    int8_t direction = 0;
    bool deictic = false;
    // A longer not-before word ending here vetoes a before-word inside it: 将近 is "nearly", not
    // 近 "the last"; 提前一年 and 五年计划的前三年 name no part of a span.
    const size_t veto = not_before.longest_ending(s, i);
    if (size_t w = past_before.longest_ending(s, i); w > veto) {
      b = i - w, direction = -1, deictic = true;
    } else if (size_t w2 = future_before.longest_ending(s, i); w2 > veto) {
      b = i - w2, direction = 1, deictic = true;
    } else if (size_t w3 = part_before.longest_ending(s, i); w3 > veto) {
      // 头三年, 前五年: a part of a span, named with its word; 头一年, 最后一年 (the first, the
      // last year) are ordinals, neither span nor count.
      if (n->value == 1 && !months) {
        mask_span(x, i, n->number_end, kMaskOrdinal);
        i = e - 1;
        continue;
      }
      b = i - w3, deictic = true;
    } else if (deictic_before.longest_ending(s, i) > veto) {
      // A neutral before-word (经过, 在, 的) makes the span deictic but is no part of it (经过五年:
      // the period is 五年).
      deictic = true;
    }
    bool after_word = true;
    const bool word_after = not_after_words.longest_at(s, e) > 0;
    if (word_after) {
      after_word = false;  // 十年内乱, 五年计划: a word goes on, it does not end a span
    } else if (size_t w = past_after.longest_at(s, e)) {
      e += w, direction = -1, deictic = true;
    } else if (size_t w2 = future_after.longest_at(s, e)) {
      e += w2, direction = 1, deictic = true;
    } else if (size_t w3 = deictic_after.longest_at(s, e)) {
      e += w3, deictic = true;
    } else if (outside_after.longest_at(s, e)) {
      deictic = true;  // 五年累计1858亿美元: over the span, the word no part of it
    } else {
      after_word = false;
    }
    if (n->value > 100 && !after_word) continue;
    if (!deictic && approx == Approx::Over) continue;  // 两年多: a duration
    if (months && !deictic) continue;                  // 三个月 alone is a duration
    if (!deictic) {
      // At a clause's start, before more text (五年, 经济…; 两年铁路的货物周转量…).
      // (Not after 、: 四、五十年 is "forty or fifty years".)
      bool clause_start = i == 0 || (is_clause_end(s[i - 1]) && s[i - 1] != U'、') ||
                          text::is_space(s[i - 1]) || s[i - 1] == U'。';
      bool joined = last_end != SIZE_MAX && last_end < i &&
                    deictic_and.longest_at(s, last_end) == i - last_end;
      deictic =
          (clause_start && !word_after && e < s.size() && (is_han(s[e]) || s[e] == ',')) || joined;
    }
    if (!deictic) continue;
    mask_span(x, i, n->number_end, kMaskDeictic);
    x.note(i, e, true,
           "a span of time counted from the report's present: a period, not a quantity");
    TimeCue cue;
    cue.begin = uint32_t(b), cue.end = uint32_t(e), cue.span = n->value > 1;
    cue.direction = direction;
    x.times.push_back(cue);
    if (want) {
      Fact f;
      f.type = FactType::Period;
      f.begin = uint32_t(b), f.end = uint32_t(e);
      f.deictic = true;
      f.duration = "P" + std::to_string(int(n->value)) + (months ? "M" : "Y");
      f.approx = approx;
      out.push_back(std::move(f));
    }
    last_end = e;
    i = e - 1;
  }
}

}  // namespace rpt
