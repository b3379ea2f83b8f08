// digest: the nightly digest of a corpus of records — `rpt aggregate --digest` and `rpt nightly`.
//
// From segment records (rpt split, and tag/extract when they ran) it reports: documents and
// segments, documents by type, province and year, segments by role, top topics (tags) and every
// topic's segment count, facts by type and per document, indicator distributions (facts of type
// "indicator": n, min, median, max per metric), and the list of documents; given the previous
// digest (--previous), what is new, removed or changed.
//
// Invariants:
// - DigestState is the digest's whole aggregation state. It merges exactly: states of any split of
//   the records, merged in input order, equal the state of one pass over all of them (a document
//   met in two parts keeps the fields of its first record, as one pass does; the indicator
//   sketches merge their integer buckets). That is what lets rpt nightly keep one state per report.
// - to_json/from_json round-trip the state exactly; the text is versioned (kDigestStateVersion)
//   and holds only integers, strings and shortest-round-trip doubles, so any host reads it.
// - The digest is JSON, deterministic (no clock), and written atomically with -o. Memory grows
//   with documents, tags and metrics, not with records.
// - `changes` compares counts, never ranks: a topic that left or entered the top list is compared
//   by its full count on both sides (topic_segments), not taken as 0.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "aggregate.h"
#include "sketch.h"

namespace rpt {

inline constexpr int kDigestVersion = 1;
inline constexpr int kDigestStateVersion = 1;

class DigestState {
 public:
  // One segment record.
  void add(simdjson::dom::element record);
  // Adds a state whose records come after this one's.
  void merge(const DigestState& later);
  uint64_t segments() const { return segments_; }
  size_t documents() const { return docs_.size(); }

  // {"rpt_digest_state":1,…}: one line of JSON.
  std::string to_json() const;
  // Throws DataError (naming `where`) for text that is not a state of this version.
  static DigestState from_json(std::string_view text, const Location& where);

  // The digest (pretty-printed JSON and a newline). previous: the previous digest's text, or
  // null for none; top: how many topics top_topics lists. Throws DataError (naming
  // previous_name) when previous is not a digest.
  std::string digest(const std::string* previous, const std::string& previous_name,
                     size_t top = 20) const;

 private:
  struct Doc {
    std::string source, title, type, year, province, region;
    uint64_t segments = 0, facts = 0;
  };
  struct Topic {
    uint64_t segments = 0;
    std::set<std::string> docs;
  };
  std::map<std::string, Doc> docs_;
  std::map<std::string, uint64_t> roles_, fact_types_;
  std::map<std::string, Topic> topics_;
  std::map<std::string, QuantileSketch> metrics_;
  uint64_t segments_ = 0;
};

// Reads the previous digest for --previous: its text, or nothing when the file does not exist
// yet (the first night: the caller says so and writes a digest without changes). Other read
// errors throw DataError.
std::optional<std::string> read_previous_digest(const std::string& path);

int run_digest(const std::vector<std::string>& inputs, const AggregateConfig& cfg,
               cli::Diagnostics& diag, cli::Progress& progress);

}  // namespace rpt
