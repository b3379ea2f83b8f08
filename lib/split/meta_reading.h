// meta_reading: the per-document work of FieldReader, shared by meta.cpp (structure, title, dates,
// type, year) and issuer.cpp (issuer, short names completed, region). Internal to lib/split.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "header_rules.h"
#include "meta.h"

namespace rpt {

class MetaReading {
 public:
  MetaReading(const HeaderGrammar& g, const Gazetteer& gaz, const Document& doc,
              const CleanedText& page, const RecordHints& hints);
  DocMeta run();

 private:
  // meta.cpp
  size_t n() const { return doc_.lines.size(); }
  std::string_view line(size_t i) const { return doc_.line(i); }
  const std::string& reading(size_t i) const;
  HeaderRole role(size_t i) const {
    return i < page_.role.size() ? page_.role[i] : HeaderRole::kNone;
  }
  size_t chars(size_t i) const;
  bool is_heading(size_t i) const;
  static std::string arabic_years(std::string_view reading);
  static int whole_number(std::string_view s);
  static bool names_a_year(std::string_view line);
  void mark(size_t i, const char* block);
  void page_fields();
  void covering_notice();
  void header();
  void signature();
  void appendix();
  void title();
  std::string with_note(size_t i, const std::string& title) const;
  void dates();
  void doc_type();
  bool type_from_title(std::string_view title);
  void year();
  std::optional<int> plan_year(bool undated) const;
  static std::vector<int> body_years(std::string_view s);
  std::string opening(size_t max_chars) const;
  std::string_view prefix(size_t i, size_t max) const;

  // issuer.cpp
  void issuer();
  std::optional<std::string> complete(std::string_view name);
  std::optional<std::string> subject_of(std::string_view line) const;
  // The text places are searched in (its opening; simplified when it is traditional).
  std::string_view searched_text() const {
    return reading_text_.empty() ? searched_ : std::string_view(reading_text_);
  }
  std::optional<std::string> self_reference();
  const Division* place_of_level(std::string_view level);
  std::string title_place(std::string_view level);
  const std::vector<Gazetteer::Mention>& mentions();
  std::map<std::string, int> place_counts();
  void region();
  const Division* best_division(std::string_view s);

  const HeaderGrammar& g_;
  const HeaderGrammar::Rules& r_;
  const Gazetteer& gaz_;
  const Document& doc_;
  const CleanedText& page_;
  const RecordHints& hints_;
  mutable std::vector<std::string> reading_;
  mutable std::vector<bool> have_;
  DocMeta meta_;

  size_t body_ = 0;              // first body line
  size_t notice_end_ = 0;        // lines [0, notice_end_) are a covering notice (0: none)
  size_t signature_ = SIZE_MAX;  // first line of the signature block
  std::vector<size_t> titles_;   // header lines that are (parts of) titles
  std::optional<std::string> covered_title_, page_title_, lead_, page_issuer_, page_date_;
  std::optional<std::string> notice_date_, signature_date_, front_date_, page_published_;
  std::optional<std::string> notice_org_, front_org_, signature_org_, speaker_org_;
  bool delivered_ = false, adopted_ = false;  // a speech's delivery line, a resolution's note
  std::optional<std::string> session_;        // the session named in an adoption note
  std::optional<std::vector<Gazetteer::Mention>> mentions_;
  std::string reading_text_;   // the searched text's simplified reading, for a traditional text
  std::string_view searched_;  // the searched text: the opening of the text
  std::optional<Division> unresolved_;
  std::optional<std::map<std::string, int>>
      place_counts_;  // a name shared by several divisions, none of them named  // the text's
                      // simplified reading, when it is a traditional text
};

}  // namespace rpt
