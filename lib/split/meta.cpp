#include "meta.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "numeral.h"
#include "text.h"

namespace rpt {

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

}  // namespace

std::optional<std::string> iso_date(std::string_view y, std::string_view m, std::string_view d) {
  int yy = whole_integer(y), mm = whole_integer(m), dd = whole_integer(d);
  if (yy < 1900 || yy > 2100 || mm < 1 || mm > 12 || dd < 1 || dd > 31) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", yy, mm, dd);
  return std::string(buf);
}

struct FieldReader::Impl {
  std::unique_ptr<RE2> title, org, title_issuer, not_recipients, notice, issuer_cue, zone,
      year_opening;
  std::vector<std::unique_ptr<RE2>> date_lines;
  std::vector<std::pair<std::string, std::string>> self_refs;  // (我局, 局)
  std::vector<std::pair<std::string, std::unique_ptr<RE2>>> types, body_types;
  std::vector<std::string> gazetteer_ignore;

  void load(const std::string& path) {
    for (const Rule& r : load_rules(path)) {
      auto single = [&](std::unique_ptr<RE2>& slot) {
        if (!r.args.empty()) throw DataError(r.where, "`" + r.key + "` takes no argument");
        if (slot) throw DataError(r.where, "`" + r.key + "` given twice");
        slot = compile_rule(r);
      };
      if (r.key == "title")
        single(title);
      else if (r.key == "org")
        single(org);
      else if (r.key == "title_issuer")
        single(title_issuer);
      else if (r.key == "not_recipients")
        single(not_recipients);
      else if (r.key == "notice")
        single(notice);
      else if (r.key == "issuer_cue")
        single(issuer_cue);
      else if (r.key == "zone")
        single(zone);
      else if (r.key == "year_opening")
        single(year_opening);
      else if (r.key == "date_line") {
        auto re = compile_rule(r);
        if (re->NumberOfCapturingGroups() != 3)
          throw DataError(r.where, "a date_line needs three groups: year, month, day");
        date_lines.push_back(std::move(re));
      } else if (r.key == "self" && r.args.size() == 1) {
        self_refs.emplace_back(r.args[0], r.value);
      } else if ((r.key == "type" || r.key == "body_type") && r.args.size() == 1) {
        (r.key == "type" ? types : body_types).emplace_back(r.args[0], compile_rule(r));
      } else if (r.key == "gazetteer_ignore") {
        gazetteer_ignore.push_back(r.value);
      } else {
        unknown_rule(r,
                     "title, org, title_issuer, not_recipients, notice, date_line, self WORD, "
                     "issuer_cue, zone, year_opening, gazetteer_ignore, type NAME or "
                     "body_type NAME");
      }
    }
    for (auto* p :
         {&title, &org, &title_issuer, &not_recipients, &notice, &issuer_cue, &zone, &year_opening})
      if (!*p)
        throw DataError({path},
                        "missing a required rule (title, org, title_issuer, "
                        "not_recipients, notice, issuer_cue, zone, year_opening)");
  }
};

FieldReader::FieldReader(const std::string& patterns_dir) : impl_(std::make_unique<Impl>()) {
  impl_->load(patterns_dir + "/split/fields.rules");
  gazetteer_ = std::make_unique<Gazetteer>(patterns_dir + "/gazetteer/divisions.tsv",
                                           impl_->gazetteer_ignore);
}

FieldReader::~FieldReader() = default;

namespace {

// The per-document work: line classification over the folded lines, then each field.
class Reading {
 public:
  Reading(const FieldReader::Impl& rules, const Gazetteer& gaz, const Document& doc)
      : r_(rules), gaz_(gaz), doc_(doc), folded_(doc.lines.size()), have_(doc.lines.size(), false) {
    meta_.block_of_para.assign(doc.lines.size(), nullptr);
  }

