// clean: the per-page work of PageCleaner (clean.h): a line's evidence, the body, the header and
// the furniture around them. A line's measures and the vocabulary are clean_line.h's.
#include "clean.h"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "clean_line.h"
#include "text.h"

namespace rpt {

using clean_detail::is_bullet;
using clean_detail::is_han;
using clean_detail::is_separator_char;
using clean_detail::kMaxBodyGap;
using clean_detail::kMinBodyRunHan;
using clean_detail::Line;
using clean_detail::measure;
using clean_detail::Where;

namespace {

// The per-page work.
class Cleaning {
 public:
  Cleaning(const PageCleaner::Vocabulary& v, const HeaderGrammar& g, CleanedText& out)
      : v_(v), g_(g), out_(out) {}

  void run(std::string_view utf8, const std::vector<float>* link, bool drop) {
    split_lines(utf8, link);
    for (Line& l : lines_) evidence(l);
    label_values_below();
    repeated_paragraphs();
    teasers();
    for (Line& l : lines_) {
      l.good = l.where == Where::kNone && !l.label && l.han >= 20 && l.han * 2 >= l.chars &&
               (l.stops >= 1 || l.commas >= 2) && l.link < 0.5f;
      // A line of the document's header is no body text, however long (a delivery line); a
      // line with a full stop is a sentence.
      if (l.good && l.han < 40 && !l.periods)
        l.good = g_.role_of(l.text, reading(l)) == HeaderRole::kNone;
    }
    find_body();
    header_zone();
    body_zone();
    footer_zone();
    for (Line& l : lines_) {
      if (drop && l.drop) {
        out_.dropped.push_back({l.number, l.why, std::string(l.text)});
        continue;
      }
      if (!out_.text.empty()) out_.text.push_back('\n');
      out_.text.append(l.text);
      out_.line_of.push_back(l.number);
      bool header = size_t(&l - lines_.data()) < begin_;
      out_.role.push_back(header ? l.role : HeaderRole::kNone);
      if (header) out_.body_begin = out_.line_of.size();
    }
  }

 private:
  // A line break next to a zero-width space (U+200B) — at a line's end, or a line of nothing
  // else — was made by the page, not by the author (a wiki's soft break: 国内生产总值达到74.4 /
  // \u200b / 万亿元): the lines it breaks are joined, numbered as the first.
  static std::string_view strip_zwsp(std::string_view raw, bool& had) {
    had = false;
    for (;;) {
      while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\r' || raw.back() == '\t'))
        raw.remove_suffix(1);
      if (raw.size() < 3 || raw.substr(raw.size() - 3) != "\xE2\x80\x8B") return raw;
      raw.remove_suffix(3);
      had = true;
    }
  }

  void split_lines(std::string_view utf8, const std::vector<float>* link) {
    struct Physical {
      std::string_view text;
      uint32_t number;
      bool soft_end;  // ends in (or is only) a zero-width space: joins the next line
    };
    std::vector<Physical> physical;
    uint32_t number = 0;
    for (size_t pos = 0; pos <= utf8.size();) {
      size_t nl = utf8.find('\n', pos);
      if (nl == std::string_view::npos) nl = utf8.size();
      bool soft = false;
      std::string_view raw = strip_zwsp(utf8.substr(pos, nl - pos), soft);
      physical.push_back({text::trim(raw), ++number, soft && nl < utf8.size()});
      pos = nl + 1;
    }
    for (size_t i = 0; i < physical.size(); ++i) {
      std::string_view line = physical[i].text;
      const uint32_t first = physical[i].number;
      // Join over soft breaks: a line ending in one, or a line of only one, glues its neighbours.
      auto glues = [&](size_t k) {
        return physical[k].soft_end || (k + 1 < physical.size() && physical[k + 1].text.empty() &&
                                        physical[k + 1].soft_end && !line.empty());
      };
      if (!line.empty() && i + 1 < physical.size() && glues(i)) {
        std::string joined(line);
        while (i + 1 < physical.size() && glues(i)) {
          ++i;
          if (physical[i].text.empty() && i + 1 < physical.size()) ++i;  // the \u200b line
          joined += physical[i].text;
          out_.joined += !physical[i].text.empty();
        }
        joined_.push_back(std::move(joined));
        line = joined_.back();
      }
      if (!line.empty()) {
        Line l;
        l.text = line;
        l.number = first;
        if (link && first - 1 < link->size()) l.link = (*link)[first - 1];
        measure(l);
        lines_.push_back(std::move(l));
      }
    }
  }

