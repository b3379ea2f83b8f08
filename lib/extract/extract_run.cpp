// run_extract: the `rpt extract` command over JSON Lines records (the Extractor is extract.cpp).
#include <simdjson.h>

#include "extract.h"
#include "records.h"

namespace rpt {

// Where the record's text stands: seg.path, doc.type, doc.year (what stance.cpp reads).
void read_fact_context(simdjson::dom::object obj, FactContext& ctx) {
  ctx.path.clear();
  ctx.doc_type.clear();
  ctx.doc_year = 0;
  simdjson::dom::array arr;
  if (!obj.at_pointer("/seg/path").get(arr))
    for (auto x : arr) {
      std::string_view s;
      if (!x.get(s)) ctx.path.emplace_back(s);
    }
  std::string_view type;
  if (!obj.at_pointer("/doc/type").get(type)) ctx.doc_type = type;
  int64_t year = 0;
  if (!obj.at_pointer("/doc/year").get(year) && year > 0 && year < 10000) ctx.doc_year = int(year);
}

void append_facts_field(std::string& add, const std::vector<Fact>& facts, std::string_view body) {
  add += ",\"facts\":[";
  for (size_t i = 0; i < facts.size(); ++i) {
    if (i) add += ',';
    append_fact_json(add, facts[i], body);
  }
  add += ']';
}

int run_extract(const ExtractConfig& cfg) {
  Extractor extractor(cli::patterns_dir(cfg.patterns));
  cli::Diagnostics diag("rpt extract", cfg.common);
  cli::Progress progress("rpt extract", cfg.common);
  Output out(cfg.common.output, cfg.common.write_through);
  std::vector<Fact> facts;
  std::vector<NumberNote> notes;
  FactContext ctx;
  std::string add;
  std::vector<std::string> inputs = cli::inputs_or_stdin(cfg.inputs, "rpt extract");

  for_each_text_record(
      inputs, cfg.max_line, cfg.text_field, diag, progress,
      [&](simdjson::dom::object obj, std::string_view body, std::string_view line,
          const Location&) {
        facts.clear();
        notes.clear();
        read_fact_context(obj, ctx);
        extractor.extract(body, facts, cfg.types, &ctx, cfg.explain ? &notes : nullptr);
        std::string numbers;  // --explain: every number read, taken or not, and why
        if (cfg.explain) {
          numbers = ",\"numbers\":[";
          for (size_t i = 0; i < notes.size(); ++i) {
            if (i) numbers += ',';
            append_note_json(numbers, notes[i], body);
          }
          numbers += ']';
        }
        if (cfg.explode && facts.empty()) return;
        if (cfg.explode) {
          // One record per fact: the record's own fields (without "facts") and the fact.
          for (const Fact& f : facts) {
            add = ",\"fact\":";
            append_fact_json(add, f, body);
            add += numbers;
            append_record_with(out.buffer(), obj, line, {"facts", "fact", "numbers"}, add);
          }
        } else {
          add.clear();
          append_facts_field(add, facts, body);
          add += numbers;
          append_record_with(out.buffer(), obj, line, {"facts", "numbers"}, add);
        }
        out.maybe_flush();
      },
      &out.buffer());
  out.commit();
  diag.finish();
  return diag.exit_status();
}

}  // namespace rpt
