// io: reading inputs and writing outputs the way every rpt tool must.
//
// - DataError carries a location (file, line, byte) so every message names where the input is bad.
// - LineReader streams a file or stdin line by line in bounded memory (one line plus one block),
//   and keeps kPadding readable bytes after every line so simdjson can parse it in place.
// - Output buffers stdout or writes `-o FILE` atomically: a temporary file beside FILE, renamed
//   over it on commit() and removed on any other exit, including SIGINT/SIGTERM/SIGHUP.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace rpt {

// Where in the input something is. line and byte are 1-based line numbers and 0-based byte
// offsets; 0 / npos mean "not known".
struct Location {
  std::string source;
  uint64_t line = 0;
  uint64_t byte = UINT64_MAX;
  std::string str() const;  // "source:line:" or "source: byte N:" or "source:"
};

// Bad input data (exit status 1), as opposed to a usage error (exit status 2).
class DataError : public std::runtime_error {
 public:
  DataError(Location where, const std::string& what)
      : std::runtime_error(where.str() + " " + what), where_(std::move(where)), detail_(what) {}
  const Location& where() const { return where_; }
  const std::string& detail() const { return detail_; }

 private:
  Location where_;
  std::string detail_;
};

// A line longer than the reader's limit. The reader has already skipped the line when this is
// thrown, so a caller may report it and read on: the next line follows it.
class LineTooLong : public DataError {
 public:
  using DataError::DataError;
};
// The error for a line of input `name` longer than max_line bytes, at its number and byte offset.
LineTooLong line_too_long(const std::string& name, uint64_t line, uint64_t byte, size_t max_line);

// Bad command line (exit status 2).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads a whole file ("-" is stdin). Throws DataError naming the path on any failure.
std::string read_file(const std::string& path);

// Reads up to n bytes from stdin (fewer at end of input): for sniffing the format of a stream
// before handing the bytes to a reader as its prefix.
std::string read_stdin_prefix(size_t n);

// 1-based line number of byte offset `byte` in data.
uint64_t line_of(std::string_view data, size_t byte);

inline constexpr size_t kPadding = 64;  // >= SIMDJSON_PADDING

// The longest input line (one JSON Lines record) the tools take by default: 128 MiB (--max-line).
// The tools need up to ~15 bytes of memory per byte of their longest line (rpt extract the most;
// measured in docs/reliability.md), so this keeps a run under ~2 GiB, within a 4 GiB budget; a
// longer line is skipped and rejected (LineTooLong), never an allocation failure.
inline constexpr size_t kDefaultMaxLine = size_t(128) << 20;

class LineReader {
 public:
  struct Line {
    std::string_view text;  // without the '\n' (and a '\r' before it); kPadding bytes follow
    uint64_t number = 0;    // 1-based
    uint64_t offset = 0;    // byte offset of the line in the input
  };
  // path "-" reads stdin. max_line bounds memory: a longer line is skipped (read through to its
  // end without being kept) and throws LineTooLong; other errors throw DataError. `prefix` is
  // input already read from the stream (sniffed bytes), read again before the rest.
  LineReader(const std::string& path, size_t max_line = kDefaultMaxLine,
             std::string_view prefix = {});
  // Reads `data` (a file's bytes, already in memory) as the whole input; name is for messages.
  struct InMemory {};
  LineReader(InMemory, const std::string& name, std::string_view data,
             size_t max_line = size_t(1) << 30);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  bool next(Line& line);
  // Reads up to n bytes of the input into dst as they come, past the line buffer (for a reader
  // that cuts lines itself; not to be mixed with next()). Returns 0 at the end. A read error is a
  // DataError naming line `line`.
  size_t read_raw(char* dst, size_t n, uint64_t line);
  const std::string& name() const { return name_; }
  uint64_t bytes_read() const { return total_; }

 private:
  bool fill();
  void take(Line& line, size_t end, size_t next);
  [[noreturn]] void too_long();  // skips the current line, then throws LineTooLong
  LineTooLong too_long_error(uint64_t line, uint64_t byte) const;
  void skip_rest_of_line();
  int fd_ = -1;
  bool own_fd_ = false;
  bool eof_ = false;
  std::string name_;
  size_t max_line_;
  std::unique_ptr<char[]> buf_;
  size_t cap_ = 0, begin_ = 0, end_ = 0;
  uint64_t line_no_ = 0, consumed_ = 0, total_ = 0;
};

class Output {
 public:
  // path empty or "-" writes stdout. A path that is a symbolic link, a FIFO, a device or a socket
  // is refused (DataError): the atomic rename would replace the link or the FIFO instead of
  // writing where it leads. With write_through such a path is opened and written in place (not
  // atomic); /dev/null is always written through.
  explicit Output(const std::string& path = "", bool write_through = false);
  ~Output();  // without commit(): the temporary file is removed
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  // A piece as large as the buffer is written as it is, after what is buffered (no copy).
  void write(std::string_view s) {
    if (s.size() >= kFlushAt) {
      flush();
      write_all(s);
      return;
    }
    buf_.append(s);
    if (buf_.size() >= kFlushAt) flush();
  }
  std::string& buffer() { return buf_; }  // append directly, then call maybe_flush()
  void maybe_flush() {
    if (buf_.size() >= kFlushAt) flush();
  }
  void flush();
  // Makes the output final: flushes, and for a file renames the temporary over the target.
  void commit();
  const std::string& path() const { return path_; }

 private:
  void write_all(std::string_view s);
  static constexpr size_t kFlushAt = 1 << 18;
  int fd_ = 1;
  std::string path_, tmp_;
  std::string buf_;
  bool committed_ = false;
  bool direct_ = false;  // written in place (--write-through, /dev/null): no temporary
  int slot_ = -1;        // in the signal handler's list of temporaries
};

// Restores default SIGPIPE (quiet death in `| head`) and installs the handlers that remove
// temporary output files on SIGINT, SIGTERM and SIGHUP. Call once at program start.
void install_signal_handlers();

}  // namespace rpt
