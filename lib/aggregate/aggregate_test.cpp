#include "aggregate.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace rpt {
namespace {

using nlohmann::json;

const char* kRecords = R"({"g":"a","v":1,"t":["x","y"],"f":[{"u":"元","v":10},{"u":"人","v":3}]}
{"g":"a","v":2.5,"t":["x"],"f":[{"u":"元","v":5}]}
{"g":"b","v":"7","t":[],"f":[]}
{"g":"b","v":"abc"}
{"v":4}
)";

struct AggRun {
  std::string in, out;
  AggRun() {
    char a[] = "/tmp/rpt_agg_in_XXXXXX", b[] = "/tmp/rpt_agg_out_XXXXXX";
    close(mkstemp(a));
    close(mkstemp(b));
    in = a, out = b;
    std::ofstream(in) << kRecords;
  }
  ~AggRun() {
    unlink(in.c_str());
    unlink(out.c_str());
  }
  // Runs with by paths and reducers; returns the rows as JSON.
  json rows(std::vector<std::string> by, std::vector<ReducerSpec> reducers,
            std::vector<std::string> where = {}, std::string sort = "") {
    AggregateConfig c;
    c.inputs = {in};
    for (auto& b : by) c.by.push_back(parse_path(b));
    c.reducers = std::move(reducers);
    for (auto& w : where) c.where.push_back(parse_filter(w));
    c.sort = sort;
    c.common.output = out;
    c.common.quiet = true;
    EXPECT_EQ(run_aggregate(c), 0);
    return json::parse(testing::slurp(out));
  }
};

ReducerSpec R(ReducerKind k, const std::string& arg = "") {
  return k == ReducerKind::Count ? ReducerSpec{} : parse_reducer(k, arg);
}

TEST(Aggregate, WhereThroughARowArrayFiltersItsRows) {
  AggRun r;
  using K = ReducerKind;
  // A reducer through f[]: the filter keeps the elements, the reducer reads the same ones.
  auto rows = r.rows({"g"}, {ReducerSpec{}, parse_reducer(K::Sum, "f[].v")}, {"f[].u=元"});
  EXPECT_EQ(rows, json::parse(R"j([{"g":"a","count":2,"sum(f[].v)":15}])j"));
  // A --by through f[]: rows of the other units are dropped.
  rows = r.rows({"f[].u"}, {parse_reducer(K::Max, "f[].v")}, {"f[].v>4"});
  EXPECT_EQ(rows, json::parse(R"j([{"f[].u":"元","max(f[].v)":10}])j"));
  // Neither: the filter keeps records with any matching element, and count counts records.
  rows = r.rows({"g"}, {ReducerSpec{}}, {"t[]=y"});
  EXPECT_EQ(rows, json::parse(R"j([{"g":"a","count":1}])j"));
}

TEST(Aggregate, EveryReducerOnAHandCheckedInput) {
  AggRun run;
  using K = ReducerKind;
  json rows = run.rows(
      {"g"}, {R(K::Count), R(K::Sum, "v"), R(K::Mean, "v"), R(K::Min, "v"), R(K::Max, "v"),
              R(K::Distinct, "t[]"), R(K::Top, "t[]:1"), R(K::Percentiles, "v:0,50,100"),
              R(K::Values, "v:2"), R(K::First, "v"), R(K::Last, "v"), R(K::ApproxDistinct, "t[]")});
  ASSERT_EQ(rows.size(), 3u);
  // null sorts first.
  EXPECT_EQ(rows[0]["g"], nullptr);
  EXPECT_EQ(rows[0]["count"], 1);
  EXPECT_EQ(rows[0]["sum(v)"], 4);
  json a = rows[1], b = rows[2];
  EXPECT_EQ(a["g"], "a");
  EXPECT_EQ(a["count"], 2);
  EXPECT_EQ(a["sum(v)"], 3.5);
  EXPECT_EQ(a["mean(v)"], 1.75);
  EXPECT_EQ(a["min(v)"], 1);
  EXPECT_EQ(a["max(v)"], 2.5);
  EXPECT_EQ(a["distinct(t[])"], 2);
  EXPECT_EQ(a["approx_distinct(t[])"], 2);
  EXPECT_EQ(a["top(t[],1)"], json::parse(R"([["x",2]])"));
  EXPECT_EQ(a["p0(v)"], 1);
  EXPECT_EQ(a["p100(v)"], 2.5);
  EXPECT_EQ(a["values(v,2)"], json::parse("[1,2.5]"));
  EXPECT_EQ(a["first(v)"], 1);
  EXPECT_EQ(a["last(v)"], 2.5);
  // b: "7" reads as a number, "abc" is skipped (and reported) by numeric reducers.
  EXPECT_EQ(b["count"], 2);
  EXPECT_EQ(b["sum(v)"], 7);
  EXPECT_EQ(b["min(v)"], 7);
  EXPECT_EQ(b["distinct(t[])"], 0);
  EXPECT_EQ(b["values(v,2)"], json::parse(R"(["7","abc"])"));
  EXPECT_EQ(b["first(v)"], "7");
  EXPECT_EQ(b["last(v)"], "abc");
}

