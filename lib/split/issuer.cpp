// The issuer and the region of a document (part of FieldReader; see meta.h for the order of
// evidence). Names are completed the way a careful reader completes them: 区司法局 in a text about
// 罗湖区 is 罗湖区司法局, 市委、市政府 of 成都市 are 中共成都市委、成都市人民政府.
#include <algorithm>

#include "meta_reading.h"
#include "text.h"

namespace rpt {

namespace {

// Cuts the match m of a reading out of the line it was read from (map: reading byte → line byte).
std::string as_written(std::string_view line, const std::string& reading,
                       const std::vector<uint32_t>& map, re2::StringPiece m) {
  size_t a = size_t(m.data() - reading.data()), b = a + m.size();
  return std::string(line.substr(map[a], map[b] - map[a]));
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

int depth(const Division& d) {
  return d.level == "county" ? 3 : d.level == "city" ? 2 : 1;
}

}  // namespace

std::optional<std::string> MetaReading::subject_of(std::string_view line) const {
  std::vector<uint32_t> map;
  std::string r = g_.script().reading(line.substr(0, std::min<size_t>(line.size(), 600)), &map);
  // Its first sentences only: a subject is where a sentence begins.
  re2::StringPiece m;
  if (!RE2::PartialMatch(r, *r_.subject, &m)) return std::nullopt;
  if (r_.not_org && RE2::PartialMatch(m, *r_.not_org)) return std::nullopt;
  return as_written(line, r, map, m);
}

void MetaReading::issuer() {
  std::optional<std::string> who;
  // The title's prefix: 某县人民政府关于…, 某市第六届人民代表大会第七次会议关于…
  std::vector<std::string> titles;
  for (const auto* t : {&covered_title_, &meta_.title})
    if (*t) titles.push_back(**t);
  for (size_t i : titles_) titles.emplace_back(line(i));
  for (size_t k = 0; k + 1 < titles_.size(); ++k)
    if (titles_[k + 1] == titles_[k] + 1)
      titles.push_back(std::string(line(titles_[k])) + std::string(line(titles_[k + 1])));
  for (const auto& t : titles) {
    std::vector<uint32_t> map;
    std::string r = g_.script().reading(t, &map);
    re2::StringPiece m;
    if (RE2::PartialMatch(r, *r_.title_issuer, &m)) {
      who = as_written(t, r, map, m);
      break;
    }
  }
  // 2022年上海市政府信息公开工作年度报告: a year, then a place's government, then the subject.
  for (size_t k = 0; k < titles.size() && !who; ++k) {
    static const RE2 year_place(R"(^\d{4}\s*年(?:度)?(\p{Han}{2,16}?(?:人民政府|政府)))");
    std::vector<uint32_t> map;
    std::string r = g_.script().reading(titles[k], &map);
    re2::StringPiece m;
    if (RE2::PartialMatch(r, year_place, &m)) {
      // Only a place's own government: 上海市政府, not 某市法治政府.
      auto found = gaz_.find(m);
      std::string_view rest;
      if (!found.empty())
        rest = std::string_view(m.data(), m.size()).substr(found.front().name.size());
      if (!found.empty() && found.front().offset == 0 && (rest == "政府" || rest == r_.government))
        who = as_written(titles[k], r, map, m);
    }
  }
  for (const auto* o : {&notice_org_, &front_org_, &signature_org_, &speaker_org_})
    if (!who && *o) who = **o;
  if (!who) {  // a speech: 我代表某县人民政府
    for (size_t i = body_; i < std::min(n(), body_ + 3) && !who; ++i) {
      std::vector<uint32_t> map;
      std::string r = g_.script().reading(line(i), &map);
      re2::StringPiece m;
      for (const auto& cue : r_.issuer_cues)
        if (!who && RE2::PartialMatch(r, *cue, &m)) who = as_written(line(i), r, map, m);
    }
  }
  if (!who && session_ && !session_->empty()) who = session_;
  // The subject of the body's first sentence: 2023年,某县人民政府坚持…
  for (size_t i = body_; i < std::min(n(), body_ + 3) && !who; ++i) who = subject_of(line(i));
  // A reprint's lead names the bodies that issued the document (近日,市委、市政府印发了《…》).
  if (!who && lead_) who = subject_of(*lead_);
  if (!who) who = self_reference();
  if (!who && page_issuer_) who = page_issuer_;
  if (who) meta_.issuer = complete(*who);
}

// A short name completed with the place the text names: 区司法局 → 罗湖区司法局, 市政府 →
// 某市人民政府, 省委 → 中共某省委, 自治区人民政府 → 某自治区人民政府, 某镇 → 某镇人民政府. Joint
// issuers are listed with 、 however the text joins them (a space, or nothing: 中共某市委某市人民
// 政府), and each part is completed, later parts with the place of the earlier (某省委、省政府).
std::optional<std::string> MetaReading::complete(std::string_view name) {
  // The parts: split at 、 and spaces, and where a place name follows a body's name.
  std::vector<std::string> parts;
  {
    std::string cur;
    auto flush = [&] {
      std::string_view t = text::trim(cur);
      if (!t.empty()) parts.emplace_back(t);
      cur.clear();
    };
    auto p = reinterpret_cast<const unsigned char*>(name.data());
    auto end = p + name.size();
    while (p < end) {
      auto q = p;
      char32_t c = text::decode_one(q);
      std::string_view rest(reinterpret_cast<const char*>(p), size_t(end - p));
      if (c == U'、' || text::is_space(c)) {
        flush();
      } else if (!cur.empty() && RE2::PartialMatch(g_.reading(cur), *r_.org)) {
        // 中共某市委某市人民政府: a gazetteer place right after a complete name starts the next.
        auto found = gaz_.find(g_.reading(rest.substr(0, std::min<size_t>(rest.size(), 40))));
        if (!found.empty() && found.front().offset == 0) flush();
      }
      if (c != U'、' && !text::is_space(c))
        cur.append(reinterpret_cast<const char*>(p), size_t(q - p));
      p = q;
    }
    flush();
  }
  std::string out, place;  // place: that of the part before
  for (std::string part : parts) {
    std::string r = g_.reading(part);
    std::string own;  // the place it opens with
    for (const auto& m : gaz_.find(r)) {
      if (m.offset == 0) own = std::string(m.name);
      break;
    }
    if (own.empty()) {
      for (const auto& level : r_.levels) {
        if (!starts_with(r, level)) continue;
        std::string prefix = ends_with(place, level) ? place : "";
        if (prefix.empty())
          if (const Division* d = place_of_level(level)) prefix = d->name;
        if (prefix.empty()) prefix = title_place(level);
        if (!prefix.empty() && ends_with(prefix, level)) {
          part = prefix + part.substr(part.size() - (r.size() - level.size()));
          r = prefix + r.substr(level.size());
          own = prefix;
        }
        break;
      }
    }
    // 某县十六届人大五次会议 → 某县第十六届人民代表大会第五次会议.
    if (r_.session_short && !r_.session_full.empty() && RE2::FullMatch(r, *r_.session_short)) {
      RE2::Replace(&r, *r_.session_short, r_.session_full);
      part = r;
    }
    const std::string& gov = r_.government;
    // A place alone is its government (某镇 → 某镇人民政府); 某市政府 → 某市人民政府.
    if (!own.empty() && (r == own || r == own + "政府"))
      part = own + gov, r = part;
    else if (own.empty() && !RE2::PartialMatch(r, *r_.org) && text::count_code_points(r) <= 8)
      for (const auto& level : r_.levels)
        if (ends_with(r, level)) {  // 某镇: a place the gazetteer does not hold
          part += gov, r = g_.reading(part);
          break;
        }
    // 某省委 → 中共某省委.
    if (!r_.party_prefix.empty() && !own.empty() && r == own + "委") part = r_.party_prefix + part;
    if (!own.empty()) place = own;
    if (!out.empty()) out += "、";
    out += part;
  }
  return out.empty() ? std::nullopt : std::optional<std::string>(out);
}

// A place of a level (镇, 乡…) the gazetteer does not hold, as the title names it: 有庆镇2020年….
std::string MetaReading::title_place(std::string_view level) {
  if (!meta_.title) return "";
  std::string r = g_.reading(*meta_.title);
  RE2 re("^(?:\\d{4}年(?:度)?)?(\\p{Han}{1,6}?" + RE2::QuoteMeta(level) + ")");
  std::string place;
  return RE2::PartialMatch(r, re, &place) ? place : "";
}

// A body that calls itself 我局 (an organisation whose name ends in 局 and opens with a place) or
// 我县 (the government of the county the text names): the earliest such word decides.
std::optional<std::string> MetaReading::self_reference() {
  mentions();
  std::string_view t = searched_text();
  size_t first = std::string_view::npos;
  const std::pair<std::string, std::string>* ref = nullptr;
  bool place = false;
  for (const auto* list : {&r_.self_refs, &r_.self_places})
    for (const auto& pr : *list) {
      size_t at = t.find(pr.first);
      if (at < first) first = at, ref = &pr, place = list == &r_.self_places;
    }
  if (!ref) return std::nullopt;
  if (place) {
    if (const Division* d = place_of_level(ref->second)) return d->name + r_.government;
    return std::nullopt;
  }
  const std::string& suffix = ref->second;
  std::map<std::string, int> counts;
  for (const auto& m : mentions()) {
    // The suffix within 28 code points of the place name, through Han characters only.
    std::string_view rest = t.substr(m.offset);
    auto p = reinterpret_cast<const unsigned char*>(rest.data());
    auto end = p + rest.size();
    for (size_t cps = 0; p < end && cps < 28; ++cps) {
      auto q = p;
      if (text::decode_one(q) < 0x3400) break;
      p = q;
      size_t len = size_t(p - reinterpret_cast<const unsigned char*>(rest.data()));
      if (len >= m.name.size() + suffix.size() && ends_with(rest.substr(0, len), suffix)) {
        ++counts[std::string(rest.substr(0, len))];
        break;
      }
    }
  }
  const std::string* best = nullptr;
  int best_n = 0;
  for (const auto& [name, c] : counts)
    if (c > best_n || (c == best_n && best && name.size() > best->size())) best = &name, best_n = c;
  if (best) return *best;
  return std::nullopt;
}

// The place of a level (县, 市, 自治区…) the text names most, a place in the title first; failing
// that, the division of that level whose name the text uses without its ending (海安 for 海安市).
const Division* MetaReading::place_of_level(std::string_view level) {
  auto counts = place_counts();
  std::string title = meta_.title ? g_.reading(*meta_.title) : "";
  for (const auto& m : gaz_.find(title)) counts[std::string(m.name)] += 100;
  const Division* best = nullptr;
  int best_n = 0;
  for (const auto& [name, c] : counts) {
    if (!ends_with(name, level) || gaz_.lookup(name).empty()) continue;
    if (c > best_n) best = best_division(name), best_n = c;
  }
  if (best) return best;
  // A province or city is often named without its ending (湖南 for 湖南省, 长治 for 长治市): only
  // for those, and for a city only a name the text uses at least twice.
  bool province = level == "省" || level == "自治区";
  if (!province && level != "市") return nullptr;
  best_n = province ? 0 : 1;
  std::string_view t = searched_text().substr(0, 20000);
  for (const Division& d : gaz_.all()) {
    if (!ends_with(d.name, level) || (province && d.level != "province")) continue;
    std::string_view stem = std::string_view(d.name).substr(0, d.name.size() - level.size());
    if (text::count_code_points(stem) < 2) continue;
    int n = 0;
    for (size_t at = t.find(stem); at != std::string_view::npos; at = t.find(stem, at + 1)) ++n;
    if (n > best_n) best = &d, best_n = n;
  }
  if (best) return best;
  // Failing that, the province (or city) of the places the text names: 莲湖区 is in 陕西省.
  std::map<std::string, int> parents;
  for (const auto& [name, c] : counts)
    if (const Division* d = best_division(name); d && d->code.size() == 6)
      parents[province ? d->province : d->city] += c;
  int most = 0;
  for (const auto& [name, c] : parents)
    if (!name.empty() && c > most && ends_with(name, level))
      if (auto options = gaz_.lookup(name); !options.empty()) best = options.front(), most = c;
  return best;
}

const std::vector<Gazetteer::Mention>& MetaReading::mentions() {
  if (!mentions_) {
    // The gazetteer has simplified names: a traditional text is searched in its reading (a page
    // is taken as traditional when its opening reads differently from itself, width aside).
    size_t cut = std::min<size_t>(doc_.text.size(), 3000);
    while (cut < doc_.text.size() && (static_cast<unsigned char>(doc_.text[cut]) & 0xC0) == 0x80)
      --cut;
    std::string_view head = std::string_view(doc_.text).substr(0, cut);
    // The places of a report are named in its first pages: 12 KB are searched, not a long report.
    size_t limit = std::min<size_t>(doc_.text.size(), 12000);
    while (limit < doc_.text.size() &&
           (static_cast<unsigned char>(doc_.text[limit]) & 0xC0) == 0x80)
      --limit;
    std::string_view searched = std::string_view(doc_.text).substr(0, limit);
    if (g_.reading(head) != text::fold_width(head))
      reading_text_ = g_.reading(searched);
    else
      searched_ = searched;
    mentions_ = gaz_.find(searched_text());
  }
  return *mentions_;
}

std::map<std::string, int> MetaReading::place_counts() {
  if (!place_counts_) {
    place_counts_.emplace();
    for (const auto& m : mentions()) ++(*place_counts_)[std::string(m.name)];
  }
  return *place_counts_;
}

// The most specific division named in s, a name shared by several (朝阳区) resolved by the
// city and province the text names most.
const Division* MetaReading::best_division(std::string_view s) {
  const Division* best = nullptr;
  std::optional<std::map<std::string, int>> counts;
  for (const auto& m : gaz_.find(s)) {
    auto options = gaz_.lookup(m.name);
    if (options.empty()) continue;
    const Division* pick = options.front();
    if (options.size() > 1) {
      if (!counts) counts = place_counts();
      int best_score = -1;
      for (const Division* d : options) {
        int score = (d->city.empty() ? 0 : (*counts)[d->city]) + (*counts)[d->province] +
                    int(s.find(d->city) != std::string_view::npos && !d->city.empty()) * 100;
        if (score > best_score || (score == best_score && d->code < pick->code))
          pick = d, best_score = score;
      }
      // Nothing in the text says which of them it is: the name, and no more.
      if (best_score == 0) {
        unresolved_ = Division{"", std::string(m.name), pick->level, "", ""};
        pick = &*unresolved_;
      }
    }
    if (!best || depth(*pick) > depth(*best)) best = pick;
  }
  return best;
}

void MetaReading::region() {
  auto region_of = [](const Division& d) {
    return Region{d.name, d.code, d.level == "province" ? "" : d.city, d.province};
  };
  // The issuer and the title; then the header's other lines (a speaker, a delivery line).
  std::string s =
      g_.reading((meta_.issuer ? *meta_.issuer : "") + "\n" + (meta_.title ? *meta_.title : ""));
  const Division* d = best_division(s);
  if (!d) {
    std::string head;
    for (size_t i = 0; i < std::min(body_, n()); ++i) head += reading(i) + "\n";
    if (session_) head += g_.reading(*session_);
    d = best_division(head);
  }
  if (d) {
    meta_.region = region_of(*d);
    return;
  }
  std::string zone;
  if (meta_.issuer && RE2::PartialMatch(g_.reading(*meta_.issuer), *r_.zone, &zone)) {
    auto counts = place_counts();
    const Division* city = nullptr;
    int city_n = 0;
    for (const auto& [name, c] : counts)
      for (const Division* dv : gaz_.lookup(name))
        if (dv->level == "city" && (c > city_n || (c == city_n && city && dv->code < city->code)))
          city = dv, city_n = c;
    if (city) {
      meta_.region = Region{zone, city->code, city->name, city->province};
      return;
    }
  }
  // A body that names its place on every line: the place it names most (the deeper on a tie),
  // when it is the issuer's or named more than once, or the only place the text names at all.
  const Division* best = nullptr;
  int best_n = 0;
  auto counts = place_counts();
  for (const auto& [name, c] : counts) {
    const Division* dv = best_division(name);
    if (!dv) continue;
    if (c > best_n || (c == best_n && depth(*dv) > depth(*best))) best = dv, best_n = c;
  }
  if (best && (meta_.issuer || best_n >= 2 || counts.size() == 1)) meta_.region = region_of(*best);
}

}  // namespace rpt
