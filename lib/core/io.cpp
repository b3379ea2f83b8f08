#include "io.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace rpt {

std::string Location::str() const {
  std::string s = source.empty() ? "<input>" : source;
  if (line) s += ":" + std::to_string(line);
  s += ":";
  if (byte != UINT64_MAX) s += " byte " + std::to_string(byte) + ":";
  return s;
}

namespace {

std::string errno_text(int e) {
  return std::strerror(e);
}

// Temporary output files to remove if a signal ends the process. Fixed-size and lock-free so the
// handler only touches async-signal-safe state.
constexpr int kMaxTemps = 16;
char g_temps[kMaxTemps][4096];
std::atomic<bool> g_temp_used[kMaxTemps];

int register_temp(const std::string& path) {
  for (int i = 0; i < kMaxTemps; ++i) {
    bool expected = false;
    if (g_temp_used[i].compare_exchange_strong(expected, true)) {
      size_t n = std::min(path.size(), sizeof(g_temps[i]) - 1);
      std::memcpy(g_temps[i], path.data(), n);
      g_temps[i][n] = 0;
      return i;
    }
  }
  return -1;
}

void unregister_temp(int slot) {
  if (slot >= 0) g_temp_used[slot] = false;
}

extern "C" void remove_temps_and_reraise(int sig) {
  for (int i = 0; i < kMaxTemps; ++i)
    if (g_temp_used[i]) unlink(g_temps[i]);
  signal(sig, SIG_DFL);
  raise(sig);
}

}  // namespace

void install_signal_handlers() {
  signal(SIGPIPE, SIG_DFL);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction sa {};
    sa.sa_handler = remove_temps_and_reraise;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, nullptr);
  }
}

std::string read_file(const std::string& path) {
  int fd = path == "-" ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw DataError({path}, "cannot open: " + errno_text(errno));
  struct stat st {};
  std::string data;
  if (fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      if (fd != 0) close(fd);
      throw DataError({path}, "is a directory");
    }
    if (S_ISREG(st.st_mode)) data.reserve(size_t(st.st_size) + kPadding);
  }
  char chunk[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      if (fd != 0) close(fd);
      throw DataError({path}, "cannot read: " + errno_text(e));
    }
    if (n == 0) break;
    data.append(chunk, size_t(n));
  }
  if (fd != 0) close(fd);
  return data;
}

uint64_t line_of(std::string_view data, size_t byte) {
  byte = std::min(byte, data.size());
  return 1 + uint64_t(std::count(data.begin(), data.begin() + byte, '\n'));
}

std::string read_stdin_prefix(size_t n) {
  std::string out(n, '\0');
  size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(0, out.data() + got, n - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      throw DataError({"<stdin>"}, "cannot read: " + errno_text(errno));
    }
    if (r == 0) break;
    got += size_t(r);
  }
  out.resize(got);
  return out;
}

LineReader::LineReader(const std::string& path, size_t max_line, std::string_view prefix)
    : name_(path == "-" ? "<stdin>" : path), max_line_(max_line) {
  if (path == "-") {
    fd_ = 0;
  } else {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw DataError({path}, "cannot open: " + errno_text(errno));
    own_fd_ = true;
    struct stat st {};
    if (fstat(fd_, &st) == 0 && S_ISDIR(st.st_mode)) {
      close(fd_);
      throw DataError({path}, "is a directory");
    }
    // A small regular file gets a buffer its size, not 1 MiB: a corpus of thousands of short
    // files (and a fuzzer's inputs) would otherwise map and fault in 1 MiB per file.
    if (S_ISREG(st.st_mode) && st.st_size >= 0 && size_t(st.st_size) < (1 << 20))
      cap_ = std::max<size_t>(4096, size_t(st.st_size) + 1);
  }
  cap_ = std::max<size_t>(cap_ ? cap_ : 1 << 20, prefix.size());
  buf_.reset(new char[cap_ + kPadding]);
  if (!prefix.empty()) std::memcpy(buf_.get(), prefix.data(), prefix.size());
  end_ = prefix.size();
  total_ = prefix.size();
}

LineReader::LineReader(InMemory, const std::string& name, std::string_view data, size_t max_line)
    : eof_(true), name_(name), max_line_(max_line) {
  cap_ = std::max<size_t>(1, data.size());
  buf_.reset(new char[cap_ + kPadding]);
  if (!data.empty()) std::memcpy(buf_.get(), data.data(), data.size());
  end_ = total_ = data.size();
}

