// clean: removing web page furniture from a report's text, by the rules of
// patterns/split/furniture.rules (see that file for the rule language).
//
// Invariants:
// - Only whole lines are removed, and only lines of at most kMaxFurnitureChars code points:
//   furniture is short, so no report paragraph is ever dropped by a rule.
// - Every removed line is returned (dropped), so callers and tests can account for all the text:
//   kept lines + dropped lines = the input's non-blank lines.
// - All drop and field rules are tested in one pass per line (RE2::Set); per-rule regexes run only
//   on lines the set says match, to read captures.
#pragma once

#include <re2/set.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules.h"

namespace rpt {

inline constexpr size_t kMaxFurnitureChars = 120;

struct CleanedText {
  std::string text;                                         // kept lines, trimmed, joined by '\n'
  std::vector<std::string> dropped;                         // removed lines, in order
  std::vector<std::pair<std::string, std::string>> fields;  // (name, value) from field rules
};

class PageCleaner {
 public:
  // Loads DIR/split/furniture.rules. Throws DataError naming file:line on a bad rule.
  explicit PageCleaner(const std::string& patterns_dir);
  PageCleaner(const PageCleaner&) = delete;
  PageCleaner& operator=(const PageCleaner&) = delete;

  CleanedText clean(std::string_view utf8) const;

 private:
  enum class Action { Drop, Tail, Field };
  struct Compiled {
    Action action;
    std::string field;
    std::unique_ptr<RE2> re;
  };
  std::vector<Compiled> rules_;
  std::unique_ptr<RE2::Set> set_;
};

}  // namespace rpt