  const std::string& squeezed(Line& l) {
    if (l.squeezed.empty()) l.squeezed = text::squeeze(reading(l));
    return l.squeezed;
  }

  const std::string& reading(Line& l) {
    if (l.reading.empty()) {
      l.reading = g_.reading(l.text);
    }
    return l.reading;
  }

  void set(Line& l, Where w, std::string reason, bool strict = true) {
    if (l.where != Where::kNone) return;
    l.where = w;
    l.reason = std::move(reason);
    l.strict = strict;
  }

  // Vocabulary and shape: what a line is on its own.
  void evidence(Line& l) {
    // Furniture is short and no prose: a long line, or sentences of Han text, are not read (but
    // at the top of a page, where a reprint's lead is prose).
    bool prose = (l.periods && l.han >= 40) || (l.stops >= 2 && l.han >= 30);
    if (l.chars > kMaxFurnitureChars || (prose && l.number > 8)) return;
    const std::string& r = reading(l);
    std::vector<int> hits;
    bool label = false;
    if (v_.set->Match(r, &hits)) {
      std::sort(hits.begin(), hits.end());  // rules act in file order
      for (int h : hits) {
        if (h == v_.labels_in_set) {
          label = true;
          continue;
        }
        const auto& c = v_.rules[size_t(h)];
        if (!c.field.empty()) {
          std::string value;
          if (RE2::PartialMatch(r, *c.re, &value) && !value.empty()) field(c.field, value);
          l.label = true;
        }
        set(l, c.where, c.where_text);
        if (c.breadcrumb) l.navigation = true;
      }
    }
    if (labels(l, label)) return;
    size_t words = 0;
    bool short_line = l.chars <= 60 && l.periods == 0;  // toolbars and menus are short
    if (short_line && (PageCleaner::Vocabulary::made_of(r, v_.toolbar, &words) || bracket_row(r)))
      return set(l, Where::kAnywhere, "toolbar");
    if (l.rules_only) return set(l, Where::kAnywhere, "separator row");
    if ((r.rfind("http", 0) == 0 || r.rfind("www.", 0) == 0) && l.han <= 4)
      return set(l, Where::kAnywhere, "web address");
    if (l.separators >= 2 && l.stops == 0 && l.chars <= 80) {
      l.navigation = true;
      return set(l, Where::kAnywhere, "breadcrumb");
    }
    if ((short_line && PageCleaner::Vocabulary::made_of(r, v_.nav, &words)) || nav_row(l)) {
      l.navigation = true;
      return set(l, Where::kHead, "navigation");
    }
    if (page_date(l)) return;
    if (is_bullet(l.first) || r.rfind("- ", 0) == 0 || r.rfind("* ", 0) == 0)
      return set(l, Where::kHead, "bullet list before the document");
    // A stray character or two above or below a document (k, 1): a page's number, a lost byte.
    if (l.han == 0 && l.chars <= 3) return set(l, Where::kHead, "stray characters");
  }

