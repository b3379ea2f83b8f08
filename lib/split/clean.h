// clean: telling a page's furniture from the document it carries, by what each line is and where it
// stands relative to the document's body — not by which site it came from.
//
// The method, in the way of boilerplate detectors such as jusText and trafilatura:
// 1. Each line gets features: length, Han characters, sentence punctuation, separators, link
//    density (HTML), and the evidence of patterns/split/furniture.rules: vocabulary rules
//    (drop/head/foot/tail), page metadata labels (来源, 发布时间, 索引号…), toolbar and navigation
//    words; and shapes: breadcrumbs, separator rows, URLs, bullet lists, a page's date and time.
// 2. The body is the largest run of long, punctuated, Han-rich lines (short lines — headings — may
//    stand between them), extended back over the headings and sentences that open it.
// 3. Lines before the body are the document's header only when they play a part in one (title,
//    issuing body, date, delivery line, speaker, 主送, 文号: header.h); everything else there is
//    the site's. Inside the body only clear evidence removes a line. After the body a line stays
//    unless evidence says otherwise (signatures, appendices, and notes follow a body), and a tail
//    rule (版权所有, 相关阅读…) ends the page.
//
// Invariants:
// - Only whole lines are removed, and every removed line is returned with its line number and the
//   reason: kept lines + dropped lines = the input's non-blank lines.
// - A line longer than kMaxFurnitureChars code points is never judged by vocabulary: furniture is
//   short. (A long line goes only as a verbatim repeat of an earlier paragraph, or after a tail.)
// - Page metadata becomes fields (published, origin, date, issuer, title, docno), never content.
#pragma once

#include <re2/set.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "header.h"
#include "rules.h"

namespace rpt {

inline constexpr size_t kMaxFurnitureChars = 120;

struct DroppedLine {
  uint32_t line = 0;  // 1-based line number in the input text
  std::string reason;
  // The line, trimmed. Owned: a line joined over soft breaks exists only inside the cleaner, so
  // a view could outlive it (it did: --dropped wrote freed bytes for joined wiki lines).
  std::string text;
};

struct CleanedText {
  std::string text;               // kept lines, trimmed, joined by '\n'
  std::vector<uint32_t> line_of;  // the input line number of each kept line
  std::vector<HeaderRole> role;   // the header role of each kept line before the body, else kNone
  size_t body_begin = 0;          // index of the first kept line of the body
  std::vector<DroppedLine> dropped;  // removed lines, in order
  // Input lines joined to the line before them over a soft break (a zero-width space at the line
  // break, as wiki pages leave): every non-blank input line is kept, dropped or joined.
  size_t joined = 0;
  // (name, value): published, origin, date, issuer, title, docno from page metadata; lead (the
  // text of a reprint's lead, 近日…印发了《…》); page_date (a date the page prints, no label).
  std::vector<std::pair<std::string, std::string>> fields;
};

class PageCleaner {
 public:
  // Loads DIR/split/furniture.rules. Throws DataError naming file:line on a bad rule.
  PageCleaner(const std::string& patterns_dir, const HeaderGrammar& grammar);
  ~PageCleaner();
  PageCleaner(const PageCleaner&) = delete;
  PageCleaner& operator=(const PageCleaner&) = delete;

  // link_density: for HTML input, the share of each line's characters inside links (one value a
  // line of utf8, blank lines included), or null. With drop false nothing is removed, but roles
  // and fields are still read (rpt split --keep-furniture).
  CleanedText clean(std::string_view utf8, const std::vector<float>* link_density = nullptr,
                    bool drop = true) const;

  struct Vocabulary;  // the compiled rules (clean.cpp)

 private:
  const HeaderGrammar& grammar_;
  std::unique_ptr<Vocabulary> vocab_;
};

}  // namespace rpt
