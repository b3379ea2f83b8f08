#include "header_rules.h"

namespace rpt {

void HeaderGrammar::Rules::load(const std::string& path) {
  auto groups = [](const Rule& r, const RE2& re, int n) {
    if (re.NumberOfCapturingGroups() != n)
      throw DataError(r.where, "`" + r.key + "` needs " + std::to_string(n) + " capture group" +
                                   (n == 1 ? "" : "s"));
  };
  struct Single {
    const char* key;
    std::unique_ptr<RE2>* slot;
    bool required;
    int groups;  // capture groups the rule must have, or -1: any
  };
  Single singles[] = {{"title", &title, true, -1},
                      {"org", &org, true, -1},
                      {"title_issuer", &title_issuer, true, 1},
                      {"not_recipients", &not_recipients, true, -1},
                      {"notice", &notice, true, -1},
                      {"zone", &zone, true, 1},
                      {"year_opening", &year_opening, true, 1},
                      {"session", &session, true, -1},
                      {"adoption", &adoption, true, 4},
                      {"speaker", &speaker, true, -1},
                      {"salutation", &salutation, true, -1},
                      {"kind", &kind, true, -1},
                      {"note", &note, true, -1},
                      {"subject", &subject, true, 1},
                      {"lead_title", &lead_title, true, 1},
                      {"not_org", &not_org, false, -1},
                      {"title_note", &title_note, false, -1},
                      {"session_short", &session_short, false, 3},
                      {"glued_title", &glued_title, false, 1},
                      {"speaker_place", &speaker_place, false, 1}};
  for (const Rule& r : load_rules(path)) {
    bool done = false;
    for (auto& s : singles) {
      if (r.key != s.key) continue;
      if (!r.args.empty()) throw DataError(r.where, "`" + r.key + "` takes no argument");
      if (*s.slot) throw DataError(r.where, "`" + r.key + "` given twice");
      *s.slot = compile_rule(r);
      if (s.groups >= 0) groups(r, **s.slot, s.groups);
      done = true;
    }
    if (done) continue;
    if (r.key == "date_line" && r.args.empty()) {
      auto re = compile_rule(r);
      groups(r, *re, 3);
      date_lines.push_back(std::move(re));
    } else if (r.key == "title_junk" && r.args.empty()) {
      Rule whole = r;  // the whole match is what goes: capture it
      whole.value = "(" + r.value + ")";
      title_junk.push_back(compile_rule(whole));
    } else if (r.key == "issuer_cue" && r.args.empty()) {
      auto re = compile_rule(r);
      groups(r, *re, 1);
      issuer_cues.push_back(std::move(re));
    } else if (r.key == "docno" && r.args.empty()) {
      docnos.push_back(compile_rule(r));
    } else if (r.key == "self" && r.args.size() == 1) {
      self_refs.emplace_back(r.args[0], r.value);
    } else if (r.key == "self_place" && r.args.size() == 1) {
      self_places.emplace_back(r.args[0], r.value);
    } else if ((r.key == "type" || r.key == "body_type" || r.key == "opening") &&
               r.args.size() == 1) {
      auto& list = r.key == "type" ? types : r.key == "body_type" ? body_types : openings;
      list.emplace_back(r.args[0], compile_rule(r));
    } else if (r.key == "year_cue" && r.args.size() == 1 &&
               (r.args[0] == "now" || r.args[0] == "next" || r.args[0] == "now_undated" ||
                r.args[0] == "next_undated")) {
      auto re = compile_rule(r);
      groups(r, *re, 1);
      year_cues.emplace_back(r.args[0], std::move(re));
    } else if (r.key == "year_since" && r.args.size() == 1) {
      int base = std::atoi(r.args[0].c_str());
      if (base < 1800 || base > 2100)
        throw DataError(r.where, "year_since needs a year: year_since 1949");
      auto re = compile_rule(r);
      groups(r, *re, 1);
      year_since.emplace_back(base, std::move(re));
    } else if (r.key == "gazetteer_ignore" && r.args.empty()) {
      gazetteer_ignore.push_back(r.value);
    } else if (r.key == "gazetteer_short_after" && r.args.empty()) {
      for (const auto& w : split_words(r.value)) gazetteer_short_after.push_back(w);
    } else if (r.key == "levels" && r.args.empty()) {
      levels = split_words(r.value);
    } else if (r.key == "party_prefix" && r.args.empty()) {
      party_prefix = r.value;
    } else if (r.key == "session_full" && r.args.empty()) {
      session_full = r.value;
    } else if (r.key == "government" && r.args.empty()) {
      government = r.value;
    } else {
      unknown_rule(r,
                   "title, title_junk, org, title_issuer, not_recipients, notice, date_line, "
                   "session, adoption, speaker, salutation, docno, kind, note, subject, "
                   "lead_title, not_org, title_note, session_short, session_full, glued_title, "
                   "speaker_place, self WORD, self_place WORD, issuer_cue, zone, "
                   "year_opening, "
                   "year_cue now|next|now_undated|next_undated, year_since YEAR, gazetteer_ignore, "
                   "gazetteer_short_after, levels, party_prefix, government, "
                   "type NAME, body_type NAME or opening NAME");
    }
  }
  year_filter = std::make_unique<re2::FilteredRE2>(6);  // atoms of two Han characters or more
  RE2::Options opt;
  opt.set_log_errors(false);
  int id = 0;
  for (const auto& [kind, re] : year_cues) year_filter->Add(re->pattern(), opt, &id);
  for (const auto& [base, re] : year_since) year_filter->Add(re->pattern(), opt, &id);
  year_filter->Compile(&year_atoms);
  if (!body_types.empty()) {
    body_type_set = std::make_unique<RE2::Set>(body_types[0].second->options(), RE2::UNANCHORED);
    for (const auto& [name, re] : body_types)
      if (body_type_set->Add(re->pattern(), nullptr) < 0)
        throw DataError({path}, "body_type " + name + " does not compile in a set");
    if (!body_type_set->Compile()) throw DataError({path}, "body_type rules do not compile");
  }
  if (!year_atoms.empty()) {
    RE2::Options lit;
    lit.set_log_errors(false);
    lit.set_literal(true);
    year_atom_set = std::make_unique<RE2::Set>(lit, RE2::UNANCHORED);
    for (const std::string& a : year_atoms)
      if (year_atom_set->Add(a, nullptr) < 0) throw DataError({path}, "year cue atom: " + a);
    if (!year_atom_set->Compile()) throw DataError({path}, "year cue atoms do not compile");
  }
  for (auto& s : singles)
    if (s.required && !*s.slot)
      throw DataError({path}, std::string("missing the required rule `") + s.key + "`");
  if (levels.empty() || government.empty())
    throw DataError({path}, "missing the required rules `levels` and `government`");
}

}  // namespace rpt