LineReader::~LineReader() {
  if (own_fd_) close(fd_);
}

// Reads more input after end_, moving the partial line to the front or growing the buffer first.
// Returns false at end of input.
bool LineReader::fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    consumed_ += begin_;
    begin_ = 0;
  }
  if (end_ == cap_) {  // next() has checked the line against max_line_: it may grow
    size_t ncap = std::min(cap_ * 2, max_line_ + 1);
    std::unique_ptr<char[]> nb(new char[ncap + kPadding]);
    std::memcpy(nb.get(), buf_.get(), end_);
    buf_ = std::move(nb);
    cap_ = ncap;
  }
  for (;;) {
    ssize_t n = ::read(fd_, buf_.get() + end_, cap_ - end_);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw DataError({name_, line_no_ + 1}, "cannot read: " + errno_text(errno));
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    end_ += size_t(n);
    total_ += uint64_t(n);
    return true;
  }
}

// The line [begin_, e) without a trailing '\r'; the next line starts at `next`. A UTF-8 byte
// order mark at the start of the input is not part of the first line.
void LineReader::take(Line& line, size_t e, size_t next) {
  // A line found whole in the buffer is held to the limit too (the buffer can be larger than
  // max_line: at least 4 KiB, or 1 MiB for a large file).
  if (e - begin_ > max_line_) {
    LineTooLong err = too_long_error(++line_no_, consumed_ + begin_);
    begin_ = next;
    throw err;
  }
  size_t te = (e > begin_ && buf_[e - 1] == '\r') ? e - 1 : e;
  size_t b = begin_;
  if (line_no_ == 0 && consumed_ + begin_ == 0 && te - b >= 3 &&
      std::memcmp(buf_.get() + b, "\xEF\xBB\xBF", 3) == 0)
    b += 3;
  line.text = std::string_view(buf_.get() + b, te - b);
  line.number = ++line_no_;
  line.offset = consumed_ + b;
  begin_ = next;
}

LineTooLong line_too_long(const std::string& name, uint64_t line, uint64_t byte, size_t max_line) {
  return LineTooLong({name, line, byte},
                     "line longer than " + std::to_string(max_line) + " bytes; skipped");
}

LineTooLong LineReader::too_long_error(uint64_t line, uint64_t byte) const {
  return line_too_long(name_, line, byte, max_line_);
}

size_t LineReader::read_raw(char* dst, size_t n, uint64_t line) {
  for (;;) {
    ssize_t r = ::read(fd_, dst, n);
    if (r >= 0) return size_t(r);
    if (errno != EINTR) throw DataError({name_, line}, "cannot read: " + errno_text(errno));
  }
}

void LineReader::too_long() {
  LineTooLong err = too_long_error(line_no_ + 1, consumed_ + begin_);
  skip_rest_of_line();
  ++line_no_;
  throw err;
}

// Drops the line at begin_ through its end ("\n", "\r\n" or a lone "\r"), reading as much as it
// takes without keeping it: memory stays at the buffer's size.
void LineReader::skip_rest_of_line() {
  for (;;) {
    const char* b = buf_.get();
    const char* nl = static_cast<const char*>(std::memchr(b + begin_, '\n', end_ - begin_));
    size_t lim = nl ? size_t(nl - b) : end_;
    const char* cr = static_cast<const char*>(std::memchr(b + begin_, '\r', lim - begin_));
    if (cr) {
      size_t r = size_t(cr - b);
      if (r + 1 < end_) {
        begin_ = r + 1 + (b[r + 1] == '\n');
        return;
      }
      begin_ = r;  // a '\r' ends the buffer: keep it, and see whether a '\n' follows
      if (!fill()) {
        begin_ = end_;
        return;
      }
      continue;
    }
    if (nl) {
      begin_ = size_t(nl - b) + 1;
      return;
    }
    begin_ = end_;
    if (!fill()) return;
  }
}