  // A row of bracketed controls, one of them a toolbar word however it goes on: [ 打印此文 ]
  // [ 关闭 ] [ 返回顶部 ], 【打印本文】【关闭窗口】.
  bool bracket_row(std::string_view r) const {
    size_t items = 0, known = 0, i = 0;
    while (i < r.size()) {
      size_t open = std::min(r.find('[', i), r.find("【", i));
      if (open == std::string_view::npos) break;
      size_t body = open + (r[open] == '[' ? 1 : 3);
      size_t close = std::min(r.find(']', body), r.find("】", body));
      if (close == std::string_view::npos) return false;
      std::string_view item = text::trim(r.substr(body, close - body));
      while (!item.empty() && item.back() == ':')
        item = text::trim(item.substr(0, item.size() - 1));
      if (text::count_code_points(item) > 8) return false;
      ++items;
      for (const auto& w : v_.toolbar)
        if (text::count_code_points(w) >= 2 && item.substr(0, w.size()) == w) {
          ++known;
          break;
        }
      i = close + (r[close] == ']' ? 1 : 3);
    }
    return items >= 2 && known >= 1;
  }

  // A row of at least three short items separated by white space or bars, none of them a sentence,
  // one a navigation word or five of them: 首页 政务公开 互动交流 | 会员登录 新用户注册 退出.
  bool nav_row(Line& l) {
    if (l.stops || l.commas || l.chars > 60) return false;
    std::vector<std::string_view> items;
    std::string_view r = l.reading;
    size_t i = 0;
    while (i < r.size()) {
      while (i < r.size() && (r[i] == ' ' || r[i] == '|')) ++i;
      size_t j = i;
      while (j < r.size() && r[j] != ' ' && r[j] != '|') ++j;
      if (j > i) items.push_back(r.substr(i, j - i));
      i = j;
    }
    if (items.size() < 3) return false;
    // A table row (| a | b | c |) is a report's table, not a menu.
    if (r.front() == '|' || (r.back() == '|' && std::count(r.begin(), r.end(), '|') >= 3))
      return false;
    size_t nav = 0, single = 0, han = 0;
    for (auto item : items) {
      size_t n = text::count_code_points(item);
      if (n > 6) return false;
      single += n == 1;
      nav += v_.nav_set.count(std::string(item)) > 0;
      han += static_cast<unsigned char>(item[0]) >= 0xE3;  // starts with a CJK character
    }
    if (han * 2 < items.size() && !nav) return false;  // words of another language: a sentence
    if (single * 2 >= items.size()) return false;      // 政 府 工 作 报 告: a spaced title
    return nav > 0 || items.size() >= 5;
  }

  // Page metadata labels: 发布时间: 2023-01-29 来源:… / [ 索引号 ] … / 发文机关中共某省某厅党组.
  bool labels(Line& l, bool any) {
    if (!v_.labels) return false;
    const std::string& r = l.reading;
    re2::StringPiece input(r), label;
    std::vector<std::pair<size_t, std::string>> found;  // (offset of the value, class)
    std::vector<std::pair<size_t, size_t>> spans;       // label spans
    while (any && RE2::FindAndConsume(&input, *v_.labels, &label)) {
      size_t at = size_t(label.data() - r.data());
      spans.emplace_back(at, size_t(input.data() - r.data()));
      auto it = v_.label_class.find(text::squeeze(label));
      found.emplace_back(size_t(input.data() - r.data()),
                         it == v_.label_class.end() ? "page" : it->second);
      if (input.empty()) break;
    }
    // Without a separator: a label opening a short line (发文日期2021年12月21日).
    if (found.empty() && l.chars <= 40 && l.stops == 0) {
      const std::string& sq = squeezed(l);
      for (const auto& [word, cls] : v_.label_words)
        if (text::count_code_points(word) >= 3 && sq.rfind(word, 0) == 0 &&
            sq.size() > word.size()) {
          label_value(cls, std::string_view(sq).substr(word.size()));
          l.label = true;
          set(l, Where::kAnywhere, "page metadata (" + cls + ")", cls != "page");
          return true;
        }
    }
    if (found.empty()) return false;
    // Text before the first label: nothing, or a short title-like run (a wiki's infobox row).
    if (spans[0].first > 0) {
      std::string_view before = text::trim(std::string_view(r).substr(0, spans[0].first));
      if (text::count_code_points(before) > 40 || before.find("。") != std::string_view::npos)
        return false;
    }
    for (size_t k = 0; k < found.size(); ++k) {
      size_t from = found[k].first;
      size_t to = k + 1 < spans.size() ? spans[k + 1].first : r.size();
      std::string_view value = text::trim(std::string_view(r).substr(from, to - from));
      while (!value.empty() && (value.back() == '[' || value.back() == '|' || value.back() == '-'))
        value = text::trim(value.substr(0, value.size() - 1));
      label_value(found[k].second, value);
      // A table set out down the page: a line that is one label and nothing more, its value on
      // the next line (a counter or a toolbar, 浏览次数: 分享:, has no value to read).
      if (value.empty() && found.size() == 1 && spans[0].first < 8 && found[k].second != "page")
        l.pending_label = found[k].second;
    }
    // A date the row prints without a label of its own (编辑:某某 2013-03-11 15:43): the page's.
    std::string y, m, d;
    static const RE2 iso(R"((\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2}))");
    bool dated = false;
    for (const auto& [at, cls] : found) dated |= cls == "published" || cls == "date";
    static const RE2 stamped(R"((\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*\d{1,2}:\d{2})");
    if (!dated &&
        (RE2::PartialMatch(r, iso, &y, &m, &d) || RE2::PartialMatch(r, stamped, &y, &m, &d)))
      if (auto iso_d = iso_date(y, m, d)) field("page_date", *iso_d);
    l.label = true;
    l.strict = found.size() >= 2 || has_iso_date(r);
    std::string cls = found[0].second;
    set(l, Where::kAnywhere, "page metadata (" + cls + ")", l.strict || cls == "page");
    return true;
  }

