// load: the extractor's lexicons, from patterns/extract/*.rules (each file's header documents its
// keys), the traditional-to-simplified table of patterns/script and the segment roles of
// patterns/tag/roles.rules. Every error names the rule's file:line.
#include <filesystem>
#include <functional>
#include <set>

#include "reader.h"
#include "rules.h"

namespace rpt {

using extract::CharSet;
using extract::WordSet;

namespace {

int index_of(std::vector<std::string>& v, const std::string& k) {
  for (size_t i = 0; i < v.size(); ++i)
    if (v[i] == k) return int(i);
  v.push_back(k);
  return int(v.size() - 1);
}

// Reads a rules file of word lists: a rule whose key is in `sets` adds its words to that set;
// any other rule goes to `other`, which returns false for a key it does not know either.
void load_word_sets(const std::string& path,
                    std::initializer_list<std::pair<std::string_view, WordSet*>> sets,
                    const std::function<bool(const Rule&)>& other, const std::string& expected) {
  for (const Rule& r : load_rules(path)) {
    WordSet* set = nullptr;
    for (auto [key, target] : sets)
      if (r.key == key) set = target;
    if (set) {
      for (const auto& w : split_words(r.value)) set->add(w);
    } else if (!other(r)) {
      unknown_rule(r, expected);
    }
  }
}

void add_chars(CharSet& set, const Rule& r) {
  for (const auto& w : split_words(r.value))
    for (char32_t c : text::folded(w)) set.insert(c);
}

// Keys whose words carry the key as their tag (a unit's kind, a citation's kind).
bool kinded(WordSet& set, std::vector<std::string>& names,
            std::initializer_list<std::string_view> keys, const Rule& r) {
  for (std::string_view k : keys)
    if (r.key == k) {
      int tag = index_of(names, r.key);
      for (const auto& w : split_words(r.value)) set.add(w, tag);
      return true;
    }
  return false;
}

std::unique_ptr<RE2> regex(const std::string& source) {
  RE2::Options o;
  o.set_log_errors(false);
  return std::make_unique<RE2>(source, o);
}

}  // namespace

void Extractor::Impl::load(const std::string& dir) {
  const std::string d = dir + "/extract/";
  auto none = [](const Rule&) { return false; };
  if (std::string t = dir + "/script/traditional.tsv"; std::filesystem::exists(t))
    script = ScriptTable(t);
  if (std::string r = dir + "/tag/roles.rules"; std::filesystem::exists(r)) roles = RoleRules(r);

  load_word_sets(
      d + "units.rules",
      {{"not-unit", &not_units}, {"tenths", &tenths}, {"not-classifier", &not_classifiers}},
      [&](const Rule& r) {
        if (r.key == "modifier") return add_chars(modifiers, r), true;
        return kinded(units, kinds, {"count", "money", "measure", "duration", "ratio", "percent"},
                      r);
      },
      "count, money, measure, duration, ratio, percent, modifier, not-unit, not-classifier or "
      "tenths");
  // Every kind has an index even when units.rules lists no word of it (`level:` names kinds).
  for (const char* k : {"count", "money", "measure", "duration", "ratio", "percent"})
    index_of(kinds, k);

  std::string alternation;
  load_word_sets(
      d + "numbers.rules",
      {{"over", &over_cues},
       {"under", &under_cues},
       {"about", &about_cues},
       {"rank", &rank_cues},
       {"rank-unit", &rank_units},
       {"counted", &counted_cues},
       {"counted-clause", &counted_clause_cues},
       {"action-unit", &actions},
       {"action-verb", &action_verbs},
       {"span-after", &span_after},
       {"span-before", &span_before},
       {"not-approx", &not_approx},
       {"exceed-by", &exceed_by},
       {"not-compare", &not_compare},
       {"named-by", &named_by},
       {"named-by-chinese", &named_by_chinese},
       {"grade", &grades}},
      [&](const Rule& r) {
        if (r.key == "levels") return add_chars(levels, r), true;
        if (r.key != "name") return false;
        NameRule n{compile_rule(r), r.where};  // a bad regex is reported at its own file:line
        n.re = regex(text::fold_width(r.value));
        if (!alternation.empty()) alternation += '|';
        alternation += "(?:" + text::fold_width(r.value) + ")";
        name_rules.push_back(std::move(n));
        return true;
      },
      "name, named-by, named-by-chinese, grade, levels, over, under, rank, rank-unit, counted, "
      "counted-clause, "
      "span-after, span-before, not-approx, exceed-by or not-compare");
  // Places whose names hold a numeral before a unit (三门峡, 七台河, 五家渠): their numbers are
  // names. Read off the gazetteer, full names and names without their level's suffix, of three
  // characters or more (三元, 三台 alone are as often 3 yuan, three machines).
  const std::string gazetteer = dir + "/gazetteer/divisions.tsv";
  places = std::make_unique<Gazetteer>(gazetteer);
  std::string place_names;
  std::set<std::u32string> seen;
  for (const Division& dv : places->all()) {
    std::u32string full = text::folded(dv.name);
    for (std::u32string name : {full, full.substr(0, full.size() - 1)}) {
      if (name.size() < 3 || !seen.insert(name).second) continue;
      for (size_t k = 0; k + 1 < name.size(); ++k)
        if (chinese_digit(name[k]) >= 0 && units.longest_at(name, k + 1)) {
          if (!place_names.empty()) place_names += '|';
          place_names += RE2::QuoteMeta(text::to_utf8(name));
          break;
        }
    }
  }
  if (!place_names.empty()) {
    NameRule n{regex(place_names), Location{gazetteer, 0}};
    if (!alternation.empty()) alternation += '|';
    alternation += "(?:" + place_names + ")";
    name_rules.push_back(std::move(n));
  }
  if (!alternation.empty()) names = regex(alternation);

  load_word_sets(
      d + "times.rules",
      {{"this-year", &this_year},
       {"next-year", &next_year},
       {"last-year", &last_year},
       {"past-before", &past_before},
       {"future-before", &future_before},
       {"before", &deictic_before},
       {"part-before", &part_before},
       {"not-before", &not_before},
       {"restated", &restated},
       {"not-span-before", &not_span_before},
       {"past-after", &past_after},
       {"future-after", &future_after},
       {"after", &deictic_after},
       {"not-after", &not_after_words},
       {"after-outside", &outside_after},
       {"month", &month_units},
       {"and", &deictic_and},
       {"compare-before", &compare_before},
       {"compare-after", &compare_after},
       {"half-year", &half_year},
       {"era-part", &era_parts},
       {"era-name-after", &era_name_after}},
      none,
      "this-year, next-year, last-year, past-before, future-before, before, part-before, "
      "not-before, restated, not-span-before, not-after, after-outside, month, "
      "past-after, future-after, after, and, compare-before, compare-after, half-year, era-part or "
      "era-name-after");

  load_word_sets(
      d + "changes.rules",
      {{"up", &up},
       {"down", &down},
       {"basis", &basis},
       {"link", &link},
       {"to", &to},
       {"spread", &spread},
       {"average", &average}},
      [&](const Rule& r) {
        if (r.key == "frame-regex") {
          compile_rule(r);
          basis_frame = regex("(?:" + text::fold_width(r.value) + ")");
          return true;
        }
        if (r.key != "basis-regex") return false;
        compile_rule(r);
        basis_re = regex("(?:" + text::fold_width(r.value) + ")$");
        basis_in_clause = regex("(?:" + text::fold_width(r.value) + ")");
        return true;
      },
      "up, down, basis, basis-regex, frame-regex, link, to, spread or average");

  load_word_sets(
      d + "citations.rules", {},
      [&](const Rule& r) {
        if (r.key == "strip-prefix") {
          for (const auto& w : split_words(r.value)) strip_prefix.push_back(text::folded(w));
          return true;
        }
        if (r.key == "strip-suffix") return strip_suffix = compile_rule(r), true;
        return kinded(citation_endings, citation_kinds,
                      {"law", "regulation", "rules", "plan", "notice", "other"}, r);
      },
      "law, regulation, rules, plan, notice, other, strip-prefix or strip-suffix");

  // metrics.rules: a section is a metric. Its terms are rates (found where they end, at 率 or 度)
  // unless the section says how its value is read (value, level, change): then a headline figure,
  // whose terms are looked for anywhere.
  std::vector<std::pair<int, std::string>> terms;  // (metric, term), added once sections are read
  load_word_sets(
      d + "metrics.rules",
      {{"after", &rate_after},
       {"comma-link", &comma_link},
       {"interjection", &interjections},
       {"block", &blocks},
       {"not-after", &not_after}},
      [&](const Rule& r) {
        if (r.key == "note" || r.key == "source") return true;
        if (r.section.empty()) throw DataError(r.where, r.key + " before any [METRIC] section");
        size_t m = 0;
        while (m < metrics.size() && metrics[m].name != r.section) ++m;
        if (m == metrics.size()) metrics.push_back({r.section});
        Metric& metric = metrics[m];
        if (r.key == "terms") {
          for (const auto& w : split_words(r.value)) terms.emplace_back(int(m), w);
        } else if (r.key == "value") {
          if (r.value != "percent") throw DataError(r.where, "value: expected percent");
          metric.value_percent = metric.headline = true;
        } else if (r.key == "level") {
          for (const auto& k : split_words(r.value)) {
            size_t ki = 0;
            while (ki < kinds.size() && kinds[ki] != k) ++ki;
            if (ki == kinds.size()) throw DataError(r.where, "level: unknown kind " + k);
            metric.level_kinds |= 1u << ki;
          }
          metric.headline = true;
        } else if (r.key == "change") {
          metric.change_name = r.value;
          metric.headline = true;
        } else {
          return false;
        }
        return true;
      },
      "terms, value, level, change, after, comma-link, interjection, block, not-after, note or "
      "source");
  for (const auto& [m, w] : terms) (metrics[m].headline ? headline_terms : rate_terms).add(w, m);

  // stance.rules: one regex, a group each for neutral words, target cues and result cues (in
  // that order, so that at one position a neutral word wins: leftmost-first alternation).
  std::string alt[3];  // neutral, target, result
  for (const Rule& r : load_rules(d + "stance.rules")) {
    int g = r.key == "neutral" ? 0 : r.key == "target" ? 1 : r.key == "result" ? 2 : -1;
    if (g < 0) unknown_rule(r, "neutral, target or result");
    compile_rule(r);
    if (!alt[g].empty()) alt[g] += '|';
    alt[g] += "(?:" + text::fold_width(r.value) + ")";
  }
  for (std::string& a : alt)
    if (a.empty()) a = "[^\\x00-\\x{10FFFF}]";  // matches nothing
  stance_cues = regex("(" + alt[0] + ")|(" + alt[1] + ")|(" + alt[2] + ")");

  load_word_sets(d + "tasks.rules", {{"lead", &lead_labels}, {"responsible", &responsible_labels}},
                 none, "lead or responsible");
  load_word_sets(
      d + "orgs.rules", {{"suffix", &org_suffixes}, {"name", &org_names}},
      [&](const Rule& r) {
        if (r.key == "prefix") return add_chars(org_prefixes, r), true;
        if (r.key == "stop") return add_chars(org_stop, r), true;
        return false;
      },
      "suffix, name, prefix or stop");
}

}  // namespace rpt
