#include "meta.h"

#include <algorithm>
#include <map>

#include "io.h"
#include "meta_reading.h"
#include "numeral.h"
#include "text.h"

namespace rpt {

FieldReader::FieldReader(const std::string& patterns_dir, const HeaderGrammar& grammar)
    : grammar_(grammar) {
  Gazetteer::Options options;
  options.ignore = grammar.rules().gazetteer_ignore;
  options.short_after = grammar.rules().gazetteer_short_after;
  // The ethnic groups, one a line (# comments), for the short names of autonomous areas.
  std::string groups = read_file(patterns_dir + "/gazetteer/ethnic_groups.txt");
  size_t pos = 0;
  while (pos < groups.size()) {
    size_t nl = groups.find('\n', pos);
    if (nl == std::string::npos) nl = groups.size();
    std::string_view line = text::trim(std::string_view(groups).substr(pos, nl - pos));
    if (!line.empty() && line[0] != '#') options.ethnic_groups.emplace_back(line);
    pos = nl + 1;
  }
  gazetteer_ = std::make_unique<Gazetteer>(patterns_dir + "/gazetteer/divisions.tsv", options);
}

FieldReader::~FieldReader() = default;

DocMeta FieldReader::read(const Document& doc, const CleanedText& page,
                          const RecordHints& hints) const {
  return MetaReading(grammar_, *gazetteer_, doc, page, hints).run();
}

MetaReading::MetaReading(const HeaderGrammar& g, const Gazetteer& gaz, const Document& doc,
                         const CleanedText& page, const RecordHints& hints)
    : g_(g),
      r_(g.rules()),
      gaz_(gaz),
      doc_(doc),
      page_(page),
      hints_(hints),
      reading_(doc.lines.size()),
      have_(doc.lines.size(), false) {
  meta_.block_of_para.assign(doc.lines.size(), nullptr);
  body_ = std::min(page.body_begin, doc.lines.size());
}

DocMeta MetaReading::run() {
  page_fields();
  covering_notice();
  header();
  appendix();
  signature();
  title();
  if (!meta_.title && hints_.title) meta_.title = hints_.title;  // the input record's own
  dates();
  if (!meta_.date && hints_.date) meta_.date = hints_.date;
  doc_type();
  issuer();
  year();
  region();
  return std::move(meta_);
}

// Lines are read (folded, simplified) when first looked at: the reader reads the top, the end
// and the headings of a report, not its whole body.
const std::string& MetaReading::reading(size_t i) const {
  if (!have_[i]) {
    reading_[i] = g_.reading(line(i));
    have_[i] = true;
  }
  return reading_[i];
}

size_t MetaReading::chars(size_t i) const {
  return text::count_code_points(line(i));
}

// A heading line (一、 (一) 1. …), read off its first characters only.
bool MetaReading::is_heading(size_t i) const {
  std::string_view l = line(i);
  std::u32string head;
  auto p = reinterpret_cast<const unsigned char*>(l.data());
  auto end = p + l.size();
  while (p < end && head.size() < 12) head.push_back(text::fold_width(text::decode_one(p)));
  return heading_marker(head).level != kNotHeading;
}

// Whether a line writes a year: four digits (or Chinese numerals) before 年, as the year cues
// need; most lines of a report are passed over without being read.
bool MetaReading::names_a_year(std::string_view l) {
  for (size_t at = l.find("年"); at != std::string_view::npos; at = l.find("年", at + 3)) {
    size_t k = at;
    while (k > 0 && l[k - 1] == ' ') --k;
    if (k == 0) continue;
    unsigned char b = static_cast<unsigned char>(l[k - 1]);
    if (b >= '0' && b <= '9') return true;
    if (k >= 3) {  // a full-width digit or a Chinese numeral before it
      std::string_view c = l.substr(k - 3, 3);
      if ((c >= "０" && c <= "９") || c == "〇" || c == "○" || c == "零" || c == "一" ||
          c == "二" || c == "三" || c == "四" || c == "五" || c == "六" || c == "七" || c == "八" ||
          c == "九")
        return true;
    }
  }
  return false;
}

// A number written alone, in Arabic or Chinese numerals (70, 三十五), or -1.
int MetaReading::whole_number(std::string_view s) {
  std::u32string u = text::folded(s);
  auto n = read_numeral(u, 0);
  if (!n || n->begin != 0 || n->end != u.size() || n->value_max) return -1;  // not 三四
  return int(n->value);
}

// Years written in Chinese numerals (一九五八年), or with spaces between digits (1 9 9 3 年),
// rewritten as digits, for the year cues.
std::string MetaReading::arabic_years(std::string_view reading) {
  static const RE2 year("([〇○零一二三四五六七八九]{4})年");
  // Every year 1900-2099 in Chinese numerals has 九, 〇, ○ or 零, and the spaced kind a space.
  bool chinese = false, spaced = reading.find(' ') != std::string_view::npos;
  for (std::string_view d : {"九", "〇", "○", "零"})
    chinese |= reading.find(d) != std::string_view::npos;
  if (!chinese && !spaced) return std::string(reading);
  std::string out;
  out.reserve(reading.size());
  for (size_t i = 0; i < reading.size(); ++i) {
    if (reading[i] == ' ' && !out.empty() && out.back() >= '0' && out.back() <= '9') {
      size_t j = i;
      while (j < reading.size() && reading[j] == ' ') ++j;
      if (j < reading.size() && ((reading[j] >= '0' && reading[j] <= '9') ||
                                 reading.substr(j, 3) == "年" || reading.substr(j, 3) == "月")) {
        i = j - 1;
        continue;
      }
    }
    out.push_back(reading[i]);
  }
  re2::StringPiece in(out), m;
  std::string result;
  size_t last = 0;
  while (RE2::FindAndConsume(&in, year, &m)) {
    size_t at = size_t(m.data() - out.data());
    result.append(out, last, at - last);
    for (char32_t c : text::folded(m)) result.push_back(char('0' + chinese_digit(c)));
    last = at + m.size();
  }
  if (!last) return out;
  result.append(out, last, std::string::npos);
  return result;
}

void MetaReading::mark(size_t i, const char* block) {
  if (i < meta_.block_of_para.size() && !meta_.block_of_para[i]) meta_.block_of_para[i] = block;
}

void MetaReading::page_fields() {
  for (const auto& [name, value] : page_.fields) {
    if (name == "published")
      meta_.published = value;
    else if (name == "page_date")
      page_published_ = value;
    else if (name == "origin")
      meta_.origin = value;
    else if (name == "date")
      page_date_ = value;
    else if (name == "issuer" && g_.org_like(g_.reading(value)))
      page_issuer_ = value;
    else if (name == "title") {
      if (auto t = g_.title_in(value)) page_title_ = *t;
    } else if (name == "lead" && !lead_)
      lead_ = value;
  }
  if (!meta_.published) meta_.published = page_published_;
  if (!page_title_ && hints_.page_title)
    if (auto t = g_.title_in(*hints_.page_title)) page_title_ = *t;
}

// A covering notice at the top (印发…的通知, …现予公布): its recipients, signature and date are the
// document's; the title is that of the document it covers.
void MetaReading::covering_notice() {
  size_t cue = n();
  for (size_t i = 0; i < std::min<size_t>(n(), 12); ++i)
    if (RE2::PartialMatch(g_.reading(prefix(i, 600)), *r_.notice)) {
      cue = i;
      break;
    }
  if (cue == n()) return;
  size_t end = cue + 1;
  for (size_t i = cue + 1; i < std::min(n(), cue + 10); ++i) {
    if (chars(i) > 120) break;
    const std::string& r = reading(i);
    if (auto t = g_.title_in(line(i)); t && !g_.org_like(r)) {
      covered_title_ = with_note(i, *t);
      end = i;
      break;
    }
    if (!(g_.org_like(r) || g_.date_of(r) || RE2::FullMatch(r, *r_.note))) break;
    end = i + 1;
  }
  if (!covered_title_) {
    // The notice's own title names the document: 关于印发《X》的通知.
    static const RE2 named("《([^》]{4,80})》");
    for (size_t i = 0; i < cue && !covered_title_; ++i) {
      re2::StringPiece m;
      if (role(i) == HeaderRole::kTitle && RE2::PartialMatch(line(i), named, &m))
        covered_title_ = std::string(m);
    }
  }
  for (size_t i = 0; i < end; ++i) {
    mark(i, "notice");
    const std::string& r = reading(i);
    if (i < cue && g_.role_of(line(i), r) == HeaderRole::kRecipients && meta_.recipients.empty()) {
      std::string rec = r.substr(0, r.size() - 1);
      size_t pos = 0;
      while (pos <= rec.size()) {
        size_t c = rec.find(',', pos);
        if (c == std::string::npos) c = rec.size();
        std::string_view item = text::trim(std::string_view(rec).substr(pos, c - pos));
        if (!item.empty()) meta_.recipients.emplace_back(item);
        pos = c + 1;
      }
    }
    if (i > cue) {
      if (auto d = g_.date_of(r); d && !notice_date_)
        notice_date_ = d->iso;
      else if (g_.org_like(r) && !notice_date_)  // bodies signing together, one a line
        notice_org_ =
            notice_org_ ? *notice_org_ + "、" + std::string(line(i)) : std::string(line(i));
    }
  }
  notice_end_ = end;
  if (covered_title_ && end < n() && role(end) != HeaderRole::kTitle &&
      with_note(end, g_.title_in(line(end)).value_or("")) == covered_title_) {
    mark(end, "title");
    ++notice_end_;
  }
  if (body_ < notice_end_) body_ = notice_end_;
}

// The header: title lines, the issuing body, dates, the delivery line, the speaker, 主送.
void MetaReading::header() {
  size_t from = notice_end_;
  size_t until = std::max(body_, from);
  for (size_t i = from; i < until; ++i) {
    const std::string& r = reading(i);
    switch (role(i)) {
      case HeaderRole::kTitle:
        titles_.push_back(i);
        mark(i, "title");
        continue;
      case HeaderRole::kOrg:
        if (!front_org_) front_org_ = std::string(line(i));
        break;
      case HeaderRole::kDate:
      case HeaderRole::kAdoption:
        if (std::string s; role(i) == HeaderRole::kAdoption && g_.adoption_at_start(r, &s)) {
          if (!session_) session_ = s;
        }
        if (auto d = g_.date_of(r)) {
          if (!front_date_) front_date_ = d->iso;
          delivered_ |= d->delivery;
          adopted_ |= d->adoption;
        } else if (std::string s; auto a = g_.adoption_at_start(r, &s)) {
          if (!front_date_) front_date_ = a->iso;
          adopted_ = true;
          if (!session_) session_ = s;
        }
        break;
      case HeaderRole::kSession:
        delivered_ = true;
        break;
      case HeaderRole::kSpeaker: {
        static const RE2 body(R"(^(\p{Han}{2,30}?(?:人民政府|政府)))");
        std::string who;
        if (!speaker_org_ && RE2::PartialMatch(line(i), body, &who)) speaker_org_ = who;
        // 北京市代市长 殷勇: the government of the place the speaker heads.
        if (!speaker_org_ && r_.speaker_place && RE2::PartialMatch(r, *r_.speaker_place, &who) &&
            !gaz_.lookup(who).empty())
          speaker_org_ = who;
        break;
      }
      case HeaderRole::kRecipients:
        if (meta_.recipients.empty()) {
          std::string rec = r.substr(0, r.size() - 1);
          size_t pos = 0;
          while (pos <= rec.size()) {
            size_t c = rec.find(',', pos);
            if (c == std::string::npos) c = rec.size();
            std::string_view item = text::trim(std::string_view(rec).substr(pos, c - pos));
            if (!item.empty()) meta_.recipients.emplace_back(item);
            pos = c + 1;
          }
        }
        break;
      default:
        break;
    }
    mark(i, "front");
  }
  // A resolution whose adoption note opens its first paragraph: (2023年2月3日…通过) 会议听取…
  if (until < n() && !adopted_) {
    std::string s;
    if (auto a = g_.adoption_at_start(reading(until), &s)) {
      if (!front_date_) front_date_ = a->iso;
      adopted_ = true;
      session_ = s;
    }
  }
}

// An appendix (附件, 附表, 名词解释, 注释) after the body: it and all after it.
void MetaReading::appendix() {
  static const RE2 heading(R"(^(?:附件|附表|附录|名词解释|注释|注解|说明)\s*\d{0,2}\s*(?::|$|\d))");
  for (size_t i = std::max(body_ + 1, n() / 2); i < n(); ++i) {
    if (chars(i) > 60 || !RE2::PartialMatch(reading(i), heading)) continue;
    for (size_t k = i; k < n(); ++k) mark(k, "appendix");
    signature_ = i;  // the signature, if any, stands before it
    return;
  }
}

// The signature block: the issuing body and the date at the end (before an appendix).
void MetaReading::signature() {
  size_t end = std::min(signature_, n());
  size_t first = end;
  bool any = false;
  for (size_t j = end; j-- > body_ && end - j <= 6;) {
    const std::string& r = reading(j);
    bool date = bool(g_.date_of(r)), org = g_.org_like(r);
    if (!(date || org || RE2::FullMatch(r, *r_.note))) break;
    any |= date || org;
    first = j;
  }
  signature_ = end;
  if (!any || first == end) return;
  for (size_t j = first; j < end; ++j) {
    mark(j, "signature");
    const std::string& r = reading(j);
    if (auto d = g_.date_of(r); d && !signature_date_)
      signature_date_ = d->iso;
    else if (g_.org_like(r) && !signature_date_)  // bodies signing together, one a line
      signature_org_ =
          signature_org_ ? *signature_org_ + "、" + std::string(line(j)) : std::string(line(j));
  }
}

void MetaReading::title() {
  if (covered_title_) {
    meta_.title = covered_title_;
    return;
  }
  for (size_t k = 0; k < titles_.size(); ++k) {
    size_t i = titles_[k];
    if (auto t = g_.title_in(line(i))) {
      meta_.title = with_note(i, *t);
      return;
    }
    // A title broken over lines: 政府工作报 / 告, 某县人民政府 / 2024年…报告.
    std::string joined(line(i));
    for (size_t j = k + 1; j < titles_.size() && titles_[j] == titles_[j - 1] + 1 && j < k + 3;
         ++j) {
      joined += line(titles_[j]);
      if (auto t = g_.title_in(joined)) {
        meta_.title = *t;
        return;
      }
    }
  }
  // A title run into the body on the first line (a page that lost its line breaks).
  if (r_.glued_title && n()) {
    std::string_view first = prefix(0, 400);
    std::vector<uint32_t> map;
    std::string r = g_.script().reading(first, &map);
    re2::StringPiece m;
    if (RE2::PartialMatch(r, *r_.glued_title, &m)) {
      size_t a = size_t(m.data() - r.data()), b = a + m.size();
      if (auto t = g_.title_in(first.substr(map[a], map[b] - map[a]))) {
        meta_.title = *t;
        return;
      }
    }
  }
  if (page_title_) {
    meta_.title = page_title_;
    return;
  }
  if (lead_) {
    std::vector<uint32_t> map;
    std::string r = g_.script().reading(*lead_, &map);
    re2::StringPiece m;
    if (RE2::PartialMatch(r, *r_.lead_title, &m)) {
      size_t a = size_t(m.data() - r.data()), b = a + m.size();
      meta_.title = lead_->substr(map[a], map[b] - map[a]);
    }
  }
}

// A title and the bracketed note under it, if the next line is one: 某某实施方案 / (2022-2025年).
std::string MetaReading::with_note(size_t i, const std::string& title) const {
  if (r_.title_note && i + 1 < n() && RE2::FullMatch(reading(i + 1), *r_.title_note))
    return title + std::string(line(i + 1));
  return title;
}

void MetaReading::dates() {
  meta_.date = notice_date_      ? notice_date_
               : signature_date_ ? signature_date_
               : front_date_     ? front_date_
                                 : page_date_;
}

bool MetaReading::type_from_title(std::string_view title) {
  std::string r = g_.reading(title);
  for (const auto& [name, re] : r_.types)
    if (RE2::PartialMatch(r, *re)) {
      meta_.type = name;
      return true;
    }
  return false;
}

// The opening of the text (header and first paragraphs) read as one line (reports break lines
// mid-sentence), up to max_chars bytes.
std::string MetaReading::opening(size_t max_chars) const {
  std::string s;
  for (size_t i = 0; i < n() && s.size() < max_chars; ++i) s += g_.reading(prefix(i, max_chars));
  return s;
}

// The first bytes of line i, at most max (cut at a code point): what cues read of a long line.
std::string_view MetaReading::prefix(size_t i, size_t max) const {
  std::string_view l = line(i);
  if (l.size() <= max) return l;
  while (max > 0 && (static_cast<unsigned char>(l[max]) & 0xC0) == 0x80) --max;
  return l.substr(0, max);
}

void MetaReading::doc_type() {
  for (const std::optional<std::string>* t :
       std::initializer_list<const std::optional<std::string>*>{&meta_.title, &page_title_,
                                                                &hints_.title})
    if (*t && type_from_title(**t)) return;
  std::string head = opening(1200);
  for (const auto& [name, re] : r_.openings)
    if (RE2::PartialMatch(head, *re)) {
      meta_.type = name;
      return;
    }
  if (adopted_) {
    meta_.type = "resolution";
    return;
  }
  // Cues in the opening lines and in the headings, where reports state what they are.
  std::vector<size_t> lines;
  for (size_t i = 0; i < n(); ++i)
    if (i < 30 || is_heading(i)) lines.push_back(i);
  // The first rule (in file order) that any of the lines meets.
  if (!r_.body_type_set) return;
  size_t first = SIZE_MAX;
  std::vector<int> hits;
  for (size_t i : lines)
    if (r_.body_type_set->Match(g_.reading(prefix(i, 600)), &hits))
      first = std::min(first, size_t(*std::min_element(hits.begin(), hits.end())));
  if (first != SIZE_MAX) meta_.type = r_.body_types[first].first;
}

}  // namespace rpt

