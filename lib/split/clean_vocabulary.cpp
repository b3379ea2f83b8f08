// clean_vocabulary: the compiled rules of patterns/split/furniture.rules (clean_line.h).
#include <algorithm>

#include "clean_line.h"
#include "text.h"

namespace rpt {

using clean_detail::Where;

void PageCleaner::Vocabulary::load(const std::string& path) {
  RE2::Options opt;
  opt.set_log_errors(false);
  set = std::make_unique<RE2::Set>(opt, RE2::UNANCHORED);
  std::vector<std::string> words;
  for (const Rule& r : load_rules(path)) {
    Compiled c;
    if ((r.key == "drop" || r.key == "head" || r.key == "foot" || r.key == "tail" ||
         r.key == "lead" || r.key == "breadcrumb") &&
        r.args.empty()) {
      c.where = r.key == "drop"   ? Where::kAnywhere
                : r.key == "head" ? Where::kHead
                : r.key == "foot" ? Where::kFoot
                : r.key == "tail" ? Where::kTail
                : r.key == "lead" ? Where::kLead
                                  : Where::kAnywhere;
    } else if (r.key == "field" && r.args.size() == 1) {
      c.where = Where::kAnywhere, c.field = r.args[0];
    } else if (r.key == "label" && r.args.size() == 1) {
      for (const auto& w : split_words(r.value)) {
        label_class[text::squeeze(w)] = r.args[0];
        words.push_back(text::squeeze(w));
      }
      continue;
    } else if (r.key == "toolbar" && r.args.empty()) {
      for (const auto& w : split_words(r.value)) toolbar.push_back(w);
      continue;
    } else if (r.key == "nav" && r.args.empty()) {
      for (const auto& w : split_words(r.value)) nav.push_back(w), nav_set.insert(w);
      continue;
    } else {
      unknown_rule(r,
                   "drop, head, foot, tail, lead, breadcrumb, field NAME, label NAME, "
                   "toolbar or nav");
    }
    c.breadcrumb = r.key == "breadcrumb";
    c.re = compile_rule(r);
    // The reason a line goes: the rule's file (without its directory), line and key.
    std::string file = r.where.source.substr(r.where.source.find_last_of('/') + 1);
    c.where_text = file + ":" + std::to_string(r.where.line) + " " + r.key;
    if (!c.field.empty() && c.re->NumberOfCapturingGroups() < 1)
      throw DataError(r.where, "a field rule needs a capture group for the value");
    std::string err;
    if (set->Add(r.value, &err) != int(rules.size())) throw DataError(r.where, "bad regex: " + err);
    rules.push_back(std::move(c));
  }
  auto longest_first = [](std::vector<std::string>& v) {
    std::sort(v.begin(), v.end(), [](const std::string& a, const std::string& b) {
      return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
  };
  longest_first(toolbar);
  longest_first(nav);
  longest_first(words);
  for (const auto& w : words) label_words.emplace_back(w, label_class[w]);
  // A label at the start of a line (after a bullet or bracket) or after white space, its
  // characters perhaps spaced out (索 引 号), then a separator.
  std::string alt;
  for (const auto& w : words) {
    std::u32string cps = text::folded(w);
    std::string piece;
    for (size_t i = 0; i < cps.size(); ++i) {
      if (i) piece += "\\s*";
      std::string one;
      text::append_utf8(one, cps[i]);
      piece += RE2::QuoteMeta(one);
    }
    alt += (alt.empty() ? "" : "|") + piece;
  }
  if (!alt.empty()) {
    std::string re = "(?:^|[\\s\\]】|])[\\[【\\-*•·]?\\s*(" + alt + ")\\s*(?:[:\\]】|]|$)";
    labels = std::make_unique<RE2>(re);
    // In the one pass of the set too, so the label scan runs only on lines that have one.
    std::string err;
    labels_in_set = set->Add(re, &err);
    if (labels_in_set < 0) throw DataError({path}, "labels do not compile: " + err);
  }
  if (!set->Compile()) throw DataError({path}, "rules too large to compile together");
}

// A line made only of words from `words` (each used any number of times), brackets,
// separators, colons and spaces — a toolbar (【字体:大 中 小】【打印】) or a navigation row.
bool PageCleaner::Vocabulary::made_of(std::string_view s, const std::vector<std::string>& words,
                                      size_t* count) {
  size_t i = 0, n = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    if (c == ' ' || c == ':' || c == '|' || c == '[' || c == ']' || c == '/' || c == '-' ||
        c == '(' || c == ')' || c == '<' || c == '>') {
      ++i;
      continue;
    }
    bool hit = false;
    for (std::string_view other : {"【", "】", "丨", "·", "•", "»", "›"})
      if (s.substr(i, other.size()) == other) {
        i += other.size(), hit = true;
        break;
      }
    if (hit) continue;
    for (const auto& w : words)
      if (s.substr(i, w.size()) == w) {
        i += w.size(), hit = true, ++n;
        break;
      }
    if (!hit) return false;
  }
  if (count) *count = n;
  return n > 0;
}

PageCleaner::PageCleaner(const std::string& patterns_dir, const HeaderGrammar& grammar)
    : grammar_(grammar), vocab_(std::make_unique<Vocabulary>()) {
  vocab_->load(patterns_dir + "/split/furniture.rules");
}

PageCleaner::~PageCleaner() = default;
}  // namespace rpt
