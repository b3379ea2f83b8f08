// Helpers shared by the unit tests: paths to testdata and ../shared, and small readers.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace rpt::testing {

inline std::string testdata(const std::string& rel) {
  return std::string(RPT_TESTDATA) + "/" + rel;
}

// ../shared/corpora/gwr_national.jsonl, or "" when ../shared is absent (a user's clone).
inline std::string gwr_corpus() {
  std::string p = std::string(RPT_SHARED) + "/corpora/gwr_national.jsonl";
  return std::filesystem::exists(p) ? p : "";
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace rpt::testing
