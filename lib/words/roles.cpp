#include "roles.h"

#include <algorithm>

#include "io.h"
#include "rules.h"
#include "text.h"

namespace rpt {

RoleRules::RoleRules(const std::string& path) {
  for (const ::rpt::Rule& r : load_rules(path)) {
    if (r.key == "default") {
      default_ = r.value;
      continue;
    }
    if (r.args.size() != 1) throw DataError(r.where, "expected `" + r.key + " ROLE: REGEX`");
    Rule rr{r.args[0], compile_rule(r)};
    if (r.key == "doctype")
      doctype_.push_back(std::move(rr));
    else if (r.key == "heading")
      heading_.push_back(std::move(rr));
    else if (r.key == "cue")
      cue_.push_back(std::move(rr));
    else
      unknown_rule(r, "doctype ROLE, heading ROLE, cue ROLE or default");
  }
  if (default_.empty()) throw DataError({path}, "no `default: ROLE` rule");
  if (cue_.size() > 1) {
    cue_set_ = std::make_unique<RE2::Set>(cue_[0].re->options(), RE2::UNANCHORED);
    for (const auto& r : cue_)
      if (cue_set_->Add(r.re->pattern(), nullptr) < 0) cue_set_.reset();
    if (cue_set_ && !cue_set_->Compile()) cue_set_.reset();
  }
}

std::string_view RoleRules::role(const std::vector<std::string>& path, std::string_view doc_type,
                                 std::string_view folded) const {
  for (const auto& r : doctype_)  // before the headings are read: a work plan is plan throughout
    if (RE2::PartialMatch(doc_type, *r.re)) return r.role;
  return role_under(heading_role(path), doc_type, folded);
}

std::string_view RoleRules::heading_role(const std::vector<std::string>& path) const {
  for (size_t i = path.size(); i-- > 0;) {
    std::string f = text::fold_width(path[i]);
    for (const auto& r : heading_)
      if (RE2::PartialMatch(f, *r.re)) return r.role;
  }
  return {};
}

std::string_view RoleRules::role_under(std::string_view heading_role, std::string_view doc_type,
                                       std::string_view folded) const {
  for (const auto& r : doctype_)
    if (RE2::PartialMatch(doc_type, *r.re)) return r.role;
  if (!heading_role.empty()) return heading_role;
  if (cue_set_) {
    std::vector<int> hits;
    if (!cue_set_->Match(folded, &hits)) return default_;
    return cue_[size_t(*std::min_element(hits.begin(), hits.end()))].role;
  }
  for (const auto& r : cue_)
    if (RE2::PartialMatch(folded, *r.re)) return r.role;
  return default_;
}

}  // namespace rpt
