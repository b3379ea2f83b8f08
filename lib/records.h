// records: streaming the JSON object records of JSON Lines inputs, for the tools that read records
// (tag, aggregate, the digest).
//
// Every non-blank line must be one JSON object; a line that is not (invalid UTF-8, not JSON, an
// array or scalar) and an input that cannot be opened or read are rejected through Diagnostics —
// reported with file and line, counted, written to --rejects — and reading goes on.
#pragma once

#include <simdjson.h>

#include <functional>
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
void for_each_record(const std::vector<std::string>& inputs, size_t max_line,
                     cli::Diagnostics& diag, cli::Progress& progress, const RecordFn& f);

}  // namespace rpt
