// rules: the line format of rpt's rule files in patterns/ (*.rules).
//
//   # a comment; blank lines are ignored
//   KEY [ARG…]: VALUE
//   [SECTION]          opens a section: the rules after it carry its name (tag packs use it)
//
// KEY and its ARGs are words without ':'; VALUE is everything after the first ':' that follows
// them, trimmed (so regexes in VALUE may contain ':' freely). Each rule keeps its file and line so
// that every error about it, including a bad regex found later, names file:line.
#pragma once

#include <re2/re2.h>

#include <memory>
#include <string>
#include <vector>

#include "io.h"

namespace rpt {

struct Rule {
  std::string section;  // the last [SECTION] above the rule, "" before any
  std::string key;
  std::vector<std::string> args;
  std::string value;
  Location where;
};

// Loads a rules file. Throws DataError (file:line) on a line that is not `KEY [ARG…]: VALUE` or has
// an empty VALUE.
std::vector<Rule> load_rules(const std::string& path);

// The words of a VALUE separated by spaces or tabs (`terms: 三项制度 执法公示`).
std::vector<std::string> split_words(std::string_view value);

// Compiles a rule's VALUE as an RE2 regex (UTF-8, longest-match off). Throws DataError naming the
// rule's file:line and RE2's reason.
std::unique_ptr<RE2> compile_rule(const Rule& r);

// Throws DataError at the rule: "unknown rule KEY (expected …)".
[[noreturn]] void unknown_rule(const Rule& r, const std::string& expected);

}  // namespace rpt