namespace rpt {

namespace {
// The first year (1900-2100) written in s as 2024年 or opening a period 2021—2025, or 0.
int first_year(std::string_view reading) {
  static const RE2 re(R"((?:^|[^\d])((?:19|20)\d\d)\s*(?:年|[-—~至]))");
  std::string y;
  return RE2::PartialMatch(reading, re, &y) ? std::stoi(y) : 0;
}
int count_years(std::string_view reading) {
  static const RE2 re(R"((?:^|[^\d])((?:19|20)\d\d)\s*年)");
  re2::StringPiece in(reading);
  int n = 0;
  while (RE2::FindAndConsume(&in, re)) ++n;
  return n;
}
}  // namespace

// The year a speech or a plan says it is about, by the cues of fields.rules (year_cue), read in
// the title, the header, the headings and the opening: `now` cues name it, `next` cues name the
// year before it (一、2023年工作回顾). With undated set, the cues kept for texts with no date too.
std::optional<int> MetaReading::plan_year(bool undated) const {
  std::vector<size_t> lines;
  for (size_t i = 0; i < n(); ++i)  // the whole text, for a speech that names no date at all
    if ((i < body_ + 8 || undated || is_heading(i)) &&
        (names_a_year(line(i)) || line(i).find("周年") != std::string_view::npos))  // anniversaries
      lines.push_back(i);
  std::string y;
  std::map<int, int> votes;  // undated: year → cues naming it
  std::vector<int> atoms, cues;
  for (size_t i : lines) {
    std::string r = arabic_years(reading(i));
    // The literal words the cues need, then only the cues they allow (FilteredRE2).
    atoms.clear();
    if (r_.year_atom_set) r_.year_atom_set->Match(r, &atoms);
    std::sort(atoms.begin(), atoms.end());
    r_.year_filter->AllPotentials(atoms, &cues);
    for (int c : cues) {
      if (size_t(c) >= r_.year_cues.size()) {  // 今年是新中国成立70周年: wherever it stands
        const auto& [base, re] = r_.year_since[size_t(c) - r_.year_cues.size()];
        if (RE2::PartialMatch(r, *re, &y))
          if (int k = whole_number(y); k > 0 && k < 300) return base + k;
        continue;
      }
      const auto& [kind, re] = r_.year_cues[size_t(c)];
      bool late = kind.size() > 4;  // now_undated, next_undated
      if (late != undated) continue;
      re2::StringPiece in(r);
      while (RE2::FindAndConsume(&in, *re, &y)) {
        int v = std::stoi(y);
        if (v < 1900 || v > 2100) continue;
        v += kind.rfind("next", 0) == 0;
        if (!undated) return v;
        ++votes[v];
      }
    }
    // Enough said: a year ten cues name, three times as often as any other, is not overturned.
    if (undated) {
      int first = 0, second = 0;
      for (const auto& [v, c] : votes)
        if (c > first)
          second = first, first = c;
        else if (c > second)
          second = c;
      if (first >= 10 && first >= 3 * second) break;
    }
  }
  int best = 0, best_n = 0;
  for (const auto& [v, c] : votes)  // the later year on a tie
    if (c >= best_n) best = v, best_n = c;
  if (best) return best;
  return std::nullopt;
}

void MetaReading::year() {
  if (hints_.year) {
    meta_.year = hints_.year;
    return;
  }
  int title_year = 0;
  for (const std::optional<std::string>* t :
       std::initializer_list<const std::optional<std::string>*>{&meta_.title, &page_title_,
                                                                &hints_.title})
    if (*t && !title_year) {
      std::string r = g_.reading(**t);
      // A title naming two years (2020年预算执行情况和2021年预算草案) does not say which.
      if (count_years(r) <= 1) title_year = first_year(r);
    }
  int date_year = meta_.date ? std::stoi(meta_.date->substr(0, 4)) : 0;
  int month = meta_.date ? std::stoi(meta_.date->substr(5, 2)) : 0;
  bool speech =
      meta_.type == "gov_work_report" || meta_.type == "resolution" || delivered_ || adopted_;
  if (speech) {
    // The year a speech plans: a year the title names, a cue, the date (a report given in the
    // last two months of a year plans the next), or for a text without a date its later cues.
    if (title_year) return void(meta_.year = title_year);
    if (auto y = plan_year(false)) return void(meta_.year = *y);
    if (date_year) return void(meta_.year = month >= 11 && !adopted_ ? date_year + 1 : date_year);
    if (auto y = plan_year(true)) return void(meta_.year = *y);
    return;
  }
  if (title_year) return void(meta_.year = title_year);
  std::string y;
  for (size_t i = body_; i < std::min(n(), body_ + 3); ++i)
    if (RE2::PartialMatch(g_.reading(prefix(i, 600)), *r_.year_opening, &y))
      return void(meta_.year = std::stoi(y));
  if (meta_.type == "work_plan")
    if (auto p = plan_year(false)) return void(meta_.year = *p);
  if (meta_.type == "annual_report") {
    int latest = 0;
    for (int v : body_years(doc_.text))
      if ((!date_year || v <= date_year) && v > latest) latest = v;
    if (latest) return void(meta_.year = latest);
  }
  if (date_year)
    meta_.year = meta_.type == "annual_report" && month <= 6 ? date_year - 1 : date_year;
}

// Years named in s (as 2023年) outside 《titles》 and periods (2021-2025, 2021—2025年), in one
// linear pass over the text.
std::vector<int> MetaReading::body_years(std::string_view s) {
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

}  // namespace rpt
