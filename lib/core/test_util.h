// Helpers shared by the unit tests: paths to testdata and ../shared, and small readers.
#pragma once

#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "text.h"

namespace rpt::testing {

inline std::string testdata(const std::string& rel) {
  return std::string(RPT_TESTDATA) + "/" + rel;
}

// ../shared/corpora/gwr_national.jsonl, or "" when ../shared is absent (a user's clone).
inline std::string gwr_corpus() {
  std::string p = std::string(RPT_SHARED) + "/corpora/gwr_national.jsonl";
  return std::filesystem::exists(p) ? p : "";
}

// The text ("content") of every report of gwr_corpus(), in order; empty when it is absent.
inline std::vector<std::string> gwr_contents() {
  std::vector<std::string> out;
  std::string path = gwr_corpus();
  if (path.empty()) return out;
  std::ifstream in(path);
  std::string line;
  simdjson::ondemand::parser parser;
  while (std::getline(in, line)) {
    simdjson::padded_string padded(line);
    auto doc = parser.iterate(padded);
    out.emplace_back(doc["content"].get_string().value());
  }
  return out;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A full-width copy: printable ASCII to U+FF01..U+FF5E (the inverse of width folding), as real
// reports are written.
inline std::string widen(const std::string& utf8) {
  std::string out;
  auto p = reinterpret_cast<const unsigned char*>(utf8.data());
  auto end = p + utf8.size();
  while (p < end) {
    char32_t c = text::decode_one(p);
    text::append_utf8(out, c > 0x20 && c < 0x7F ? c + 0xFEE0 : c);
  }
  return out;
}

}  // namespace rpt::testing
