#include "header.h"

#include <cmath>

#include "doc.h"
#include "header_rules.h"
#include "numeral.h"
#include "text.h"

namespace rpt {

const char* role_name(HeaderRole r) {
  switch (r) {
    case HeaderRole::kNone:
      return "none";
    case HeaderRole::kTitle:
      return "title";
    case HeaderRole::kOrg:
      return "org";
    case HeaderRole::kDate:
      return "date";
    case HeaderRole::kSession:
      return "session";
    case HeaderRole::kAdoption:
      return "adoption";
    case HeaderRole::kSpeaker:
      return "speaker";
    case HeaderRole::kRecipients:
      return "recipients";
    case HeaderRole::kSalutation:
      return "salutation";
    case HeaderRole::kDocNo:
      return "docno";
    case HeaderRole::kKind:
      return "kind";
    case HeaderRole::kNote:
      return "note";
  }
  return "?";
}

namespace {

// A whole string read as one integer by the numeral reader (二〇二二, 2022, 十二, 二十一), or -1.
int whole_integer(std::string_view s) {
  std::u32string u = text::folded(s);
  auto n = read_numeral(u, 0);
  if (!n || n->begin != 0 || n->end != u.size() || n->value_max || n->percent || n->fraction ||
      n->approx != Approx::Exact || n->value != std::floor(n->value))
    return -1;
  return int(n->value);
}

bool has_any(std::string_view s, std::initializer_list<std::string_view> needles) {
  for (auto n : needles)
    if (s.find(n) != std::string_view::npos) return true;
  return false;
}

size_t chars(std::string_view s) {
  return text::count_code_points(s);
}

// Byte offset in s of its code point number cp (s.size() past the end).
size_t byte_of_cp(std::string_view s, size_t cp) {
  auto p = reinterpret_cast<const unsigned char*>(s.data());
  auto end = p + s.size();
  for (size_t i = 0; i < cp && p < end; ++i) text::decode_one(p);
  return size_t(p - reinterpret_cast<const unsigned char*>(s.data()));
}

}  // namespace

std::optional<std::string> iso_date(std::string_view y, std::string_view m, std::string_view d) {
  int yy = whole_integer(y), mm = whole_integer(m), dd = whole_integer(d);
  if (yy < 1900 || yy > 2100 || mm < 1 || mm > 12 || dd < 1 || dd > 31) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", yy, mm, dd);
  return std::string(buf);
}

std::optional<std::string> first_date_in(std::string_view s) {
  static const RE2 re(R"((\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2}))");
  std::string f = text::fold_width(s), y, m, d;
  if (RE2::PartialMatch(f, re, &y, &m, &d)) return iso_date(y, m, d);
  return std::nullopt;
}

HeaderGrammar::HeaderGrammar(const std::string& patterns_dir, const ScriptTable& script)
    : script_(script), rules_(std::make_unique<Rules>()) {
  rules_->load(patterns_dir + "/split/fields.rules");
}

HeaderGrammar::~HeaderGrammar() = default;

bool HeaderGrammar::heading_like(std::string_view reading) const {
  return heading_marker(text::folded(reading)).level != kNotHeading;
}

bool HeaderGrammar::title_like(std::string_view r) const {
  std::string s = text::squeeze(r);
  // A 文种 and little else (工作报告, 决议决定) is a site's category, not a document's title.
  return chars(s) >= 5 && chars(s) <= 80 && !has_any(s, {"。", ";", ","}) && !heading_like(s) &&
         s.rfind("《", 0) != 0 && RE2::PartialMatch(s, *rules_->title);
}

namespace {
// Letter-spaced (政 府 工 作 报 告): most of its space-separated pieces are one character.
bool letter_spaced(std::string_view s) {
  size_t pieces = 0, single = 0, i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) ++pieces, single += chars(s.substr(i, j - i)) == 1;
    i = j;
  }
  return pieces >= 3 && single * 2 >= pieces;
}
}  // namespace

