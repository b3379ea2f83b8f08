#include "batches.h"

#include <cstdlib>
#include <cstring>

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

namespace {

// Where the last whole line of t ends (0: none yet). At the end of the input, all of t. A '\r'
// that ends t is not yet a line end: a '\n' may follow it in the next read.
size_t last_line_end(std::string_view t, bool at_end) {
  if (at_end) return t.size();
  const char* d = t.data();
  const void* nl = t.empty() ? nullptr : memrchr(d, '\n', t.size());
  size_t cut = nl ? size_t(static_cast<const char*>(nl) - d) + 1 : 0;
  // A lone '\r' after it (one that is not the last byte) ends a line too (old Mac files).
  if (t.size() > cut + 1)
    if (const void* cr = memrchr(d + cut, '\r', t.size() - 1 - cut))
      cut = size_t(static_cast<const char*>(cr) - d) + 1;
  return cut;
}

// How many lines end in t, which ends at a line end (a '\r' that ends it is a lone one).
uint64_t line_ends(std::string_view t) {
  uint64_t n = 0;
  const char* d = t.data();
  for (const char* p = d;
       (p = static_cast<const char*>(std::memchr(p, '\n', size_t(d + t.size() - p)))); ++p)
    ++n;
  for (const char* p = d;
       (p = static_cast<const char*>(std::memchr(p, '\r', size_t(d + t.size() - p)))); ++p)
    n += p + 1 == d + t.size() || p[1] != '\n';
  return n;
}

}  // namespace

bool BatchReader::read_more(std::string& t, uint64_t& bytes, uint64_t line) {
  size_t at = t.size(), want = std::max<size_t>(batch_bytes_, 4096);
  t.resize(at + want);
  size_t got = 0;
  try {
    got = reader_->read_raw(t.data() + at, want, line);
  } catch (...) {
    t.resize(at);
    throw;
  }
  t.resize(at + got);
  bytes += got;
  return got > 0;
}

bool BatchReader::next(LineBatch& b) {
  b.name.clear();
  b.text.clear();
  b.size = 0;
  b.lines.clear();
  b.bytes = 0;
  b.error.reset();
  b.at_end = false;
  b.max_line = max_line_;
  while (!reader_) {
    if (input_ == inputs_.size()) return false;
    const std::string& path = inputs_[input_++];
    try {
      reader_ = std::make_unique<LineReader>(path, max_line_);
    } catch (const DataError& e) {
      b.error = e;  // a batch of its own: the message stands where the sequential run prints it
      return true;
    }
    carry_.clear();
    line_ = 1, offset_ = 0, eof_ = false;
  }
  b.name = reader_->name();
  b.first_line = line_, b.first_offset = offset_;
  std::string& t = b.text;
  t.swap(carry_);  // the buffers circulate: carry_ takes the batch's old one
  carry_.clear();
  size_t cut = 0;
  for (;;) {
    cut = last_line_end(t, eof_);
    if (eof_ || (cut > 0 && t.size() >= batch_bytes_)) break;
    if (cut == 0 && t.size() > max_line_) {
      // A line longer than max_line: reported where it stands, read through without keeping it
      // (as LineReader skips it), and the next batch reads on after it.
      b.lines.push_back({0, 0, line_, offset_, true});
      size_t end = 0;  // just after the line's end in t, once found
      for (;;) {
        const char* d = t.data();
        const void* nl = std::memchr(d, '\n', t.size());
        size_t lim = nl ? size_t(static_cast<const char*>(nl) - d) : t.size();
        const void* cr = std::memchr(d, '\r', lim);
        if (cr) {
          size_t r = size_t(static_cast<const char*>(cr) - d);
          if (r + 1 < t.size() || eof_) {
            end = r + 1 + (r + 1 < t.size() && t[r + 1] == '\n');
            break;
          }
        } else if (nl) {
          end = lim + 1;
          break;
        }
        // No end yet: drop what is read (but a last '\r') and read on.
        size_t keep = !t.empty() && t.back() == '\r' ? 1 : 0;
        offset_ += t.size() - keep;
        t.erase(0, t.size() - keep);
        if (eof_) {
          end = t.size();
          break;
        }
        try {
          eof_ = !read_more(t, b.bytes, line_);
        } catch (const DataError& e) {
          b.lines.clear();  // LineReader reports the read error instead of the long line
          b.error = e;
          reader_.reset();
          t.assign(kPadding, '\0');
          return true;
        }
      }
      offset_ += end;
      carry_.assign(t, end, std::string::npos);
      ++line_;
      t.clear();
      if (eof_ && carry_.empty()) reader_.reset();
      t.append(kPadding, '\0');
      return true;
    }
    try {
      eof_ = !read_more(t, b.bytes, 0);
    } catch (const DataError& e) {
      // The rest of this input cannot be trusted: its whole lines, then the error, which names
      // the line after them.
      t.resize(cut);
      b.error = DataError({e.where().source, line_ + line_ends(t)}, e.detail());
      eof_ = true;
      reader_.reset();
      break;
    }
  }
  if (eof_) {
    reader_.reset();
    b.at_end = true;
  } else {
    carry_.assign(t, cut, std::string::npos);
    t.resize(cut);
    line_ += line_ends(t);
    offset_ += cut;
  }
  b.size = t.size();
  t.append(kPadding, '\0');
  return true;
}

void cut_lines(LineBatch& b) {
  if (!b.lines.empty()) return;  // cut already (a line too long, alone in its batch)
  const char* d = b.text.data();
  const size_t n = b.size;
  uint64_t number = b.first_line;
  auto take = [&](size_t begin, size_t e, size_t content_end) {
    // e: where the line's length is measured to (a "\r\n" counts its '\r', as LineReader does)
    if (e - begin > b.max_line) {
      b.lines.push_back({0, 0, number++, b.first_offset + begin, true});
      return;
    }
    size_t from = begin;
    if (number == 1 && b.first_offset + begin == 0 && content_end - from >= 3 &&
        std::memcmp(d + from, "\xEF\xBB\xBF", 3) == 0)
      from += 3;
    b.lines.push_back({from, content_end - from, number++, b.first_offset + from, false});
  };
  size_t begin = 0;
  while (begin < n) {
    const void* nl = std::memchr(d + begin, '\n', n - begin);
    size_t lim = nl ? size_t(static_cast<const char*>(nl) - d) : n;
    const void* cr = std::memchr(d + begin, '\r', lim - begin);
    if (cr) {
      size_t r = size_t(static_cast<const char*>(cr) - d);
      if (r + 1 < n && d[r + 1] == '\n') {
        take(begin, r + 1, r);  // "\r\n"
        begin = r + 2;
      } else {
        // A lone '\r'. One that ends the input is measured with its line, as LineReader does.
        take(begin, r + 1 == n && b.at_end ? n : r, r);
        begin = r + 1;
      }
    } else if (nl) {
      take(begin, lim, lim);
      begin = lim + 1;
    } else {
      take(begin, n, n);  // the last line, without a line end
      begin = n;
    }
  }
}

void for_each_record_in(const LineBatch& batch, simdjson::dom::parser& parser, cli::Reporter& diag,
                        uint64_t& records, const RecordFn& f, std::string* out) {
  for (const LineBatch::Line& l : batch.lines) {
    if (l.too_long) {
      diag.reject(line_too_long(batch.name, l.number, l.at, batch.max_line));
      continue;
    }
    handle_line(parser, std::string_view(batch.text).substr(l.offset, l.size),
                Location{batch.name, l.number}, diag, records, f, out);
  }
}

}  // namespace rpt