  DocMeta run(const RecordHints& hints,
              const std::vector<std::pair<std::string, std::string>>& page_fields) {
    for (const auto& [name, value] : page_fields) {
      if (name == "published") meta_.published = published_date(value);
      if (name == "origin") meta_.origin = value;
    }
    size_t start = covering_notice();
    size_t body = front_matter(start);
    signature(body);
    if (!meta_.title && hints.title) fallback_title_ = *hints.title;
    meta_.date = notice_date_ ? notice_date_ : front_date_ ? front_date_ : signature_date_;
    doc_type();
    issuer();
    year(hints, body);
    region();
    return std::move(meta_);
  }

 private:
  size_t n() const { return doc_.lines.size(); }
  // Lines are folded when first looked at: the reader reads the top, the end and the headings of a
  // report, not its whole body.
  const std::string& f(size_t i) const {
    if (!have_[i]) {
      folded_[i] = text::fold_width(doc_.line(i));
      have_[i] = true;
    }
    return folded_[i];
  }
  size_t chars(size_t i) const { return text::count_code_points(doc_.line(i)); }
  bool sentence_like(size_t i) const { return has_any(f(i), {"。", ";", "!", "?"}); }

  std::optional<std::string> date_of(size_t i) const {
    if (chars(i) > 80) return std::nullopt;
    std::string y, m, d;
    for (const auto& re : r_.date_lines)
      if (RE2::FullMatch(f(i), *re, &y, &m, &d)) return iso_date(y, m, d);
    return std::nullopt;
  }
  bool title_like(std::string_view f) const {
    return text::count_code_points(f) <= 80 && !has_any(f, {"。", ";"}) &&
           heading_marker(text::folded(f)).level == kNotHeading && f.rfind("《", 0) != 0 &&
           RE2::PartialMatch(f, *r_.title);
  }
  bool org_like(size_t i) const {
    return chars(i) <= 40 && !has_any(f(i), {"。", ",", ";", ":", "!", "?"}) &&
           RE2::PartialMatch(f(i), *r_.org);
  }
  bool recipients_like(size_t i) const {
    const std::string& line = f(i);
    return chars(i) <= 60 && line.size() > 1 && line.back() == ':' && !has_any(line, {"。", ";"}) &&
           !RE2::PartialMatch(line, *r_.not_recipients);
  }
  bool note_like(size_t i) const {  // (此件公开发布)
    const std::string& line = f(i);
    return chars(i) <= 24 && line.front() == '(' && line.back() == ')';
  }
  void mark(size_t i, const char* block) {
    if (!meta_.block_of_para[i]) meta_.block_of_para[i] = block;
  }

  static std::optional<std::string> published_date(const std::string& v) {
    // 2022-01-12, 2022年1月12日, 2022/1/12, 2022.01.12
    std::string y, m, d;
    static const RE2 re(R"((\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2}))");
    if (RE2::PartialMatch(v, re, &y, &m, &d)) return iso_date(y, m, d);
    return std::nullopt;
  }

  void take_recipients(size_t i) {
    if (!meta_.recipients.empty()) return;
    std::string line = f(i).substr(0, f(i).size() - 1);  // without ':'
    size_t pos = 0;
    while (pos <= line.size()) {
      size_t c = line.find(',', pos);
      if (c == std::string::npos) c = line.size();
      std::string_view item = text::trim(std::string_view(line).substr(pos, c - pos));
      if (!item.empty()) meta_.recipients.emplace_back(item);
      pos = c + 1;
    }
  }

