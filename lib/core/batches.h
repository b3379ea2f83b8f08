// batches: for_each_record on N threads (the record tools' -j N), output in input order.
//
// The calling thread reads the inputs into batches of whole lines (about kBatchBytes each, read
// straight into the batch; it only finds where the last whole line ends); a worker cuts the
// batch's lines, parses them and runs the tool's function on each record, writing records into
// the batch's own buffer and warnings and rejects into the batch's own log; the calling thread
// then takes the batches back in input order: it replays the log into the run's Diagnostics,
// appends the records to the Output and merges the batch's tally.
//
// Invariants:
// - Output, messages, --rejects and tallies are those of for_each_record (records.h), in the same
//   order, whatever the number of threads: a line is handled by the same code (handle_line) in
//   both, and lines are cut by LineReader's rules (line ends, byte order mark, --max-line). An
//   input that cannot be opened is a batch of its own, and a read error ends its input's last
//   batch, so their messages stand where the sequential run prints them.
// - Memory is bounded: at most OrderedRunner's window of batches (4 per thread) are in flight.
// - Each job gets a worker state (the tool's scratch and a simdjson parser) no other job holds.
#pragma once

#include <simdjson.h>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cli.h"
#include "io.h"
#include "parallel.h"
#include "records.h"

namespace rpt {

inline constexpr size_t kBatchBytes = size_t(1) << 20;
// kBatchBytes, or $RPT_BATCH_BYTES when set (the tests cut small inputs into many batches).
size_t batch_bytes();

// Whole lines of one input, read as they came (line ends included). The calling thread only reads
// and finds where the last whole line ends; a worker cuts the lines (cut_lines) by LineReader's
// rules: a line ends at "\n", "\r\n" or a lone "\r", a byte order mark opening the input is not
// part of its first line, a line longer than max_line bytes is reported and skipped. kPadding
// readable bytes follow the text, so simdjson parses each line in place.
struct LineBatch {
  std::string name;                           // the input, as messages name it
  std::string text;                           // the bytes read, then kPadding bytes
  size_t size = 0;                            // of text, without the padding
  uint64_t first_line = 1, first_offset = 0;  // where text starts in the input
  bool at_end = false;                        // text ends the input
  size_t max_line = kDefaultMaxLine;
  struct Line {
    size_t offset, size;    // in text
    uint64_t number;        // 1-based, in the input
    uint64_t at;            // byte offset in the input
    bool too_long = false;  // a line longer than max_line: to be reported, not read
  };
  std::vector<Line> lines;  // filled by cut_lines
  uint64_t bytes = 0;       // input bytes read for this batch (progress)
  // The input could not be opened, or not read past these lines: reported after them.
  std::optional<DataError> error;
};

// Cuts batch.text into batch.lines (on a worker thread).
void cut_lines(LineBatch& batch);

// Reads inputs into LineBatches, in order; "-" is stdin.
class BatchReader {
 public:
  BatchReader(const std::vector<std::string>& inputs, size_t max_line,
              size_t batch_bytes = rpt::batch_bytes());
  ~BatchReader();
  bool next(LineBatch& batch);  // false when every input is read

 private:
  // Reads more of the input onto the end of t; false at its end. Throws DataError.
  bool read_more(std::string& t, uint64_t& bytes, uint64_t line);
  std::vector<std::string> inputs_;
  size_t max_line_, batch_bytes_, input_ = 0;
  std::unique_ptr<LineReader> reader_;
  std::string carry_;               // bytes read after the last batch's last whole line
  uint64_t line_ = 1, offset_ = 0;  // carry_'s first line and byte offset in the input
  bool eof_ = false;
};

// What a worker made of one batch; Tally is the tool's own (counts, a partial state).
template <class Tally>
struct BatchResult {
  std::string out;
  cli::DiagnosticLog log;
  uint64_t bytes = 0, records = 0;
  Tally tally{};
};

// The records of one batch through f, as for_each_record passes them (f writes into out).
void for_each_record_in(const LineBatch& batch, simdjson::dom::parser& parser, cli::Reporter& diag,
                        uint64_t& records, const RecordFn& f, std::string* out);

// for_each_record (records.h) on `threads` threads. For each record, f(worker, tally, out,
// reporter, record, line, where) runs on a worker with a Worker made by make_worker (one per
// thread at most); then, on the calling thread and in input order, each batch's messages go to
// diag, its records to out (null: f writes none), and its tally to merge().
template <class Worker, class Tally>
void for_each_record_parallel(
    const std::vector<std::string>& inputs, size_t max_line, size_t threads, cli::Diagnostics& diag,
    cli::Progress& progress, Output* out,
    const std::function<std::unique_ptr<Worker>()>& make_worker,
    const std::function<void(Worker&, Tally&, std::string& out, cli::Reporter&,
                             simdjson::dom::element, std::string_view line, const Location&)>& f,
    const std::function<void(Tally&)>& merge) {
  struct Slot {
    simdjson::dom::parser parser;
    std::unique_ptr<Worker> worker;
  };
  Pool<Slot> slots([&] {
    auto s = std::make_unique<Slot>();
    s->worker = make_worker();
    return s;
  });
  uint64_t bytes = 0, records = 0;
  // Batches done with go back to be read into again: their buffers are already grown and paged in
  // (a fresh 1 MB buffer per batch cost page faults on the reading thread). Declared before the
  // runner, whose end waits for the jobs that give batches back.
  std::mutex spare_mu;
  std::vector<std::shared_ptr<LineBatch>> spare;
  OrderedRunner<BatchResult<Tally>> runner(threads, [&](BatchResult<Tally>& r) {
    r.log.replay(diag);
    if (out) out->write(r.out);
    merge(r.tally);
    bytes += r.bytes, records += r.records;
    progress.update(bytes, 0, records);
  });
  BatchReader reader(inputs, max_line);
  while (true) {
    std::shared_ptr<LineBatch> batch;
    {
      std::lock_guard<std::mutex> lock(spare_mu);
      if (!spare.empty()) batch = std::move(spare.back()), spare.pop_back();
    }
    if (!batch) batch = std::make_shared<LineBatch>();
    if (!reader.next(*batch)) break;
    runner.submit([&, batch] {
      BatchResult<Tally> r;
      r.bytes = batch->bytes;
      auto slot = slots.take();
      Worker& w = *slot->worker;
      cut_lines(*batch);
      for_each_record_in(
          *batch, slot->parser, r.log, r.records,
          [&](simdjson::dom::element e, std::string_view line, const Location& where) {
            f(w, r.tally, r.out, r.log, e, line, where);
          },
          &r.out);
      if (batch->error) r.log.reject(*batch->error);
      std::lock_guard<std::mutex> lock(spare_mu);
      spare.push_back(batch);
      return r;
    });
  }
  runner.finish();
  progress.finish(bytes, 0, records);
}

}  // namespace rpt
