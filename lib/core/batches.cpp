#include "batches.h"

#include <cstdlib>

namespace rpt {

size_t batch_bytes() {
  if (const char* v = std::getenv("RPT_BATCH_BYTES"); v && *v) {
    char* end = nullptr;
    unsigned long long n = std::strtoull(v, &end, 10);
    if (end && !*end && n > 0) return size_t(n);
  }
  return kBatchBytes;
}

BatchReader::BatchReader(const std::vector<std::string>& inputs, size_t max_line,
                         size_t batch_bytes)
    : inputs_(inputs), max_line_(max_line), batch_bytes_(batch_bytes) {}

BatchReader::~BatchReader() = default;

bool BatchReader::next(LineBatch& b) {
  b.name.clear();
  b.text.clear();
  b.lines.clear();
  b.bytes = 0;
  b.error.reset();
  while (!reader_) {
    if (input_ == inputs_.size()) return false;
    const std::string& path = inputs_[input_++];
    last_ = 0;
    try {
      reader_ = std::make_unique<LineReader>(path, max_line_);
    } catch (const DataError& e) {
      b.error = e;  // a batch of its own: the message stands where the sequential run prints it
      return true;
    }
  }
  b.name = reader_->name();
  LineReader::Line line;
  while (b.text.size() < batch_bytes_) {
    bool more;
    try {
      more = reader_->next(line);
    } catch (const LineTooLong& e) {
      // The reader has skipped the line: the batch ends with its message (reported after the
      // batch's records, where the sequential run reports it) and the next batch reads on.
      b.error = e;
      b.bytes += reader_->bytes_read() - last_;
      last_ = reader_->bytes_read();
      break;
    } catch (const DataError& e) {
      b.error = e;  // the rest of this input cannot be trusted
      more = false;
    }
    b.bytes += reader_->bytes_read() - last_;
    last_ = reader_->bytes_read();
    if (!more) {
      reader_.reset();
      break;
    }
    b.lines.push_back({b.text.size(), line.text.size(), line.number, line.offset});
    b.text += line.text;
    b.text += '\n';
  }
  b.text.append(kPadding, '\0');
  return true;
}

void for_each_record_in(const LineBatch& batch, simdjson::dom::parser& parser, cli::Reporter& diag,
                        uint64_t& records, const RecordFn& f, std::string* out) {
  for (const LineBatch::Line& l : batch.lines)
    handle_line(parser, std::string_view(batch.text).substr(l.offset, l.size),
                Location{batch.name, l.number}, diag, records, f, out);
}

}  // namespace rpt
