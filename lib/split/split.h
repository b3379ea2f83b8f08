// split: `rpt split`, from report files to segment records.
//
// One call from cmd/rpt-split.cpp. Reads every input in order (see inputs.h), decodes it to UTF-8
// (encoding.h), cuts it into segments (doc.h) and writes one record per segment (record.h).
// A bad input is reported with file and line, counted and skipped; the others are still written.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "clean.h"
#include "cli.h"
#include "doc.h"
#include "encoding.h"
#include "inputs.h"
#include "meta.h"

namespace rpt {

struct SplitConfig {
  std::vector<std::string> inputs;
  std::string files_from;  // a file listing inputs ("-" = stdin)
  bool null_separated = false;
  Format format = Format::Auto;  // overrides the extension when set
  Encoding encoding = Encoding::Auto;
  bool lossy = false;   // also drop NUL bytes
  bool strict = false;  // reject undecodable bytes instead of replacing them (U+FFFD, a warning)
  std::string text_field = "text";    // for JSON Lines input
  size_t max_line = kDefaultMaxLine;  // io.h
  SplitOptions split;
  bool dedup = false;
  bool keep_furniture = false;  // no page cleaning: every line of the input is content
  std::string dropped;          // --dropped FILE: every line removed as furniture, as JSON lines
  std::string patterns;         // --patterns; empty = the usual search (cli::patterns_dir)
  cli::CommonOptions common;
};

int run_split(const SplitConfig& config);

class Splitter;

// The splitter behind run_split, kept across inputs: the patterns are loaded once. For callers
// that feed inputs one at a time (the fuzz targets). Records accumulate in output() (flushed to
// config.common.output when it grows past Output's buffer).
class SplitSession {
 public:
  explicit SplitSession(const SplitConfig& config);
  ~SplitSession();
  // Splits one file as run_split does: bad input is reported and counted, never thrown.
  void input(const InputFile& file);
  std::string& output();
  uint64_t documents() const;  // documents read (a JSON Lines record is one), segments or not
  uint64_t records() const;    // records written
  size_t rejected() const;     // inputs and JSON Lines records rejected

 private:
  std::unique_ptr<Splitter> impl_;
};

}  // namespace rpt
