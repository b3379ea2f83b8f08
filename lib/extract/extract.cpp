#include "extract.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "gazetteer.h"
#include "json.h"
#include "path.h"
#include "rules.h"
#include "text.h"

namespace rpt {

const char* fact_type_name(FactType t) {
  static const char* const names[kFactTypes] = {"quantity", "change", "indicator", "date", "period",
                                                "citation", "quote",  "org",       "units"};
  return names[static_cast<int>(t)];
}

std::optional<FactType> fact_type_named(std::string_view name) {
  for (int i = 0; i < kFactTypes; ++i)
    if (name == fact_type_name(static_cast<FactType>(i))) return static_cast<FactType>(i);
  return std::nullopt;
}

namespace {

using U32 = std::u32string;
using U32View = std::u32string_view;

// A set of BMP code points, one bit each: membership at every character without hashing.
class CharSet {
 public:
  void insert(char32_t c) {
    if (c < 0x10000) bits_[c >> 6] |= uint64_t(1) << (c & 63);
  }
  bool count(char32_t c) const { return c < 0x10000 && (bits_[c >> 6] >> (c & 63) & 1); }

 private:
  std::vector<uint64_t> bits_ = std::vector<uint64_t>(0x10000 / 64, 0);
};

// A set of words looked up by where they start or end in a code point text. Lookups run at
// nearly every character, so they must not allocate: a bitmap of first (last) characters rejects
// most positions at once, and the map takes string views (heterogeneous lookup).
class WordSet {
 public:
  void add(const std::string& w, int tag = 0) {
    U32 u = text::folded(w);
    if (u.empty()) return;
    max_ = std::max(max_, u.size());
    min_ = std::min(min_, u.size());
    mark(firsts_, u.front());
    mark(lasts_, u.back());
    words_.emplace(std::move(u), tag);
  }
  bool empty() const { return words_.empty(); }
  // The longest word that starts at s[i]: its length (0: none) and tag. The rejection is inline;
  // the search, rarely reached, is not.
  size_t longest_at(U32View s, size_t i, int* tag = nullptr) const {
    if (i >= s.size() || !marked(firsts_, s[i])) return 0;
    return search_at(s, i, tag);
  }
  // The longest word that ends at s[e-1].
  size_t longest_ending(U32View s, size_t e, int* tag = nullptr) const {
    if (e == 0 || e > s.size() || !marked(lasts_, s[e - 1])) return 0;
    return search_ending(s, e, tag);
  }

 private:
  [[gnu::noinline]] size_t search_at(U32View s, size_t i, int* tag) const {
    for (size_t n = std::min(max_, s.size() - i); n >= min_ && n > 0; --n)
      if (auto it = words_.find(s.substr(i, n)); it != words_.end()) {
        if (tag) *tag = it->second;
        return n;
      }
    return 0;
  }
  [[gnu::noinline]] size_t search_ending(U32View s, size_t e, int* tag) const {
    for (size_t n = std::min(max_, e); n >= min_ && n > 0; --n)
      if (auto it = words_.find(s.substr(e - n, n)); it != words_.end()) {
        if (tag) *tag = it->second;
        return n;
      }
    return 0;
  }