  // A covering notice at the top: returns the first line of the document proper.
  size_t covering_notice() {
    size_t cue = n();
    for (size_t i = 0; i < std::min<size_t>(n(), 8); ++i)
      if (RE2::PartialMatch(f(i), *r_.notice)) {
        cue = i;
        break;
      }
    if (cue == n()) return 0;
    size_t end = cue + 1;
    for (size_t i = cue + 1; i < std::min(n(), cue + 8); ++i) {
      if (title_like(f(i)) && !org_like(i)) {
        end = i;
        break;
      }
      if (!(org_like(i) || date_of(i) || note_like(i))) break;
      end = i + 1;
    }
    for (size_t i = 0; i < end; ++i) {
      mark(i, "notice");
      if (i < cue && recipients_like(i)) take_recipients(i);
      if (i > cue) {
        if (auto d = date_of(i); d && !notice_date_)
          notice_date_ = d;
        else if (org_like(i) && !notice_org_)
          notice_org_ = std::string(doc_.line(i));
      }
    }
    return end;
  }

  // Front matter from `start`: returns the first body line.
  size_t front_matter(size_t start) {
    size_t i = start;
    while (i < n() && i < start + 12) {
      if (title_like(f(i))) {
        if (!meta_.title) meta_.title = std::string(doc_.line(i));
        mark(i, "title");
        ++i;
        continue;
      }
      if (!meta_.title && !sentence_like(i) && chars(i) <= 30) {
        // A title broken over lines: 政府工作报 / 告.
        std::string joined = f(i), original(doc_.line(i));
        size_t k = i + 1;
        bool found = false;
        for (; k < n() && k < i + 3 && chars(k) <= 30 && !sentence_like(k); ++k) {
          joined += f(k);
          original += doc_.line(k);
          if (title_like(joined)) {
            found = true;
            break;
          }
        }
        if (found) {
          meta_.title = original;
          for (size_t j = i; j <= k; ++j) mark(j, "title");
          i = k + 1;
          continue;
        }
      }
      if (auto d = date_of(i)) {
        if (!front_date_) front_date_ = d;
      } else if (recipients_like(i)) {
        take_recipients(i);
      } else if (org_like(i)) {
        if (!front_org_) front_org_ = std::string(doc_.line(i));
      } else if (!(chars(i) <= 12 && !sentence_like(i) && !has_any(f(i), {",", ":"}) &&
                   heading_marker(text::folded(f(i))).level == kNotHeading)) {
        break;  // the body begins
      }
      mark(i, "front");
      ++i;
    }
    return i;
  }

  void signature(size_t body) {
    size_t first = n();
    bool any = false;
    for (size_t j = n(); j-- > body && n() - j <= 6;) {
      bool date = bool(date_of(j)), org = org_like(j);
      if (!(date || org || note_like(j))) break;
      any |= date || org;
      first = j;
    }
    if (!any || first == n()) return;
    for (size_t j = first; j < n(); ++j) {
      mark(j, "signature");
      if (auto d = date_of(j); d && !signature_date_)
        signature_date_ = d;
      else if (org_like(j) && !signature_org_)
        signature_org_ = std::string(doc_.line(j));
    }
  }

  void doc_type() {
    auto by_title = [&](const std::string& t) -> bool {
      std::string f = text::fold_width(t);
      for (const auto& [name, re] : r_.types)
        if (RE2::PartialMatch(f, *re)) {
          meta_.type = name;
          return true;
        }
      return false;
    };
    if (meta_.title && by_title(*meta_.title)) return;
    if (fallback_title_ && by_title(*fallback_title_)) return;
    // Body cues are read in the opening lines and in the headings, where reports state what they
    // are.
    std::vector<size_t> lines;
    for (size_t i = 0; i < std::min<size_t>(n(), 30); ++i) lines.push_back(i);
    for (const Segment& s : doc_.segments)
      if (s.heading && s.para > 30 && (lines.empty() || lines.back() != s.para - 1))
        lines.push_back(s.para - 1);
    for (const auto& [name, re] : r_.body_types)
      for (size_t i : lines)
        if (RE2::PartialMatch(f(i), *re)) {
          meta_.type = name;
          return;
        }
  }

