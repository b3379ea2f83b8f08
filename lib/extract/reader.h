// reader: the extractor's lexicons and reading steps (internal to lib/extract). extract.cpp runs
// the steps in order on one text; each step's file says what it reads:
//
//   load.cpp        the lexicons of patterns/extract/*.rules (and the script and role tables)
//   times.cpp       dates, periods, deictic spans of time (这五年, 一年来, 过去一年)
//   quantities.cpp  names whose numbers are not quantities, then quantities and their subjects
//   figures.cpp     changes (增长5%) and indicators: named rates and the headline figures
//   stance.cpp      whether a figure is a result or a target, and the year it is for
//   mentions.cpp    quotes, citations, organisations, the units of work-plan tasks
//   fact_json.cpp   facts and notes as JSON
//
// The text every step reads (`s`) is the record's text decoded to code points, width-folded and
// simplified (traditional characters read as simplified, one code point for one), so positions in
// s are positions in the record's text. `mask` marks code points whose numbers may not be read as
// quantities, with the reason as a bit (kMask*).
#pragma once

#include <re2/re2.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "extract.h"
#include "gazetteer.h"
#include "io.h"
#include "roles.h"
#include "script.h"
#include "word_sets.h"

namespace rpt {

enum : uint8_t {
  kMaskTime = 1,      // a date or a stated period
  kMaskMarks = 2,     // inside quotation or title marks
  kMaskName = 4,      // a name context of numbers.rules
  kMaskDeictic = 8,   // a span of time counted from the report's present (这五年)
  kMaskOrdinal = 16,  // one year named by its place in a span (头一年, 最后一年)
};

// A time the text names, for the stance and year of the figures after it: a date with its year, a
// year said relative to the report (今年, 明年), a period or a deictic span (过去五年, 今后五年).
struct TimeCue {
  uint32_t begin = 0, end = 0;
  int year = 0;       // a year as said (a period: its last year); 0 when relative
  int relative = 0;   // 今年 0, 明年 1, 去年 -1 (when year is 0)
  bool span = false;  // more than a year: a figure after it is not for one year
  int8_t direction =
      0;  // a deictic span: -1 back from the present (过去五年), 1 forward (今后五年)
  int first_year = 0;  // a period: its first year
};

// What one extract() call works on, reused between calls on the same thread.
struct ExtractScratch;
bool split_percent_range(const ExtractScratch& x, Fact& q, Fact& high);
// A whole number from 1 to max at s[i] with nothing around it (no range, percent, fraction or
// approximation): a month, a day, a century, a decade (times.cpp).
std::optional<Numeral> read_whole(extract::U32View s, size_t i, double max);

struct ExtractScratch {
  std::string_view text;  // the record text as given (s is its simplified, width-folded reading)
  extract::U32 s;
  std::vector<uint32_t> bytes;  // byte offset of each code point of s in the text, and the end
  std::vector<uint8_t> mask;
  std::vector<Fact> quantities;
  std::vector<TimeCue> times;
  std::string folded;                  // s as UTF-8, for the regexes
  std::vector<uint32_t> folded_bytes;  // byte offset in `folded` of each code point, and the end
  std::vector<NumberNote>* notes = nullptr;
  // The rule of numbers.rules that masked each code point with kMaskName (its index), for notes.
  std::vector<int16_t> name_rule;
  // Code points [b, e) of s as the text writes them (traditional characters kept: 個, 項),
  // width-folded like s: a unit is reported as written, not as the lexicon spells it.
  std::string written(size_t b, size_t e) const {
    return text::fold_width(text.substr(bytes[b], bytes[e] - bytes[b]));
  }
  void note(size_t b, size_t e, bool taken, std::string why) const {
    if (notes) notes->push_back({uint32_t(b), uint32_t(e), 0, 0, taken, std::move(why)});
  }
};

// A metric of metrics.rules: a named rate (X率 with a percentage), or a headline figure whose
// level (a quantity of the listed kinds) and change (增长 X%) are told apart.
struct Metric {
  std::string name;            // the section: the metric of the rate or of the level
  std::string change_name;     // `change:` the metric of a change of it ("" : not read as a change)
  uint32_t level_kinds = 0;    // `level:` kinds (bits by kind index) whose quantity is its level
  bool value_percent = false;  // `value: percent`: a percentage after the name is its value
  bool headline = false;       // its terms are looked for anywhere, not only before 率/度
};

struct Extractor::Impl {
  ScriptTable script;
  RoleRules roles;
  // units.rules
  extract::WordSet units;  // tag: kind index
  std::vector<std::string> kinds;
  extract::CharSet modifiers;
  extract::WordSet not_units;  // what follows a number without being its unit (以上, 的, 世纪)
  extract::WordSet not_classifiers;  // nouns that open with a unit (人口, 人民): no unit
  extract::WordSet tenths;  // ratio units that count tenths (五成 = 50%), read as percent
  // numbers.rules
  struct NameRule {
    std::unique_ptr<RE2> re;
    Location where;
  };
  std::vector<NameRule> name_rules;
  std::unique_ptr<RE2> names;  // the name rules as one alternation
  extract::WordSet named_by, named_by_chinese, grades;
  extract::CharSet levels;  // before N级: the levels it counts (县乡两级)
  extract::WordSet over_cues, under_cues, about_cues, rank_cues, rank_units, counted_cues;
  extract::WordSet counted_clause_cues;  // 每, 至少: count 一+classifier anywhere in the clause
  extract::WordSet actions;              // units that count an action (一次, 一遍) …
  extract::WordSet action_verbs;  // … after these verbs 一 before them is one (进行一次检查)
  extract::WordSet span_after, span_before;
  extract::WordSet not_approx;              // 节约, 最近: no approximation in them
  extract::WordSet exceed_by, not_compare;  // 比…超过N: the excess, exact; 比重: no 比
  // times.rules
  extract::WordSet this_year, next_year, last_year;
  extract::WordSet past_before, future_before, deictic_before;  // before N年 (过去, 今后, 这)
  extract::WordSet part_before, not_before;  // 头/前/后 N年, part of the span; 的前: none
  extract::WordSet restated;         // 1980年的二十八年: a stated span's length, a duration
  extract::WordSet not_span_before;  // 第一个五年内: N年 names a period, no span of the present
  extract::WordSet past_after, future_after, deictic_after;  // after N年 (来, 内, 里)
  extract::WordSet not_after_words;  // words that open with an after-word (内乱): none
  extract::WordSet outside_after;    // after N年, make it a span but stay out of it (累计)
  extract::WordSet month_units;  // N个月 spans: the month's unit words (个多月: open-ended)
  extract::WordSet deictic_and;  // joins a second span to a first (过去一年和五年)
  extract::WordSet compare_before, compare_after;  // 2005年与2000年相比: a span
  extract::WordSet half_year;  // 上半年, 下半年 without a year: a period with no value
  extract::WordSet era_parts, era_name_after;  // 七十年代末: a part; 21世纪海上丝绸之路: a name
  // changes.rules
  extract::WordSet up, down, basis, link, to, spread, average;
  std::unique_ptr<RE2> basis_re;         // basis-regex right before the direction word
  std::unique_ptr<RE2> basis_in_clause;  // basis-regex anywhere before it in its clause
  std::unique_ptr<RE2> basis_frame;      // frame-regex: a clause that is a list's basis
  // citations.rules
  extract::WordSet citation_endings;  // tag: kind index
  std::vector<std::string> citation_kinds;
  std::vector<extract::U32> strip_prefix;
  std::unique_ptr<RE2> strip_suffix;
  // metrics.rules
  extract::WordSet rate_terms;      // tag: metric index; terms that end in 率 or 度
  extract::WordSet headline_terms;  // tag: metric index
  extract::WordSet rate_after;  // what may follow a rate the lexicon does not know (达, 为 …)
  // Between a headline name and its value: a comma-link may follow a comma (目标，定为8%), an
  // interjection is skipped with its commas (，按可比价格计算，), a block word makes the value
  // another figure's (贡献率, 比重, 每增长1个百分点).
  extract::WordSet comma_link, interjections, blocks;
  extract::WordSet not_after;  // right before a headline name: part of another figure (单位, 人均)
  std::vector<Metric> metrics;
  // stance.rules: one regex, group 1 a target cue, group 2 a result cue
  std::unique_ptr<RE2> stance_cues;
  // tasks.rules, orgs.rules
  extract::WordSet lead_labels, responsible_labels;
  extract::WordSet org_suffixes, org_names;
  extract::CharSet org_prefixes;
  extract::CharSet org_stop;
  std::unique_ptr<Gazetteer> places;