  static bool has_iso_date(std::string_view s) {
    static const RE2 iso(R"(\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2})");
    return RE2::PartialMatch(s, iso);
  }

  void label_value(const std::string& cls, std::string_view value) {
    if (cls == "page" || value.empty()) return;
    if (cls == "published" || cls == "date") {
      if (auto d = first_date_in(value)) field(cls, *d);
      return;
    }
    // A date in words after another label's value (制定机关:某县人民政府 2022年2月16日) is the
    // document's: pages print their own dates as 2022-02-16.
    static const RE2 words_date(R"((\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)");
    std::string y, m, d;
    if (RE2::PartialMatch(value, words_date, &y, &m, &d))
      if (auto iso = iso_date(y, m, d)) field("date", *iso);
    if (cls == "issuer" || cls == "origin") {
      size_t cut = value.find_first_of(" ([");
      value = value.substr(0, cut);
    }
    if (!value.empty()) field(cls, std::string(value));
  }

  // A line that is a page's date and time, and little else: 2021-01-12 09:15:31, 新华社 ·
  // 2021-08-12 11:54, 2023/8/7 23:36:09 点击:. Its date is the page's (published), not the
  // document's: documents write dates in words (2021年1月12日).
  bool page_date(Line& l) {
    static const RE2 iso(R"((\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2}))");
    // A date in words with a time of day is a page's timestamp too: 2012年01月11日 11:32:02.
    static const RE2 stamped(R"((\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*\d{1,2}:\d{2})");
    std::string y, m, d;
    if (l.stops || !(RE2::PartialMatch(l.reading, iso, &y, &m, &d) ||
                     RE2::PartialMatch(l.reading, stamped, &y, &m, &d)))
      return false;
    if (l.han > 12) return false;
    if (auto date = iso_date(y, m, d)) field("page_date", *date);
    set(l, Where::kHead, "page date");
    return true;
  }

  void field(const std::string& name, const std::string& value) {
    for (const auto& [n, v] : out_.fields)
      if (n == name) return;
    out_.fields.emplace_back(name, value);
  }

