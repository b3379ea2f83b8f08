// mentions: what the text names rather than counts — quotes (“放管服”) and citations (《…》, with a
// normalised name and kind), organisations, and the lead and responsible units of work-plan tasks
// ((牵头单位:…;责任单位:…)).
#include "reader.h"

namespace rpt {

using extract::is_han;
using extract::U32;
using extract::U32View;

// “…”, 「…」, "…" give quotes; 《…》 citations. Numbers inside are names (mask bit 2) — for quotes
// only when short: a long quotation is prose.
void Extractor::Impl::read_marks(ExtractScratch& x, std::vector<Fact>& out, FactTypes types) const {
  const U32View s = x.s;
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
      for (size_t k = i; k <= j; ++k) x.mask[k] |= kMaskMarks;
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

// (牵头单位:区委编办,区司法局;责任单位:各乡镇,各部门)
void Extractor::Impl::read_units(const ExtractScratch& x, std::vector<Fact>& out) const {
  const U32View s = x.s;
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
void Extractor::Impl::read_orgs(const ExtractScratch& x, std::vector<Fact>& out) const {
  const U32View s = x.s;
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

}  // namespace rpt
