// header_rules: the compiled rules of patterns/split/fields.rules (see that file for what each
// key means). Shared by header.cpp, which classifies lines, and meta.cpp / issuer.cpp, which read
// document fields; nothing outside lib/split includes it.
#pragma once

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "header.h"

namespace rpt {

struct HeaderGrammar::Rules {
  // One regex each.
  std::unique_ptr<RE2> title, org, title_issuer, not_recipients, notice, zone, year_opening,
      session, adoption, speaker, salutation, kind, note, subject, lead_title, not_org, title_note,
      session_short, glued_title, speaker_place;
  // Lists.
  std::vector<std::unique_ptr<RE2>> date_lines, title_junk, docnos, issuer_cues;
  std::vector<std::pair<std::string, std::string>> self_refs;  // (我局, 局): an org ending so
  std::vector<std::pair<std::string, std::string>>
      self_places;  // (我县, 县): the place's government
  std::vector<std::pair<std::string, std::unique_ptr<RE2>>> types, body_types, openings;
  // year cues: ("now", re) — group 1 is the year the document is about; ("next", re) — group 1 is
  // the year before it (a review of that year); now_undated/next_undated: read only in a speech
  // that states no date (estimates, statistics: weaker evidence).
  std::vector<std::pair<std::string, std::unique_ptr<RE2>>> year_cues;
  std::vector<std::pair<int, std::unique_ptr<RE2>>> year_since;  // (base year, re: group 1 = years)
  // The year cues, then the year_since rules, as a FilteredRE2: the literal words each needs
  // (预计, 之年, 增长…) are looked for first, and only the cues they allow are run.
  std::unique_ptr<re2::FilteredRE2> year_filter;
  std::vector<std::string> year_atoms;
  // The atoms as literals of one RE2::Set, so a line is scanned once for all of them (null when
  // the cues need no atom).
  std::unique_ptr<RE2::Set> year_atom_set;
  // The body_type rules as one RE2::Set: a line is read once for all of them.
  std::unique_ptr<RE2::Set> body_type_set;
  std::vector<std::string> gazetteer_ignore, gazetteer_short_after;
  std::vector<std::string> levels;  // 自治区 自治州 自治县 省 市 区 县 旗 州 盟: place-name endings
  std::string party_prefix;  // 中共: before a party committee named X委
  std::string government;    // 人民政府: the full name of X政府
  std::string session_full;  // \1第\2届人民代表大会第\3次会议: a session_short in full

  void load(const std::string& path);
};

}  // namespace rpt
