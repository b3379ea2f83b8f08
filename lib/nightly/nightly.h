// nightly: `rpt nightly DIR… --state STATE_DIR -o digest.json` — the digest of a growing report
// directory, redoing only the reports that are new or changed since the last run.
//
// A run: take the lock (STATE_DIR/lock, flock: a second run at the same time stops at once, exit
// status 3); walk the inputs as rpt split does; for each report hash its bytes (XXH3-128) and reuse
// its stored state when hash and fingerprint (rpt's binary and patterns/) match, else run it
// through split | tag | extract in-process (pipeline.h) and store the new state; drop the rows of
// reports that are gone; merge the states in walk order; write the digest, with its changes
// against the last digest published (or --previous FILE); then commit.
//
// Invariants:
// - The digest equals `rpt split DIR… | rpt tag | rpt extract | rpt aggregate --digest` over the
//   directory as it is (DigestState merges exactly, in walk order), with any -j.
// - Killed at any point (SIGKILL included), a run leaves the previous digest as it was and the
//   state consistent: the digest is written to a temporary file, synced and renamed over the
//   old one, and only then is the transaction that records it as published committed. Rows of
//   reports processed are committed in batches before that, which is safe because a row is true
//   of its content whatever became of the run (state.h): a killed run's work is not lost.
// - Deterministic: results are consumed in walk order whatever the number of workers.
#pragma once

#include <string>
#include <vector>

#include "cli.h"

namespace rpt::nightly {

inline constexpr int kExitLocked = 3;  // another run holds STATE_DIR/lock

struct NightlyConfig {
  std::vector<std::string> inputs;  // directories and files
  std::string state_dir;
  std::string previous;    // --previous FILE; empty: the last digest this state published
  size_t top_topics = 20;  // as rpt aggregate --digest --top-topics
  size_t jobs = 1;         // -j
  std::string patterns;    // --patterns DIR
  cli::CommonOptions common;
};

int run_nightly(const NightlyConfig& cfg);

// The fingerprint of what processes reports: rpt's version, its executable (the GNU build id the
// linker derives from its contents, else its bytes), and every file under patterns_dir (names
// and bytes). A change of any of them redoes every report.
std::string fingerprint(const std::string& patterns_dir);

// The XXH3-128 hash of bytes, as 32 hex digits.
std::string content_hash(std::string_view bytes);

}  // namespace rpt::nightly
