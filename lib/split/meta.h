// meta: the document fields of a report — title, issuer, recipients, date, published, year, type,
// region — and the blocks of its opening and closing lines (title, front matter, covering notice,
// signature), read by the rules of patterns/split/fields.rules and the gazetteer.
//
// What is read from where (docs/record.md has the user's version):
// - A covering notice (印发通知) at the top is recognised by its cue and ends where the document's
//   own title line starts; its recipients, signature and date are the document's.
// - Front matter is the run of short lines before the body: title (a line ending with a 文种, or
//   such a line broken over two or three lines), recipients (主送, ending with ':'), issuer and
//   date lines. The signature block is the run of issuer and date lines at the end.
// - issuer: the title's 发文机关, else the notice's, front's or signature's issuer line, else a
//   speech's 我代表…, else the fullest organisation name of a self-referring body (我局 → …局).
// - year: the input record's year, else the title's, else for speeches and resolutions the date's,
//   else a body opening with a year (2023年,…), else the latest year the body names outside
//   《titles》 and periods, else the date's year less one for a report signed in the first half
//   year.
// - region: the most specific gazetteer name in issuer and title, disambiguated by the city and
//   province the text names; a zone outside the gazetteer (徂汶景区) keeps its name and takes the
//   code of the city the text names most.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "doc.h"
#include "gazetteer.h"
#include "rules.h"

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
  std::vector<const char*>
      block_of_para;  // [para-1]: "title", "front", "notice", "signature" or nullptr
};

// Fields the input record supplies (JSON Lines input), used where the text is silent.
struct RecordHints {
  std::optional<std::string> title;
  std::optional<int> year;
};

// Parses a date written with Arabic or Chinese numerals: ("二〇二二", "一", "十") → "2022-01-10".
std::optional<std::string> iso_date(std::string_view y, std::string_view m, std::string_view d);

class FieldReader {
 public:
  // Loads DIR/split/fields.rules and DIR/gazetteer/divisions.tsv. Throws DataError (file:line).
  explicit FieldReader(const std::string& patterns_dir);
  ~FieldReader();
  FieldReader(const FieldReader&) = delete;
  FieldReader& operator=(const FieldReader&) = delete;

  // page_fields: (name, value) pairs the page cleaner read (published, origin).
  DocMeta read(const Document& doc, const RecordHints& hints,
               const std::vector<std::pair<std::string, std::string>>& page_fields) const;

  const Gazetteer& gazetteer() const { return *gazetteer_; }

  struct Impl;  // the compiled rules (meta.cpp)

 private:
  std::unique_ptr<Impl> impl_;
  std::unique_ptr<Gazetteer> gazetteer_;
};

}  // namespace rpt
