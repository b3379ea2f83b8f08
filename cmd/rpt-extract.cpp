// rpt-extract: facts of segment records. Flags here; the work is in lib/extract*.cpp.
#include "extract.h"

int main(int argc, char** argv) {
  rpt::ExtractConfig cfg;
  CLI::App app{
      "Extract facts from segment records: quantities, changes, indicators, dates, periods, "
      "citations, quotes, organisations and the lead/responsible units of work-plan tasks.",
      "rpt extract"};
  app.add_option("inputs", cfg.inputs, "JSON Lines files (- or nothing: stdin)");
  app.add_option("--text-field", cfg.text_field, "The field holding the text")
      ->capture_default_str();
  app.add_option("--patterns", cfg.patterns, "The patterns directory (lexicons in extract/)")
      ->option_text("DIR");
  std::vector<std::string> types;
  app.add_option("--types", types,
                 "Fact types to extract (comma-separated): quantity change indicator date period "
                 "citation quote org units; default all")
      ->delimiter(',')
      ->option_text("TYPE,...")
      ->allow_extra_args(false);
  app.add_flag("--explode", cfg.explode,
               "One record per fact (the fact under \"fact\", with the record's doc, seg and "
               "text); records without facts are dropped");
  app.add_flag("--explain", cfg.explain,
               "Add \"numbers\": every number read, whether it became a fact and why (a date, a "
               "name, an ordinal, no unit…), with each figure's stance and its cue");
  rpt::cli::add_jobs_option(app, cfg.common);
  rpt::cli::add_max_line_option(app, cfg.max_line);
  rpt::cli::add_common_options(app, cfg.common);
  app.footer(
      R"(Adds "facts": a list of {"type","text","span",…} (spans are code points of the record's
text); every other field is copied as it came. Quantities carry value, unit, kind (count money
percent measure duration ratio rank), approx (over about under or null) and a best-effort subject;
quantities, changes and indicators carry stance (result or target) and the year they are for, read
from the sentence, the heading path (seg.path) and the document (doc.type, doc.year).

The examples run as written from the root of a clone (testdata/ ships with it).
Examples:
  rpt split testdata/seeds | rpt tag | rpt extract > facts.jsonl
  rpt split testdata/seeds > seg.jsonl
  rpt extract --types indicator --explode seg.jsonl | jq -c '[.doc.issuer, .fact.metric, .fact.value]'
  rpt extract --types quantity --explode seg.jsonl | rpt aggregate --by fact.kind,fact.unit --count
  rpt extract --types units seg.jsonl | jq -c '.facts[] | .lead' | head -3
  rpt split --text-field content ../shared/corpora/gwr_national.jsonl | rpt extract --types indicator |
    rpt aggregate --where facts[].metric=国内生产总值增长 --by doc.year,facts[].stance --first facts[].value
  echo '{"text":"落实中央八项规定,培训3期"}' | rpt extract --explain | jq -c '.numbers[]'
Exit status: 0 ok, 1 some input was bad (reported and skipped), 2 usage error.)");
  return rpt::cli::run(app, argc, argv, [&] {
    if (!types.empty()) {
      cfg.types = 0;
      for (const auto& t : types) {
        auto ft = rpt::fact_type_named(t);
        if (!ft)
          throw rpt::UsageError("--types: unknown fact type \"" + t +
                                "\" (quantity change indicator date period citation quote org "
                                "units)");
        cfg.types |= 1u << int(*ft);
      }
    }
    return rpt::run_extract(cfg);
  });
}
