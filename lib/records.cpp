#include "records.h"

#include "text.h"

namespace rpt {

static_assert(kPadding >= simdjson::SIMDJSON_PADDING, "LineReader must pad lines for simdjson");

void for_each_record(const std::vector<std::string>& inputs, size_t max_line,
                     cli::Diagnostics& diag, cli::Progress& progress, const RecordFn& f) {
  simdjson::dom::parser parser;
  uint64_t bytes = 0, records = 0;
  for (const std::string& path : inputs) {
    std::unique_ptr<LineReader> lines;
    try {
      lines = std::make_unique<LineReader>(path, max_line);
    } catch (const DataError& e) {
      diag.reject(e);
      continue;
    }
    LineReader::Line line;
    uint64_t last = 0;
    while (true) {
      try {
        if (!lines->next(line)) break;
      } catch (const DataError& e) {
        diag.reject(e);
        break;  // a read error or an over-long line: the rest of this input cannot be trusted
      }
      bytes += lines->bytes_read() - last;
      last = lines->bytes_read();
      std::string_view t = line.text;
      if (text::trim(t).empty()) continue;
      Location where{lines->name(), line.number};
      simdjson::dom::element e;
      auto err = parser.parse(t.data(), t.size(), false).get(e);
      if (err) {
        std::string what = err == simdjson::UTF8_ERROR
                               ? "invalid UTF-8 (JSON Lines must be UTF-8)"
                               : std::string("not JSON: ") + simdjson::error_message(err);
        diag.reject(DataError(where, what), t);
        continue;
      }
      if (!e.is_object()) {
        diag.reject(DataError(where, "expected a JSON object, found " +
                                         std::string(e.is_array() ? "an array" : "a scalar")),
                    t);
        continue;
      }
      f(e, t, where);
      progress.update(bytes, 0, ++records);
    }
  }
  progress.finish(bytes, 0, records);
}

}  // namespace rpt
