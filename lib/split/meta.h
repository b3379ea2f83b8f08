// meta: the document fields of a report — title, issuer, recipients, date, published, year, type,
// region — and the blocks of its lines (title, front matter, covering notice, signature,
// appendix), read off the cleaned page (clean.h: kept lines with their header roles, and the page's
// metadata) by the rules of patterns/split/fields.rules and the gazetteer.
//
// Each field is taken from the best evidence there is, in this order (docs/record.md has the
// user's version):
// - title: the title of the document a covering notice (印发通知, 公告) covers; else the first
//   title in the header (joined when broken over lines), without what the site added; else the
//   page's 标题 field; else the title a reprint's lead names (印发了《…》).
// - issuer (issuer.cpp): the title's prefix (X人民政府关于…), the notice's or the header's or the
//   signature's issuing body, a speaker's body, 我代表X人民政府, the subject of the body's first
//   sentence (2023年,X坚持…), a self-reference (我局, 我县), the page's 发布机构 — always as a full
//   name: a short one (区司法局, 市政府, 自治区人民政府, 市委) is completed with the place the text
//   names.
// - recipients: a real 主送 line only (the notice's, or the header's).
// - date: the notice's date, the signature's, a delivery or adoption date, the page's 成文日期.
//   published: the page's date (a labelled one first).
// - type: the title, the title a notice or the page names, the record's title, then the opening
//   formula (各位代表 + 向大会报告工作 → gov_work_report; 会议…审议…报告 → resolution), then cues.
// - year: see year() in meta.cpp (per type: the title's, the plan year a speech states, the year
//   a report opens with…).
// - region: the most specific gazetteer place in the issuer, the title, the header; else the place
//   the body names most.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clean.h"
#include "doc.h"
#include "gazetteer.h"
#include "header.h"

namespace rpt {

struct Region {
  std::string name, code, city, province;  // city/province "" when none
};

struct DocMeta {
  std::optional<std::string> title, issuer, date, published, origin;  // dates ISO 8601
  std::vector<std::string> recipients;
  std::optional<int> year;
  std::string type = "other";
  std::optional<Region> region;
  // [para-1]: "title", "front", "notice", "signature", "appendix" or nullptr (body)
  std::vector<const char*> block_of_para;
};

// Fields the input record supplies (JSON Lines input), used where the text is silent: title and
// date when the text gives none, year first (a corpus's year is what its compiler checked).
struct RecordHints {
  std::optional<std::string> title;
  std::optional<int> year;
  std::optional<std::string> date;        // ISO YYYY-MM-DD
  std::optional<std::string> url;         // not read from text: becomes doc.url as given
  std::optional<std::string> page_title;  // an HTML page's <title>: the site's name for it
};

class FieldReader {
 public:
  // Loads DIR/gazetteer/divisions.tsv. Throws DataError (file:line).
  FieldReader(const std::string& patterns_dir, const HeaderGrammar& grammar);
  ~FieldReader();
  FieldReader(const FieldReader&) = delete;
  FieldReader& operator=(const FieldReader&) = delete;

  // doc is the segmentation of page.text (so doc.lines[i] is the kept line i of page).
  DocMeta read(const Document& doc, const CleanedText& page, const RecordHints& hints) const;

  const Gazetteer& gazetteer() const { return *gazetteer_; }

 private:
  const HeaderGrammar& grammar_;
  std::unique_ptr<Gazetteer> gazetteer_;
};

}  // namespace rpt
