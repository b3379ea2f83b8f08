// Fuzz target: rpt aggregate --merge over a partial file (lib/aggregate: the partial reader, the
// reducer states' from_json, merge).
// Half of the inputs are taken as they come (the header's count and checksum must refuse almost
// all of them); in the other half the harness rewrites the header's "groups" and "xxh64" to match
// the lines that follow, so the fuzzer reaches the group lines and the reducer states behind the
// check.
// Invariants: a merge either fails with a data error and writes nothing, or writes valid JSON;
// a partial it writes merges again to the same bytes (merging is idempotent on one file).
#include <xxhash.h>

#include <cstdio>

#include "aggregate.h"
#include "fuzz_util.h"

namespace {

rpt::AggregateConfig config(const std::string& in, const std::string& out, bool partial) {
  rpt::AggregateConfig c;
  c.inputs = {in};
  c.by = {rpt::parse_path("k")};
  c.reducers.push_back(rpt::ReducerSpec{});  // count
  for (auto [kind, arg] : std::initializer_list<std::pair<rpt::ReducerKind, const char*>>{
           {rpt::ReducerKind::Sum, "v"},
           {rpt::ReducerKind::Mean, "v"},
           {rpt::ReducerKind::Min, "v"},
           {rpt::ReducerKind::Max, "v"},
           {rpt::ReducerKind::Distinct, "v"},
           {rpt::ReducerKind::ApproxDistinct, "v"},
           {rpt::ReducerKind::Top, "v:3"},
           {rpt::ReducerKind::Percentiles, "v:50,90"},
           {rpt::ReducerKind::Values, "v:3"},
           {rpt::ReducerKind::First, "v"},
           {rpt::ReducerKind::Last, "v"}})
    c.reducers.push_back(rpt::parse_reducer(kind, arg));
  c.merge = true;
  c.partial = partial;
  c.format = rpt::OutputFormat::Jsonl;
  c.common.output = out;
  c.common.quiet = true;
  return c;
}

std::string slurp(const std::string& path) {
  std::string s;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
    std::fclose(f);
  }
  return s;
}

// The header with "groups" and "xxh64" made to match the lines after it.
std::string fix_header(std::string_view in) {
  size_t nl = in.find('\n');
  if (nl == std::string_view::npos) return std::string(in);
  std::string header(in.substr(0, nl));
  std::string_view body = in.substr(nl + 1);
  size_t groups = 0;
  for (char c : body) groups += c == '\n';
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", (unsigned long long)XXH64(body.data(), body.size(), 0));
  size_t g = header.find("\"groups\":"), x = header.find("\"xxh64\":\"");
  if (g == std::string::npos || x == std::string::npos || x < g) return std::string(in);
  size_t ge = header.find_first_not_of("0123456789", g + 9);
  header.replace(x + 9, std::min<size_t>(16, header.size() - (x + 9)), hex);
  header.replace(g + 9, ge - (g + 9), std::to_string(groups));
  return header + "\n" + std::string(body);
}

int merge(const std::string& in, const std::string& out, bool partial) {
  std::remove(out.c_str());
  try {
    return rpt::run_aggregate(config(in, out, partial));
  } catch (const rpt::DataError&) {
    return 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string text = data[0] & 1 ? fix_header(bytes) : std::string(bytes);
  std::string in = fuzz::write_scratch("in.partial", text);
  std::string out1 = fuzz::scratch_dir() + "/out1", out2 = fuzz::scratch_dir() + "/out2";
  std::string rows = fuzz::scratch_dir() + "/rows";
  if (merge(in, out1, true) != 0) {
    fuzz::check(slurp(out1).empty(), "a failed merge wrote output");
    return 0;
  }
  std::string first = slurp(out1);
  fuzz::check_json_lines(first, "merge --partial");
  fuzz::check(merge(out1, out2, true) == 0, "a partial rpt wrote does not merge", first);
  fuzz::check(slurp(out2) == first, "merging a partial again changed it", first);
  fuzz::check(merge(in, rows, false) == 0, "merge to rows failed after merge to partial");
  fuzz::check_json_lines(slurp(rows), "merge rows");
  return 0;
}
