// fuzz_util: what the fuzz targets share — a scratch directory for inputs that must be files,
// and the checks of the invariants every rpt output keeps.
//
// Invariants checked (a failure aborts, which libFuzzer reports as a finding):
// - every output line is one valid JSON object, as rpt's own readers (simdjson's DOM) read it;
// - counts add up (in = out + rejects), checked by each target with check().
#pragma once

#include <simdjson.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

namespace fuzz {

[[noreturn]] inline void fail(const std::string& what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n%.*s\n", what.c_str(),
               int(std::min<size_t>(detail.size(), 2000)), detail.data());
  std::abort();
}

inline void check(bool ok, const std::string& what, std::string_view detail = {}) {
  if (!ok) fail(what, detail);
}

// A private directory for the process (tmpfs when there is one), removed by the OS's tmp cleaner.
inline const std::string& scratch_dir() {
  static std::string dir = [] {
    const char* base = std::getenv("TMPDIR");
    std::string templ = std::string(access("/dev/shm", W_OK) == 0 ? "/dev/shm"
                                    : base                        ? base
                                                                  : "/tmp") +
                        "/rpt-fuzz.XXXXXX";
    if (!mkdtemp(templ.data())) fail("cannot make a scratch directory");
    return templ;
  }();
  return dir;
}

inline std::string write_scratch(const std::string& name, std::string_view bytes) {
  std::string path = scratch_dir() + "/" + name;
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), std::streamsize(bytes.size()));
  if (!f) fail("cannot write " + path);
  return path;
}

// Every line of out is a JSON object; returns how many lines there are.
inline size_t check_json_lines(std::string_view out, const char* what) {
  static simdjson::dom::parser parser;
  size_t n = 0;
  while (!out.empty()) {
    size_t nl = out.find('\n');
    check(nl != std::string_view::npos, std::string(what) + ": output does not end with a newline",
          out.substr(0, 300));
    std::string_view line = out.substr(0, nl);
    simdjson::dom::element e;
    auto err = parser.parse(line.data(), line.size(), true).get(e);
    check(!err,
          std::string(what) + ": output line is not valid JSON (" + simdjson::error_message(err) +
              ")",
          line);
    check(e.is_object(), std::string(what) + ": output line is not a JSON object", line);
    ++n;
    out.remove_prefix(nl + 1);
  }
  return n;
}

// Sends the tools' stdout to /dev/null (the targets read what is still buffered instead).
inline void silence_stdout() {
  if (!std::freopen("/dev/null", "w", stdout)) fail("cannot reopen stdout");
}

}  // namespace fuzz
