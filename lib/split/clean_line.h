// clean_line: what the cleaner reads of one line on its own (step 1 of clean.h) — its measures
// (characters, Han characters, sentence punctuation, separators, a hash of its folded text) — and
// the compiled vocabulary of patterns/split/furniture.rules that judges it. Internal to lib/split:
// clean.cpp (the page's work) and clean_line.cpp / clean_vocabulary.cpp (these pieces).
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "clean.h"

namespace rpt {
namespace clean_detail {

// Evidence that a line is furniture, and where it counts.
enum class Where : unsigned char { kNone, kAnywhere, kHead, kFoot, kTail, kLead };

// Short runs of lines that are not body text may stand between paragraphs (headings, a table's
// rows): this many of them still join two paragraphs into one body.
inline constexpr size_t kMaxBodyGap = 8;
// Han characters of prose a run of body lines needs to count as a body of its own beside the
// longest run (a page's teasers and notes stay far below it; a report's part is far above).
inline constexpr size_t kMinBodyRunHan = 1000;

bool is_han(char32_t c);
bool is_separator_char(char32_t c);
bool is_bullet(char32_t c);

struct Line {
  std::string_view text;
  uint32_t number = 0;
  size_t chars = 0, han = 0, stops = 0, periods = 0, commas = 0, separators = 0, alnum = 0;
  char32_t first = 0, last = 0;
  float link = 0;
  // Evidence.
  Where where = Where::kNone;
  std::string reason;
  bool label = false;   // a page metadata line
  bool strict = false;  // evidence that holds inside the body too
  bool good = false;    // a line of body text
  bool drop = false;
  std::string why;
  HeaderRole role = HeaderRole::kNone;
  std::string reading;
  std::string squeezed;     // reading without white space, for comparisons
  bool rules_only = false;  // only characters that draw rules and boxes (|||, ——, ×)
  bool navigation = false;  // a breadcrumb or a navigation row: its items name the site's sections
  uint64_t key = 0;         // hash of the folded line without white space: equal lines, equal keys
  std::string pending_label;  // a label ending the line with no value: its value is the next line
};

// Counts a line's characters and kinds of punctuation, its first and last character, whether it
// only draws rules, and its key.
void measure(Line& l);

}  // namespace clean_detail

struct PageCleaner::Vocabulary {
  struct Compiled {
    clean_detail::Where where;
    bool breadcrumb = false;  // a breadcrumb rule: its line's items are remembered
    std::string field;        // for field rules
    std::string where_text;
    std::unique_ptr<RE2> re;
  };
  std::vector<Compiled> rules;
  std::unique_ptr<RE2::Set> set;
  std::unordered_map<std::string, std::string> label_class;      // squeezed label → class
  std::vector<std::pair<std::string, std::string>> label_words;  // (label, class), longest first
  std::unique_ptr<RE2> labels;                                   // any label, captured
  int labels_in_set = -1;                                        // its index in `set`
  std::vector<std::string> toolbar, nav;                         // words, longest first
  std::unordered_set<std::string> nav_set;

  // Compiles the rules of furniture.rules at path; throws DataError naming file:line.
  void load(const std::string& path);
  // A line made only of words from `words` (each used any number of times), brackets,
  // separators, colons and spaces — a toolbar (【字体:大 中 小】【打印】) or a navigation row.
  static bool made_of(std::string_view s, const std::vector<std::string>& words, size_t* count);
};

}  // namespace rpt
