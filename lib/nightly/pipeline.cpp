#include "pipeline.h"

#include "records.h"

namespace rpt::nightly {

namespace {

SplitConfig split_config(const std::string& patterns_dir) {
  SplitConfig c;
  c.patterns = patterns_dir;
  return c;
}

}  // namespace

ReportPipeline::ReportPipeline(const std::string& patterns_dir, const Extractor& extractor)
    : splitter_(
          split_config(patterns_dir),
          ReportSplitter::Hooks{[this](const std::string& m) { current_->warnings.push_back(m); },
                                [this](const DataError& e, std::string_view raw) {
                                  current_->rejects.emplace_back(e, std::string(raw));
                                },
                                {}}),
      tagger_(default_tagger_options(patterns_dir)),
      extractor_(extractor) {}

ReportResult ReportPipeline::run(const std::string& path, std::string_view bytes) {
  ReportResult r;
  current_ = &r;
  records_.clear();
  try {
    splitter_.file(path, bytes, records_);
  } catch (const DataError& e) {
    r.rejects.emplace_back(e, "");
  }
  std::string_view all = records_;
  while (!all.empty()) {
    size_t nl = all.find('\n');
    std::string_view line = all.substr(0, nl);
    all.remove_prefix(nl == std::string_view::npos ? all.size() : nl + 1);
    if (!line.empty()) record(line, r);
  }
  current_ = nullptr;
  return r;
}

// One segment record through tag and extract, each stage reading the previous one's line as the
// tools read their input.
void ReportPipeline::record(std::string_view line, ReportResult& r) {
  simdjson::dom::object obj;
  std::string_view text;
  auto parse = [&](std::string_view l) {
    if (parser_.parse(l.data(), l.size(), true).get(obj) || obj["text"].get(text))
      throw DataError({}, "rpt nightly: internal error: a stage wrote a record it cannot read");
  };
  parse(line);
  tag_record(tagger_, obj, text, false, tagged_);
  add_.clear();
  append_tag_fields(add_, tagger_, tagged_, false);
  tagged_line_.clear();
  append_record_with(tagged_line_, obj, line, {"tags", "role", "evidence"}, add_);

  parse(tagged_line_);
  facts_.clear();
  read_fact_context(obj, ctx_);
  extractor_.extract(text, facts_, kAllFactTypes, &ctx_);
  add_.clear();
  append_facts_field(add_, facts_, text);
  full_line_.clear();
  append_record_with(full_line_, obj, tagged_line_, {"facts", "numbers"}, add_);

  simdjson::dom::element rec;
  if (parser_.parse(full_line_.data(), full_line_.size(), true).get(rec))
    throw DataError({}, "rpt nightly: internal error: a record it cannot read");
  r.state.add(rec);
  ++r.records;
}

}  // namespace rpt::nightly
