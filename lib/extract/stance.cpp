// stance: whether a figure (quantity, change, indicator) is a result the report claims or a target
// it sets, and the year the figure is for.
//
// The nearest cue before the figure in its sentence decides: a word of stance.rules (力争, 确保,
// 预期目标 → target; 已, 累计, 完成了 → result) or a time (a year before the year the report plans
// → result, that year or later → target; 过去五年 → result, 今后五年 → target). Without one, the
// segment's role decides (roles.rules: a part headed 工作回顾 is a review, one headed 工作任务 or a
// work plan is a plan → target), and failing that, result.
//
// Failing a cue in the sentence, a heading's year decides against the year the report plans
// (一、2023年 工作回顾 of a 2024 report: result).
//
// The year: that of the nearest time before the figure in its sentence (none after a span of
// years: 过去五年…; none for a yearly average, 年均增长, or a change from an earlier year than the
// one before, 比2002年增长), else the first year of the innermost heading that names one, else the
// document's: a report's targets are for the year it plans and its results for the year before
// (doc.year is the planned year of a work plan or a government work report, the reported year of
// other reports).
#include <algorithm>

#include "reader.h"

namespace rpt {

using extract::is_sentence_end;
using extract::U32View;

namespace {

bool plans_its_year(std::string_view doc_type) {
  return doc_type == "gov_work_report" || doc_type == "work_plan";
}

// The first year a heading names (2023年, 二〇二三年), or 0.
int heading_year(const std::string& heading) {
  std::u32string h = text::folded(heading);
  for (size_t i = 0; i + 4 < h.size(); ++i) {
    bool arabic = true, chinese = true;
    for (size_t k = i; k < i + 4; ++k) {
      arabic &= extract::is_digit(h[k]);
      chinese &= chinese_digit(h[k]) >= 0 && h[k] != U'两';
    }
    if ((!arabic && !chinese) || h[i + 4] != U'年') continue;
    if (i > 0 && (extract::is_digit(h[i - 1]) || chinese_digit(h[i - 1]) >= 0)) continue;
    int v = 0;
    for (size_t k = i; k < i + 4; ++k)
      v = v * 10 + (arabic ? int(h[k] - '0') : chinese_digit(h[k]));
    if (v >= 1900 && v <= 2100) return v;
  }
  return 0;
}

struct WordCue {
  uint32_t begin, end;
  Stance stance;
};

}  // namespace

void Extractor::Impl::read_stances(const ExtractScratch& x, const FactContext* ctx,
                                   std::vector<Fact>& out, size_t first) const {
  const U32View s = x.s;
  bool any = false;
  for (size_t k = first; k < out.size() && !any; ++k)
    any = out[k].type == FactType::Quantity || out[k].type == FactType::Change ||
          out[k].type == FactType::Indicator;
  if (!any) return;

  // Word cues, once for the text: group 1 neutral (words that contain a cue without being one:
  // 重要, 计划生育), which only consume their text; 2 target; 3 result.
  thread_local std::vector<WordCue> words;
  words.clear();
  if (stance_cues) {
    re2::StringPiece in(x.folded), g[4];
    size_t pos = 0;
    while (pos < x.folded.size() && stance_cues->Match(in, pos, in.size(), RE2::UNANCHORED, g, 4)) {
      size_t b = size_t(g[0].data() - in.data()), e = b + g[0].size();
      if (g[2].data() || g[3].data()) {
        auto cp = [&](size_t byte) {
          return uint32_t(
              std::lower_bound(x.folded_bytes.begin(), x.folded_bytes.end(), uint32_t(byte)) -
              x.folded_bytes.begin());
        };
        words.push_back({cp(b), cp(e), g[2].data() ? Stance::Target : Stance::Result});
      }
      pos = e > b ? e : b + 1;
    }
  }

  const int doc_year = ctx ? ctx->doc_year : 0;
  const int plan_year = doc_year ? (plans_its_year(ctx->doc_type) ? doc_year : doc_year + 1) : 0;
  int path_year = 0;
  if (ctx)
    for (size_t h = ctx->path.size(); h-- > 0 && !path_year;)
      path_year = heading_year(ctx->path[h]);
  std::string_view role;
  bool role_read = false;

  // Found by position, not by a scan of the whole text per figure: a record may be a whole
  // report (a 100 MB line took minutes when every figure walked every cue). Sentence ends and
  // time cues (made by several passes, so not in text order) are indexed by position; the word
  // cues come from one left-to-right scan and are in order already.
  thread_local std::vector<uint32_t> ends, time_order, near;
  ends.clear();
  for (uint32_t i = 0; i < s.size(); ++i)
    if (is_sentence_end(s[i])) ends.push_back(i);
  time_order.resize(x.times.size());
  for (uint32_t i = 0; i < time_order.size(); ++i) time_order[i] = i;
  std::stable_sort(time_order.begin(), time_order.end(),
                   [&](uint32_t a, uint32_t b) { return x.times[a].begin < x.times[b].begin; });

  for (size_t k = first; k < out.size(); ++k) {
    Fact& f = out[k];
    if (f.type != FactType::Quantity && f.type != FactType::Change && f.type != FactType::Indicator)
      continue;
    // Cues count up to the figure's value (a cue inside an indicator, 经济增长预期目标为5%, or a
    // change, 增长了5%, is its own); times for the year only before the figure (not its basis,
    // 比2012年增长).
    size_t p = f.end, start = 0;
    if (auto it = std::lower_bound(ends.begin(), ends.end(), f.begin); it != ends.begin())
      start = *(it - 1) + 1;  // just after the last sentence end before the figure
    // The nearest deciding cue before the figure's value in its sentence.
    uint32_t best_end = 0;
    Stance stance = Stance::None;
    std::string why;
    auto first_word = std::lower_bound(words.begin(), words.end(), start,
                                       [](const WordCue& w, size_t b) { return w.begin < b; });
    for (auto w = first_word; w != words.end() && w->begin <= p; ++w)
      if (w->end <= p && w->end >= best_end && w->stance != Stance::None) {
        best_end = w->end, stance = w->stance;
        why = "the cue " + text::to_utf8(s.substr(w->begin, w->end - w->begin));
      }
    // The time cues that start in [start, p], in the order of x.times (ties go as they did).
    near.clear();
    for (auto t = std::lower_bound(time_order.begin(), time_order.end(), start,
                                   [&](uint32_t i, size_t b) { return x.times[i].begin < b; });
         t != time_order.end() && x.times[*t].begin <= p; ++t)
      near.push_back(*t);
    std::sort(near.begin(), near.end());
    const TimeCue* year_cue = nullptr;  // the nearest time, for the year
    // The level a change goes to (由去年的1076亿元增加到1562亿元, 从2012年的…提高到…): the time
    // right after 由/从 is the starting level's, not this figure's.
    const bool to_level = f.type == FactType::Quantity && to.longest_ending(s, f.begin) > 0;
    for (uint32_t ti : near) {
      const TimeCue& t = x.times[ti];
      if (t.begin < start || t.end > p) continue;
      if (to_level && t.begin > 0 && (s[t.begin - 1] == U'由' || s[t.begin - 1] == U'从')) continue;
      if (t.end <= f.begin && (!year_cue || t.end >= year_cue->end)) year_cue = &t;
      Stance ts = Stance::None;
      int year = t.year ? t.year : (doc_year && !t.direction ? doc_year + t.relative : 0);
      if (t.direction)
        ts = t.direction < 0 ? Stance::Result : Stance::Target;
      else if (!t.year && !doc_year && t.relative)
        ts = t.relative < 0 ? Stance::Result : Stance::Target;
      else if (plan_year && year && !t.span)
        ts = year < plan_year ? Stance::Result : Stance::Target;
      else if (plan_year && t.span && t.year < plan_year)
        ts = Stance::Result;
      else if (plan_year && t.span && t.first_year >= plan_year)
        ts = Stance::Target;
      if (ts != Stance::None && t.end >= best_end) {
        best_end = t.end, stance = ts;
        why = "the time " + text::to_utf8(s.substr(t.begin, t.end - t.begin));
      }
    }
    // The heading's year against the year the report plans (一、2023年工作回顾 of a 2024 report).
    if (stance == Stance::None && path_year && plan_year) {
      stance = path_year < plan_year ? Stance::Result : Stance::Target;
      why = "the heading's year " + std::to_string(path_year);
    }
    if (stance == Stance::None) {
      if (!role_read && !roles.empty()) {
        static const std::vector<std::string> no_path;
        role = roles.role(ctx ? ctx->path : no_path, ctx ? std::string_view(ctx->doc_type) : "",
                          x.folded);
        role_read = true;
      }
      stance = role == "plan" ? Stance::Target : Stance::Result;
      why = role.empty() ? "no cue: result" : "the segment's role, " + std::string(role);
    }
    f.stance = stance;
    // The year.
    int year = 0;
    if (year_cue) {
      if (!year_cue->span && !year_cue->direction)
        year = year_cue->year ? year_cue->year : (doc_year ? doc_year + year_cue->relative : 0);
    } else if (path_year) {
      year = path_year;
    } else if (plan_year) {
      year = stance == Stance::Target ? plan_year : plan_year - 1;
    }
    // A yearly average over a span, or a change from a year other than the one before, is not
    // for a single year (年均增长7.8%, 比2002年增长65.5%).
    if (f.average) year = 0;
    if (int b = f.basis.size() >= 4 ? heading_year(f.basis) : 0; b && year && b != year - 1)
      year = 0;
    f.year = year;
    f.stance_why = std::move(why);
  }
}

}  // namespace rpt
