// rpt: the front command. `rpt TOOL ARGS…` runs `rpt-TOOL ARGS…`, found beside this binary first
// and then on $PATH, the way git finds its subcommands.
#include <unistd.h>

#include <cstring>
#include <iostream>
#include <string>

#ifndef RPT_VERSION
#define RPT_VERSION "dev"
#endif

namespace {

constexpr const char* kUsage = R"(rpt: text mining for Chinese government reports.

Usage: rpt TOOL [ARGS…]    (runs rpt-TOOL; see rpt TOOL --help)

Tools:
  split      cut report files into segment records (JSON Lines)
  tag        add topic tags and a role (achievement, problem, plan) to records
  extract    add facts: quantities, changes, indicators, dates, citations, units of tasks
  aggregate  group and reduce records; partial results; the digest
  nightly    the digest of growing report directories, redoing only new and changed reports

Example (from the root of a clone, where testdata/ is):
  rpt split testdata/seeds | rpt tag | rpt extract | rpt aggregate --by tags[] --count
)";

std::string self_dir() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "";
  std::string p(buf, size_t(n));
  size_t slash = p.rfind('/');
  return slash == std::string::npos ? "" : p.substr(0, slash);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "--help")) {
    std::cout << kUsage;
    return argc < 2 ? 2 : 0;
  }
  if (!std::strcmp(argv[1], "-V") || !std::strcmp(argv[1], "--version")) {
    std::cout << "rpt " RPT_VERSION "\n";
    return 0;
  }
  std::string tool = std::string("rpt-") + argv[1];
  if (tool.find('/') != std::string::npos) {
    std::cerr << "rpt: no such tool: " << argv[1] << "\n";
    return 2;
  }
  argv[1] = tool.data();
  std::string beside = self_dir() + "/" + tool;
  if (access(beside.c_str(), X_OK) == 0) execv(beside.c_str(), argv + 1);
  execvp(tool.c_str(), argv + 1);
  std::cerr << "rpt: no such tool: " << (tool.c_str() + 4) << " (" << tool << " not found)\n";
  return 2;
}