  // [ 成文日期 ] / 2025-01-15: the value of a label that ends its line is the next line, when that
  // is short and no label itself.
  void label_values_below() {
    for (size_t i = 0; i + 1 < lines_.size(); ++i) {
      Line& l = lines_[i];
      Line& next = lines_[i + 1];
      if (l.pending_label.empty() || next.label || next.chars > 40 || next.stops) continue;
      std::string_view value = text::trim(reading(next));
      while (!value.empty() && (is_bullet(static_cast<unsigned char>(value[0])) ||
                                value.rfind("•", 0) == 0 || value[0] == '-' || value[0] == '*')) {
        size_t skip = value.rfind("•", 0) == 0 ? 3 : 1;
        value = text::trim(value.substr(skip));
      }
      label_value(l.pending_label, value);
      next.where = Where::kNone;  // whatever it looked like (a bullet, a date): a table's value
      next.label = true;
      set(next, Where::kAnywhere,
          "page metadata (" + l.pending_label + ", value of line " + std::to_string(l.number) +
              ")");
    }
  }

  // Words of a Latin-script language, four or more, with twenty letters: a sentence, not a menu.
  static bool latin_sentence(std::string_view s) {
    size_t letters = 0, words = 0;
    bool in_word = false;
    for (char c : s) {
      bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      letters += letter;
      if (letter && !in_word) ++words;
      in_word = letter;
    }
    return letters >= 20 && words >= 4;
  }

  // A line that is the start of the line after it, cut short, is a site's teaser of it.
  void teasers() {
    for (size_t i = 0; i + 1 < lines_.size(); ++i) {
      Line& l = lines_[i];
      // Cut mid-sentence, where a teaser is cut (a paragraph repeated and extended is text).
      if (l.where != Where::kNone || l.han < 20 || l.last == U'。' || l.last == ';') continue;
      std::string a = text::squeeze(l.text), b = text::squeeze(lines_[i + 1].text);
      if (b.size() > a.size() && b.compare(0, a.size(), a) == 0)
        set(l, Where::kAnywhere, "teaser of line " + std::to_string(lines_[i + 1].number));
    }
  }

  // A paragraph that repeats an earlier one word for word is the page's second copy of it.
  void repeated_paragraphs() {
    std::unordered_map<uint64_t, uint32_t> seen;
    for (Line& l : lines_) {
      if (l.han < 20 || l.stops == 0) continue;
      auto [it, fresh] = seen.emplace(l.key, l.number);
      if (!fresh) set(l, Where::kAnywhere, "repeats line " + std::to_string(it->second));
    }
  }

  void find_body() {
    // Runs of good lines, no more than kMaxBodyGap lines apart; the longest (by Han characters)
    // is the body.
    struct Run {
      size_t first, last, score;
    };
    std::vector<Run> runs;
    size_t best_score = 0;
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (!lines_[i].good) continue;
      if (runs.empty() || i - runs.back().last > kMaxBodyGap + 1) runs.push_back({i, i, 0});
      Run& r = runs.back();
      r.last = i, r.score += lines_[i].han;
      if (r.score > best_score) best_score = r.score, begin_ = r.first, end_ = i;
    }
    // A text may hold several bodies (reports one after another in one file, a report whose
    // parts a long table separates): every run of prose as long as a body is counts, so what
    // stands between them is not taken for a page's header or footer and dropped with it.
    for (const Run& r : runs)
      if (r.score >= kMinBodyRunHan)
        begin_ = std::min(begin_, r.first), end_ = std::max(end_, r.last);
    if (!best_score) {
      // No body text at all (a short note): the header is the run of header lines at the top,
      // and nothing else is judged by its position.
      begin_ = 0, end_ = lines_.empty() ? 0 : lines_.size() - 1;
      while (begin_ < lines_.size()) {
        Line& l = lines_[begin_];
        if (l.where == Where::kNone && g_.role_of(l.text, reading(l)) == HeaderRole::kNone) break;
        ++begin_;
      }
      return;
    }
    // Back over the headings and sentences that open the body (一、总体情况; 现将…报告如下:).
    while (begin_ > 0) {
      Line& l = lines_[begin_ - 1];
      if (l.where != Where::kNone || l.label) break;
      const std::string& r = reading(l);
      HeaderRole role = g_.role_of(l.text, r);
      bool opening = g_.heading_like(r) || (role == HeaderRole::kNone && l.han >= 6 &&
                                            (l.stops > 0 || l.commas > 0 || l.last == ':'));
      if (!opening) break;
      --begin_;
    }
  }

