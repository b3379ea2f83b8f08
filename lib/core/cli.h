// cli: the conventions every rpt tool shares.
//
// - Exit status: 0 ok, 1 data error (some input was bad; the rest was processed), 2 usage.
// - `--help` with examples, `--version`, `-o FILE` (atomic), `--progress`/`--quiet`,
//   `--rejects FILE` (bad input records, one JSON line each, so nothing is lost silently).
// - Messages on stderr start with the tool's name and name the file and line.
#pragma once

#include <CLI/CLI.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io.h"

namespace rpt::cli {

inline constexpr int kExitOk = 0, kExitData = 1, kExitUsage = 2;

struct CommonOptions {
  std::string output;   // -o; empty = stdout
  std::string rejects;  // --rejects; empty = none
  bool progress = false, quiet = false;
  bool write_through = false;  // -o/--rejects may be a FIFO, device or symlink, written in place
  size_t jobs = 0;             // -j; 0 = the number of cores (see jobs())
  size_t threads() const;      // jobs, or the number of cores when 0
};

// Adds -o, --rejects, --progress, --quiet and --version (with the record format version).
void add_common_options(CLI::App& app, CommonOptions& opts);
// Adds -j,--jobs N to opts.jobs (the tools that run in parallel: output identical whatever N).
void add_jobs_option(CLI::App& app, CommonOptions& opts);
// Adds --max-line SIZE (bytes; K, M, G suffixes): the longest input line the tool reads. A longer
// line is rejected and reading goes on. It bounds memory: docs/reliability.md has bytes per byte.
void add_max_line_option(CLI::App& app, size_t& max_line);

// Parses argv and runs body, mapping exceptions to messages and exit statuses. body returns the
// exit status (0, or 1 when it reported data errors).
int run(CLI::App& app, int argc, char** argv, const std::function<int()>& body);

// Where warnings and rejected inputs go: Diagnostics prints and counts them; a DiagnosticLog
// keeps them (on a worker thread) to be replayed into Diagnostics in input order.
class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void warn(const std::string& msg) = 0;
  // A record or file skipped because of err; raw is the offending input line when there is one.
  virtual void reject(const DataError& err, std::string_view raw = {}) = 0;
};

// Counts and reports problems; writes rejected records to --rejects when given.
class Diagnostics : public Reporter {
 public:
  Diagnostics(std::string tool, const CommonOptions& opts);
  ~Diagnostics() override;
  void warn(const std::string& msg) override;  // printed unless --quiet
  void error(const std::string& msg);          // always printed; makes the exit status 1
  void reject(const DataError& err, std::string_view raw = {}) override;
  size_t errors() const { return errors_; }
  size_t rejected() const { return rejected_; }
  void finish();  // commits the rejects file; prints the skip summary
  int exit_status() const { return errors_ ? kExitData : kExitOk; }
  const std::string& tool() const { return tool_; }

 private:
  std::string tool_;
  bool quiet_;
  size_t errors_ = 0, rejected_ = 0;
  std::unique_ptr<Output> rejects_;
};

// Warnings and rejects kept in the order they came, for a job on a worker thread: replay() hands
// them to the run's Diagnostics on the calling thread, so messages and --rejects are the same, in
// the same order, whatever the number of threads.
class DiagnosticLog : public Reporter {
 public:
  void warn(const std::string& msg) override;
  void reject(const DataError& err, std::string_view raw = {}) override;
  void replay(Reporter& to) const;
  bool empty() const { return events_.empty(); }

 private:
  struct Event {
    std::optional<DataError> error;  // a reject; else a warning (message)
    std::string message;             // the warning, or the reject's raw line
    bool has_raw = false;
  };
  std::vector<Event> events_;
};

// Progress on stderr: on when stderr is a terminal or --progress, off with --quiet.
class Progress {
 public:
  Progress(std::string tool, const CommonOptions& opts);
  void update(uint64_t bytes, uint64_t docs, uint64_t records) {
    if (!on_ || ++calls_ % 64) return;
    draw(bytes, docs, records, false);
  }
  void finish(uint64_t bytes, uint64_t docs, uint64_t records) {
    if (on_) draw(bytes, docs, records, true);
  }

 private:
  void draw(uint64_t bytes, uint64_t docs, uint64_t records, bool last);
  std::string tool_;
  bool on_;
  uint64_t calls_ = 0;
  std::chrono::steady_clock::time_point start_, last_;
};

// The inputs to read: the ones named, else stdin — unless stdin is a terminal, where waiting for
// input nobody is typing would look like a hang (UsageError instead).
std::vector<std::string> inputs_or_stdin(const std::vector<std::string>& inputs,
                                         const std::string& tool);

// Where pattern packs live: --patterns (if given), $RPT_PATTERNS, then share/rpt/patterns beside
// the running binary (BIN/../share/rpt/patterns: an installed tree works wherever it is moved),
// then the source tree's patterns/ (for binaries run from build/). Returns the first that exists;
// a named one (flag or variable) that does not exist is an error, not a reason to look further.
// Throws UsageError when none does.
std::string patterns_dir(const std::string& explicit_dir);

// The directory of the running executable (from /proc/self/exe), or "" when unknown.
std::string exe_dir();

}  // namespace rpt::cli
