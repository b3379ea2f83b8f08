// digest: the nightly digest of a corpus of records — `rpt aggregate --digest`.
//
// From segment records (rpt split, and tag/extract when they ran) it reports: documents and
// segments, documents by type, province and year, segments by role, top topics (tags), facts by
// type and per document, indicator distributions (facts of type "indicator": n, min, median, max
// per metric), and the list of documents; given the previous digest (--previous), what is new,
// removed or changed. The digest is JSON, deterministic (no clock), and written atomically with -o.
// Memory grows with documents, tags and metrics, not with records.
#pragma once

#include <simdjson.h>

#include <functional>
#include <string>
#include <vector>

#include "aggregate.h"

namespace rpt {

inline constexpr int kDigestVersion = 1;

int run_digest(const std::vector<std::string>& inputs, const AggregateConfig& cfg,
               cli::Diagnostics& diag, cli::Progress& progress);

}  // namespace rpt