  void issuer() {
    std::string who;
    if (meta_.title) RE2::PartialMatch(text::fold_width(*meta_.title), *r_.title_issuer, &who);
    if (!who.empty()) {
      meta_.issuer = who;
      return;
    }
    for (const auto* o : {&notice_org_, &front_org_, &signature_org_})
      if (*o) {
        meta_.issuer = **o;
        return;
      }
    std::string_view t = doc_.text;
    if (RE2::PartialMatch(t, *r_.issuer_cue, &who)) {
      meta_.issuer = who;
      return;
    }
    // A body that calls itself 我局: the most frequent organisation name ending in 局 that starts
    // with a place the gazetteer knows.
    for (const auto& [self, suffix] : r_.self_refs) {
      if (t.find(self) == std::string_view::npos) continue;
      std::map<std::string, int> counts;
      for (const auto& m : mentions()) {
        // The suffix within 28 code points of the place name, through Han characters only (a
        // punctuation mark, digit or Latin letter ends the name).
        std::string_view rest = t.substr(m.offset);
        auto p = reinterpret_cast<const unsigned char*>(rest.data());
        auto end = p + rest.size();
        for (size_t cps = 0; p < end && cps < 28; ++cps) {
          auto q = p;
          if (text::decode_one(q) < 0x3400) break;
          p = q;
          size_t len = size_t(p - reinterpret_cast<const unsigned char*>(rest.data()));
          if (len >= m.name.size() + suffix.size() &&
              rest.substr(len - suffix.size(), suffix.size()) == suffix) {
            ++counts[std::string(rest.substr(0, len))];
            break;
          }
        }
      }
      const std::string* best = nullptr;
      int best_n = 0;
      for (const auto& [name, c] : counts)
        if (c > best_n || (c == best_n && best && name.size() > best->size()))
          best = &name, best_n = c;
      if (best) {
        meta_.issuer = *best;
        return;
      }
    }
  }

  // Years named in s (as 2023年) outside 《titles》 and periods (2021-2025, 2021—2025年), in one
  // linear pass over the text.
  static std::vector<int> body_years(std::string_view s) {
    std::u32string u = text::folded(s);
    auto digit = [&](size_t i) { return i < u.size() && u[i] >= '0' && u[i] <= '9'; };
    auto dash = [](char32_t c) {
      return c == '-' || c == U'—' || c == U'–' || c == '~' || c == U'至' || c == U'到';
    };
    std::vector<int> out;
    int depth = 0;
    for (size_t i = 0; i < u.size(); ++i) {
      if (u[i] == U'《') ++depth;
      if (u[i] == U'》' && depth > 0) --depth;
      if (depth || !digit(i) || digit(i + 4) || (i > 0 && digit(i - 1))) continue;
      if (!(digit(i + 1) && digit(i + 2) && digit(i + 3)) || (u[i] != '1' && u[i] != '2')) continue;
      int y = int((u[i] - '0') * 1000 + (u[i + 1] - '0') * 100 + (u[i + 2] - '0') * 10 +
                  (u[i + 3] - '0'));
      size_t j = i + 4;
      bool period_start = false;
      size_t k = j;
      if (k < u.size() && u[k] == U'年') ++k;
      while (k < u.size() && dash(u[k])) ++k, period_start = true;
      if (period_start && digit(k)) {  // 2021-2025: skip both ends
        i = k + 3;
        continue;
      }
      while (j < u.size() && u[j] == ' ') ++j;
      if (j < u.size() && u[j] == U'年') out.push_back(y);
      i += 3;
    }
    return out;
  }

