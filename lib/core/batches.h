// batches: for_each_record on N threads (the record tools' -j N), output in input order.
//
// The calling thread reads the inputs into batches of whole lines (about kBatchBytes each); a
// worker parses a batch's lines and runs the tool's function on each record, writing records into
// the batch's own buffer and warnings and rejects into the batch's own log; the calling thread
// then takes the batches back in input order: it replays the log into the run's Diagnostics,
// appends the records to the Output and merges the batch's tally.
//
// Invariants:
// - Output, messages, --rejects and tallies are those of for_each_record (records.h), in the same
//   order, whatever the number of threads: a line is handled by the same code (handle_line) in
//   both; an input that cannot be opened or read is a batch of its own, so its message stands
//   where the sequential run prints it.
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

// Lines of one input, copied out of the reader. Each line's bytes are followed by kPadding
// readable bytes (the next lines, then padding at the end) so simdjson parses them in place.
struct LineBatch {
  std::string name;  // the input, as messages name it
  std::string text;  // the lines, each followed by '\n'; kPadding bytes at the end
  struct Line {
    size_t offset, size;  // in text
    uint64_t number;      // 1-based, in the input
    uint64_t at;          // byte offset in the input
  };
  std::vector<Line> lines;
  uint64_t bytes = 0;  // input bytes read for this batch (progress)
  // The input could not be opened or read past these lines, or the line after them was too long
  // (LineTooLong: skipped, and the next batch reads on).
  std::optional<DataError> error;
};

// Reads inputs into LineBatches, in order; "-" is stdin.
class BatchReader {
 public:
  BatchReader(const std::vector<std::string>& inputs, size_t max_line,
              size_t batch_bytes = rpt::batch_bytes());
  ~BatchReader();
  bool next(LineBatch& batch);  // false when every input is read

 private:
  std::vector<std::string> inputs_;
  size_t max_line_, batch_bytes_, input_ = 0;
  std::unique_ptr<LineReader> reader_;
  uint64_t last_ = 0;
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
