#include "records.h"

#include "json.h"
#include "text.h"

namespace rpt {

static_assert(kPadding >= simdjson::SIMDJSON_PADDING, "LineReader must pad lines for simdjson");

// One line as for_each_record takes it: blank lines skipped, anything but a JSON object rejected,
// an object passed to f (records counts them). Shared with the parallel reader (batches.h).
void handle_line(simdjson::dom::parser& parser, std::string_view t, const Location& where,
                 cli::Reporter& diag, uint64_t& records, const RecordFn& f, std::string* out) {
  if (json::JsonlReader::blank(t)) return;  // the same blank lines every reader skips
  simdjson::dom::element e;
  auto err = parser.parse(t.data(), t.size(), false).get(e);
  if (err) {
    std::string what = err == simdjson::UTF8_ERROR
                           ? "invalid UTF-8 (JSON Lines must be UTF-8)"
                           : std::string("not JSON: ") + simdjson::error_message(err);
    diag.reject(DataError(where, what), t);
    return;
  }
  if (!e.is_object()) {
    diag.reject(DataError(where, "expected a JSON object, found " +
                                     std::string(e.is_array() ? "an array" : "a scalar")),
                t);
    return;
  }
  size_t mark = out ? out->size() : 0;
  try {
    f(e, t, where);
  } catch (const std::bad_alloc&) {
    if (out) out->resize(std::min(mark, out->size()));
    diag.reject(DataError(where, "out of memory on this record (" + std::to_string(t.size()) +
                                     " bytes); record skipped"),
                t);
    return;
  }
  ++records;
}

void for_each_record(const std::vector<std::string>& inputs, size_t max_line, cli::Reporter& diag,
                     cli::Progress& progress, const RecordFn& f, std::string* out) {
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
      } catch (const LineTooLong& e) {
        diag.reject(e);  // that line only: the reader has skipped it
        continue;
      } catch (const DataError& e) {
        diag.reject(e);
        break;  // a read error: the rest of this input cannot be trusted
      }
      bytes += lines->bytes_read() - last;
      last = lines->bytes_read();
      uint64_t before = records;
      handle_line(parser, line.text, Location{lines->name(), line.number}, diag, records, f, out);
      if (records != before) progress.update(bytes, 0, records);
    }
  }
  progress.finish(bytes, 0, records);
}

std::optional<std::string_view> text_field_of(simdjson::dom::object record,
                                              const std::string& field, cli::Reporter& diag,
                                              std::string_view line, const Location& where) {
  simdjson::dom::element v;
  if (record.at_key(field).get(v)) {
    diag.reject(DataError(where, "no field \"" + field + "\" (name it with --text-field)"), line);
    return std::nullopt;
  }
  std::string_view text;
  if (v.get(text)) {
    diag.reject(DataError(where, "field \"" + field + "\" is not a string"), line);
    return std::nullopt;
  }
  return text;
}

void for_each_text_record(const std::vector<std::string>& inputs, size_t max_line,
                          const std::string& text_field, cli::Reporter& diag,
                          cli::Progress& progress, const TextRecordFn& f, std::string* out) {
  for_each_record(
      inputs, max_line, diag, progress,
      [&](simdjson::dom::element record, std::string_view line, const Location& where) {
        simdjson::dom::object obj;
        if (record.get(obj)) return;  // for_each_record passes objects only
        if (auto text = text_field_of(obj, text_field, diag, line, where))
          f(obj, *text, line, where);
      },
      out);
}

void append_record_with(std::string& out, simdjson::dom::object record, std::string_view line,
                        std::initializer_list<std::string_view> replaced, std::string_view added) {
  bool rebuild = false;
  for (std::string_view k : replaced) {
    simdjson::dom::element x;
    rebuild |= !record.at_key(k).get(x);
  }
  bool empty = true;
  if (!rebuild) {
    std::string_view raw = text::trim(line);
    out.append(raw.substr(0, raw.size() - 1));  // without the closing '}'
    empty = record.size() == 0;
  } else {
    out += '{';
    for (auto [k, v] : record) {
      bool skip = false;
      for (std::string_view r : replaced) skip |= k == r;
      if (skip) continue;
      if (!empty) out += ',';
      empty = false;
      json::append_json_string(out, k);
      out += ':';
      out += simdjson::minify(v);
    }
  }
  out.append(empty && !added.empty() ? added.substr(1) : added);  // "{}" has no field to follow
  out += "}\n";
}

}  // namespace rpt