  void header_zone() {
    size_t last_site = SIZE_MAX;  // the last line before the body that is surely the site's
    for (size_t i = 0; i < begin_; ++i)
      if (lines_[i].where == Where::kAnywhere || lines_[i].where == Where::kHead) last_site = i;
    std::unordered_set<std::string> crumbs;  // items of breadcrumbs and navigation rows
    size_t leads = 0;
    for (size_t i = 0; i < begin_; ++i) {
      Line& l = lines_[i];
      const std::string& r = reading(l);
      if (l.where == Where::kAnywhere || l.where == Where::kHead || l.where == Where::kTail ||
          (l.where == Where::kLead && leads < 6)) {
        if (l.where == Where::kLead) field("lead", std::string(l.text));
        if (l.navigation) remember_items(r, crumbs);
        drop(l, l.reason);
        continue;
      }
      ++leads;
      if (l.link >= 0.5f) {  // an HTML line that is mostly links: a menu or a list of articles
        drop(l, "link list");
        continue;
      }
      if (!crumbs.empty() && crumbs.count(squeezed(l))) {
        drop(l, "navigation (an item of the breadcrumb)");
        continue;
      }
      if (l.role == HeaderRole::kNone) {
        l.role = g_.role_of(l.text, r);
        // Words of a sentence broken over lines are no title: the line before runs on into it
        // (a long line without an end), or the line after goes on with the sentence (。会议…).
        if (continues(i) || (i + 1 < lines_.size() && opens_with_punctuation(lines_[i + 1]))) {
          l.role = HeaderRole::kNone;
          continue;  // text of the document, broken where a page broke it
        }
        if ((l.role == HeaderRole::kNone || l.role == HeaderRole::kOrg) && i + 1 < begin_ &&
            g_.title_part(r))
          title_run(i);
      }
      if (l.role == HeaderRole::kTitle) continue;
      if (last_site != SIZE_MAX && i < last_site) {
        drop(l, "site header (above the page's metadata)");
        continue;
      }
      if (l.role == HeaderRole::kNone && g_.person_name(squeezed(l)) && i > 0 &&
          (lines_[i - 1].role == HeaderRole::kDate || lines_[i - 1].role == HeaderRole::kSession ||
           lines_[i - 1].role == HeaderRole::kSpeaker))
        l.role = HeaderRole::kSpeaker;  // the speaker's name under the delivery line or office
      if (l.role != HeaderRole::kNone) continue;
      if ((l.stops > 0 || l.commas > 0) && l.han >= 6) continue;  // a sentence: the document's
      // Text, not a site's label: a long run of Han characters (a sentence broken over lines), or
      // a sentence in another language (a translation printed beside the report).
      if (l.chars > 30 && l.han * 2 >= l.chars) continue;
      if (latin_sentence(l.text)) continue;
      drop(l, "before the document, and no part of its header");
    }
  }

  // Line i carries on the line before it: that one is kept text with no end (…所作的).
  bool continues(size_t i) const {
    if (i == 0) return false;
    const Line& prev = lines_[i - 1];
    if (prev.drop || prev.role != HeaderRole::kNone || prev.chars <= 30) return false;
    char32_t c = prev.last;
    return is_han(c);
  }
  static bool opens_with_punctuation(const Line& l) {
    switch (l.first) {
      case U'。':
      case ',':
      case U'、':
      case ';':
      case ':':
      case '!':
      case '?':
        return true;
      default:
        return false;
    }
  }

