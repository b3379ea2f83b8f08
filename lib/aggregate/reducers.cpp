#include "reducers.h"

#include <xxhash.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "sketch.h"

namespace rpt {

// ---- specs ----------------------------------------------------------------------------------

namespace {
const char* kind_name(ReducerKind k) {
  switch (k) {
    case ReducerKind::Count:
      return "count";
    case ReducerKind::Sum:
      return "sum";
    case ReducerKind::Mean:
      return "mean";
    case ReducerKind::Min:
      return "min";
    case ReducerKind::Max:
      return "max";
    case ReducerKind::Distinct:
      return "distinct";
    case ReducerKind::ApproxDistinct:
      return "approx_distinct";
    case ReducerKind::Top:
      return "top";
    case ReducerKind::Percentiles:
      return "percentiles";
    case ReducerKind::Values:
      return "values";
    case ReducerKind::First:
      return "first";
    case ReducerKind::Last:
      return "last";
  }
  return "?";
}

}  // namespace

namespace reducers {
std::string point_name(double p) {
  return "p" + number_text(p);
}
}  // namespace reducers

std::string ReducerSpec::name() const {
  if (kind == ReducerKind::Count) return "count";
  std::string s = std::string(kind_name(kind)) + "(" + path.text;
  if (kind == ReducerKind::Top || kind == ReducerKind::Values) s += "," + std::to_string(k);
  if (kind == ReducerKind::Percentiles) {
    for (double p : points) s += "," + number_text(p);
  }
  return s + ")";
}

ReducerSpec parse_reducer(ReducerKind kind, const std::string& arg) {
  ReducerSpec r;
  r.kind = kind;
  std::string path = arg, param;
  // The parameter follows the last unescaped ':' (paths rarely hold one; write \: if so).
  for (size_t i = arg.size(); i-- > 0;) {
    if (arg[i] == ':' && (i == 0 || arg[i - 1] != '\\')) {
      path = arg.substr(0, i);
      param = arg.substr(i + 1);
      break;
    }
  }
  r.path = parse_path(path);
  if (kind == ReducerKind::Percentiles) {
    r.points = {50, 90, 99};
    if (!param.empty()) {
      r.points.clear();
      size_t pos = 0;
      while (pos <= param.size()) {
        size_t c = param.find(',', pos);
        if (c == std::string::npos) c = param.size();
        double p;
        auto res = std::from_chars(param.data() + pos, param.data() + c, p);
        if (res.ec != std::errc() || res.ptr != param.data() + c || p < 0 || p > 100)
          throw UsageError("--percentiles " + arg + ": percentiles are numbers from 0 to 100");
        r.points.push_back(p);
        pos = c + 1;
      }
    }
  } else if (kind == ReducerKind::Top || kind == ReducerKind::Values) {
    if (!param.empty()) {
      size_t k = 0;
      auto res = std::from_chars(param.data(), param.data() + param.size(), k);
      if (res.ec != std::errc() || res.ptr != param.data() + param.size() || k == 0)
        throw UsageError(std::string("--") + kind_name(kind) + " " + arg +
                         ": expected PATH:N, N > 0");
      r.k = k;
    }
  } else if (!param.empty()) {
    r.path = parse_path(arg);  // the ':' belonged to the path
  }
  return r;
}

namespace reducers {

namespace {

Value number_value(double d) {
  Value v;
  if (std::isnan(d)) return v;
  v.kind = Value::Number;
  v.num = d;
  if (d == std::floor(d) && std::fabs(d) < 9.0e15) v.integer = true, v.i = int64_t(d);
  return v;
}
Value int_value(int64_t i) {
  Value v;
  v.kind = Value::Number, v.integer = true, v.i = i, v.num = double(i);
  return v;
}
Value json_value(std::string raw) {
  Value v;
  v.kind = Value::Json;
  v.str = std::move(raw);
  return v;
}

bool read_number(const Value& v, double& d, SkipCounter& skip, const Location& where) {
  if (v.as_number(d)) return true;
  if (v.kind == Value::Null) return false;  // null: absent, not an error
  if (skip.n++ == 0) skip.first = where;
  return false;
}

struct CountState : State {
  uint64_t n = 0;
  void add(const std::vector<Value>&, SkipCounter&, const Location&) override { ++n; }
  void merge(const State& o) override { n += static_cast<const CountState&>(o).n; }
  void columns(std::vector<Value>& out) const override { out.push_back(int_value(int64_t(n))); }
  std::string to_json() const override { return std::to_string(n); }
  void from_json(simdjson::dom::element e) override {
    if (e.get(n)) throw DataError({}, "bad count state");
  }
};

struct SumState : State {
  bool mean;
  ExactSum sum;
  uint64_t n = 0;
  bool all_int = true;
  explicit SumState(bool m) : mean(m) {}
  void add(const std::vector<Value>& values, SkipCounter& skip, const Location& where) override {
    for (const Value& v : values) {
      double d;
      if (!read_number(v, d, skip, where)) continue;
      sum.add(d);
      all_int &= d == std::floor(d);
      ++n;
    }
  }
  void merge(const State& o) override {
    auto& s = static_cast<const SumState&>(o);
    sum.merge(s.sum);
    n += s.n;
    all_int &= s.all_int;
  }
  void columns(std::vector<Value>& out) const override {
    if (mean)
      out.push_back(n ? number_value(sum.value() / double(n)) : Value{});
    else
      out.push_back(number_value(sum.value()));
  }
  std::string to_json() const override {
    return "{\"s\":" + sum.to_json() + ",\"n\":" + std::to_string(n) +
           ",\"int\":" + (all_int ? "true" : "false") + "}";
  }
  void from_json(simdjson::dom::element e) override {
    simdjson::dom::element s;
    if (e["s"].get(s) || e["n"].get(n) || e["int"].get(all_int))
      throw DataError({}, "bad sum state");
    sum = ExactSum::from_json(s);
  }
};

struct ExtremeState : State {
  bool is_max;
  bool has = false;
  double v = 0;
  explicit ExtremeState(bool m) : is_max(m) {}
  void take(double d) {
    if (!has || (is_max ? d > v : d < v)) v = d, has = true;
  }
  void add(const std::vector<Value>& values, SkipCounter& skip, const Location& where) override {
    for (const Value& x : values) {
      double d;
      if (read_number(x, d, skip, where)) take(d);
    }
  }
  void merge(const State& o) override {
    auto& s = static_cast<const ExtremeState&>(o);
    if (s.has) take(s.v);
  }
  void columns(std::vector<Value>& out) const override {
    out.push_back(has ? number_value(v) : Value{});
  }
  std::string to_json() const override { return has ? number_text(v) : "null"; }
  void from_json(simdjson::dom::element e) override {
    has = !e.is_null();
    if (has && e.get(v)) throw DataError({}, "bad min/max state");
  }
};

// Values kept by their sort keys: exact distinct sets, and the N smallest for values().
struct SetState : State {
  size_t cap;  // 0: unbounded (distinct)
  std::map<std::string, Value> items;
  explicit SetState(size_t c) : cap(c) {}
  void insert(const Value& v) {
    std::string k = v.sort_key();
    if (cap && items.size() >= cap && k >= items.rbegin()->first) return;
    items.emplace(std::move(k), v);
    if (cap && items.size() > cap) items.erase(std::prev(items.end()));
  }
  void add(const std::vector<Value>& values, SkipCounter&, const Location&) override {
    for (const Value& v : values) insert(v);
  }
  void merge(const State& o) override {
    for (auto& [k, v] : static_cast<const SetState&>(o).items) insert(v);
  }
  std::string array() const {
    std::string s = "[";
    for (auto& [k, v] : items) s += (s.size() > 1 ? "," : "") + v.json();
    return s + "]";
  }
  void columns(std::vector<Value>& out) const override {
    out.push_back(cap ? json_value(array()) : int_value(int64_t(items.size())));
  }
  std::string to_json() const override { return array(); }
  void from_json(simdjson::dom::element e) override {
    simdjson::dom::array a;
    if (e.get(a)) throw DataError({}, "bad distinct state");
    for (auto x : a) insert(Value::of(x));
  }
};

struct ApproxState : State {
  HyperLogLog hll;
  void add(const std::vector<Value>& values, SkipCounter&, const Location&) override {
    for (const Value& v : values) {
      std::string k = v.sort_key();
      hll.add(XXH3_64bits(k.data(), k.size()));
    }
  }
  void merge(const State& o) override { hll.merge(static_cast<const ApproxState&>(o).hll); }
  void columns(std::vector<Value>& out) const override {
    out.push_back(int_value(int64_t(hll.estimate())));
  }
  std::string to_json() const override { return hll.to_json(); }
  void from_json(simdjson::dom::element e) override { hll = HyperLogLog::from_json(e); }
};

struct TopState : State {
  size_t k;
  std::map<std::string, std::pair<Value, uint64_t>> counts;
  explicit TopState(size_t kk) : k(kk) {}
  void add(const std::vector<Value>& values, SkipCounter&, const Location&) override {
    for (const Value& v : values) {
      auto& slot = counts[v.sort_key()];
      slot.first = v;
      ++slot.second;
    }
  }
  void merge(const State& o) override {
    for (auto& [key, vc] : static_cast<const TopState&>(o).counts) {
      auto& slot = counts[key];
      slot.first = vc.first;
      slot.second += vc.second;
    }
  }
  void columns(std::vector<Value>& out) const override {
    std::vector<const std::pair<const std::string, std::pair<Value, uint64_t>>*> all;
    for (auto& e : counts) all.push_back(&e);
    std::stable_sort(all.begin(), all.end(),
                     [](auto* a, auto* b) { return a->second.second > b->second.second; });
    std::string s = "[";
    for (size_t i = 0; i < all.size() && i < k; ++i)
      s += (i ? "," : "") + std::string("[") + all[i]->second.first.json() + "," +
           std::to_string(all[i]->second.second) + "]";
    out.push_back(json_value(s + "]"));
  }
  std::string to_json() const override {
    std::string s = "[";
    for (auto& [key, vc] : counts)
      s += (s.size() > 1 ? "," : "") + std::string("[") + vc.first.json() + "," +
           std::to_string(vc.second) + "]";
    return s + "]";
  }
  void from_json(simdjson::dom::element e) override {
    simdjson::dom::array a;
    if (e.get(a)) throw DataError({}, "bad top state");
    for (auto pair : a) {
      simdjson::dom::array p;
      uint64_t c;
      if (pair.get(p) || p.size() != 2 || p.at(1).get(c)) throw DataError({}, "bad top state");
      Value v = Value::of(p.at(0).value());
      auto& slot = counts[v.sort_key()];
      slot.first = v;
      slot.second += c;
    }
  }
};

struct PercentileState : State {
  const std::vector<double>* points;
  QuantileSketch q;
  explicit PercentileState(const std::vector<double>* p) : points(p) {}
  void add(const std::vector<Value>& values, SkipCounter& skip, const Location& where) override {
    for (const Value& v : values) {
      double d;
      if (read_number(v, d, skip, where)) q.add(d);
    }
  }
  void merge(const State& o) override { q.merge(static_cast<const PercentileState&>(o).q); }
  void columns(std::vector<Value>& out) const override {
    for (double p : *points) out.push_back(q.count() ? number_value(q.quantile(p / 100)) : Value{});
  }
  std::string to_json() const override { return q.to_json(); }
  void from_json(simdjson::dom::element e) override { q = QuantileSketch::from_json(e); }
};

struct EndState : State {
  bool last;
  bool has = false;
  Value v;
  explicit EndState(bool l) : last(l) {}
  void add(const std::vector<Value>& values, SkipCounter&, const Location&) override {
    if (values.empty()) return;
    if (last || !has) v = last ? values.back() : values.front(), has = true;
  }
  void merge(const State& o) override {
    auto& s = static_cast<const EndState&>(o);  // o comes after this in input order
    if (s.has && (last || !has)) v = s.v, has = true;
  }
  void columns(std::vector<Value>& out) const override { out.push_back(has ? v : Value{}); }
  std::string to_json() const override { return has ? "[" + v.json() + "]" : "[]"; }
  void from_json(simdjson::dom::element e) override {
    simdjson::dom::array a;
    if (e.get(a)) throw DataError({}, "bad first/last state");
    has = a.size() == 1;
    if (has) v = Value::of(a.at(0).value());
  }
};

}  // namespace

std::unique_ptr<State> make_state(const ReducerSpec& r) {
  switch (r.kind) {
    case ReducerKind::Count:
      return std::make_unique<CountState>();
    case ReducerKind::Sum:
      return std::make_unique<SumState>(false);
    case ReducerKind::Mean:
      return std::make_unique<SumState>(true);
    case ReducerKind::Min:
      return std::make_unique<ExtremeState>(false);
    case ReducerKind::Max:
      return std::make_unique<ExtremeState>(true);
    case ReducerKind::Distinct:
      return std::make_unique<SetState>(0);
    case ReducerKind::ApproxDistinct:
      return std::make_unique<ApproxState>();
    case ReducerKind::Top:
      return std::make_unique<TopState>(r.k);
    case ReducerKind::Percentiles:
      return std::make_unique<PercentileState>(&r.points);
    case ReducerKind::Values:
      return std::make_unique<SetState>(r.k);
    case ReducerKind::First:
      return std::make_unique<EndState>(false);
    case ReducerKind::Last:
      return std::make_unique<EndState>(true);
  }
  return nullptr;
}

}  // namespace reducers
}  // namespace rpt
