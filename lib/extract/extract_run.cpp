// run_extract: the `rpt extract` command over JSON Lines records (the Extractor is extract.cpp).
#include <simdjson.h>

#include "batches.h"
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
  std::vector<std::string> inputs = cli::inputs_or_stdin(cfg.inputs, "rpt extract");

  // One record, on whichever thread (the Extractor is shared; its scratch is per thread).
  struct Scratch {
    std::vector<Fact> facts;
    std::vector<NumberNote> notes;
    FactContext ctx;
    std::string add, numbers;
  };
  auto one = [&](Scratch& w, std::string& to, simdjson::dom::object obj, std::string_view body,
                 std::string_view line) {
    w.facts.clear();
    w.notes.clear();
    read_fact_context(obj, w.ctx);
    extractor.extract(body, w.facts, cfg.types, &w.ctx, cfg.explain ? &w.notes : nullptr);
    w.numbers.clear();  // --explain: every number read, taken or not, and why
    if (cfg.explain) {
      w.numbers = ",\"numbers\":[";
      for (size_t i = 0; i < w.notes.size(); ++i) {
        if (i) w.numbers += ',';
        append_note_json(w.numbers, w.notes[i], body);
      }
      w.numbers += ']';
    }
    if (cfg.explode && w.facts.empty()) return;
    if (cfg.explode) {
      // One record per fact: the record's own fields (without "facts") and the fact.
      for (const Fact& f : w.facts) {
        w.add = ",\"fact\":";
        append_fact_json(w.add, f, body);
        w.add += w.numbers;
        append_record_with(to, obj, line, {"facts", "fact", "numbers"}, w.add);
      }
    } else {
      w.add.clear();
      append_facts_field(w.add, w.facts, body);
      w.add += w.numbers;
      append_record_with(to, obj, line, {"facts", "numbers"}, w.add);
    }
  };
  size_t threads = cfg.common.threads();
  if (threads <= 1) {
    Scratch w;
    for_each_text_record(
        inputs, cfg.max_line, cfg.text_field, diag, progress,
        [&](simdjson::dom::object obj, std::string_view body, std::string_view line,
            const Location&) {
          one(w, out.buffer(), obj, body, line);
          out.maybe_flush();
        },
        &out.buffer());
  } else {
    struct NoTally {};
    for_each_record_parallel<Scratch, NoTally>(
        inputs, cfg.max_line, threads, diag, progress, &out,
        [] { return std::make_unique<Scratch>(); },
        [&](Scratch& w, NoTally&, std::string& to, cli::Reporter& log, simdjson::dom::element e,
            std::string_view line, const Location& where) {
          simdjson::dom::object obj;
          if (e.get(obj)) return;  // only objects come here
          if (auto body = text_field_of(obj, cfg.text_field, log, line, where))
            one(w, to, obj, *body, line);
        },
        [](NoTally&) {});
  }
  out.commit();
  diag.finish();
  return diag.exit_status();
}

}  // namespace rpt
