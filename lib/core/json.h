// json: writing JSON text fast, and reading JSON Lines records with simdjson's on-demand parser.
//
// Invariants:
// - append_json_string writes a valid JSON string for valid UTF-8 input: it escapes '"', '\\' and
//   the control characters, and copies every other byte unchanged (no \u escapes for CJK), so
//   output is byte-for-byte deterministic and as short as the input allows.
// - JsonlReader hands out one parsed object per line, with the line's raw bytes, so a tool copies
//   what it does not change instead of re-serialising it (unknown fields pass through untouched).
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io.h"

namespace rpt::json {

void append_json_string(std::string& out, std::string_view s);
void append_int(std::string& out, int64_t v);

// The raw JSON text of any value (object, array, string, number, literal), without surrounding
// white space. Throws simdjson_error on malformed JSON.
std::string_view raw_json_of(simdjson::ondemand::value v);

// What a simdjson DOM parse error means, in words a user can act on.
std::string dom_error_text(simdjson::error_code err);

// Type name of a JSON value for error messages ("string", "number", "object"…).
const char* type_name(simdjson::ondemand::json_type t);

// Reads JSON Lines: blank lines are skipped; each other line must be one JSON object.
class JsonlReader {
 public:
  explicit JsonlReader(const std::string& path, size_t max_line = kDefaultMaxLine,
                       std::string_view prefix = {})
      : lines_(std::make_unique<LineReader>(path, max_line, prefix)) {}
  // Reads `data` (a file's bytes, already in memory); name is for messages.
  JsonlReader(const std::string& name, std::string_view data, size_t max_line)
      : lines_(std::make_unique<LineReader>(LineReader::InMemory{}, name, data, max_line)) {}
  // Reads lines another reader cut (a batch of a file's lines, with their numbers and offsets in
  // the file); each line's text must be followed by kPadding readable bytes. A line marked too
  // long is thrown as LineTooLong when reached, as a LineReader with max_line throws it.
  // bytes_read() stays 0: the caller counts the file's bytes.
  JsonlReader(const std::string& name, std::vector<LineReader::Line> lines,
              std::vector<bool> too_long, size_t max_line)
      : name_(name),
        given_(std::move(lines)),
        too_long_(std::move(too_long)),
        max_line_(max_line) {}
  // Next line; returns false at end of input. Does not parse: call parse() for that, so callers
  // can report and skip a bad line without stopping.
  bool next() {
    if (!lines_) {
      while (next_given_ < given_.size()) {
        size_t i = next_given_++;
        line_ = given_[i];
        if (too_long_[i]) throw line_too_long(name_, line_.number, line_.offset, max_line_);
        if (!blank(line_.text)) return true;
      }
      return false;
    }
    while (lines_->next(line_)) {
      if (!blank(line_.text)) return true;
    }
    return false;
  }
  const LineReader::Line& line() const { return line_; }
  const std::string& name() const { return lines_ ? lines_->name() : name_; }
  Location where() const { return {name(), line_.number}; }
  uint64_t bytes_read() const { return lines_ ? lines_->bytes_read() : 0; }

  // Parses the current line as a JSON object. Throws DataError naming file and line when the line
  // is not valid UTF-8, not JSON, or not an object.
  simdjson::ondemand::object parse();

  // A line the reader skips: JSON's own white space only (a line of U+3000 is not blank: it is
  // rejected as not JSON, so it is counted).
  static bool blank(std::string_view s) {
    for (char c : s)
      if (c != ' ' && c != '\t' && c != '\r') return false;
    return true;
  }

 private:
  std::unique_ptr<LineReader> lines_;  // null: the lines were given
  std::string name_;
  std::vector<LineReader::Line> given_;
  std::vector<bool> too_long_;
  size_t max_line_ = 0;
  size_t next_given_ = 0;
  LineReader::Line line_;
  simdjson::ondemand::parser parser_;
  simdjson::ondemand::document doc_;
};

}  // namespace rpt::json
