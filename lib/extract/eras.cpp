// eras: the calendar's centuries and decades as periods — 二十一世纪 (2001/2100), 九十年代
// (1990/1999), 1990年代, 二十世纪九十年代 (one period, 1990/1999) — and a part of one (七十年代末,
// 21世纪初) as a period whose bounds the text does not state (no ISO value).
//
// Invariants: an era's numeral is a whole number (a century 1 to 30; a decade 10 to 90 by tens,
// of the 1900s unless a century is said before it, or a four-digit year ending in 0); it masks its
// numbers as a time (kMaskTime), so no quantity and no deictic span is read from them. An era
// followed by an era-name-after word (21世纪海上丝绸之路, 21世纪“…”) is part of a name: no fact,
// left to numbers.rules. It leaves no TimeCue: a century gives no figure its year.
#include <algorithm>

#include "reader.h"

namespace rpt {

using extract::starts_with;
using extract::U32View;

namespace {

// A whole number read at s[i] (二十一, 90, ２１) with no word after a classifier, and where it
// ends; 0 when there is none.
int read_era_number(U32View s, size_t i, size_t& end) {
  auto n = read_whole(s, i, 9999);
  if (!n || n->suffix_end > n->suffix_begin) return 0;
  end = n->number_end;
  return int(n->value);
}

}  // namespace

void Extractor::Impl::read_eras(ExtractScratch& x, std::vector<Fact>& out, FactTypes types) const {
  const U32View s = x.s;
  const bool want = types & (1u << int(FactType::Period));
  // Most texts name no era: no pass over their numerals then (纪 of 世纪, 代 of 年代).
  if (std::find(s.begin(), s.end(), U'纪') == s.end() &&
      std::find(s.begin(), s.end(), U'代') == s.end())
    return;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!numeral_may_start(s[i]) || x.mask[i]) continue;
    if (i > 0 && extract::is_numeric(s[i - 1]) && !x.mask[i - 1]) continue;  // inside a numeral
    size_t e = 0;
    int v = read_era_number(s, i, e);
    if (!v) continue;
    int first = 0, last = 0;  // the era's years
    if (starts_with(s, e, U"世纪") && v <= 30) {
      first = (v - 1) * 100 + 1, last = v * 100, e += 2;
      // 二十世纪九十年代: a decade of the century said before it.
      size_t e2 = 0;
      int d = e < s.size() && !x.mask[e] ? read_era_number(s, e, e2) : 0;
      if (d && d % 10 == 0 && d <= 90 && starts_with(s, e2, U"年代"))
        first = (v - 1) * 100 + d, last = first + 9, e = e2 + 2;
    } else if (starts_with(s, e, U"年代") && v % 10 == 0 && (v <= 90 || (v >= 1000 && v <= 2090))) {
      first = v <= 90 ? 1900 + v : v, last = first + 9, e += 2;
    } else {
      i = e - 1;
      continue;
    }
    if (era_name_after.longest_at(s, e)) {  // 21世纪海上丝绸之路: a name
      i = e - 1;
      continue;
    }
    const size_t part = era_parts.longest_at(s, e);  // 七十年代末: bounds not stated
    for (size_t k = i; k < e; ++k) x.mask[k] |= kMaskTime;
    x.note(i, e + part, true, "an era of the calendar (a century or a decade): a period");
    if (want) {
      Fact f;
      f.type = FactType::Period;
      f.begin = uint32_t(i), f.end = uint32_t(e + part);
      if (!part) f.iso = std::to_string(first) + "/" + std::to_string(last);
      out.push_back(std::move(f));
    }
    i = e + part - 1;
  }
}

}  // namespace rpt
