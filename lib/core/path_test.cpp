#include "path.h"

#include <gtest/gtest.h>

#include "io.h"

namespace rpt {
namespace {

std::vector<std::string> pick(const std::string& json, const std::string& path) {
  simdjson::dom::parser p;
  simdjson::dom::element e = p.parse(json);
  std::vector<Value> vals;
  select(e, parse_path(path), vals);
  std::vector<std::string> out;
  for (auto& v : vals) out.push_back(v.json());
  return out;
}

TEST(Path, SelectsNestedAndExplodedValues) {
  std::string rec = R"({"doc":{"region":{"province":"安徽省"},"year":2024},"tags":["执法","普法"],
    "facts":[{"unit":"元","value":1.5},{"unit":"人","value":3}],"a.b":{"c[d]":true},"n":null})";
  EXPECT_EQ(pick(rec, "doc.region.province"), (std::vector<std::string>{"\"安徽省\""}));
  EXPECT_EQ(pick(rec, "tags[]"), (std::vector<std::string>{"\"执法\"", "\"普法\""}));
  EXPECT_EQ(pick(rec, "facts[].value"), (std::vector<std::string>{"1.5", "3"}));
  EXPECT_EQ(pick(rec, "tags"), (std::vector<std::string>{"[\"执法\",\"普法\"]"}));
  EXPECT_EQ(pick(rec, "a\\.b.c\\[d]"), (std::vector<std::string>{"true"}));
  EXPECT_EQ(pick(rec, "n"), (std::vector<std::string>{"null"}));
  EXPECT_TRUE(pick(rec, "doc.missing").empty());
  EXPECT_TRUE(pick(rec, "doc.year.deeper").empty());
  EXPECT_TRUE(pick(rec, "doc[]").empty());  // not an array
  EXPECT_EQ(pick(rec, "tags[0]"), (std::vector<std::string>{"\"执法\""}));
  EXPECT_EQ(pick(rec, "tags[-1]"), (std::vector<std::string>{"\"普法\""}));
  EXPECT_EQ(pick(rec, "facts[1].unit"), (std::vector<std::string>{"\"人\""}));
  EXPECT_TRUE(pick(rec, "tags[2]").empty());
}

TEST(Path, RejectsMalformedPaths) {
  EXPECT_THROW(parse_path(""), UsageError);
  EXPECT_THROW(parse_path("a..b"), UsageError);
  EXPECT_THROW(parse_path("a."), UsageError);
  EXPECT_THROW(parse_path("a\\"), UsageError);
  EXPECT_THROW(parse_path("a[]b"), UsageError);
  EXPECT_THROW(parse_path("a[x]"), UsageError);
  EXPECT_THROW(parse_path("a[1"), UsageError);
}

TEST(Value, OrdersKindsThenNumbersNumerically) {
  auto v = [](const std::string& j) { return value_from_json(j); };
  EXPECT_LT(v("null").sort_key(), v("false").sort_key());
  EXPECT_LT(v("true").sort_key(), v("-5").sort_key());
  EXPECT_LT(v("-5").sort_key(), v("-0.5").sort_key());
  EXPECT_LT(v("-0.5").sort_key(), v("0").sort_key());
  EXPECT_EQ(v("0").sort_key(), v("-0.0").sort_key());
  EXPECT_LT(v("2").sort_key(), v("10").sort_key());
  EXPECT_LT(v("1e300").sort_key(), v("\"0\"").sort_key());
  EXPECT_EQ(v("2024").json(), "2024");
  EXPECT_EQ(v("0.1").json(), "0.1");
  double d;
  EXPECT_TRUE(v("\"2024\"").as_number(d));
  EXPECT_EQ(d, 2024);
  EXPECT_FALSE(v("\"20x\"").as_number(d));
  EXPECT_FALSE(v("\"\"").as_number(d));
  EXPECT_FALSE(v("null").as_number(d));
}

}  // namespace
}  // namespace rpt
