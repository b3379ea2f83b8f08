// Fuzz target: the JSON Lines reader of tag, extract and aggregate (records.h for_each_record,
// over io.h LineReader), the batches their -j N reads (batches.h BatchReader and cut_lines) and the
// record copy they write with (append_record_with).
// Invariants: every non-blank line is either handed on as a JSON object or rejected — in = out +
// rejects; batches of any size cut the same lines as LineReader, with the same numbers, offsets
// and lines too long; a record copied with fields added or replaced is one valid JSON object.
#include "batches.h"
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
  // Batches (of a few bytes up to a few hundred) cut what LineReader cuts, lines too long
  // included (a small limit, so the fuzzer reaches it).
  for (size_t max_line : {size_t(1) << 20, size_t(24)}) {
    std::vector<std::string> want, got;
    try {
      rpt::LineReader r(path, max_line);
      rpt::LineReader::Line l;
      for (;;) {
        try {
          if (!r.next(l)) break;
          want.push_back(std::to_string(l.number) + ":" + std::to_string(l.offset) + ":" +
                         std::string(l.text));
        } catch (const rpt::LineTooLong& e) {
          want.push_back("long " + e.where().str());
        }
      }
    } catch (const rpt::DataError& e) {
      want.push_back("error " + std::string(e.what()));
    }
    for (size_t batch : {size_t(1), size_t(7), size_t(300)}) {
      got.clear();
      rpt::BatchReader reader({path}, max_line, batch);
      rpt::LineBatch b;
      while (reader.next(b)) {
        rpt::cut_lines(b);
        for (const auto& l : b.lines)
          got.push_back(l.too_long
                            ? "long " +
                                  rpt::line_too_long(b.name, l.number, l.at, max_line).where().str()
                            : std::to_string(l.number) + ":" + std::to_string(l.at) + ":" +
                                  b.text.substr(l.offset, l.size));
        if (b.error) got.push_back("error " + std::string(b.error->what()));
      }
      fuzz::check(got == want, "batches of " + std::to_string(batch) +
                                   " bytes cut other lines than LineReader (max_line " +
                                   std::to_string(max_line) + ")");
    }
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
