// path: field paths into records (`doc.region.province`, `tags[]`, `facts[].unit`) and the values
// they select.
//
// Syntax: keys joined by '.'; `[]` after a key explodes an array, so one record yields one value
// per element; `[N]` takes element N (`seg.path[0]`, `seg.path[-1]` the last); `\.`, `\[` and `\\`
// escape inside a key (a key "a.b" is written `a\.b`). A path that runs into a missing key, a
// non-object or a non-array yields no values: the caller decides what absence means (aggregate
// groups it as null).
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rpt {

struct PathStep {
  std::string key;
  bool explode = false;  // key[]
  int64_t index = -1;    // key[N]: element N (negative N counts from the end: [-1] is the last)
  bool indexed = false;
};

struct FieldPath {
  std::string text;  // as written, for column names and messages
  std::vector<PathStep> steps;
};

// Throws UsageError on an empty path, an empty key or a dangling escape.
FieldPath parse_path(std::string_view text);

// A JSON value reduced to what grouping and reducing need. Strings keep their text; numbers their
// value (and whether they are integers); objects and arrays their minified JSON.
struct Value {
  enum Kind : uint8_t { Null, Bool, Number, String, Json };
  Kind kind = Null;
  bool boolean = false;
  bool integer = false;
  int64_t i = 0;
  double num = 0;
  std::string str;  // String text, or Json raw text

  static Value of(simdjson::dom::element e);
  // Numeric view: numbers, and strings that are wholly a number ("2024", "3.5"). Others: false.
  bool as_number(double& out) const;
  // A byte string that orders and compares values: kind first, then numbers numerically (as a
  // sortable encoding), strings by bytes.
  std::string sort_key() const;
  void append_sort_key(std::string& out) const;  // the same, appended
  // The value as JSON text (numbers in shortest round-trip form).
  std::string json() const;
  // The value as plain text for CSV/TSV/Markdown cells (strings unquoted, null empty).
  std::string text() const;
  bool operator==(const Value& o) const { return sort_key() == o.sort_key(); }
};

// Appends the values `path` selects in `record`.
void select(simdjson::dom::element record, const FieldPath& path, std::vector<Value>& out);
// The same, as simdjson elements (for callers that walk on from them).
void select_elements(simdjson::dom::element record, const FieldPath& path,
                     std::vector<simdjson::dom::element>& out);

// Whether s is wholly a number ("2024", "3.5", "+1e3"), and its value.
bool parse_number(std::string_view s, double& out);

// Shortest round-trip text of a double (integers without a decimal point).
std::string number_text(double v);

// Parses one JSON value written as text (for partial files and where-clauses).
Value value_from_json(std::string_view json);

}  // namespace rpt
