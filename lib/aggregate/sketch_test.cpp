#include "sketch.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace rpt {
namespace {

simdjson::dom::element parse(simdjson::dom::parser& p, const std::string& s) {
  return p.parse(s);
}

TEST(ExactSum, IndependentOfOrderAndSplit) {
  std::vector<double> xs = {0.1, 1e16, 0.2, -1e16, 0.3, 325.34, -0.1, 1e-300, 7};
  ExactSum a;
  for (double x : xs) a.add(x);
  ExactSum b;
  for (auto it = xs.rbegin(); it != xs.rend(); ++it) b.add(*it);
  EXPECT_EQ(a.value(), b.value());
  EXPECT_EQ(a.to_json(), b.to_json());
  // Naive summation loses the small terms next to 1e16; the exact sum does not.
  EXPECT_NEAR(a.value(), 0.1 + 0.2 + 0.3 + 325.34 - 0.1 + 7, 1e-12);
  for (size_t cut = 0; cut <= xs.size(); ++cut) {
    ExactSum l, r;
    for (size_t i = 0; i < xs.size(); ++i) (i < cut ? l : r).add(xs[i]);
    simdjson::dom::parser p;
    ExactSum r2 = ExactSum::from_json(parse(p, r.to_json()));
    l.merge(r2);
    EXPECT_EQ(l.value(), a.value()) << cut;
  }
}

TEST(ExactSum, IntegersStayExact) {
  ExactSum s;
  for (int i = 0; i < 1000; ++i) s.add(3);
  EXPECT_EQ(s.value(), 3000);
  s.add(4.0e18);
  s.add(4.0e18);  // past int64: the superaccumulator takes over
  EXPECT_EQ(s.value(), 8.0e18 + 3000);
}

TEST(HyperLogLog, EstimatesWithinItsErrorAndMergesExactly) {
  HyperLogLog all, a, b;
  std::mt19937_64 rng(42);
  for (int i = 0; i < 100000; ++i) {
    uint64_t h = rng();
    all.add(h);
    (i % 3 ? a : b).add(h);
  }
  double est = double(all.estimate());
  EXPECT_NEAR(est, 100000, 100000 * 0.05);  // ~3 standard errors
  a.merge(b);
  EXPECT_EQ(a.to_json(), all.to_json());
  HyperLogLog small;
  for (uint64_t i = 0; i < 50; ++i) small.add(std::hash<uint64_t>{}(i)*0x9E3779B97F4A7C15ull);
  EXPECT_NEAR(double(small.estimate()), 50, 3);
}

TEST(QuantileSketch, RelativeAccuracyAndExactMerge) {
  QuantileSketch all, a, b;
  std::vector<double> xs;
  for (int i = 1; i <= 1000; ++i) xs.push_back(i * 0.37);
  xs.push_back(-5);
  xs.push_back(0);
  for (size_t i = 0; i < xs.size(); ++i) {
    all.add(xs[i]);
    (i < 400 ? a : b).add(xs[i]);
  }
  std::sort(xs.begin(), xs.end());
  for (double q : {0.1, 0.5, 0.9, 0.99}) {
    double truth = xs[size_t(q * double(xs.size() - 1))];
    EXPECT_NEAR(all.quantile(q), truth, std::fabs(truth) * 0.0101) << q;
  }
  EXPECT_EQ(all.quantile(0), -5);
  EXPECT_EQ(all.quantile(1), 370);
  simdjson::dom::parser p;
  QuantileSketch b2 = QuantileSketch::from_json(parse(p, b.to_json()));
  a.merge(b2);
  EXPECT_EQ(a.to_json(), all.to_json());
}

}  // namespace
}  // namespace rpt
