// figures: changes (同比增长124%, 下降3.6%, 提高0.4个百分点, and the later values of
// 分别下降23%、15%) and indicators — named rates (出庭应诉率100%) and the headline figures of work
// reports (国内生产总值134.9万亿元、增长5.2%), each with the normalised metric of metrics.rules.
#include <algorithm>

#include "reader.h"

namespace rpt {

using extract::is_clause_end;
using extract::is_han;
using extract::U32View;

namespace {

size_t skip_space_back(U32View s, size_t p) {
  while (p > 0 && text::is_space(s[p - 1])) --p;
  return p;
}

}  // namespace

void Extractor::Impl::read_changes(ExtractScratch& x, std::vector<Fact>& out) const {
  const U32View s = x.s;
  std::vector<Fact>& qs = x.quantities;
  // A sentence that opens with a clause that is only a basis (与解放前最高水平相比，…): read once
  // per text; a frame is short.
  size_t first_end = 0;
  while (first_end < s.size() && first_end <= 48 && !is_clause_end(s[first_end])) ++first_end;
  std::string opening_basis;
  if (basis_frame && first_end > 0 && first_end < s.size() && s[first_end] == ',') {
    std::string_view c = std::string_view(x.folded).substr(0, x.folded_bytes[first_end]);
    if (RE2::FullMatch(re2::StringPiece(c.data(), c.size()), *basis_frame))
      opening_basis = x.written(0, first_end);
  }
  for (size_t qi = 0; qi < qs.size(); ++qi) {
    const Fact& q = qs[qi];
    if (q.kind != "percent") continue;
    size_t p = skip_space_back(s, q.begin);
    while (size_t n = link.longest_ending(s, p)) p = skip_space_back(s, p - n);
    if (to.longest_ending(s, p)) continue;  // 提高到 80%: a level
    size_t dn = 0;
    std::string dir;
    if ((dn = up.longest_ending(s, p)))
      dir = "up";
    else if ((dn = down.longest_ending(s, p)))
      dir = "down";
    else
      continue;
    Fact f;
    f.type = FactType::Change;
    f.direction = dir;
    size_t b = p - dn;
    if (size_t bn = basis.longest_ending(s, b)) {
      f.basis = text::to_utf8(s.substr(b - bn, bn));
      b -= bn;
    } else if (basis_re && b > 0) {
      // 比上一年, 较2012年: a basis the words do not list, read back from the direction word.
      size_t from = b > 12 ? b - 12 : 0;
      std::string window = text::to_utf8(s.substr(from, b - from));
      re2::StringPiece m;
      if (basis_re->Match(window, 0, window.size(), RE2::UNANCHORED, &m, 1)) {
        size_t chars = text::folded(std::string_view(m.data(), m.size())).size();
        f.basis = std::string(m.data(), m.size());
        b -= chars;
      }
    }
    // The clause the direction word stands in starts at `clause`; both readings below look at the
    // folded UTF-8 that extract() already made (x.folded), not at a new copy.
    size_t clause = b;
    while (clause > 0 && !is_clause_end(s[clause - 1])) --clause;
    auto folded_between = [&](size_t from, size_t to) {
      return std::string_view(x.folded).substr(x.folded_bytes[from],
                                               x.folded_bytes[to] - x.folded_bytes[from]);
    };
    if (f.basis.empty() && basis_in_clause && b > clause) {
      // 比一九五七年的一百二十六亿元增长百分之七十: the basis opens the clause and the figure it
      // compares with stands between; the change's text stays the direction word and the value.
      std::string_view window = folded_between(clause, b);
      re2::StringPiece in(window.data(), window.size()), m;
      for (size_t pos = 0; pos < window.size() &&
                           basis_in_clause->Match(in, pos, window.size(), RE2::UNANCHORED, &m, 1);
           pos = size_t(m.data() - window.data()) + std::max<size_t>(m.size(), 1))
        f.basis = std::string(m.data(), m.size());  // the last one before the direction word
    }
    if (f.basis.empty() && basis_frame) {
      // 同１９５４年比较，原煤增长１７％，焦炭增长２２％: an earlier clause of the sentence that is
      // only a basis states it for the changes listed after it (across commas and colons, not
      // across a semicolon: 比上年增加7694亿元；利润增长31% has none). A list's basis is near:
      // at most kFrameClauses clauses back, so a long record of commas costs no quadratic walk.
      constexpr int kFrameClauses = 16;
      size_t end = clause;
      for (int n = 0; n < kFrameClauses && end > 0 && f.basis.empty() &&
                      (s[end - 1] == ',' || s[end - 1] == ':');
           ++n) {
        size_t start = end - 1;  // end - 1 is a clause end
        while (start > 0 && !is_clause_end(s[start - 1])) --start;
        std::string_view c = folded_between(start, end - 1);
        if (RE2::FullMatch(re2::StringPiece(c.data(), c.size()), *basis_frame))
          f.basis = x.written(start, end - 1);
        end = start;
      }
      // 与解放前最高水平相比，…增长了百分之四十；…增长了百分之七十五: the sentence's first clause,
      // when it is only a basis, states it for every change of the sentence, across semicolons.
      if (f.basis.empty() && !opening_basis.empty() && first_end < clause) f.basis = opening_basis;
    }
    {
      size_t a = b;
      f.average = average.longest_ending(s, a) > 0;
      for (size_t n = link.longest_ending(s, a); n && !f.average; n = link.longest_ending(s, a)) {
        a -= n;
        f.average = average.longest_ending(s, a) > 0;
      }
    }
    qs[qi].average = f.average;
    f.begin = uint32_t(b), f.end = q.end;
    f.value = q.value, f.value_max = q.value_max, f.approx = q.approx, f.unit = q.unit;
    // 分别下降23%、15%、18%: with a spread word (分别) in the clause before the direction word,
    // the percentages listed after this one are changes in the same direction.
    bool spread_here = false;
    for (size_t k = b; k > 0 && !is_clause_end(s[k - 1]) && b - k < 20 && !spread_here; --k)
      spread_here = spread.longest_ending(s, k) > 0;
    out.push_back(f);
    if (!spread_here) continue;
    for (size_t qj = qi + 1; qj < qs.size(); ++qj) {
      const Fact& r = qs[qj];
      size_t prev_end = qs[qj - 1].end;
      bool listed = r.kind == "percent" && r.begin > prev_end && r.begin - prev_end <= 1 &&
                    (s[prev_end] == U'、' || s[prev_end] == U'和' || s[prev_end] == ',');
      if (!listed) break;
      Fact g = f;
      g.begin = r.begin, g.end = r.end, g.basis.clear();
      g.value = r.value, g.value_max = r.value_max, g.approx = r.approx, g.unit = r.unit;
      out.push_back(std::move(g));
      qi = qj;
    }
  }
}

namespace {

bool in_text_order(const std::vector<Fact>& v) {
  return std::is_sorted(v.begin(), v.end(),
                        [](const Fact& a, const Fact& b) { return a.begin < b.begin; });
}

// The first fact of v, in v's order, that begins in [b, e), or null. By binary search when v is
// in text order (as the readers make it): a record may be a whole report, and a scan of every
// fact per name made a 100 MB record take minutes.
const Fact* first_between(const std::vector<Fact>& v, bool in_order, size_t b, size_t e) {
  if (in_order) {
    auto it = std::lower_bound(v.begin(), v.end(), b,
                               [](const Fact& f, size_t pos) { return f.begin < pos; });
    return it != v.end() && it->begin < e ? &*it : nullptr;
  }
  for (const Fact& f : v)
    if (f.begin >= b && f.begin < e) return &f;
  return nullptr;
}

}  // namespace

void Extractor::Impl::read_indicators(const ExtractScratch& x, const std::vector<Fact>& changes,
                                      std::vector<Fact>& out) const {
  const U32View s = x.s;
  const std::vector<Fact>& qs = x.quantities;
  auto indicator = [&](size_t b, size_t e, int metric, const std::string& metric_name,
                       const Fact& value) {
    Fact f;
    f.type = FactType::Indicator;
    f.begin = uint32_t(b), f.end = std::max(value.end, uint32_t(e));
    f.name = x.written(b, e);  // as the text writes it (社會商品零售總額); the metric normalises
    f.metric = metric >= 0 ? metric_name : f.name;
    f.value = value.value, f.value_max = value.value_max, f.approx = value.approx;
    f.unit = value.unit;
    f.basis = value.basis;  // not written; stance.cpp reads its year
    // 年均经济增长速度, 年均增长, 增长速度平均每年6%: a yearly average over a span.
    f.average = value.average || average.longest_ending(s, b) > 0 ||
                average.longest_ending(s, value.begin) > 0;
    out.push_back(std::move(f));
  };
  // Nothing but these may stand between a figure's name and its value: no clause end other than
  // 、, no other figure's name. A headline figure's name reaches further (headline_reach).
  auto reachable = [&](size_t from, size_t to_pos) {
    for (size_t k = from; k < to_pos; ++k)
      if (is_clause_end(s[k]) && s[k] != U'、') return false;
    return true;
  };
  // A headline name's reach: over an interjection and its commas (，按可比价格计算，), over a comma
  // followed by a comma-link right before the value (目标，定为8%), over a comma after the level
  // when over_comma (生产总值568亿元,增长6.5%); never over a block word (贡献率, 比重).
  auto headline_reach = [&](size_t from, size_t to_pos, bool over_comma) {
    for (size_t k = from; k < to_pos;) {
      if (size_t n = interjections.longest_at(s, k)) {
        k += n;
        continue;
      }
      if (blocks.longest_at(s, k)) return false;
      if (s[k] == ',') {
        size_t next = k + 1;
        while (next < to_pos && text::is_space(s[next])) ++next;
        bool ok = over_comma || interjections.longest_at(s, next) ||
                  (k > from && interjections.longest_ending(s, k)) ||
                  comma_link.longest_at(s, next) == to_pos - next;
        if (!ok) return false;
        ++k;
        continue;
      }
      if (is_clause_end(s[k]) && s[k] != U'、') return false;
      ++k;
    }
    return true;
  };

  // Named rates: X率 (or X度) followed by a percentage.
  size_t qi = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != U'率' && s[i] != U'度') continue;
    size_t e = i + 1;
    int metric = -1;
    size_t n = rate_terms.longest_ending(s, e, &metric);
    if (!n) {
      if (s[i] != U'率') continue;
      // A rate not in the lexicon: up to four characters before 率 that can name it.
      size_t k = i;
      while (k > 0 && i - k < 4 && is_han(s[k - 1]) && !org_stop.count(s[k - 1]) &&
             chinese_digit(s[k - 1]) < 0)
        --k;
      if (i - k < 1 || (e < s.size() && is_han(s[e]) && !rate_after.longest_at(s, e)))
        continue;  // 率先, 效率高: not a named rate with a value
      n = e - k;
    }
    // Its value: the first percentage after it in the same clause, within a short reach, with no
    // change word between (提高0.4个百分点 is a change of the rate, not its value).
    while (qi < qs.size() && qs[qi].begin < e) ++qi;
    if (qi >= qs.size() || qs[qi].begin > e + 12 || qs[qi].kind != "percent" || qs[qi].unit != "%")
      continue;
    const Fact& value = qs[qi];
    bool blocked = !reachable(e, value.begin);
    for (size_t k = e; k < value.begin && !blocked; ++k) {
      size_t dn = up.longest_at(s, k);
      if (!dn) dn = down.longest_at(s, k);
      if (dn && !to.longest_at(s, k + dn)) blocked = true;
    }
    if (blocked) continue;
    indicator(e - n, e, metric, metric >= 0 ? metrics[size_t(metric)].name : "", value);
  }

  // Headline figures: a name of metrics.rules anywhere, then its level (a quantity of the listed
  // kinds), its change (a change fact), or its value (a percentage) within a short reach.
  const bool qs_in_order = in_text_order(qs), changes_in_order = in_text_order(changes);
  for (size_t i = 0; i < s.size(); ++i) {
    int m = -1;
    size_t n = headline_terms.longest_at(s, i, &m);
    if (!n) continue;
    if (not_after.longest_ending(s, i)) {  // 单位国内生产总值用水量, 工业生产总值: another figure
      i += n - 1;
      continue;
    }
    const Metric& metric = metrics[size_t(m)];
    const size_t e = i + n;
    size_t reach_end = std::min(s.size(), e + 24);
    // The next headline name bounds the reach (…增长5.2%,城镇新增就业1244万人).
    for (size_t k = e; k < reach_end; ++k)
      if (headline_terms.longest_at(s, k)) reach_end = k;
    bool found_level = false;
    if (metric.level_kinds)
      if (const Fact* q = first_between(qs, qs_in_order, e, reach_end);
          q && q->kind != "percent" && headline_reach(e, q->begin, false)) {
        size_t kind = 0;
        while (kind < kinds.size() && kinds[kind] != q->kind) ++kind;
        if (metric.level_kinds >> kind & 1) {
          indicator(i, e, m, metric.name, *q);
          found_level = true;
          reach_end = std::min(s.size(), size_t(q->end) + 16);  // its change may follow
        }
      }
    bool found_change = false;
    // A change may start inside the name (经济增长5%: 增长 ends both) or right after it
    // (居民消费价格涨幅3%: the change 涨幅3%).
    if (!metric.change_name.empty())
      if (const Fact* c = first_between(changes, changes_in_order, i, reach_end);
          c && (c->begin <= e || headline_reach(e, c->begin, found_level))) {
        indicator(i, e, m, metric.change_name, *c);
        found_change = true;
      }
    if (metric.value_percent && !found_change && !found_level)  // 经济增长预期目标5%左右
      if (const Fact* q = first_between(qs, qs_in_order, e, reach_end);
          q && q->kind == "percent" && q->unit == "%" && headline_reach(e, q->begin, false))
        indicator(i, e, m, metric.name, *q);
    i = e - 1;
  }
}

}  // namespace rpt
