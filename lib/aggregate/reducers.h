// reducers: the state of each reducer of `rpt aggregate` (count, sum, mean, min, max, distinct,
// approx-distinct, top, percentiles, values, first, last) for one group, and the reducer specs
// (parse_reducer, ReducerSpec::name, declared in aggregate.h).
//
// Invariants:
// - add() takes the values a row gives the reducer's path; merge() combines the state of a later
//   part of the input; to_json()/from_json() write and read --partial state, so that merging
//   partial states equals one run over all the input (first/last: merge in input order).
// - A value a numeric reducer cannot read is skipped and counted in the SkipCounter (null is
//   absent, not an error).
#pragma once

#include <simdjson.h>

#include <memory>
#include <vector>

#include "aggregate.h"
#include "io.h"
#include "path.h"

namespace rpt::reducers {

struct SkipCounter {  // values a numeric reducer could not read
  uint64_t n = 0;
  Location first;
};

struct State {
  virtual ~State() = default;
  virtual void add(const std::vector<Value>& values, SkipCounter& skip, const Location& where) = 0;
  virtual void merge(const State& o) = 0;
  virtual void columns(std::vector<Value>& out) const = 0;
  virtual std::string to_json() const = 0;
  virtual void from_json(simdjson::dom::element e) = 0;
};

std::unique_ptr<State> make_state(const ReducerSpec& r);

// The column name of percentile p: "p50", "p99.9".
std::string point_name(double p);

}  // namespace rpt::reducers
