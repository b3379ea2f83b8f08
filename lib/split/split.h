// split: `rpt split`, from report files to segment records.
//
// One call from cmd/rpt-split.cpp. Reads every input in order (see inputs.h), decodes it to UTF-8
// (encoding.h), cuts it into segments (doc.h) and writes one record per segment (record.h).
// A bad input is reported with file and line, counted and skipped; the others are still written.
// ReportSplitter is the same work one report at a time, for tools that run the pipeline
// in-process (rpt nightly): rpt split itself runs through it, so both write the same records.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
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

namespace json {
class JsonlReader;
}

// One report at a time, cut as `rpt split` cuts it. Loading the patterns is the costly part: keep
// one per thread (not thread-safe).
// A document whose records a ReportSplitter appended to out: [begin, end) of out.
struct WrittenDoc {
  std::string id;
  size_t begin, end;
  uint64_t records;
};

class ReportSplitter {
 public:
  struct Hooks {
    std::function<void(const std::string&)> warn;                        // required
    std::function<void(const DataError&, std::string_view raw)> reject;  // required
    std::function<void()> after_document;  // optional: a document's records were appended
  };
  // Reads cfg's patterns, split options, encoding, lossy, text_field, dedup, keep_furniture.
  ReportSplitter(const SplitConfig& cfg, Hooks hooks);
  ~ReportSplitter();
  ReportSplitter(const ReportSplitter&) = delete;
  ReportSplitter& operator=(const ReportSplitter&) = delete;

  // The records of a text or HTML report whose bytes were read (path names it in the records and
  // in messages), appended to out. Throws DataError when the bytes cannot be decoded.
  void text(const std::string& path, std::string_view bytes, bool html, std::string& out);
  // The records of every document of a JSON Lines stream; bad lines go to hooks.reject.
  void jsonl(json::JsonlReader& reader, std::string& out);
  // A report file as `rpt split FILE` reads it (format by extension), from its bytes.
  void file(const std::string& path, std::string_view bytes, std::string& out);

  // Lines removed as furniture go to *buf as JSON lines (--dropped); null: nowhere.
  void set_dropped(std::string* buf);
  // Lists each document written into *docs; --dedup is then left to the caller, which sees the
  // documents in input order (rpt split -j N). null: dedup here, as documents come.
  void list_documents(std::vector<WrittenDoc>* docs);
  uint64_t bytes() const;  // read so far, and documents, records written, duplicates dropped
  uint64_t documents() const;
  uint64_t records() const;
  uint64_t duplicates() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

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
  std::string* dropped();      // the --dropped lines (config.dropped set), else null
  uint64_t documents() const;  // documents read (a JSON Lines record is one), segments or not
  uint64_t records() const;    // records written
  size_t rejected() const;     // inputs and JSON Lines records rejected

 private:
  std::unique_ptr<Splitter> impl_;
};

}  // namespace rpt