  void year(const RecordHints& hints, size_t body) {
    if (hints.year) {
      meta_.year = hints.year;
      return;
    }
    static const RE2 first_year(R"(([12]\d{3})\s*年)");
    std::string y;
    for (const auto* t : {&meta_.title, &fallback_title_})
      if (*t && RE2::PartialMatch(text::fold_width(**t), first_year, &y)) {
        meta_.year = std::stoi(y);
        return;
      }
    if ((meta_.type == "gov_work_report" || meta_.type == "resolution") && meta_.date) {
      meta_.year = std::stoi(meta_.date->substr(0, 4));
      return;
    }
    for (size_t i = body; i < std::min(n(), body + 3); ++i)
      if (RE2::PartialMatch(f(i), *r_.year_opening, &y)) {
        meta_.year = std::stoi(y);
        return;
      }
    int date_year = meta_.date ? std::stoi(meta_.date->substr(0, 4)) : 0;
    if (meta_.type == "annual_report") {
      int latest = 0;
      for (int v : body_years(doc_.text))
        if ((!date_year || v <= date_year) && v > latest) latest = v;
      if (latest) {
        meta_.year = latest;
        return;
      }
    }
    if (date_year) {
      int month = std::stoi(meta_.date->substr(5, 2));
      meta_.year = meta_.type == "annual_report" && month <= 6 ? date_year - 1 : date_year;
    }
  }

  // The gazetteer names in the whole text, found once and shared by the issuer (self-references)
  // and the region (disambiguation, zones).
  const std::vector<Gazetteer::Mention>& mentions() {
    if (!mentions_) mentions_ = gaz_.find(doc_.text);
    return *mentions_;
  }
  std::map<std::string, int> place_counts() {
    std::map<std::string, int> counts;
    for (const auto& m : mentions()) ++counts[std::string(m.name)];
    return counts;
  }

  static Region region_of(const Division& d) {
    Region r{d.name, d.code, d.level == "province" ? "" : d.city, d.province};
    return r;
  }

  void region() {
    std::string s = (meta_.issuer ? *meta_.issuer : "") + "\n" + (meta_.title ? *meta_.title : "");
    const Division* best = nullptr;
    auto rank = [](const Division& d) {
      return d.level == "county" ? 3 : d.level == "city" ? 2 : 1;
    };
    std::optional<std::map<std::string, int>> counts;
    for (const auto& m : gaz_.find(s)) {
      auto options = gaz_.lookup(m.name);
      if (options.empty()) continue;
      const Division* pick = options.front();
      if (options.size() > 1) {
        // 朝阳区: the one whose city or province the text names most.
        if (!counts) counts = place_counts();
        int best_score = -1;
        for (const Division* d : options) {
          int score = (d->city.empty() ? 0 : (*counts)[d->city]) + (*counts)[d->province] +
                      int(s.find(d->city) != std::string::npos && !d->city.empty()) * 100;
          if (score > best_score || (score == best_score && d->code < pick->code))
            pick = d, best_score = score;
        }
      }
      if (!best || rank(*pick) > rank(*best)) best = pick;
    }
    if (best) {
      meta_.region = region_of(*best);
      return;
    }
    std::string zone;
    if (meta_.issuer && RE2::PartialMatch(text::fold_width(*meta_.issuer), *r_.zone, &zone)) {
      if (!counts) counts = place_counts();
      const Division* city = nullptr;
      int city_n = 0;
      for (const auto& [name, c] : *counts)
        for (const Division* d : gaz_.lookup(name))
          if (d->level == "city" && (c > city_n || (c == city_n && city && d->code < city->code)))
            city = d, city_n = c;
      if (city) {
        meta_.region = Region{zone, city->code, city->name, city->province};
        return;
      }
    }
  }

  const FieldReader::Impl& r_;
  const Gazetteer& gaz_;
  const Document& doc_;
  mutable std::vector<std::string> folded_;
  mutable std::vector<bool> have_;
  DocMeta meta_;
  std::optional<std::string> fallback_title_, notice_date_, front_date_, signature_date_;
  std::optional<std::string> notice_org_, front_org_, signature_org_;
  std::optional<std::vector<Gazetteer::Mention>> mentions_;
};

}  // namespace

DocMeta FieldReader::read(
    const Document& doc, const RecordHints& hints,
    const std::vector<std::pair<std::string, std::string>>& page_fields) const {
  return Reading(*impl_, *gazetteer_, doc).run(hints, page_fields);
}

}  // namespace rpt
