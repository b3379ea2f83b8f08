#include "cli.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "json.h"
#include "parallel.h"
#include "record.h"
#include "suggest.h"
#include "text.h"

#ifndef RPT_VERSION
#define RPT_VERSION "dev"
#endif

namespace rpt::cli {

void add_common_options(CLI::App& app, CommonOptions& opts) {
  app.add_option("-o,--output", opts.output,
                 "Write to FILE atomically (a temporary file renamed into place when complete)")
      ->option_text("FILE");
  app.add_option("--rejects", opts.rejects,
                 "Write skipped input records to FILE as JSON lines {source,line,error,raw}")
      ->option_text("FILE");
  app.add_flag("--write-through", opts.write_through,
               "Let -o/--rejects name a FIFO, device or symbolic link and write into it in place "
               "(default: refused, as the atomic rename would replace it)");
  app.add_flag("--progress", opts.progress,
               "Show progress on stderr even when it is not a terminal");
  app.add_flag("-q,--quiet", opts.quiet, "No progress and no warnings (errors are still printed)");
  app.set_version_flag("-V,--version", std::string(app.get_name()) + " " RPT_VERSION +
                                           " (rpt record format " +
                                           std::to_string(kRecordFormatVersion) + ")");
}

void add_jobs_option(CLI::App& app, CommonOptions& opts) {
  app.add_option("-j,--jobs", opts.jobs,
                 "Work on N threads (default: one per core; -j 1: no worker thread); the output is "
                 "the same, byte for byte, whatever N")
      ->option_text("N");
}

void add_max_line_option(CLI::App& app, size_t& max_line) {
  app.add_option(
         "--max-line", max_line,
         "Longest input line read, in bytes, with K, M or G (default 128M); a longer line "
         "is rejected and the lines after it read. Memory peaks near 15 times the longest line")
      ->option_text("SIZE")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(size_t(1), size_t(1) << 40));
}

size_t CommonOptions::threads() const {
  return jobs ? jobs : default_jobs();
}

namespace {

// "Did you mean --count?" for each argument that looks like a flag and names none of app's.
std::string flag_suggestions(const CLI::App& app, int argc, char** argv) {
  std::vector<std::string> names;
  for (const CLI::Option* o : app.get_options()) {
    for (const auto& l : o->get_lnames()) names.push_back("--" + l);
    for (const auto& s : o->get_snames()) names.push_back("-" + s);
  }
  std::string out;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-' || (arg[1] >= '0' && arg[1] <= '9')) continue;
    std::string name = arg.substr(0, arg.find('='));
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    if (name[1] != '-' && name.size() > 2) continue;  // -abc: bundled short flags
    auto near = nearest(name, names, typo_distance(name));
    if (near) out += "Did you mean " + *near + " (not " + name + ")?\n";
  }
  return out;
}

}  // namespace

int run(CLI::App& app, int argc, char** argv, const std::function<int()>& body) {
  install_signal_handlers();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << app.get_name() << ": " << e.what() << "\n"
              << flag_suggestions(app, argc, argv) << "Run '" << app.get_name()
              << " --help' for usage.\n";
    return kExitUsage;
  }
  try {
    return body();
  } catch (const UsageError& e) {
    std::cerr << app.get_name() << ": " << e.what() << "\n";
    return kExitUsage;
  } catch (const DataError& e) {
    std::cerr << app.get_name() << ": " << e.what() << "\n";
    return kExitData;
  } catch (const std::bad_alloc&) {
    std::cerr << app.get_name() << ": out of memory\n";
    return kExitData;
  } catch (const std::exception& e) {
    std::cerr << app.get_name() << ": " << e.what() << "\n";
    return kExitData;
  }
}

namespace {
void append_base64(std::string& out, std::string_view in) {
  static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t v = uint32_t((unsigned char)in[i]) << 16 | uint32_t((unsigned char)in[i + 1]) << 8 |
                 uint32_t((unsigned char)in[i + 2]);
    out += abc[v >> 18], out += abc[(v >> 12) & 63], out += abc[(v >> 6) & 63], out += abc[v & 63];
  }
  if (size_t rest = in.size() - i) {
    uint32_t v = uint32_t((unsigned char)in[i]) << 16;
    if (rest == 2) v |= uint32_t((unsigned char)in[i + 1]) << 8;
    out += abc[v >> 18], out += abc[(v >> 12) & 63];
    out += rest == 2 ? abc[(v >> 6) & 63] : '=';
    out += '=';
  }
}
}  // namespace

Diagnostics::Diagnostics(std::string tool, const CommonOptions& opts)
    : tool_(std::move(tool)), quiet_(opts.quiet) {
  if (!opts.rejects.empty()) rejects_ = std::make_unique<Output>(opts.rejects, opts.write_through);
}

