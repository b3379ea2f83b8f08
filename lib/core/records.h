// records: streaming the JSON object records of JSON Lines inputs, for the tools that read records
// (tag, aggregate, the digest).
//
// Every non-blank line must be one JSON object; a line that is not (invalid UTF-8, not JSON, an
// array or scalar) and an input that cannot be opened or read are rejected through Diagnostics —
// reported with file and line, counted, written to --rejects — and reading goes on.
#pragma once

#include <simdjson.h>

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli.h"

namespace rpt {

// One record: the parsed object, the line as it came (for copying through), and where it is.
// record is always an object.
using RecordFn = std::function<void(simdjson::dom::element record, std::string_view line,
                                    const Location& where)>;

// Reads inputs in order ("-" = stdin); progress counts bytes and records.
// An allocation failure (std::bad_alloc) while f handles a record rejects that record and reading
// goes on; when `out` is given it is cut back to its size before the record, so no half-written
// record stays in it (f must not flush `out` before it returns).
void for_each_record(const std::vector<std::string>& inputs, size_t max_line, cli::Reporter& diag,
                     cli::Progress& progress, const RecordFn& f, std::string* out = nullptr);

// A record whose text field is a string: the object, that text, the line as it came, and where.
using TextRecordFn = std::function<void(simdjson::dom::object record, std::string_view text,
                                        std::string_view line, const Location& where)>;

// for_each_record for the tools that read one text field (tag, extract): a record without the
// field, or with a field that is not a string, is rejected through diag with its location.
void for_each_text_record(const std::vector<std::string>& inputs, size_t max_line,
                          const std::string& text_field, cli::Reporter& diag,
                          cli::Progress& progress, const TextRecordFn& f,
                          std::string* out = nullptr);

// One line as for_each_record takes it (the parallel reader of batches.h runs the same): a blank
// line is skipped, a line that is not a JSON object is rejected, an object goes to f and counts in
// records.
void handle_line(simdjson::dom::parser& parser, std::string_view line, const Location& where,
                 cli::Reporter& diag, uint64_t& records, const RecordFn& f, std::string* out);

// The string field `field` of a record, or nullopt after rejecting the record (no such field, or
// not a string).
std::optional<std::string_view> text_field_of(simdjson::dom::object record,
                                              const std::string& field, cli::Reporter& diag,
                                              std::string_view line, const Location& where);

// Appends the record `line` to out with `added` (",\"k\":v…", a leading comma) as its last
// fields. The line is copied as it came, byte for byte, unless the record already has one of the
// `replaced` keys: then it is rebuilt without them (their values are the tool's to write).
void append_record_with(std::string& out, simdjson::dom::object record, std::string_view line,
                        std::initializer_list<std::string_view> replaced, std::string_view added);

}  // namespace rpt
