#include "sketch.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

#include "io.h"
#include "path.h"

namespace rpt {

// ---- ExactSum ----------------------------------------------------------------------------------

void ExactSum::add(double v) {
  if (std::isnan(v)) {
    ++nan_;
    return;
  }
  if (std::isinf(v)) {
    ++(v > 0 ? pos_inf_ : neg_inf_);
    return;
  }
  if (!big_ && v == std::floor(v) && std::fabs(v) < 4.0e18) {
    int64_t i = int64_t(v), r;
    if (!__builtin_add_overflow(small_, i, &r)) {
      small_ = r;
      return;
    }
  }
  to_big();
  add_limbs(v);
}

void ExactSum::to_big() {
  if (big_) return;
  big_ = true;
  limbs_ = std::make_unique<std::array<int64_t, kLimbs>>();
  limbs_->fill(0);
  int64_t s = small_;
  small_ = 0;
  // An int64 is exact as two doubles: high part and the remainder.
  double hi = double(s - s % (int64_t(1) << 32));
  add_limbs(hi);
  add_limbs(double(s % (int64_t(1) << 32)));
}

void ExactSum::add_limbs(double v) {
  if (v == 0) return;
  int exp;
  double frac = std::frexp(std::fabs(v), &exp);  // |v| = frac * 2^exp, frac in [0.5, 1)
  int64_t m = int64_t(std::ldexp(frac, 53));     // exact 53-bit mantissa
  int e = exp - 53;                              // |v| = m * 2^e
  if (e < -1074) {                               // subnormal: shift mantissa right exactly
    m >>= (-1074 - e);
    e = -1074;
  }
  int b = e + 1074;  // bit offset from 2^-1074
  int k = b / 32;
  __int128 shifted = __int128(m) << (b % 32);
  int64_t sign = v < 0 ? -1 : 1;
  auto& L = *limbs_;
  L[k] += sign * int64_t(shifted & 0xFFFFFFFF);
  L[k + 1] += sign * int64_t((shifted >> 32) & 0xFFFFFFFF);
  L[k + 2] += sign * int64_t(shifted >> 64);
  if (++pending_ >= (1u << 28)) normalize();
}

void ExactSum::normalize() const {
  if (!limbs_) return;
  auto& L = *limbs_;
  for (int k = 0; k + 1 < kLimbs; ++k) {
    int64_t carry = L[k] >> 32;  // arithmetic shift: floor division
    L[k] -= carry * (int64_t(1) << 32);
    L[k + 1] += carry;
  }
  pending_ = 0;
}

void ExactSum::merge(const ExactSum& o) {
  nan_ += o.nan_, pos_inf_ += o.pos_inf_, neg_inf_ += o.neg_inf_;
  if (!o.big_ && !big_) {
    int64_t r;
    if (!__builtin_add_overflow(small_, o.small_, &r)) {
      small_ = r;
      return;
    }
  }
  to_big();
  if (!o.big_) {
    ExactSum tmp;
    tmp.small_ = o.small_;
    tmp.to_big();
    merge(tmp);
    return;
  }
  o.normalize();
  normalize();
  for (int k = 0; k < kLimbs; ++k) (*limbs_)[k] += (*o.limbs_)[k];
  normalize();
}

double ExactSum::value() const {
  if (nan_ || (pos_inf_ && neg_inf_)) return std::nan("");
  if (pos_inf_) return INFINITY;
  if (neg_inf_) return -INFINITY;
  if (!big_) return double(small_);
  normalize();
  long double r = 0;
  for (int k = kLimbs - 1; k >= 0; --k)
    if ((*limbs_)[k]) r += std::ldexp((long double)(*limbs_)[k], 32 * k - 1074);
  return double(r);
}

std::string ExactSum::to_json() const {
  // Normalised limbs are canonical: equal sums serialise identically.
  std::string s = "{\"i\":" + std::to_string(small_);
  if (big_) {
    normalize();
    s += ",\"l\":[";
    for (int k = 0; k < kLimbs; ++k) s += (k ? "," : "") + std::to_string((*limbs_)[k]);
    s += "]";
  }
  if (nan_ || pos_inf_ || neg_inf_)
    s += ",\"nan\":" + std::to_string(nan_) + ",\"inf\":" + std::to_string(pos_inf_) +
         ",\"-inf\":" + std::to_string(neg_inf_);
  return s + "}";
}

ExactSum ExactSum::from_json(simdjson::dom::element e) {
  ExactSum s;
  int64_t i;
  if (e["i"].get(i)) throw DataError({}, "bad sum state");
  s.small_ = i;
  simdjson::dom::array l;
  if (!e["l"].get(l)) {
    s.big_ = true;
    s.limbs_ = std::make_unique<std::array<int64_t, kLimbs>>();
    s.limbs_->fill(0);
    int k = 0;
    for (auto x : l) {
      int64_t v;
      if (k >= kLimbs || x.get(v)) throw DataError({}, "bad sum state");
      (*s.limbs_)[size_t(k++)] = v;
    }
    s.small_ = 0;
  }
  uint64_t n;
  if (!e["nan"].get(n)) s.nan_ = n;
  if (!e["inf"].get(n)) s.pos_inf_ = n;
  if (!e["-inf"].get(n)) s.neg_inf_ = n;
  return s;
}

// ---- HyperLogLog -------------------------------------------------------------------------------

void HyperLogLog::add(uint64_t h) {
  size_t idx = size_t(h >> (64 - kP));
  uint64_t w = (h << kP) | (uint64_t(1) << (kP - 1));
  uint8_t rank = uint8_t(std::countl_zero(w) + 1);
  reg_[idx] = std::max(reg_[idx], rank);
}

void HyperLogLog::merge(const HyperLogLog& o) {
  for (int i = 0; i < kM; ++i) reg_[size_t(i)] = std::max(reg_[size_t(i)], o.reg_[size_t(i)]);
}

uint64_t HyperLogLog::estimate() const {
  double sum = 0;
  int zeros = 0;
  for (uint8_t r : reg_) {
    sum += std::ldexp(1.0, -int(r));
    zeros += r == 0;
  }
  double m = kM;
  double alpha = 0.7213 / (1 + 1.079 / m);
  double e = alpha * m * m / sum;
  if (e <= 2.5 * m && zeros) e = m * std::log(m / zeros);  // linear counting for small sets
  return uint64_t(std::llround(e));
}

std::string HyperLogLog::to_json() const {
  static const char hex[] = "0123456789abcdef";
  std::string s = "\"";
  for (uint8_t r : reg_) s += hex[r >> 4], s += hex[r & 15];
  return s + "\"";
}

HyperLogLog HyperLogLog::from_json(simdjson::dom::element e) {
  std::string_view s;
  if (e.get(s) || s.size() != 2 * kM) throw DataError({}, "bad approx_distinct state");
  HyperLogLog h;
  auto nib = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (int i = 0; i < kM; ++i) h.reg_[size_t(i)] = uint8_t(nib(s[2 * i]) * 16 + nib(s[2 * i + 1]));
  return h;
}

// ---- QuantileSketch ----------------------------------------------------------------------------

namespace {
const double kGamma =
    (1 + QuantileSketch::kRelativeAccuracy) / (1 - QuantileSketch::kRelativeAccuracy);
const double kLogGamma = std::log(kGamma);
}  // namespace

int QuantileSketch::index(double magnitude) const {
  return int(std::ceil(std::log(magnitude) / kLogGamma));
}

double QuantileSketch::value_of(int i) const {
  return 2 * std::pow(kGamma, i) / (kGamma + 1);
}

void QuantileSketch::add(double v) {
  if (!std::isfinite(v)) return;
  if (n_ == 0 || v < min_) min_ = v;
  if (n_ == 0 || v > max_) max_ = v;
  ++n_;
  if (std::fabs(v) < 1e-300)
    ++zero_;
  else if (v > 0)
    ++pos_[index(v)];
  else
    ++neg_[index(-v)];
}

void QuantileSketch::merge(const QuantileSketch& o) {
  if (o.n_ == 0) return;
  if (n_ == 0 || o.min_ < min_) min_ = o.min_;
  if (n_ == 0 || o.max_ > max_) max_ = o.max_;
  n_ += o.n_;
  zero_ += o.zero_;
  for (auto [k, c] : o.pos_) pos_[k] += c;
  for (auto [k, c] : o.neg_) neg_[k] += c;
}

double QuantileSketch::quantile(double q) const {
  if (n_ == 0) return std::nan("");
  if (q <= 0) return min_;
  if (q >= 1) return max_;
  uint64_t rank = uint64_t(q * double(n_ - 1));
  uint64_t seen = 0;
  double v = max_;
  bool found = false;
  for (auto it = neg_.rbegin(); it != neg_.rend() && !found; ++it)
    if ((seen += it->second) > rank) v = -value_of(it->first), found = true;
  if (!found && (seen += zero_) > rank) v = 0, found = true;
  for (auto it = pos_.begin(); it != pos_.end() && !found; ++it)
    if ((seen += it->second) > rank) v = value_of(it->first), found = true;
  return std::clamp(v, min_, max_);
}

std::string QuantileSketch::to_json() const {
  std::string s = "{\"n\":" + std::to_string(n_) + ",\"min\":" + number_text(min_) +
                  ",\"max\":" + number_text(max_) + ",\"z\":" + std::to_string(zero_) + ",\"p\":[";
  bool first = true;
  for (auto [k, c] : pos_)
    s += (first ? "" : ",") + std::to_string(k) + "," + std::to_string(c), first = false;
  s += "],\"m\":[";
  first = true;
  for (auto [k, c] : neg_)
    s += (first ? "" : ",") + std::to_string(k) + "," + std::to_string(c), first = false;
  return s + "]}";
}

QuantileSketch QuantileSketch::from_json(simdjson::dom::element e) {
  QuantileSketch q;
  uint64_t n, z;
  double mn, mx;
  simdjson::dom::array p, m;
  if (e["n"].get(n) || e["z"].get(z) || e["min"].get(mn) || e["max"].get(mx) || e["p"].get(p) ||
      e["m"].get(m))
    throw DataError({}, "bad percentile state");
  q.n_ = n, q.zero_ = z, q.min_ = mn, q.max_ = mx;
  auto read = [](simdjson::dom::array a, std::map<int, uint64_t>& into) {
    std::vector<int64_t> v;
    for (auto x : a) {
      int64_t i;
      if (x.get(i)) throw DataError({}, "bad percentile state");
      v.push_back(i);
    }
    if (v.size() % 2) throw DataError({}, "bad percentile state");
    for (size_t i = 0; i < v.size(); i += 2) into[int(v[i])] = uint64_t(v[i + 1]);
  };
  read(p, q.pos_);
  read(m, q.neg_);
  return q;
}

}  // namespace rpt