std::optional<std::string> HeaderGrammar::title_in(std::string_view line) const {
  line = text::trim(line);
  if (chars(line) > 100) return std::nullopt;
  // Strip what a site adds, one piece at a time, for as long as a title remains.
  for (int round = 0; round < 8; ++round) {
    std::string f = text::fold_width(line);
    bool cut = false;
    for (const auto& re : rules_->title_junk) {
      re2::StringPiece m;
      if (!RE2::PartialMatch(f, *re, &m) || m.empty()) continue;
      size_t begin = size_t(m.data() - f.data()), end = begin + m.size();
      if (begin != 0 && end != f.size()) continue;  // junk sits at either end of a title
      size_t cp_begin = chars(std::string_view(f).substr(0, begin));
      size_t cp_end = cp_begin + chars(m);
      std::string_view rest = begin == 0 ? line.substr(byte_of_cp(line, cp_end))
                                         : line.substr(0, byte_of_cp(line, cp_begin));
      rest = text::trim(rest);
      if (rest.empty() || !title_like(reading(rest))) continue;
      line = rest;
      cut = true;
      break;
    }
    if (!cut) break;
  }
  if (!title_like(reading(line))) return std::nullopt;
  if (letter_spaced(text::fold_width(line))) return text::squeeze(line);
  return std::string(line);
}

bool HeaderGrammar::org_like(std::string_view r) const {
  return chars(r) <= 40 && !has_any(r, {"。", ",", ";", ":", "!", "?", "("}) &&
         RE2::PartialMatch(r, *rules_->org);
}

bool HeaderGrammar::title_part(std::string_view r) const {
  return chars(r) <= 30 && !has_any(r, {"。", ";", "!", "?", ":", ","}) && !heading_like(r);
}

std::optional<LineDate> HeaderGrammar::date_of(std::string_view r) const {
  if (chars(r) > 80) return std::nullopt;
  std::string y, m, d;
  for (const auto& re : rules_->date_lines)
    if (RE2::FullMatch(r, *re, &y, &m, &d)) {
      auto iso = iso_date(y, m, d);
      if (!iso) return std::nullopt;
      LineDate out{*iso};
      out.adoption = r.find("通过") != std::string_view::npos;
      out.delivery = !out.adoption && RE2::PartialMatch(r, *rules_->session);
      return out;
    }
  return std::nullopt;
}

std::optional<LineDate> HeaderGrammar::adoption_at_start(std::string_view r,
                                                         std::string* session) const {
  std::string y, m, d, s;
  if (!RE2::PartialMatch(r.substr(0, std::min<size_t>(r.size(), 400)), *rules_->adoption, &y, &m,
                         &d, &s))
    return std::nullopt;
  auto iso = iso_date(y, m, d);
  if (!iso) return std::nullopt;
  if (session) *session = s;
  LineDate out{*iso};
  out.adoption = true;
  return out;
}

bool HeaderGrammar::speaker_like(std::string_view r) const {
  return chars(r) <= 30 && RE2::PartialMatch(r, *rules_->speaker);
}

bool HeaderGrammar::person_name(std::string_view r) const {
  static const RE2 name(R"(^\p{Han}{2,4}$)");
  return RE2::FullMatch(r, name);
}

HeaderRole HeaderGrammar::role_of(std::string_view line, std::string_view r) const {
  (void)line;
  size_t n = chars(r);
  if (n == 0 || n > 120) return HeaderRole::kNone;
  if (adoption_at_start(r) && r.back() == ')') return HeaderRole::kAdoption;
  if (date_of(r)) return HeaderRole::kDate;
  std::string squeezed = text::squeeze(r);
  if (RE2::FullMatch(squeezed, *rules_->kind)) return HeaderRole::kKind;
  if (RE2::PartialMatch(r, *rules_->salutation)) return HeaderRole::kSalutation;
  for (const auto& re : rules_->docnos)
    if (n <= 40 && RE2::PartialMatch(r, *re)) return HeaderRole::kDocNo;
  if (n <= 60 && r.back() == ':' && !has_any(r, {"。", ";"}) &&
      !RE2::PartialMatch(r, *rules_->not_recipients))
    return HeaderRole::kRecipients;
  if (n <= 60 && !has_any(r, {"。", ";", ","}) && RE2::PartialMatch(r, *rules_->session))
    return HeaderRole::kSession;
  if (title_like(r) || title_in(line)) return HeaderRole::kTitle;
  if (org_like(r)) return HeaderRole::kOrg;
  if (speaker_like(r)) return HeaderRole::kSpeaker;
  if (RE2::FullMatch(r, *rules_->note)) return HeaderRole::kNote;
  return HeaderRole::kNone;
}

}  // namespace rpt
