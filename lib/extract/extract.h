// extract: facts in a segment's text — quantities, changes, indicators, dates, periods, citations,
// quotes, organisations and the units of work-plan tasks — from the lexicons in patterns/extract/.
//
// Reading order, and why: time expressions (2024年4月9日, 3月1日前, 2021—2025年) and spans of time
// counted from the report's present (这五年, 一年来, 过去一年) are read first so that their numbers
// are never quantities; then quotation and title marks (“…”, 《…》) mark text whose numbers are
// names, and so do the name contexts of numbers.rules (八项规定, 二期工程, 十二届22次会议); then
// numbers (lib/words/numeral) become quantities when a unit, a percent or a magnitude gives them a
// size; changes and indicators are read around them; last, each figure's stance (result or target)
// and the year it is for are read from the sentence, the heading path and the document.
//
// Invariants:
// - The text is read width-folded and simplified (traditional characters as simplified ones), both
//   of which keep code point positions, so full-width, half-width and traditional copies give the
//   same facts and values; spans are [begin, end) code points of the record's text, and `text` is
//   the original characters of the span.
// - Facts come out in text order (by begin, then end, then type); the same text and context give
//   the same facts.
// - A number is a quantity only with a size: a unit from units.rules (or, after Arabic digits, a
//   unit the lexicon lacks: unit_known false), a percent or fraction, or a magnitude word (14亿).
//   Ordinals (第三, 七是), numbers inside dates, deictic spans, quotes, titles and the name
//   contexts of numbers.rules are never quantities; with notes requested, each number not taken
//   says why.
// - An Extractor is immutable after construction and may be shared between threads.
#pragma once

#include <re2/re2.h>
#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cli.h"
#include "numeral.h"

namespace rpt {

enum class FactType : uint8_t {
  Quantity,
  Change,
  Indicator,
  Date,
  Period,
  Citation,
  Quote,
  Org,
  Units,
};
constexpr int kFactTypes = 9;
const char* fact_type_name(FactType t);
// The type named `name` ("quantity", …), or nullopt.
std::optional<FactType> fact_type_named(std::string_view name);
// A set of fact types as bits (1 << type).
using FactTypes = uint32_t;
constexpr FactTypes kAllFactTypes = (1u << kFactTypes) - 1;

enum class Stance : uint8_t { None, Result, Target };
const char* stance_name(Stance s);  // null for None, "result", "target"

struct Fact {
  FactType type;
  uint32_t begin = 0, end = 0;            // code points of the text
  uint32_t byte_begin = 0, byte_end = 0;  // the same span in bytes (its surface, without decoding)

  // quantity, change, indicator: the value (percent as 85 for 85%); quantity ranges: value_max
  double value = 0;
  std::optional<double> value_max;
  Approx approx = Approx::Exact;
  std::string
      unit;  // quantity: 场次, 元, %, 个百分点 …; change: % or 个百分点; indicator: its value's
  bool unit_known = true;  // quantity: false when the unit is not in units.rules (标准台, EFLOPS)
  std::string kind;     // quantity: count money measure duration ratio percent rank; citation kind
  std::string subject;  // quantity: the thing counted, best effort (may be empty)

  std::string direction;  // change: up, down
  std::string basis;      // change: 同比, 环比 … or empty
  bool average = false;   // change, indicator: a yearly average over a span (年均增长)

  std::string name;    // indicator: the figure as written; citation: normalised title; org; quote
  std::string metric;  // indicator: normalised metric name (metrics.rules)

  // quantity, change, indicator: result (achieved, the case) or target (a goal, a plan), and the
  // year the figure is for (0: not known); stance_why says what decided both (for notes).
  Stance stance = Stance::None;
  std::string stance_why;

  // date: ISO 8601 (2024, 2024-10, 2024-04-09) when the year is said, else empty; year/month/day
  // as said (0: not said); deadline: "…前". period: iso is "start/end". A figure's year is `year`.
  // A deictic period (这五年, 一年来: counted from the report's present) has no iso but a duration
  // (ISO 8601, P5Y) and approx (一年多来: over).
  std::string iso;
  int year = 0, month = 0, day = 0;
  bool deadline = false;
  bool deictic = false;
  std::string duration;

  std::vector<std::string> lead, responsible;  // units: 牵头单位 / 责任单位 lists
};

// What the record says about where a text stands: its heading path, its document's type and year.
// Stances and figure years are read from it when the sentence does not say.
struct FactContext {
  std::vector<std::string> path;  // seg.path
  std::string doc_type;           // doc.type
  int doc_year = 0;               // doc.year (0: unknown)
};

// A number the extractor read, and what became of it: taken as a fact (which, and why) or not
// (a date, a name, an ordinal, no unit…). For --explain.
struct NumberNote {
  uint32_t begin = 0, end = 0;            // code points of the text
  uint32_t byte_begin = 0, byte_end = 0;  // the same span in bytes
  bool taken = false;
  std::string why;
};

class Extractor {
 public:
  // Loads patterns_dir/extract/*.rules. Throws DataError (file:line) on a bad rule.
  explicit Extractor(const std::string& patterns_dir);
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // The facts of `text` (UTF-8) whose type is in `types`, appended to out in text order. ctx: where
  // the text stands (null: nothing known); notes: when given, every number read, with its fate.
  void extract(std::string_view text, std::vector<Fact>& out, FactTypes types = kAllFactTypes,
               const FactContext* ctx = nullptr, std::vector<NumberNote>* notes = nullptr) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Appends a fact as a JSON object: {"type":…,"text":…,"span":[b,e], typed fields…}. text: the
// record's text the fact was extracted from (its surface is cut from it, byte_begin..byte_end).
void append_fact_json(std::string& out, const Fact& f, std::string_view text);
// Appends a note as {"text":…,"span":[b,e],"taken":…,"why":…}.
void append_note_json(std::string& out, const NumberNote& n, std::string_view text);

// Where a record's text stands, read from the record: seg.path, doc.type, doc.year.
void read_fact_context(simdjson::dom::object record, FactContext& ctx);
// Appends ,"facts":[…] — the field rpt extract writes (without --explode and --explain).
void append_facts_field(std::string& add, const std::vector<Fact>& facts, std::string_view text);

// `rpt extract` over JSON Lines records (extract_run.cpp).
struct ExtractConfig {
  std::vector<std::string> inputs;  // JSON Lines files; "-" or none: stdin
  std::string text_field = "text";
  std::string patterns;               // --patterns DIR ("" : the usual search)
  FactTypes types = kAllFactTypes;    // --types
  bool explode = false;               // one record per fact, the fact under "fact"
  bool explain = false;               // "numbers": every number read, taken or not, and why
  size_t max_line = kDefaultMaxLine;  // io.h
  cli::CommonOptions common;
};

int run_extract(const ExtractConfig& config);

}  // namespace rpt