// Lines end at "\n", "\r\n" or a lone "\r" (old Mac files; JSON has no raw '\r' inside a
// string, so a lone one can only end a line or be white space between tokens).
bool LineReader::next(Line& line) {
  size_t scan = begin_;
  for (;;) {
    const char* nl = static_cast<const char*>(std::memchr(buf_.get() + scan, '\n', end_ - scan));
    size_t lim = nl ? size_t(nl - buf_.get()) : end_;
    const char* cr = static_cast<const char*>(std::memchr(buf_.get() + scan, '\r', lim - scan));
    size_t stop = end_;  // where the search resumes after reading more
    if (cr) {
      size_t r = size_t(cr - buf_.get());
      if (r + 1 < end_) {
        if (buf_[r + 1] == '\n')
          take(line, r + 1, r + 2);  // "\r\n": take() drops the '\r'
        else
          take(line, r, r + 1);
        return true;
      }
      stop = r;  // the last byte buffered: whether a '\n' follows is not known yet
    } else if (nl) {
      size_t e = size_t(nl - buf_.get());
      take(line, e, e + 1);
      return true;
    }
    if (end_ - begin_ > max_line_) too_long();
    size_t searched = stop - begin_;  // fill() may move the partial line to the front
    if (!fill()) {
      if (begin_ == end_) return false;
      take(line, end_, end_);  // the last line, without a newline (take drops a final '\r')
      return true;
    }
    scan = begin_ + searched;
  }
}

Output::Output(const std::string& path, bool write_through) {
  buf_.reserve(kFlushAt + (1 << 16));
  if (path.empty() || path == "-") {
    // Between rpt's own stages records flow through pipes; the default 64 KiB pipe makes each
    // 256 KiB flush four context switches. A 1 MiB pipe lets one write go through whole (Linux;
    // silently kept as it is where not allowed).
#ifdef F_SETPIPE_SZ
    struct stat st;
    if (fstat(1, &st) == 0 && S_ISFIFO(st.st_mode)) (void)fcntl(1, F_SETPIPE_SZ, 1 << 20);
#endif
    return;
  }
  path_ = path;
  struct stat st {};
  if (lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    const char* what = S_ISLNK(st.st_mode)    ? "a symbolic link"
                       : S_ISFIFO(st.st_mode) ? "a FIFO"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                                              : "a device";
    if (!write_through && path != "/dev/null")
      throw DataError({path}, std::string("is ") + what +
                                  ": output is written to a temporary file renamed over the "
                                  "target, which would replace it (name the real file, or give "
                                  "--write-through to write into it in place)");
    fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | (S_ISLNK(st.st_mode) ? O_CREAT | O_TRUNC : 0),
                 0666);
    if (fd_ < 0) throw DataError({path}, "cannot open output: " + errno_text(errno));
    committed_ = true;  // nothing to rename or remove
    direct_ = true;
    return;
  }
  std::filesystem::path target(path);
  std::string dir = target.has_parent_path() ? target.parent_path().string() : ".";
  std::string templ = dir + "/." + target.filename().string() + ".tmp.XXXXXX";
  std::vector<char> name(templ.begin(), templ.end());
  name.push_back(0);
  fd_ = mkstemp(name.data());
  if (fd_ < 0) throw DataError({path}, "cannot create output: " + errno_text(errno));
  tmp_ = name.data();
  slot_ = register_temp(tmp_);
}

Output::~Output() {
  if (direct_) close(fd_);
  if (!path_.empty() && !committed_) {
    close(fd_);
    unlink(tmp_.c_str());
    unregister_temp(slot_);
  }
}

void Output::flush() {
  write_all(buf_);
  buf_.clear();
}

void Output::write_all(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  while (n > 0) {
    ssize_t w = ::write(fd_, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) _exit(141);  // reader went away (SIGPIPE ignored by our parent)
      throw DataError({path_.empty() ? "<stdout>" : path_}, "cannot write: " + errno_text(errno));
    }
    p += w;
    n -= size_t(w);
  }
}

void Output::commit() {
  flush();
  if (path_.empty() || committed_) return;
  if (fsync(fd_) != 0 && errno != EINVAL)
    throw DataError({path_}, "cannot sync output: " + errno_text(errno));
  // mkstemp makes 0600 files; give the result the usual umask-governed mode.
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd_, 0666 & ~mask);
  close(fd_);
  if (rename(tmp_.c_str(), path_.c_str()) != 0) {
    int e = errno;
    unlink(tmp_.c_str());
    unregister_temp(slot_);
    committed_ = true;
    throw DataError({path_}, "cannot replace output: " + errno_text(e));
  }
  unregister_temp(slot_);
  committed_ = true;
}

}  // namespace rpt