  void load(const std::string& dir);

  // Steps, in the order extract() runs them.
  void read_marks(ExtractScratch& x, std::vector<Fact>& out, FactTypes types) const;
  void read_times(ExtractScratch& x, std::vector<Fact>& out, FactTypes types) const;
  void read_eras(ExtractScratch& x, std::vector<Fact>& out, FactTypes types) const;
  void read_deictic(ExtractScratch& x, std::vector<Fact>& out, FactTypes types) const;
  void read_names(ExtractScratch& x) const;
  void read_quantities(ExtractScratch& x) const;              // into x.quantities
  bool compared_before(extract::U32View s, size_t at) const;  // 比… before an over-word
  // Also marks the quantities of yearly-average changes (年均增长7.8%) as averages.
  void read_changes(ExtractScratch& x, std::vector<Fact>& out) const;
  void read_indicators(const ExtractScratch& x, const std::vector<Fact>& changes,
                       std::vector<Fact>& out) const;
  // The stance and year of the figures of out[first…] (stance.cpp).
  void read_stances(const ExtractScratch& x, const FactContext* ctx, std::vector<Fact>& out,
                    size_t first) const;
  void read_units(const ExtractScratch& x, std::vector<Fact>& out) const;
  void read_orgs(const ExtractScratch& x, std::vector<Fact>& out) const;

  std::string subject_of(const ExtractScratch& x, const Fact& q) const;
  std::string why_masked(const ExtractScratch& x, size_t b, size_t e) const;  // for notes
  std::string citation_kind(extract::U32View name) const;
  extract::U32 normalise_title(extract::U32View inner) const;
};

// A fact's number as text ("%.12g", without binary noise).
std::string fmt_value(double v);

}  // namespace rpt