Diagnostics::~Diagnostics() = default;

void Diagnostics::warn(const std::string& msg) {
  if (!quiet_) std::cerr << tool_ << ": warning: " << msg << "\n";
}

void Diagnostics::error(const std::string& msg) {
  ++errors_;
  std::cerr << tool_ << ": " << msg << "\n";
}

void Diagnostics::reject(const DataError& err, std::string_view raw) {
  ++rejected_;
  error(err.what());
  if (!rejects_) return;
  std::string& b = rejects_->buffer();
  b += "{\"source\":";
  json::append_json_string(b, err.where().source);
  b += ",\"line\":";
  if (err.where().line)
    json::append_int(b, int64_t(err.where().line));
  else
    b += "null";
  b += ",\"error\":";
  json::append_json_string(b, err.detail());
  b += ",\"raw\":";
  if (raw.data() && text::is_valid_utf8(raw)) {
    json::append_json_string(b, raw);
  } else if (raw.data()) {
    b += "null,\"raw_base64\":\"";  // bytes that are not UTF-8 are kept, not lost
    append_base64(b, raw);
    b += '"';
  } else {
    b += "null";
  }
  b += "}\n";
  rejects_->maybe_flush();
}

void Diagnostics::finish() {
  if (rejects_) rejects_->commit();
  if (rejected_)
    std::cerr << tool_ << ": " << rejected_ << (rejected_ == 1 ? " input was" : " inputs were")
              << " skipped (see the messages above"
              << (rejects_ ? std::string(" and ") + rejects_->path() : std::string()) << ")\n";
}

void DiagnosticLog::warn(const std::string& msg) {
  events_.push_back({std::nullopt, msg, false});
}

void DiagnosticLog::reject(const DataError& err, std::string_view raw) {
  events_.push_back({err, std::string(raw), raw.data() != nullptr});
}

void DiagnosticLog::replay(Reporter& to) const {
  for (const Event& e : events_) {
    if (!e.error)
      to.warn(e.message);
    else if (e.has_raw)
      to.reject(*e.error, e.message.empty() ? std::string_view("", 0) : e.message);
    else
      to.reject(*e.error);
  }
}

Progress::Progress(std::string tool, const CommonOptions& opts)
    : tool_(std::move(tool)),
      on_(!opts.quiet && (opts.progress || isatty(2))),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void Progress::draw(uint64_t bytes, uint64_t docs, uint64_t records, bool last) {
  auto now = std::chrono::steady_clock::now();
  if (!last && now - last_ < std::chrono::milliseconds(250)) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double mb = double(bytes) / 1e6;
  std::string docs_part = docs ? std::to_string(docs) + " documents, " : std::string();
  std::fprintf(stderr, "\r%s: %.1f MB, %s%llu records, %.1f MB/s%s", tool_.c_str(), mb,
               docs_part.c_str(), (unsigned long long)records, secs > 0 ? mb / secs : 0.0,
               last ? "\n" : "");
  std::fflush(stderr);
}

std::vector<std::string> inputs_or_stdin(const std::vector<std::string>& inputs,
                                         const std::string& tool) {
  if (!inputs.empty()) return inputs;
  if (isatty(0))
    throw UsageError("no input: name JSON Lines files, or pipe records in (see " + tool +
                     " --help)");
  return {"-"};
}

std::string exe_dir() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

std::string patterns_dir(const std::string& explicit_dir) {
  namespace fs = std::filesystem;
  if (!explicit_dir.empty()) {
    if (fs::is_directory(explicit_dir)) return explicit_dir;
    throw UsageError("--patterns " + explicit_dir + ": not a directory");
  }
  if (const char* env = std::getenv("RPT_PATTERNS"); env && *env) {
    if (fs::is_directory(env)) return env;
    throw UsageError(std::string("$RPT_PATTERNS=") + env + ": not a directory");
  }
  std::string tried;
#ifdef RPT_RELATIVE_PATTERNS
  if (std::string dir = exe_dir(); !dir.empty()) {
    std::error_code ec;
    fs::path beside = fs::weakly_canonical(fs::path(dir) / RPT_RELATIVE_PATTERNS, ec);
    if (!ec && fs::is_directory(beside)) return beside.string();
    tried = beside.string();
  }
#endif
#ifdef RPT_SOURCE_PATTERNS
  if (fs::is_directory(RPT_SOURCE_PATTERNS)) return RPT_SOURCE_PATTERNS;
  tried += (tried.empty() ? "" : ", ") + std::string(RPT_SOURCE_PATTERNS);
#endif
  throw UsageError("cannot find the patterns directory (looked in " + tried +
                   "): give --patterns DIR or set $RPT_PATTERNS");
}

}  // namespace rpt::cli