TEST(Aggregate, ExplodedKeysMakeRowsAndMissingKeysAreNull) {
  AggRun run;
  json tags = run.rows({"t[]"}, {R(ReducerKind::Count)});
  EXPECT_EQ(tags,
            json::parse(R"([{"t[]":null,"count":3},{"t[]":"x","count":2},{"t[]":"y","count":1}])"));
  // Paths through the same array read the same element: sum per unit, not per record.
  json units = run.rows({"f[].u"}, {R(ReducerKind::Count), R(ReducerKind::Sum, "f[].v")});
  EXPECT_EQ(units, json::parse(R"J([{"f[].u":null,"count":3,"sum(f[].v)":0},
    {"f[].u":"人","count":1,"sum(f[].v)":3},{"f[].u":"元","count":2,"sum(f[].v)":15}])J"));
  // Two keys: groups are combinations.
  json both = run.rows({"g", "t[]"}, {R(ReducerKind::Count)});
  EXPECT_EQ(both.size(), 4u);  // (null,null) (a,x) (a,y) (b,null)
  EXPECT_EQ(both[1], json::parse(R"({"g":"a","t[]":"x","count":2})"));
}

TEST(Aggregate, WhereFilters) {
  AggRun run;
  auto count = [&](std::vector<std::string> where) {
    json r = run.rows({}, {R(ReducerKind::Count)}, where);
    return r.empty() ? 0 : r[0]["count"].get<int>();
  };
  EXPECT_EQ(count({"g=a"}), 2);
  EXPECT_EQ(count({"g!=a"}), 3);
  EXPECT_EQ(count({"v>2"}), 3);  // 2.5, "7", 4
  EXPECT_EQ(count({"v>=1", "v<=2.5"}), 2);
  EXPECT_EQ(count({"t[]~^x"}), 2);
  EXPECT_EQ(count({"t[]!~y"}), 4);
  EXPECT_EQ(count({"!g"}), 1);
  EXPECT_EQ(count({"f"}), 3);
  EXPECT_EQ(count({"g=null"}), 1);
  EXPECT_THROW(parse_filter("v>abc"), UsageError);
  EXPECT_THROW(parse_filter("v~(unclosed"), UsageError);
}

TEST(Aggregate, SortAndLimit) {
  AggRun run;
  json r = run.rows({"t[]"}, {R(ReducerKind::Count)}, {}, "-count");
  EXPECT_EQ(r[0]["t[]"], nullptr);
  EXPECT_EQ(r[1]["t[]"], "x");
  EXPECT_THROW(run.rows({"t[]"}, {R(ReducerKind::Count)}, {}, "nope"), UsageError);
}

TEST(Aggregate, ReducerArguments) {
  EXPECT_EQ(parse_reducer(ReducerKind::Top, "tags[]:5").k, 5u);
  EXPECT_EQ(parse_reducer(ReducerKind::Percentiles, "x:25,75").points,
            (std::vector<double>{25, 75}));
  EXPECT_EQ(parse_reducer(ReducerKind::Sum, "a.b").name(), "sum(a.b)");
  EXPECT_THROW(parse_reducer(ReducerKind::Top, "x:0"), UsageError);
  EXPECT_THROW(parse_reducer(ReducerKind::Percentiles, "x:101"), UsageError);
}

}  // namespace
}  // namespace rpt
