// table: the rows of `rpt aggregate` written as JSON, JSON Lines, CSV (RFC 4180, CRLF; with a
// UTF-8 byte order mark on request, for spreadsheets on Windows), TSV (tabs and newlines escaped)
// or a Markdown table.
#pragma once

#include <string>
#include <vector>

#include "aggregate.h"
#include "io.h"
#include "path.h"

namespace rpt {

void write_rows(Output& out, const std::vector<std::string>& cols,
                const std::vector<std::vector<Value>>& rows, OutputFormat fmt, bool bom = false);

}  // namespace rpt
