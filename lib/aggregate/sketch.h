// sketch: reducer states that merge exactly, so aggregating shards and merging the partial results
// equals one run over everything, whatever the split and order.
//
// - ExactSum adds doubles without rounding (integers in an int64 while they fit, otherwise a
//   fixed-point superaccumulator over the whole double range), so the sum is independent of the
//   order of the additions; the double it reports is a deterministic function of the exact sum.
// - HyperLogLog (p = 12: 4096 one-byte registers) estimates distinct counts with a standard error
// of
//   1.04/sqrt(4096) ≈ 1.6%; merging takes register maxima, which is what one run would hold.
// - QuantileSketch is a DDSketch with relative accuracy 1%: every quantile it reports is within 1%
// of
//   a value whose rank is the requested one. Buckets are integer counts, so merging is exact; n,
//   min and max are kept exactly.
#pragma once

#include <simdjson.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace rpt {

class ExactSum {
 public:
  void add(double v);
  void merge(const ExactSum& o);
  double value() const;
  std::string to_json() const;
  static ExactSum from_json(simdjson::dom::element e);  // throws DataError

 private:
  static constexpr int kLimbs = 70;  // 32 bits each: 2^-1074 .. 2^1024 plus carry room
  void normalize() const;
  void to_big();
  bool big_ = false;
  int64_t small_ = 0;  // exact while !big_
  mutable std::unique_ptr<std::array<int64_t, kLimbs>>
      limbs_;                     // value = sum limb[k] * 2^(32k-1074)
  mutable uint32_t pending_ = 0;  // additions since the last carry pass
  uint64_t nan_ = 0, pos_inf_ = 0, neg_inf_ = 0;
  void add_limbs(double v);
};

class HyperLogLog {
 public:
  static constexpr int kP = 12;
  static constexpr int kM = 1 << kP;
  HyperLogLog() : reg_(kM, 0) {}
  void add(uint64_t hash);
  void merge(const HyperLogLog& o);
  uint64_t estimate() const;
  std::string to_json() const;  // hex of the registers
  static HyperLogLog from_json(simdjson::dom::element e);

 private:
  std::vector<uint8_t> reg_;
};

class QuantileSketch {
 public:
  static constexpr double kRelativeAccuracy = 0.01;
  void add(double v);
  void merge(const QuantileSketch& o);
  uint64_t count() const { return n_; }
  double min() const { return min_; }
  double max() const { return max_; }
  // q in [0, 1]; n() must be > 0.
  double quantile(double q) const;
  std::string to_json() const;
  static QuantileSketch from_json(simdjson::dom::element e);

 private:
  int index(double magnitude) const;
  double value_of(int index) const;
  std::map<int, uint64_t> pos_, neg_;
  uint64_t zero_ = 0, n_ = 0;
  double min_ = 0, max_ = 0;
};

}  // namespace rpt
