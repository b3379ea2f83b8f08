// rpt-nightly: the incremental digest of report directories. Flags here; the work is in
// lib/nightly/nightly.cpp.
#include "nightly.h"
#include "parallel.h"

int main(int argc, char** argv) {
  rpt::nightly::NightlyConfig cfg;
  CLI::App app{
      "The nightly digest of growing report directories: only new and changed reports are read "
      "(split, tag, extract in-process); results per report are kept in STATE_DIR/state.sqlite.",
      "rpt nightly"};
  app.add_option("inputs", cfg.inputs,
                 "Report directories and files (walked as rpt split walks them)")
      ->required();
  app.add_option("--state", cfg.state_dir,
                 "Directory of the state kept between runs (created; holds state.sqlite, lock)")
      ->option_text("DIR")
      ->required();
  app.add_option("--previous", cfg.previous,
                 "Report changes against this digest (default: the last digest this state "
                 "published; a file that does not exist yet: no changes, and a note)")
      ->option_text("FILE");
  app.add_option("--top-topics", cfg.top_topics, "How many topics top_topics lists")
      ->option_text("N")
      ->capture_default_str();
  cfg.jobs = 1;
  app.add_option("-j,--jobs", cfg.jobs,
                 "Process reports on N threads (output identical whatever N)")
      ->option_text("N")
      ->capture_default_str();
  app.add_option("--patterns", cfg.patterns,
                 "Patterns directory (default: $RPT_PATTERNS, the installed one, or the source "
                 "tree's)")
      ->option_text("DIR");
  rpt::cli::add_common_options(app, cfg.common);
  app.footer(R"(The digest is the one of
  rpt split DIR… | rpt tag | rpt extract | rpt aggregate --digest --previous LAST
and is written atomically (-o FILE: a temporary file, synced, renamed). A run killed at any point
leaves the previous digest and a consistent state; the next run finishes the work. A change of
rpt's binary or of patterns/ redoes every report. On stderr: how many report files were read,
reused (unchanged since the last run) and dropped (gone).

Examples:
  rpt nightly /srv/reports --state /var/lib/rpt -o /srv/www/digest.json
  rpt nightly reports/ more-reports/ --state .rpt-state -j 4 -o digest.json
See docs/nightly.md for a cron line and a systemd timer.
Exit status: 0 ok, 1 some report was bad (reported and skipped; the digest is written without
it), 2 usage error, 3 another run holds STATE_DIR/lock (nothing done).)");
  return rpt::cli::run(app, argc, argv, [&] {
    if (cfg.jobs == 0) cfg.jobs = rpt::default_jobs();
    return rpt::nightly::run_nightly(cfg);
  });
}
