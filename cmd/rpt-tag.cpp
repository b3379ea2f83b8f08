// rpt-tag: topic tags and roles for segment records. Flags here; the work is in lib/tag*.cpp.
#include "tag.h"

int main(int argc, char** argv) {
  rpt::TagConfig cfg;
  CLI::App app{
      "Tag segment records with topics of the 法治政府建设 taxonomy (or any pack) and a role: "
      "achievement, problem or plan.",
      "rpt tag"};
  app.add_option("inputs", cfg.inputs, "JSON Lines files (- or nothing: stdin)");
  app.add_option("--text-field", cfg.text_field, "The field holding the text")
      ->capture_default_str();
  app.add_option("--patterns", cfg.patterns,
                 "A patterns directory, or a .pack file to add (repeatable)")
      ->option_text("DIR|FILE.pack")
      ->allow_extra_args(false);
  app.add_flag("--replace", cfg.replace, "Use only the packs named with --patterns (and -e rules)");
  std::vector<std::string> regexes, names;
  app.add_option("-e,--regexp", regexes, "An ad-hoc rule: RE2 regex (pair each -e with a -t)")
      ->option_text("REGEX")
      ->allow_extra_args(false);
  app.add_option("-t,--tag", names, "The tag of the -e before it")
      ->option_text("TAG")
      ->allow_extra_args(false);
  app.add_flag("--explain", cfg.explain, "Add evidence: each matched term with its tag and span");
  app.add_option("--filter", cfg.filter,
                 "Emit only records with one of these tags or their sub-topics (comma-separated)")
      ->delimiter(',')
      ->option_text("TAG,...")
      ->allow_extra_args(false);
  app.add_flag("--counts", cfg.counts, "Print per-tag record counts on stderr at the end");
  app.add_flag("--strict", cfg.strict_tags,
               "A --filter or -t tag that no pack knows is an error (exit 2), not a warning");
  app.add_option("--engine", cfg.engine,
                 "Matching engine: auto (Hyperscan when available, else RE2::Set), hyperscan, re2")
      ->check(CLI::IsMember({"auto", "hyperscan", "re2"}))
      ->capture_default_str();
  rpt::cli::add_jobs_option(app, cfg.common);
  rpt::cli::add_max_line_option(app, cfg.max_line);
  rpt::cli::add_common_options(app, cfg.common);
  app.footer(
      R"(Adds "tags" (sorted, unique; sub-topics as 执法.三项制度, so a family is a prefix) and
"role" (achievement, problem, plan) to each record; every other field is copied as it came.

A --filter or -t tag that no pack knows gets a warning naming the nearest known tag.

The examples run as written from the root of a clone (testdata/ ships with it).
Examples:
  rpt split testdata/seeds | rpt tag > tagged.jsonl
  rpt tag --filter 纠纷.复议,纠纷.应诉 --counts tagged.jsonl | jq -r .text
  rpt tag --explain tagged.jsonl | jq -c '.evidence[]' | head -3
  rpt tag -e '证明事项.{0,4}告知承诺' -t 职能.告知承诺 --filter 职能.告知承诺 tagged.jsonl
  printf '[我的.复议]\nterms: 行政复议 复议\n' > my-topics.pack
  rpt tag --replace --patterns my-topics.pack tagged.jsonl | jq -c .tags | sort | uniq -c
Exit status: 0 ok, 1 some input was bad (reported and skipped), 2 usage error.)");
  return rpt::cli::run(app, argc, argv, [&] {
    if (regexes.size() != names.size())
      throw rpt::UsageError("each -e REGEX needs a -t TAG (" + std::to_string(regexes.size()) +
                            " -e, " + std::to_string(names.size()) + " -t)");
    for (size_t i = 0; i < regexes.size(); ++i) cfg.adhoc.emplace_back(regexes[i], names[i]);
    return rpt::run_tag(cfg);
  });
}
