// run_extract: the `rpt extract` command over JSON Lines records (the Extractor is extract.cpp).
#include <simdjson.h>

#include "extract.h"
#include "records.h"

namespace rpt {

int run_extract(const ExtractConfig& cfg) {
  Extractor extractor(cli::patterns_dir(cfg.patterns));
  cli::Diagnostics diag("rpt extract", cfg.common);
  cli::Progress progress("rpt extract", cfg.common);
  Output out(cfg.common.output);
  std::vector<Fact> facts;
  std::string add;
  std::vector<std::string> inputs = cli::inputs_or_stdin(cfg.inputs, "rpt extract");

  for_each_text_record(inputs, cfg.max_line, cfg.text_field, diag, progress,
                       [&](simdjson::dom::object obj, std::string_view body, std::string_view line,
                           const Location&) {
                         facts.clear();
                         extractor.extract(body, facts, cfg.types);
                         if (cfg.explode && facts.empty()) return;
                         if (cfg.explode) {
                           // One record per fact: the record's own fields (without "facts") and the
                           // fact.
                           for (const Fact& f : facts) {
                             add = ",\"fact\":";
                             append_fact_json(add, f, body);
                             append_record_with(out.buffer(), obj, line, {"facts", "fact"}, add);
                           }
                         } else {
                           add = ",\"facts\":[";
                           for (size_t i = 0; i < facts.size(); ++i) {
                             if (i) add += ',';
                             append_fact_json(add, facts[i], body);
                           }
                           add += ']';
                           append_record_with(out.buffer(), obj, line, {"facts"}, add);
                         }
                         out.maybe_flush();
                       });
  out.commit();
  diag.finish();
  return diag.exit_status();
}

}  // namespace rpt
