// Fuzz target: the JSON Lines reader of tag, extract and aggregate (records.h for_each_record,
// over io.h LineReader) and the record copy they write with (append_record_with).
// Invariants: every non-blank line is either handed on as a JSON object or rejected — in = out +
// rejects; a record copied with fields added or replaced is one valid JSON object.
#include "fuzz_util.h"
#include "json.h"
#include "records.h"
#include "text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string path = fuzz::write_scratch("in.jsonl", bytes);

  // The non-blank lines, counted by the reader alone.
  size_t lines = 0;
  {
    rpt::LineReader r(path, 1 << 20);
    rpt::LineReader::Line l;
    while (r.next(l)) lines += !rpt::json::JsonlReader::blank(l.text);  // as the reader skips
  }
  rpt::cli::CommonOptions opts;
  opts.quiet = true;
  rpt::cli::Diagnostics diag("fuzz", opts);
  rpt::cli::Progress progress("fuzz", opts);
  size_t records = 0;
  std::string out;
  rpt::for_each_record({path}, 1 << 20, diag, progress,
                       [&](simdjson::dom::element e, std::string_view line, const rpt::Location&) {
                         ++records;
                         simdjson::dom::object obj;
                         fuzz::check(!e.get(obj), "a record that is not an object was handed on");
                         out.clear();
                         rpt::append_record_with(out, obj, line, {"tags"}, ",\"tags\":[\"x\"]");
                         fuzz::check(fuzz::check_json_lines(out, "append_record_with") == 1,
                                     "one record in, one line out", out);
                         out.clear();
                         rpt::append_record_with(out, obj, line, {}, "");
                         fuzz::check_json_lines(out, "append_record_with (copy)");
                       });
  fuzz::check(records + diag.rejected() == lines,
              "in != out + rejects: " + std::to_string(lines) + " lines, " +
                  std::to_string(records) + " records, " + std::to_string(diag.rejected()) +
                  " rejected");
  return 0;
}
