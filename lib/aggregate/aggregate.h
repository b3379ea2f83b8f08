// aggregate: group records by fields and reduce them — `rpt aggregate`.
//
// Invariants:
// - Memory grows with the number of groups (and, for distinct/top/values, with distinct values per
//   group), never with the number of records: records are streamed and dropped.
// - Output order is deterministic: groups sorted by key (null < false < true < numbers < strings <
//   other JSON), or by --sort with the key as tie-break.
// - Partial results merge exactly: aggregating any split of the input into shards with --partial
//   and combining the shards with --merge (in input order, for first/last) gives the same result as
//   one run over all of it, for every reducer; approximate ones (approx_distinct, percentiles) hold
//   the same sketch either way, so they agree too.
// - A record that is not a JSON object is reported (file:line), counted and skipped; a value a
//   numeric reducer cannot read is skipped and counted, with the first place it was seen.
// - A --where or --by path that no record had is a warning at the end, naming the nearest path the
//   records did have (so `doc.yaer>=2018` is not met with a silent empty table).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli.h"
#include "path.h"

namespace rpt {

enum class ReducerKind {
  Count,
  Sum,
  Mean,
  Min,
  Max,
  Distinct,
  ApproxDistinct,
  Top,
  Percentiles,
  Values,
  First,
  Last
};

struct ReducerSpec {
  ReducerKind kind = ReducerKind::Count;
  FieldPath path;              // unused for Count
  size_t k = 10;               // top K, values N
  std::vector<double> points;  // percentiles, in percent
  std::string name() const;    // "count", "sum(facts[].value)", "top(tags[],5)", …
};

// Parses the argument of a reducer flag: "PATH", "PATH:K" (top, values) or "PATH:50,90"
// (percentiles).
ReducerSpec parse_reducer(ReducerKind kind, const std::string& arg);

// --where: PATH=V, PATH!=V, PATH<N, PATH<=N, PATH>N, PATH>=N, PATH~RE, PATH!~RE, PATH (present and
// not null), !PATH (absent or null). With [] in PATH through an array whose elements are rows (a
// --by path explodes it, or a reducer's path goes through it too), the filter keeps the rows whose
// element matches: `--where facts[].metric=X --by doc.year --max facts[].value` reads the value
// of the facts with metric X. Otherwise a record matches when any value does (and, for != and !~,
// when no value is equal or matches).
struct Filter {
  enum Op { Eq, Ne, Lt, Le, Gt, Ge, Match, NoMatch, Present, Absent };
  FieldPath path;
  Op op = Present;
  std::string operand;
  std::string text;  // as written
};
Filter parse_filter(const std::string& text);  // throws UsageError

enum class OutputFormat { Json, Jsonl, Csv, Tsv, Markdown };

struct AggregateConfig {
  std::vector<std::string> inputs;  // files, "-" = stdin
  std::vector<FieldPath> by;
  std::vector<ReducerSpec> reducers;  // empty: count
  std::vector<Filter> where;
  OutputFormat format = OutputFormat::Json;
  bool bom = false;  // --bom: CSV/TSV start with a UTF-8 byte order mark (for spreadsheets)
  std::string sort;  // output column, "-col" for descending
  size_t limit = 0;  // 0: all rows
  bool partial = false, merge = false;
  bool digest = false;
  std::string previous;               // --previous digest (with --digest)
  size_t digest_top = 20;             // --top-topics: topics in the digest's top_topics
  size_t max_line = kDefaultMaxLine;  // io.h
  cli::CommonOptions common;
};

int run_aggregate(const AggregateConfig& config);

}  // namespace rpt
