// doc: a report's text cut into segments, each with its heading path.
//
// Input is UTF-8 text, one paragraph per line. The cutter works on a width-folded copy of each line
// (see text.h: folding keeps code-point positions), so a report and its full-width or half-width
// twin give the same segments; segment bytes always come from the original text.
//
// Invariants (tested on every report of gwr_national.jsonl):
// - Segments cover the text: concatenated in order they equal the text with white space removed.
//   No character is lost or invented; no segment is empty or has white space at either end.
// - Every segment's path lists the headings it sits under, outermost first; a heading segment's
//   path ends with itself, so "all segments whose path starts with P" is the section P.
// - Work is linear in the size of the text (a 50 MB line is one long paragraph, not a slow one).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rpt {

enum class Unit { Doc, Section, Paragraph, Sentence };
const char* unit_name(Unit u);

struct SplitOptions {
  Unit unit = Unit::Sentence;
  bool semicolons = false;  // also end sentences at ；/;
};

// Heading levels of Chinese official documents (GB/T 9704 usage), outermost first.
enum HeadingLevel : int {
  kNotHeading = 0,
  kChapter = 1,  // 第一章 / 第一部分
  kPart = 2,     // 一、
  kSection = 3,  // （一） (一)
  kItem = 4,     // 1. 1、 1．
  kSubItem = 5,  // （1） (1) ⑴
  kCircled = 6,  // ①
};

struct Segment {
  uint32_t begin = 0, end = 0;  // byte range in Document::text
  uint32_t para = 0;            // 1-based paragraph (non-blank line) number
  uint32_t path = 0;            // index into Document::paths
  int heading =
      kNotHeading;        // level when this segment is (or, for larger units, opens with) a heading
  std::string_view item;  // enumeration marker of the item it belongs to ("一是", "第二", "——")
};

struct Document {
  std::string text;  // the text segmented: trimmed non-blank lines joined by '\n'
  std::string id;    // 16 hex digits of XXH3-64 over the text's code points, width-folded and
                     // without white space (UTF-32LE): equal for re-encoded or re-spaced copies
  std::vector<std::vector<std::string>> paths;  // paths[0] is the empty path
  std::vector<Segment> segments;
  std::vector<std::pair<uint32_t, uint32_t>> lines;  // byte range of paragraph n at lines[n-1]
  std::string_view line(size_t i) const {
    return std::string_view(text).substr(lines[i].first, lines[i].second - lines[i].first);
  }
  std::string_view segment_text(const Segment& s) const {
    return std::string_view(text).substr(s.begin, s.end - s.begin);
  }
};

// Segments UTF-8 text (valid, NUL-free). Lines may end in "\n" or "\r\n".
Document segment_text(std::string_view utf8, const SplitOptions& options);

// Exposed for tests: the heading level of a line and the length of its marker in code points
// (e.g. "（一）" is 3), reading a width-folded line.
struct HeadingMarker {
  int level = kNotHeading;
  size_t length = 0;
};
HeadingMarker heading_marker(std::u32string_view folded_line);

// Exposed for tests: length in code points of an enumeration marker at the start of s ("一是",
// "第二," → 2 for "第二"), or 0.
size_t enumerator_at(std::u32string_view s);

}  // namespace rpt