  struct Hash {
    using is_transparent = void;
    size_t operator()(U32View v) const { return std::hash<U32View>()(v); }
  };
  struct Eq {
    using is_transparent = void;
    bool operator()(U32View a, U32View b) const { return a == b; }
  };
  using Bits = std::vector<uint64_t>;  // one bit per BMP code point; astral ones always pass
  static void mark(Bits& b, char32_t c) {
    if (b.empty()) b.assign(0x10000 / 64, 0);
    if (c < 0x10000) b[c >> 6] |= uint64_t(1) << (c & 63);
  }
  static bool marked(const Bits& b, char32_t c) {
    return c >= 0x10000 || (!b.empty() && (b[c >> 6] >> (c & 63) & 1));
  }
  std::unordered_map<U32, int, Hash, Eq> words_;
  Bits firsts_, lasts_;
  size_t max_ = 0, min_ = SIZE_MAX;
};

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}
bool is_digit(char32_t c) {
  return c >= '0' && c <= '9';
}
// Clause punctuation: the context of a number does not reach across it.
bool is_clause_end(char32_t c) {
  switch (c) {
    case ',':
    case ';':
    case U'。':
    case ':':
    case '!':
    case '?':
    case U'、':
    case '(':
    case ')':
      return true;
    default:
      return false;
  }
}
// A month, day or quarter number (3, 十二, 三十一) at s[i], read by the numeral reader: a whole
// number from 1 to 99 with nothing around it (no range, percent or approximation); len gets its
// length. -1 when there is none.
int read_small(U32View s, size_t i, size_t& len) {
  auto n = read_numeral(s, i);
  if (!n || n->number_begin != i || n->approx != Approx::Exact || n->value_max || n->percent ||
      n->fraction || n->value != std::floor(n->value) || n->value < 1 || n->value > 99)
    return -1;
  len = n->number_end - i;
  return int(n->value);
}

bool starts_with(U32View s, size_t i, U32View w) {
  return s.size() >= i + w.size() && s.substr(i, w.size()) == w;
}

// A time point read at s[i]: 2024年, 2024年4月9日, 二〇二四年底, 3月1日, 第一季度, with 前.
struct TimePoint {
  size_t begin = 0, end = 0;
  int year = 0, month = 0, day = 0;
  int half = 0;  // 1: 上半年, 2: 下半年
  bool year_end = false, deadline = false, bare_year = false;
  std::string iso() const {
    if (!year) return {};
    char buf[16];
    if (year_end) return std::to_string(year) + "-12-31";
    if (day && month)
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    else if (month)
      std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    else
      std::snprintf(buf, sizeof buf, "%04d", year);
    return buf;
  }
  // As the start or end of a period (下半年 starts in July; 上半年 ends in June).
  std::string bound(bool start) const {
    if (!half || month) return iso();
    char buf[16];
    int m = start ? (half == 1 ? 1 : 7) : (half == 1 ? 6 : 12);
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, m);
    return buf;
  }
};

// A year: four Arabic digits (1900-2100) or a positional run of Chinese digits (二〇二四).
int read_year(U32View s, size_t i, size_t& len) {
  if (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '.')) return 0;
  size_t j = i;
  int v = 0;
  if (j < s.size() && is_digit(s[j])) {
    while (j < s.size() && is_digit(s[j])) v = v * 10 + int(s[j++] - '0');
    if (j - i != 4) return 0;
  } else {
    while (j < s.size() && chinese_digit(s[j]) >= 0 && s[j] != U'两')
      v = v * 10 + chinese_digit(s[j++]);
    if (j - i != 4) return 0;
  }
  if (v < 1900 || v > 2100) return 0;
  len = j - i;
  return v;
}