  // Lines i… that join into a title: an issuing body above the rest of its title (某县人民政府 /
  // 2024年法治政府建设年度报告), or a title broken where it is no title yet (政府工作报 / 告).
  void title_run(size_t i) {
    std::string joined = lines_[i].reading;
    bool org = lines_[i].role == HeaderRole::kOrg;
    for (size_t k = i + 1; k < begin_ && k < i + 3; ++k) {
      Line& next = lines_[k];
      if (next.where != Where::kNone || !g_.title_part(reading(next))) return;
      // A short category word above a title is the site's (本地事 / 政府工作报告); a longer line
      // that is no title on its own is the start of the one below (某县某局2022年法治政府建设 /
      // 年度报告).
      if (!org && (lines_[i].chars < 8 || lines_[i].reading.find(' ') != std::string::npos) &&
          g_.title_like(next.reading))
        return;  // (a line of menu items, 机构职能 政策法规, has spaces a title's start has not)
      joined += next.reading;
      if (g_.title_like(joined)) {
        for (size_t j = i; j <= k; ++j) lines_[j].role = HeaderRole::kTitle;
        return;
      }
    }
  }

  static void remember_items(std::string_view r, std::unordered_set<std::string>& items) {
    std::string item;
    auto flush = [&] {
      if (!item.empty()) items.insert(item);
      item.clear();
    };
    auto p = reinterpret_cast<const unsigned char*>(r.data());
    auto end = p + r.size();
    while (p < end) {
      char32_t c = text::decode_one(p);
      if (text::is_space(c) || is_separator_char(c) || c == '|' || c == ':' || c == '/') {
        flush();
        continue;
      }
      text::append_utf8(item, c);
    }
    flush();
  }

  void body_zone() {
    for (size_t i = begin_; i <= end_ && i < lines_.size(); ++i) {
      Line& l = lines_[i];
      if (l.where == Where::kAnywhere && (l.strict || !l.label))
        drop(l, l.reason);
      else if (l.where == Where::kTail)
        drop(l, l.reason);
    }
  }

  void footer_zone() {
    if (end_ + 1 >= lines_.size()) return;
    std::unordered_map<uint64_t, uint32_t> kept;
    for (size_t i = 0; i <= end_ && i < lines_.size(); ++i)
      if (!lines_[i].drop && lines_[i].chars >= 12) kept.emplace(lines_[i].key, lines_[i].number);
    uint32_t tail = 0;
    for (size_t i = end_ + 1; i < lines_.size(); ++i) {
      Line& l = lines_[i];
      if (tail) {
        drop(l, "after the page's footer (line " + std::to_string(tail) + ")");
        continue;
      }
      if (l.where == Where::kTail) {
        tail = l.number;
        drop(l, l.reason);
        continue;
      }
      if (l.where == Where::kAnywhere || l.where == Where::kFoot || l.where == Where::kHead) {
        if (l.reason != "page date" && l.reason != "bullet list before the document") {  // stays
          drop(l, l.reason);
          continue;
        }
      }
      if (l.chars >= 12) {
        auto it = kept.find(l.key);
        if (it != kept.end() && !g_.org_like(reading(l))) {
          drop(l, "repeats line " + std::to_string(it->second));
          continue;
        }
      }
      if (l.link >= 0.5f) drop(l, "link list");
    }
  }

  void drop(Line& l, const std::string& why) {
    l.drop = true;
    l.why = why;
  }

  const PageCleaner::Vocabulary& v_;
  const HeaderGrammar& g_;
  CleanedText& out_;
  std::vector<Line> lines_;
  std::deque<std::string> joined_;  // lines joined over soft breaks (stable addresses for views)
  size_t begin_ = 0, end_ = 0;
};

}  // namespace

CleanedText PageCleaner::clean(std::string_view utf8, const std::vector<float>* link_density,
                               bool drop) const {
  CleanedText out;
  Cleaning(*vocab_, grammar_, out).run(utf8, link_density, drop);
  return out;
}

}  // namespace rpt