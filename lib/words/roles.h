// roles: what a segment of a report does — says what was achieved, what is lacking, or what will
// be done — from patterns/tag/roles.rules. rpt tag writes it as seg's role; rpt extract reads a
// figure's stance (result or target) from it when the sentence itself does not say.
//
//   doctype ROLE: REGEX   on doc.type — a work plan is plan throughout
//   heading ROLE: REGEX   on the segment's heading path, innermost heading first
//   cue ROLE: REGEX       on the sentence itself
//   default: ROLE
//
// Invariants: the first rule that matches decides, in the order above; regexes see width-folded
// text; a RoleRules is immutable after loading and may be shared between threads.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rpt {

class RoleRules {
 public:
  RoleRules() = default;  // no rules: role() is ""
  // Loads a roles file. Throws DataError (file:line) on a bad rule or a missing default.
  explicit RoleRules(const std::string& path);

  bool empty() const { return default_.empty(); }
  // path: the segment's heading path; doc_type: doc.type ("" when unknown); folded: the
  // segment's text, width-folded.
  std::string_view role(const std::vector<std::string>& path, std::string_view doc_type,
                        std::string_view folded) const;
  // The same decision in two steps, for a caller that keeps the first for consecutive segments
  // under the same headings: the role the heading path gives ("" when no heading rule matches),
  // then the role of a segment given it.
  std::string_view heading_role(const std::vector<std::string>& path) const;
  std::string_view role_under(std::string_view heading_role, std::string_view doc_type,
                              std::string_view folded) const;

 private:
  struct Rule {
    std::string role;
    std::unique_ptr<RE2> re;
  };
  std::vector<Rule> doctype_, heading_, cue_;
  std::unique_ptr<RE2::Set> cue_set_;  // the cues, for one pass over the text (first one wins)
  std::string default_;
};

}  // namespace rpt
