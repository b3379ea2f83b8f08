// extract: facts in a segment's text — quantities, changes, indicators, dates, periods, citations,
// quotes, organisations and the units of work-plan tasks — from the lexicons in patterns/extract/.
//
// Reading order, and why: time expressions (2024年4月9日, 3月1日前, 2021—2025年) are read first so
// that their numbers are never quantities; then quotation and title marks (“…”, 《…》) mark text
// whose numbers are names; then numbers (lib/numeral) become quantities when a unit, a percent or a
// magnitude gives them a size; changes and indicators are read around the percentages.
//
// Invariants:
// - The text is read width-folded (text::fold_width keeps code point positions), so full-width and
//   half-width copies give the same facts and values; spans are [begin, end) code points of the
//   record's text, and `text` is the original characters of the span.
// - Facts come out in text order (by begin, then end, then type); the same text gives the same
// facts.
// - A number is a quantity only with a size: a unit from units.rules, a percent or fraction, or a
//   magnitude word (14亿). Ordinals (第三, 七是), numbers inside dates, quotes, titles and the
//   `name` contexts of numbers.rules are never quantities.
// - An Extractor is immutable after construction and may be shared between threads.
#pragma once

#include <re2/re2.h>

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

struct Fact {
  FactType type;
  uint32_t begin = 0, end = 0;            // code points of the text
  uint32_t byte_begin = 0, byte_end = 0;  // the same span in bytes (its surface, without decoding)

  // quantity, change, indicator: the value (percent as 85 for 85%); quantity ranges: value_max
  double value = 0;
  std::optional<double> value_max;
  Approx approx = Approx::Exact;
  std::string unit;  // quantity: 场次, 元, %, 个百分点 …; change: % or 个百分点; indicator: %
  std::string kind;     // quantity: count money measure duration ratio percent rank; citation kind
  std::string subject;  // quantity: the thing counted, best effort (may be empty)

  std::string direction;  // change: up, down
  std::string basis;      // change: 同比, 环比 … or empty

  std::string name;    // indicator: the rate as written; citation: normalised title; org; quote
  std::string metric;  // indicator: normalised metric name (metrics.rules)

  // date: ISO 8601 (2024, 2024-10, 2024-04-09) when the year is said, else empty; year/month/day
  // as said (0: not said); deadline: "…前". period: iso is "start/end".
  std::string iso;
  int year = 0, month = 0, day = 0;
  bool deadline = false;

  std::vector<std::string> lead, responsible;  // units: 牵头单位 / 责任单位 lists
};

class Extractor {
 public:
  // Loads patterns_dir/extract/*.rules. Throws DataError (file:line) on a bad rule.
  explicit Extractor(const std::string& patterns_dir);
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // The facts of `text` (UTF-8) whose type is in `types`, appended to out in text order.
  void extract(std::string_view text, std::vector<Fact>& out,
               FactTypes types = kAllFactTypes) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Appends a fact as a JSON object: {"type":…,"text":…,"span":[b,e], typed fields…}. text: the
// record's text the fact was extracted from (its surface is cut from it, byte_begin..byte_end).
void append_fact_json(std::string& out, const Fact& f, std::string_view text);

// `rpt extract` over JSON Lines records (extract_run.cpp).
struct ExtractConfig {
  std::vector<std::string> inputs;  // JSON Lines files; "-" or none: stdin
  std::string text_field = "text";
  std::string patterns;             // --patterns DIR ("" : the usual search)
  FactTypes types = kAllFactTypes;  // --types
  bool explode = false;             // one record per fact, the fact under "fact"
  size_t max_line = size_t(1) << 30;
  cli::CommonOptions common;
};

int run_extract(const ExtractConfig& config);

}  // namespace rpt