std::optional<TimePoint> read_time_point(U32View s, size_t i) {
  TimePoint t;
  t.begin = i;
  size_t j = i, len = 0;
  if (int y = read_year(s, i, len)) {
    t.year = y;
    j = i + len;
    if (j < s.size() && s[j] == U'年') {
      ++j;
    } else {
      t.bare_year = true;  // 2021 of 2021—2025年: only as a period's start
      t.end = j;
      return t;
    }
    if (starts_with(s, j, U"度"))
      ++j;
    else if (starts_with(s, j, U"底") || starts_with(s, j, U"末"))
      t.year_end = true, ++j;
    else if (starts_with(s, j, U"初"))
      ++j;
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
    } else if (m >= 1 && m <= 12 && k == j && k + mlen < s.size() && s[k + mlen] == U'月') {
      size_t after = k + mlen + 1;
      size_t dlen = 0;
      int d = read_small(s, after, dlen);
      bool has_day = d >= 1 && d <= 31 && after + dlen < s.size() &&
                     (s[after + dlen] == U'日' || s[after + dlen] == U'号');
      bool month_alone = starts_with(s, after, U"份") || starts_with(s, after, U"底") ||
                         starts_with(s, after, U"初") || starts_with(s, after, U"前") ||
                         starts_with(s, after, U"中旬") || starts_with(s, after, U"上旬") ||
                         starts_with(s, after, U"下旬");
      if (has_day) {
        t.month = m, t.day = d, j = after + dlen + 1;
      } else if (t.year || month_alone) {
        t.month = m, j = after;
        if (starts_with(s, j, U"份")) ++j;
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

std::string fmt_value(double v) {
  // Decimal inputs (325.34万) carry binary noise; 12 significant digits is more than any report.
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return number_text(std::strtod(buf, nullptr));
}

}  // namespace

struct Extractor::Impl {
  WordSet units;  // tag: kind index
  std::vector<std::string> kinds;
  CharSet modifiers;
  std::unique_ptr<RE2> names;  // numbers.rules name: contexts, one alternation
  WordSet over_cues, under_cues, rank_cues, counted_cues;
  WordSet span_after, span_before;  // 一年来, 过去一年: 一 + time unit as a span of time
  WordSet up, down, basis, link, to;
  WordSet citation_endings;  // tag: kind index
  std::vector<std::string> citation_kinds;
  std::vector<U32> strip_prefix;
  std::unique_ptr<RE2> strip_suffix;
  WordSet metric_terms;  // tag: metric index
  WordSet rate_after;    // what may follow a rate the lexicon does not know (达, 为 …)
  std::vector<std::string> metrics;
  WordSet lead_labels, responsible_labels;
  WordSet org_suffixes, org_names;
  CharSet org_prefixes;
  CharSet org_stop;
  std::unique_ptr<Gazetteer> places;

  static int kind_index(std::vector<std::string>& v, const std::string& k) {
    for (size_t i = 0; i < v.size(); ++i)
      if (v[i] == k) return int(i);
    v.push_back(k);
    return int(v.size() - 1);
  }
  static std::unique_ptr<RE2> alternation(const std::vector<Rule>& rules) {
    if (rules.empty()) return nullptr;
    std::string re;
    for (const Rule& r : rules) {
      compile_rule(r);  // a bad regex is reported at its own file:line
      if (!re.empty()) re += '|';
      re += "(?:" + text::fold_width(r.value) + ")";
    }
    RE2::Options o;
    o.set_log_errors(false);
    return std::make_unique<RE2>(re, o);
  }

  void load(const std::string& dir);

  // Steps of extract(), each on the width-folded text s. mask marks what numbers may not be
  // read in: bit 1 time expressions, 2 inside quotation or title marks, 4 name contexts.
  void read_marks(U32View s, std::vector<Fact>& out, std::vector<uint8_t>& mask,
                  FactTypes types) const;
  void read_times(U32View s, std::vector<Fact>& out, std::vector<uint8_t>& mask,
                  FactTypes types) const;
  void read_names(std::string_view folded_utf8, const std::vector<uint32_t>& offsets,
                  std::vector<uint8_t>& mask) const;
  void read_quantities(U32View s, const std::vector<uint8_t>& mask,
                       std::vector<Fact>& quantities) const;
  void read_changes(U32View s, const std::vector<Fact>& quantities, std::vector<Fact>& out) const;
  void read_indicators(U32View s, const std::vector<Fact>& quantities,
                       std::vector<Fact>& out) const;
  void read_units(U32View s, std::vector<Fact>& out) const;
  void read_orgs(U32View s, std::vector<Fact>& out) const;
  std::string subject_of(U32View s, const std::vector<uint8_t>& mask, const Fact& q) const;
  std::string citation_kind(U32View name) const;
  U32 normalise_title(U32View inner) const;
};

namespace {

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

}  // namespace

void Extractor::Impl::load(const std::string& dir) {
  const std::string d = dir + "/extract/";
  auto none = [](const Rule&) { return false; };
  // Kinds (units.rules) and citation kinds are keys whose words carry the kind as their tag.
  auto kinded = [](WordSet& set, std::vector<std::string>& names,
                   std::initializer_list<std::string_view> keys, const Rule& r) {
    for (std::string_view k : keys)
      if (r.key == k) {
        int tag = kind_index(names, r.key);
        for (const auto& w : split_words(r.value)) set.add(w, tag);
        return true;
      }
    return false;
  };
  load_word_sets(
      d + "units.rules", {},
      [&](const Rule& r) {
        if (r.key == "modifier") return add_chars(modifiers, r), true;
        return kinded(units, kinds, {"count", "money", "measure", "duration", "ratio", "percent"},
                      r);
      },
      "count, money, measure, duration, ratio, percent or modifier");
  std::vector<Rule> name_rules;
  load_word_sets(
      d + "numbers.rules",
      {{"over", &over_cues},
       {"under", &under_cues},
       {"rank", &rank_cues},
       {"counted", &counted_cues},
       {"span-after", &span_after},
       {"span-before", &span_before}},
      [&](const Rule& r) { return r.key == "name" && (name_rules.push_back(r), true); },
      "name, over, under, rank, counted, span-after or span-before");
  names = alternation(name_rules);
  load_word_sets(d + "changes.rules",
                 {{"up", &up}, {"down", &down}, {"basis", &basis}, {"link", &link}, {"to", &to}},
                 none, "up, down, basis, link or to");
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
  load_word_sets(
      d + "metrics.rules", {{"after", &rate_after}},
      [&](const Rule& r) {
        if (r.key == "note" || r.key == "source") return true;
        if (r.key != "terms") return false;
        if (r.section.empty()) throw DataError(r.where, "terms before any [METRIC] section");
        int m = kind_index(metrics, r.section);
        for (const auto& w : split_words(r.value)) metric_terms.add(w, m);
        return true;
      },
      "terms, after, note or source");
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
  places = std::make_unique<Gazetteer>(dir + "/gazetteer/divisions.tsv");
}

// “…”, 「…」, "…" give quotes; 《…》 citations. Numbers inside are names (mask bit 2) — for quotes
// only when short: a long quotation is prose.
void Extractor::Impl::read_marks(U32View s, std::vector<Fact>& out, std::vector<uint8_t>& mask,
                                 FactTypes types) const {
  for (size_t i = 0; i < s.size(); ++i) {
    char32_t open = s[i], close;
    bool title = false;
    switch (open) {
      case U'《':
        close = U'》', title = true;
        break;
      case U'“':
        close = U'”';
        break;
      case U'「':
        close = U'」';
        break;
      case U'『':
        close = U'』';
        break;
      case '"':
        close = '"';
        break;
      default:
        continue;
    }
    size_t limit = std::min(s.size(), i + (title ? 120 : 60));
    size_t j = i + 1;
    while (j < limit && s[j] != close && s[j] != open && s[j] != U'。') ++j;
    if (j >= limit || s[j] != close || j == i + 1) continue;
    if (title || j - i <= 32)
      for (size_t k = i; k <= j; ++k) mask[k] |= 2;
    Fact f;
    f.begin = uint32_t(i), f.end = uint32_t(j + 1);
    U32View inner = s.substr(i + 1, j - i - 1);
    if (title) {
      if (types & (1u << int(FactType::Citation))) {
        f.type = FactType::Citation;
        U32 name = normalise_title(inner);
        f.kind = citation_kind(name);
        f.name = text::to_utf8(name);
        out.push_back(std::move(f));
      }
    } else if (types & (1u << int(FactType::Quote))) {
      f.type = FactType::Quote;
      f.name = text::to_utf8(inner);
      out.push_back(std::move(f));
    }
    i = j;
  }
}

U32 Extractor::Impl::normalise_title(U32View inner) const {
  U32 name;
  for (char32_t c : inner)
    if (!text::is_space(c)) name += c;
  for (const U32& p : strip_prefix)
    if (name.size() > p.size() && name.compare(0, p.size(), p) == 0) name.erase(0, p.size());
  if (strip_suffix) {
    // The suffix regex ends in $: try it on each bracketed tail, right to left, so that
    // 纲要(2021—2025年)(试行) loses both.
    std::string u = text::to_utf8(name);
    for (size_t pos = u.rfind('('); pos != std::string::npos && pos > 0; pos = u.rfind('(')) {
      re2::StringPiece tail(u.data() + pos, u.size() - pos);
      if (!RE2::FullMatch(tail, *strip_suffix)) break;
      u.erase(pos);
    }
    name = text::folded(u);
  }
  return name;
}

std::string Extractor::Impl::citation_kind(U32View name) const {
  int k = 0;
  if (citation_endings.longest_ending(name, name.size(), &k)) return citation_kinds[k];
  return "other";
}

void Extractor::Impl::read_times(U32View s, std::vector<Fact>& out, std::vector<uint8_t>& mask,
                                 FactTypes types) const {
  const bool want_dates = types & (1u << int(FactType::Date));
  const bool want_periods = types & (1u << int(FactType::Period));
  for (size_t i = 0; i < s.size();) {
    char32_t c = s[i];
    if (!(is_digit(c) || chinese_digit(c) >= 0 || c == U'第') || (mask[i] & 1)) {
      ++i;
      continue;
    }
    auto a = read_time_point(s, i);
    if (!a) {
      ++i;
      continue;
    }
    // A period: a time point, a range mark, another (2021—2025年, 2022年下半年到2023年上半年).
    size_t mlen = 0;
    std::optional<TimePoint> b;
    if (a->year && !a->deadline && range_mark(s, a->end, mlen)) {
      b = read_time_point(s, a->end + mlen);
      if (b && (!b->year || b->year < a->year)) b.reset();
    }
    if (b) {
      bool bracketed =
          a->begin > 0 && s[a->begin - 1] == '(' && b->end < s.size() && s[b->end] == ')';
      // Bare years on both sides (2021-2025) are a period only in brackets: else a range of
      // numbers.
      if (a->bare_year && b->bare_year && !bracketed) b.reset();
    }
    if (b) {
      for (size_t k = a->begin; k < b->end; ++k) mask[k] |= 1;
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
    for (size_t k = a->begin; k < a->end; ++k) mask[k] |= 1;
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

void Extractor::Impl::read_names(std::string_view folded, const std::vector<uint32_t>& offsets,
                                 std::vector<uint8_t>& mask) const {
  if (!names) return;
  size_t pos = 0;
  while (pos < folded.size()) {
    re2::StringPiece match;
    if (!names->Match(folded, pos, folded.size(), RE2::UNANCHORED, &match, 1)) break;
    size_t b = size_t(match.data() - folded.data()), e = b + match.size();
    size_t cb =
        size_t(std::lower_bound(offsets.begin(), offsets.end(), uint32_t(b)) - offsets.begin());
    size_t ce =
        size_t(std::lower_bound(offsets.begin(), offsets.end(), uint32_t(e)) - offsets.begin());
    for (size_t k = cb; k < ce && k < mask.size(); ++k) mask[k] |= 4;
    pos = e > b ? e : b + 1;
  }
}

void Extractor::Impl::read_quantities(U32View s, const std::vector<uint8_t>& mask,
                                      std::vector<Fact>& qs) const {
  // A lower/upper-bound cue (至少, 不超过) waiting in the current clause for its number.
  Approx cue = Approx::Exact;
  bool counted = false;  // a counting word (共, 仅, 至少) seen in this clause
  for (size_t i = 0; i < s.size();) {
    char32_t c = s[i];
    if (is_clause_end(c)) {
      cue = Approx::Exact;
      counted = false;
      ++i;
      continue;
    }
    if (size_t n = counted_cues.longest_at(s, i); n && (i + n >= s.size() || !is_digit(s[i + n]))) {
      counted = true;  // and read on: 至少 is also a bound
    }
    if (size_t n = over_cues.longest_at(s, i)) {
      cue = Approx::Over;
      // The numeral reader knows some of these as prefixes (不少于1次): let it read them.
      if (i + n < s.size() && !(is_digit(s[i + n]) || chinese_digit(s[i + n]) >= 0)) {
        i += n;
        continue;
      }
    } else if (size_t n2 = under_cues.longest_at(s, i)) {
      cue = Approx::Under;
      if (i + n2 < s.size() && !(is_digit(s[i + n2]) || chinese_digit(s[i + n2]) >= 0)) {
        i += n2;
        continue;
      }
    }
    // Only where a numeral can start.
    if (!numeral_may_start(c)) {
      ++i;
      continue;
    }
    auto n = read_numeral(s, i);
    if (!n || n->end <= i) {
      ++i;
      continue;
    }
    size_t next = std::max(n->end, n->number_end);
    bool masked = false;
    for (size_t k = n->number_begin; k < n->number_end; ++k) masked |= mask[k] != 0;
    // A digit glued to letters or a dot is a code or a section number (5G, 4.三是, V2).
    bool glued = (n->number_begin > 0 && (std::isalpha(int(s[n->number_begin - 1] & 0x7f)) &&
                                          s[n->number_begin - 1] < 0x80)) ||
                 (n->number_end < s.size() && s[n->number_end] == '.');
    // 第3 after a rank word (位居全省第3名, 排名第一) is a rank; any other ordinal is an
    // enumerator.
    bool rank = false;
    if (n->ordinal && n->number_begin > 0 && s[n->number_begin - 1] == U'第') {
      size_t p = n->number_begin - 1;
      for (size_t back = 0; back <= 4 && p >= back && !rank; ++back) {
        if (back && is_clause_end(s[p - back])) break;  // 排名第一。第三批: not across a clause
        rank = rank_cues.longest_ending(s, p - back) > 0;
      }
    }
    if (masked || glued || (n->ordinal && !rank)) {
      i = next;
      continue;
    }
    Fact q;
    q.type = FactType::Quantity;
    q.begin = uint32_t(n->begin);
    q.value = n->value;
    q.value_max = n->value_max;
    q.approx = n->approx;
    size_t end = n->end;
    size_t u = n->number_end;
    int kind = -1;
    size_t ulen = 0;
    if (rank) {
      q.kind = "rank";
      q.begin = uint32_t(n->number_begin - 1);  // with its 第
      if ((ulen = units.longest_at(s, u))) q.unit = text::to_utf8(s.substr(u, ulen));  // 第3名
      end = std::max(end, u + ulen);
    } else if (n->percent) {
      q.unit = "%", q.kind = "percent";
    } else if (n->fraction) {
      q.kind = "ratio";
    } else {
      ulen = units.longest_at(s, u, &kind);
      if (!ulen && u < s.size() && modifiers.count(s[u])) {
        int k2 = -1;
        if (size_t l2 = units.longest_at(s, u + 1, &k2)) ulen = l2 + 1, kind = k2;
      }
      if (ulen) {
        q.unit = text::to_utf8(s.substr(u, ulen));
        q.kind = kinds[kind];
        end = std::max(end, u + ulen);
      } else {
        if (!n->magnitude) {
          i = next;
          continue;
        }
        q.kind = "count";  // 14亿: size from the magnitude alone
      }
    }
    // 一 with a classifier is mostly the indefinite article (一个过程, 一场变革, 一条新路子): a
    // count of one only after a counting word (仅一家, 至少一次); with a time unit, only as a span
    // of time (一年来, 一年内), not a point (新的一年).
    if (n->number_end == n->number_begin + 1 && s[n->number_begin] == U'一' &&
        n->approx == Approx::Exact && !n->percent && !counted && !rank) {
      bool span_of_time = q.kind == "duration" && (span_after.longest_at(s, u + ulen) ||
                                                   span_before.longest_ending(s, n->begin));
      if (!span_of_time) {
        i = next;
        continue;
      }
    }
    // 近 before a span of years or months is "the last": 近两年, 近三个月 (not "about two").
    if (q.kind == "duration" && q.approx == Approx::About && s[n->begin] == U'近' &&
        n->number_begin == n->begin + 1) {
      q.approx = Approx::Exact;
      q.begin = uint32_t(n->number_begin);
    }
    // 左右/以上/以下 right after the unit (100人左右; the numeral reader found it) belong to the
    // span; so does 多/余 (两年多).
    if (ulen && n->suffix_end && n->suffix_begin == u + ulen) end = n->suffix_end;
    if (ulen && end == u + ulen && end < s.size() && (s[end] == U'多' || s[end] == U'余') &&
        q.approx == Approx::Exact) {
      q.approx = Approx::Over;
      ++end;
    }
    if (q.approx == Approx::Exact && cue != Approx::Exact) q.approx = cue;
    cue = Approx::Exact;
    q.end = uint32_t(end);
    qs.push_back(std::move(q));
    i = end;
  }
}

// The thing a quantity counts, best effort: the noun phrase after it (12名党政主要负责人), or when
// the quantity ends its clause, the phrase before it (宣讲活动80余场次).
std::string Extractor::Impl::subject_of(U32View s, const std::vector<uint8_t>& mask,
                                        const Fact& q) const {
  // Phrases stop at non-Han text, conjunctions, numbers and dates (2024年共上报… is not
  // "年共上报").
  auto stop = [&](size_t k) {
    char32_t c = s[k];
    return !is_han(c) || c == U'的' || c == U'和' || c == U'及' || c == U'与' || c == U'等' ||
           chinese_digit(c) > 0 || (mask[k] & 1);
  };
  size_t e = q.end;
  if (e < s.size() && !stop(e) && !(q.kind == "percent")) {
    size_t k = e;
    while (k < s.size() && k - e < 10 && !stop(k)) ++k;
    if (k - e >= 2) return text::to_utf8(s.substr(e, k - e));
  }
  size_t b = q.begin, k = b;
  while (k > 0 && b - k < 12 && !stop(k - 1)) --k;
  // Counting words open the phrase but are not the thing counted (共上报矛盾纠纷 → 上报矛盾纠纷).
  while (size_t n = counted_cues.longest_at(s.substr(0, b), k)) k += n;
  if (b >= k + 2) return text::to_utf8(s.substr(k, b - k));
  return {};
}

void Extractor::Impl::read_changes(U32View s, const std::vector<Fact>& qs,
                                   std::vector<Fact>& out) const {
  for (const Fact& q : qs) {
    if (q.kind != "percent") continue;
    size_t p = q.begin;
    while (size_t n = link.longest_ending(s, p)) p -= n;
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
    }
    f.begin = uint32_t(b), f.end = q.end;
    f.value = q.value, f.value_max = q.value_max, f.approx = q.approx, f.unit = q.unit;
    out.push_back(std::move(f));
  }
}

void Extractor::Impl::read_indicators(U32View s, const std::vector<Fact>& qs,
                                      std::vector<Fact>& out) const {
  size_t qi = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != U'率' && s[i] != U'度') continue;
    size_t e = i + 1;
    int metric = -1;
    size_t n = metric_terms.longest_ending(s, e, &metric);
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
    const Fact* value = nullptr;
    for (size_t k = qi; k < qs.size() && qs[k].begin <= e + 12; ++k) {
      if (qs[k].kind != "percent" || qs[k].unit != "%") break;
      value = &qs[k];
      break;
    }
    if (!value) continue;
    bool blocked = false;
    for (size_t k = e; k < value->begin && !blocked; ++k) {
      if (is_clause_end(s[k]) && s[k] != U'、') blocked = true;
      size_t dn = up.longest_at(s, k);
      if (!dn) dn = down.longest_at(s, k);
      if (dn && !to.longest_at(s, k + dn)) blocked = true;
    }
    if (blocked) continue;
    Fact f;
    f.type = FactType::Indicator;
    f.begin = uint32_t(e - n), f.end = value->end;
    f.name = text::to_utf8(s.substr(e - n, n));
    f.metric = metric >= 0 ? metrics[metric] : f.name;
    f.value = value->value, f.value_max = value->value_max, f.approx = value->approx;
    f.unit = "%";
    out.push_back(std::move(f));
  }
}

// (牵头单位:区委编办,区司法局;责任单位:各乡镇,各部门)
void Extractor::Impl::read_units(U32View s, std::vector<Fact>& out) const {
  Fact f;
  f.type = FactType::Units;
  bool open = false;
  auto flush = [&] {
    if (open) out.push_back(f);
    f = Fact{};
    f.type = FactType::Units;
    open = false;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    size_t n = lead_labels.longest_at(s, i);
    bool lead = n > 0;
    if (!n) n = responsible_labels.longest_at(s, i);
    if (!n || i + n >= s.size() || s[i + n] != ':') {
      if (open && (s[i] == U'。' || s[i] == ')')) flush();
      continue;
    }
    if (!open || (lead && !f.lead.empty()) || (!lead && !f.responsible.empty())) {
      flush();
      f.begin = uint32_t(i);
      open = true;
    }
    std::vector<std::string>& list = lead ? f.lead : f.responsible;
    size_t k = i + n + 1, item = k;
    for (;; ++k) {
      bool end = k >= s.size() || s[k] == ';' || s[k] == ')' || s[k] == U'。' ||
                 lead_labels.longest_at(s, k) || responsible_labels.longest_at(s, k);
      if (end || s[k] == U'、' || s[k] == ',') {
        if (k > item) list.push_back(text::to_utf8(s.substr(item, k - item)));
        item = k + 1;
      }
      if (end) break;
    }
    f.end = uint32_t(k);
    i = k > i ? k - 1 : i;
  }
  flush();
}

// Orgs: a run of body characters (Han, not a stop character) that ends in a suffix and starts at a
// place name or an administrative prefix; or a listed name.
void Extractor::Impl::read_orgs(U32View s, std::vector<Fact>& out) const {
  auto body = [&](size_t k) {
    return is_han(s[k]) && !org_stop.count(s[k]) && chinese_digit(s[k]) < 0;
  };
  for (size_t i = 0; i < s.size();) {
    if (!body(i)) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && body(j)) ++j;
    // The last suffix end inside the run [i, j).
    size_t last = 0;
    for (size_t e = j; e > i; --e)
      if (org_suffixes.longest_ending(s.substr(0, e), e)) {
        last = e;
        break;
      }
    size_t start = SIZE_MAX;
    if (last) {
      // A place of the gazetteer at the run's start, else the first administrative character.
      auto places_found = places->find(text::to_utf8(s.substr(i, last - i)));
      if (!places_found.empty() && places_found.front().offset == 0) {
        start = i;
      } else {
        for (size_t k = i; k + 1 < last; ++k)
          if (org_prefixes.count(s[k])) {
            start = k;
            break;
          }
      }
    }
    if (start != SIZE_MAX && last > start + 1) {
      Fact f;
      f.type = FactType::Org;
      f.begin = uint32_t(start), f.end = uint32_t(last);
      f.name = text::to_utf8(s.substr(start, last - start));
      out.push_back(std::move(f));
    } else {
      for (size_t k = i; k < j;) {
        if (size_t n = org_names.longest_at(s.substr(0, j), k)) {
          Fact f;
          f.type = FactType::Org;
          f.begin = uint32_t(k), f.end = uint32_t(k + n);
          f.name = text::to_utf8(s.substr(k, n));
          out.push_back(std::move(f));
          k += n;
        } else {
          ++k;
        }
      }
    }
    i = j;
  }
}

Extractor::Extractor(const std::string& patterns_dir) : impl_(std::make_unique<Impl>()) {
  impl_->load(patterns_dir);
}
Extractor::~Extractor() = default;

void Extractor::extract(std::string_view text, std::vector<Fact>& out, FactTypes types) const {
  const Impl& x = *impl_;
  thread_local std::u32string s;
  thread_local std::vector<uint32_t> bytes, folded_bytes;  // offsets of each code point
  thread_local std::vector<uint8_t> mask;
  thread_local std::vector<Fact> qs;
  text::decode(text, true, s, bytes);
  mask.assign(s.size(), 0);
  qs.clear();
  size_t first = out.size();
  auto want = [&](FactType t) { return (types & (1u << int(t))) != 0; };

  x.read_marks(s, out, mask, types);
  bool numeric = false;
  for (char32_t c : s)
    numeric |= is_digit(c) || chinese_digit(c) >= 0 || c == U'十' || c == U'百' || c == U'千' ||
               c == U'万' || c == U'亿';
  if (numeric) {
    x.read_times(s, out, mask, types);
    // The name regexes run on the folded UTF-8, whose byte offsets differ from the original's
    // (a full-width digit is 3 bytes, its folded form 1).
    thread_local std::string folded;
    folded.clear();
    folded_bytes.clear();
    for (char32_t c : s) {
      folded_bytes.push_back(uint32_t(folded.size()));
      text::append_utf8(folded, c);
    }
    folded_bytes.push_back(uint32_t(folded.size()));
    x.read_names(folded, folded_bytes, mask);
    if (want(FactType::Quantity) || want(FactType::Change) || want(FactType::Indicator)) {
      x.read_quantities(s, mask, qs);
      if (want(FactType::Change)) x.read_changes(s, qs, out);
      if (want(FactType::Indicator)) x.read_indicators(s, qs, out);
      if (want(FactType::Quantity))
        for (Fact& q : qs) {
          q.subject = x.subject_of(s, mask, q);
          out.push_back(std::move(q));
        }
    }
  }
  if (want(FactType::Units)) x.read_units(s, out);
  if (want(FactType::Org)) x.read_orgs(s, out);
  std::stable_sort(out.begin() + first, out.end(), [](const Fact& a, const Fact& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end < b.end;
    return a.type < b.type;
  });
  for (size_t k = first; k < out.size(); ++k)
    out[k].byte_begin = bytes[out[k].begin], out[k].byte_end = bytes[out[k].end];
}

void append_fact_json(std::string& out, const Fact& f, std::string_view text) {
  auto str = [&](const char* key, const std::string& v) {
    out += ",\"";
    out += key;
    out += "\":";
    if (v.empty())
      out += "null";
    else
      json::append_json_string(out, v);
  };
  auto num = [&](const char* key, double v) {
    out += ",\"";
    out += key;
    out += "\":";
    out += fmt_value(v);
  };
  auto approx = [&] {
    const char* a = approx_name(f.approx);
    out += ",\"approx\":";
    if (a)
      json::append_json_string(out, a);
    else
      out += "null";
  };
  auto amount = [&] {  // a change's or an indicator's value: value, value_max, unit, approx
    num("value", f.value);
    if (f.value_max) num("value_max", *f.value_max);
    str("unit", f.unit);
    approx();
  };
  auto list = [&](const char* key, const std::vector<std::string>& v) {
    out += ",\"";
    out += key;
    out += "\":[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ',';
      json::append_json_string(out, v[i]);
    }
    out += ']';
  };
  out += "{\"type\":\"";
  out += fact_type_name(f.type);
  out += "\",\"text\":";
  json::append_json_string(out, text.substr(f.byte_begin, f.byte_end - f.byte_begin));
  out += ",\"span\":[" + std::to_string(f.begin) + "," + std::to_string(f.end) + "]";
  switch (f.type) {
    case FactType::Quantity:
      num("value", f.value);
      if (f.value_max) num("value_max", *f.value_max);
      str("unit", f.unit);
      str("kind", f.kind);
      approx();
      str("subject", f.subject);
      break;
    case FactType::Change:
      str("direction", f.direction);
      amount();
      str("basis", f.basis);
      break;
    case FactType::Indicator:
      str("name", f.name);
      str("metric", f.metric);
      amount();
      break;
    case FactType::Date:
      str("value", f.iso);
      out += ",\"year\":" + (f.year ? std::to_string(f.year) : std::string("null"));
      out += ",\"month\":" + (f.month ? std::to_string(f.month) : std::string("null"));
      out += ",\"day\":" + (f.day ? std::to_string(f.day) : std::string("null"));
      out += f.deadline ? ",\"deadline\":true" : ",\"deadline\":false";
      break;
    case FactType::Period: {
      str("value", f.iso);
      size_t slash = f.iso.find('/');
      str("start", f.iso.substr(0, slash));
      str("end", slash == std::string::npos ? std::string() : f.iso.substr(slash + 1));
      break;
    }
    case FactType::Citation:
      str("name", f.name);
      str("kind", f.kind);
      break;
    case FactType::Quote:
    case FactType::Org:
      str("name", f.name);
      break;
    case FactType::Units:
      list("lead", f.lead);
      list("responsible", f.responsible);
      break;
  }
  out += '}';
}

}  // namespace rpt
