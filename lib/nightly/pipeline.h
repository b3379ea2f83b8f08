// pipeline: one report through rpt split | rpt tag | rpt extract, in-process, into the digest's
// state — what rpt nightly keeps per report.
//
// Invariants:
// - The records are those the four tools would pass each other (the same ReportSplitter,
//   tag_record/append_tag_fields and append_facts_field the tools use, each record re-read as
//   the next tool would read it), so a report's state equals the digest state of
//   `rpt split FILE | rpt tag | rpt extract` — what makes the nightly digest equal a run from
//   scratch.
// - A ReportPipeline is not thread-safe (its splitter and tagger keep scratch): one per worker.
//   The Extractor is shared (immutable).
// - Messages are collected, not printed, so a caller running reports in parallel prints them in
//   report order.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "digest.h"
#include "extract.h"
#include "split.h"
#include "tag.h"

namespace rpt::nightly {

struct ReportResult {
  DigestState state;
  uint64_t records = 0;
  std::vector<std::string> warnings;
  std::vector<std::pair<DataError, std::string>> rejects;  // error, raw line (may be empty)
};

class ReportPipeline {
 public:
  ReportPipeline(const std::string& patterns_dir, const Extractor& extractor);
  // The report at path (its bytes already read; the format from its extension).
  ReportResult run(const std::string& path, std::string_view bytes);

 private:
  void record(std::string_view line, ReportResult& r);
  ReportSplitter splitter_;
  Tagger tagger_;
  const Extractor& extractor_;
  ReportResult* current_ = nullptr;  // where the splitter's hooks put messages
  simdjson::dom::parser parser_;
  RecordTags tagged_;
  FactContext ctx_;
  std::vector<Fact> facts_;
  std::string records_, add_, tagged_line_, full_line_;
};

}  // namespace rpt::nightly
