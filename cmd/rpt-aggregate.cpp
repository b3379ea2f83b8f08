// rpt-aggregate: group records and reduce them. Flags here; the work is in lib/aggregate.cpp.
#include "aggregate.h"

int main(int argc, char** argv) {
  rpt::AggregateConfig cfg;
  CLI::App app{
      "Group JSON records by fields and reduce them: counts, sums, distincts, "
      "percentiles…; mergeable partial results; the nightly digest.",
      "rpt aggregate"};
  app.add_option("inputs", cfg.inputs,
                 "JSON Lines files (- or nothing: stdin); partial files with --merge");
  std::vector<std::string> by, where;
  app.add_option("-b,--by", by,
                 "Group by these fields (comma-separated dot paths; [] explodes arrays)")
      ->delimiter(',');
  app.add_option("-w,--where", where,
                 "Keep records where: PATH=V, PATH!=V, PATH<N, <=, >, >=, PATH~REGEX, PATH!~REGEX, "
                 "PATH (present), !PATH (absent); repeat for AND");
  bool count = false;
  app.add_flag("-c,--count", count, "Count rows per group (the default reducer)");
  std::vector<std::string> sum, mean, min, max, distinct, approx, top, pct, values, first, last;
  app.add_option("--sum", sum, "Sum of the numbers at PATH")->option_text("PATH");
  app.add_option("--mean", mean, "Mean of the numbers at PATH")->option_text("PATH");
  app.add_option("--min", min, "Smallest number at PATH")->option_text("PATH");
  app.add_option("--max", max, "Largest number at PATH")->option_text("PATH");
  app.add_option("--distinct", distinct, "Exact number of distinct values at PATH")
      ->option_text("PATH");
  app.add_option(
         "--approx-distinct", approx,
         "Distinct values at PATH, estimated (HyperLogLog, standard error 1.6%) in 4 KB a group")
      ->option_text("PATH");
  app.add_option("--top", top, "The K most frequent values at PATH with their counts (K: 10)")
      ->option_text("PATH[:K]");
  app.add_option("--percentiles", pct,
                 "Percentiles of the numbers at PATH (default 50,90,99; within 1%)")
      ->option_text("PATH[:P,...]");
  app.add_option("--values", values, "The N smallest distinct values at PATH (N: 10)")
      ->option_text("PATH[:N]");
  app.add_option("--first", first, "The first value at PATH, in input order")->option_text("PATH");
  app.add_option("--last", last, "The last value at PATH, in input order")->option_text("PATH");
  std::string format = "json";
  app.add_option("-f,--format", format, "Output: json, jsonl, csv, tsv, md")
      ->check(CLI::IsMember({"json", "jsonl", "csv", "tsv", "md", "markdown"}))
      ->capture_default_str();
  app.add_flag("--bom", cfg.bom,
               "CSV/TSV: start with a UTF-8 byte order mark, so Excel and WPS read Chinese right");
  app.add_option("--sort", cfg.sort, "Sort rows by an output column (-column: descending)")
      ->option_text("COLUMN");
  app.add_option("--limit", cfg.limit, "Write at most N rows (after sorting)")->option_text("N");
  app.add_flag("--partial", cfg.partial, "Write mergeable state instead of results (for --merge)");
  app.add_flag("--merge", cfg.merge,
               "Inputs are --partial files of the same aggregation: combine them");
  app.add_flag("--digest", cfg.digest, "Write the nightly digest of a corpus of segment records");
  app.add_option("--previous", cfg.previous,
                 "With --digest: the previous digest, to report what changed (a file that does not "
                 "exist yet: no changes, and a note)")
      ->option_text("FILE");
  app.add_option("--top-topics", cfg.digest_top, "With --digest: how many topics top_topics lists")
      ->option_text("N")
      ->capture_default_str();
  // One argument per occurrence: `--sum a --sum b file.jsonl` must not read file.jsonl as a path.
  for (CLI::Option* o : app.get_options())
    if (o->get_expected_max() > 1 && !o->get_positional()) o->allow_extra_args(false);
  rpt::cli::add_jobs_option(app, cfg.common);
  rpt::cli::add_max_line_option(app, cfg.max_line);
  rpt::cli::add_common_options(app, cfg.common);
  app.footer(
      R"(Reducers run in this order whatever the order of the flags: count, sum, mean, min, max,
distinct, approx-distinct, top, percentiles, values, first, last. Rows: a record, or with
[] in --by one row per array element; paths through the same array read the same element,
--where's too (--where facts[].metric=X --max facts[].value: the value of the facts with metric
X). A --where or --by path that no record had gets a warning naming the nearest one they had.
-j N reduces batches of records on N threads and merges them in input order (the same result);
--merge and --digest read on one thread.

The examples run as written from the root of a clone (testdata/ ships with it).
Examples:
  rpt split testdata/seeds | rpt aggregate --by doc.region.province,doc.type --count --format md
  rpt split testdata/seeds | rpt tag | rpt extract > facts.jsonl
  rpt aggregate --by tags[] --count --sort -count --limit 20 facts.jsonl
  rpt aggregate --by facts[].unit --sum facts[].value --where 'doc.year>=2021' facts.jsonl
  rpt aggregate --where facts[].metric=行政机关负责人出庭应诉率 --by doc.region.name --max facts[].value facts.jsonl
  rpt aggregate --by doc.region.name --count --format csv --bom facts.jsonl > for-excel.csv
  split -l 200 facts.jsonl shard.
  ls shard.?? | xargs -P 4 -I{} sh -c 'rpt aggregate --partial --by doc.type --count {} > {}.part'
  rpt aggregate --merge --by doc.type --count shard.??.part
  rpt aggregate --digest -o digest.json facts.jsonl
  rpt aggregate --digest --previous digest.json -o digest-today.json facts.jsonl
Exit status: 0 ok, 1 some input was bad (reported and skipped), 2 usage error.)");
  return rpt::cli::run(app, argc, argv, [&] {
    for (const auto& b : by) cfg.by.push_back(rpt::parse_path(b));
    for (const auto& w : where) cfg.where.push_back(rpt::parse_filter(w));
    using K = rpt::ReducerKind;
    if (count) cfg.reducers.push_back(rpt::ReducerSpec{});
    auto add = [&](K k, const std::vector<std::string>& args) {
      for (const auto& a : args) cfg.reducers.push_back(rpt::parse_reducer(k, a));
    };
    add(K::Sum, sum), add(K::Mean, mean), add(K::Min, min), add(K::Max, max);
    add(K::Distinct, distinct), add(K::ApproxDistinct, approx), add(K::Top, top);
    add(K::Percentiles, pct), add(K::Values, values), add(K::First, first), add(K::Last, last);
    cfg.format = format == "jsonl"  ? rpt::OutputFormat::Jsonl
                 : format == "csv"  ? rpt::OutputFormat::Csv
                 : format == "tsv"  ? rpt::OutputFormat::Tsv
                 : format == "json" ? rpt::OutputFormat::Json
                                    : rpt::OutputFormat::Markdown;
    if (cfg.bom && cfg.format != rpt::OutputFormat::Csv && cfg.format != rpt::OutputFormat::Tsv)
      throw rpt::UsageError("--bom goes with --format csv or tsv");
    if (cfg.partial && cfg.digest)
      throw rpt::UsageError("--partial and --digest do not go together");
    if (cfg.merge && cfg.digest) throw rpt::UsageError("--merge and --digest do not go together");
    if (!cfg.previous.empty() && !cfg.digest)
      throw rpt::UsageError("--previous goes with --digest");
    return rpt::run_aggregate(cfg);
  });
}
