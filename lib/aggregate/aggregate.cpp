#include "aggregate.h"

#include <re2/re2.h>
#include <xxhash.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>

#include "digest.h"
#include "json.h"
#include "records.h"
#include "sketch.h"

namespace rpt {

// ---- specs -------------------------------------------------------------------------------------

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

std::string point_name(double p) {
  return "p" + number_text(p);
}
}  // namespace

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

Filter parse_filter(const std::string& text) {
  Filter f;
  f.text = text;
  if (!text.empty() && text[0] == '!' && text.find_first_of("=<>~", 1) == std::string::npos) {
    f.op = Filter::Absent;
    f.path = parse_path(text.substr(1));
    return f;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    auto at = [&](const char* op) { return text.compare(i, std::strlen(op), op) == 0; };
    struct {
      const char* s;
      Filter::Op op;
    } ops[] = {{"!~", Filter::NoMatch}, {"!=", Filter::Ne}, {"==", Filter::Eq},
               {"<=", Filter::Le},      {">=", Filter::Ge}, {"=", Filter::Eq},
               {"<", Filter::Lt},       {">", Filter::Gt},  {"~", Filter::Match}};
    for (auto& o : ops) {
      if (!at(o.s)) continue;
      f.op = o.op;
      f.path = parse_path(text.substr(0, i));
      f.operand = text.substr(i + std::strlen(o.s));
      if (f.op == Filter::Lt || f.op == Filter::Le || f.op == Filter::Gt || f.op == Filter::Ge) {
        double d;
        if (!parse_number(f.operand, d))
          throw UsageError("--where " + text + ": " + o.s + " needs a number");
      }
      if (f.op == Filter::Match || f.op == Filter::NoMatch) {
        RE2 re(f.operand, RE2::Quiet);
        if (!re.ok()) throw UsageError("--where " + text + ": bad regex: " + re.error());
      }
      return f;
    }
  }
  f.op = Filter::Present;
  f.path = parse_path(text);
  return f;
}

// ---- reducer states ----------------------------------------------------------------------------

namespace {

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

// ---- rows: a record, or one element of each exploded array
// ---------------------------------------

// The part of a path up to and including its first [] step ("facts[]" of "facts[].unit").
std::string explode_prefix(const FieldPath& p) {
  std::string s;
  for (const auto& st : p.steps) {
    s += st.key;
    s += '\x1f';
    if (st.explode) return s;
  }
  return "";
}

FieldPath rest_after_prefix(const FieldPath& p) {
  FieldPath r;
  r.text = p.text;
  bool past = false;
  for (const auto& st : p.steps) {
    if (past) r.steps.push_back(st);
    if (st.explode && !past) past = true;
  }
  return r;
}

FieldPath prefix_path(const FieldPath& p) {
  FieldPath r;
  r.text = p.text;
  for (const auto& st : p.steps) {
    r.steps.push_back(st);
    if (st.explode) {
      r.steps.back().explode = false;  // select the array itself
      break;
    }
  }
  return r;
}

struct Group {
  std::vector<Value> key;
  std::vector<std::unique_ptr<State>> states;
};

class Aggregator {
 public:
  Aggregator(const AggregateConfig& cfg, cli::Diagnostics& diag)
      : cfg_(cfg), diag_(diag), reducers_(cfg.reducers) {
    if (reducers_.empty()) reducers_.push_back(ReducerSpec{});  // count
    skips_.resize(reducers_.size());
    // Exploded arrays shared by by-paths: each is one axis of rows.
    for (const auto& b : cfg.by) {
      std::string pre = explode_prefix(b);
      if (!pre.empty() && std::find(axes_.begin(), axes_.end(), pre) == axes_.end()) {
        axes_.push_back(pre);
        axis_paths_.push_back(prefix_path(b));
      }
    }
    auto axis_of = [&](const FieldPath& p) {
      std::string pre = explode_prefix(p);
      for (size_t i = 0; i < axes_.size(); ++i)
        if (axes_[i] == pre) return int(i);
      return -1;
    };
    for (const auto& b : cfg.by) {
      by_axis_.push_back(axis_of(b));
      by_rest_.push_back(by_axis_.back() >= 0 ? rest_after_prefix(b) : b);
    }
    for (const auto& r : reducers_) {
      red_axis_.push_back(r.kind == ReducerKind::Count ? -1 : axis_of(r.path));
      red_rest_.push_back(red_axis_.back() >= 0 ? rest_after_prefix(r.path) : r.path);
    }
  }

  bool keep(simdjson::dom::element rec) {
    for (const Filter& f : cfg_.where)
      if (!matches(rec, f)) return false;
    return true;
  }

  void add(simdjson::dom::element rec, const Location& where) {
    ++records_;
    if (!keep(rec)) return;
    ++kept_;
    // Elements of each axis (a missing or empty array gives one absent element).
    std::vector<std::vector<std::optional<simdjson::dom::element>>> elems(axes_.size());
    std::vector<simdjson::dom::element> arrays;
    for (size_t a = 0; a < axes_.size(); ++a) {
      arrays.clear();
      select_elements(rec, axis_paths_[a], arrays);
      simdjson::dom::array items;
      if (arrays.size() == 1 && !arrays[0].get_array().get(items))
        for (auto x : items) elems[a].emplace_back(x);
      if (elems[a].empty()) elems[a].emplace_back(std::nullopt);
    }
    std::vector<size_t> pick(axes_.size(), 0);
    while (true) {
      row(rec, elems, pick, where);
      size_t a = 0;
      while (a < pick.size() && ++pick[a] == elems[a].size()) pick[a++] = 0;
      if (a == pick.size()) break;
    }
  }

  void row(simdjson::dom::element rec,
           const std::vector<std::vector<std::optional<simdjson::dom::element>>>& elems,
           const std::vector<size_t>& pick, const Location& where) {
    // Key values per by-path (several when a path explodes further): the row counts in each
    // combination.
    std::vector<std::vector<Value>> keyvals(cfg_.by.size());
    for (size_t b = 0; b < cfg_.by.size(); ++b) {
      int a = by_axis_[b];
      if (a < 0)
        select(rec, by_rest_[b], keyvals[b]);
      else if (elems[size_t(a)][pick[size_t(a)]])
        select(*elems[size_t(a)][pick[size_t(a)]], by_rest_[b], keyvals[b]);
      if (keyvals[b].empty()) keyvals[b].emplace_back();  // missing: the null group
    }
    std::vector<std::vector<Value>> redvals(reducers_.size());
    for (size_t r = 0; r < reducers_.size(); ++r) {
      if (reducers_[r].kind == ReducerKind::Count) continue;
      int a = red_axis_[r];
      if (a < 0)
        select(rec, red_rest_[r], redvals[r]);
      else if (elems[size_t(a)][pick[size_t(a)]])
        select(*elems[size_t(a)][pick[size_t(a)]], red_rest_[r], redvals[r]);
    }
    std::vector<size_t> k(cfg_.by.size(), 0);
    std::vector<Value> key(cfg_.by.size());
    while (true) {
      for (size_t b = 0; b < k.size(); ++b) key[b] = keyvals[b][k[b]];
      Group& g = group(key);
      for (size_t r = 0; r < reducers_.size(); ++r) g.states[r]->add(redvals[r], skips_[r], where);
      size_t b = 0;
      while (b < k.size() && ++k[b] == keyvals[b].size()) k[b++] = 0;
      if (b == k.size()) break;
    }
  }

  // A group's hash key: its values' sort keys, length-prefixed so that no two keys collide.
  static std::string group_key(const std::vector<Value>& key) {
    std::string h;
    for (const Value& v : key) {
      std::string sk = v.sort_key();
      h += std::to_string(sk.size()) + ':' + sk;
    }
    return h;
  }

  Group& group(const std::vector<Value>& key) {
    std::string hkey = group_key(key);
    auto it = groups_.find(hkey);
    if (it != groups_.end()) return it->second;
    Group g;
    g.key = key;
    for (const auto& r : reducers_) g.states.push_back(make_state(r));
    return groups_.emplace(hkey, std::move(g)).first->second;
  }

  // ---- partial files ----
  // The aggregation a partial file holds: its by, reducers and where, as three JSON arrays of
  // strings. Written in the header; --merge compares them with its own.
  std::string spec() const {
    auto array = [](const auto& items, auto text) {
      std::string s = "[";
      for (const auto& x : items) {
        if (s.size() > 1) s += ',';
        json::append_json_string(s, text(x));
      }
      return s + "]";
    };
    return "\"by\":" + array(cfg_.by, [](const FieldPath& p) { return p.text; }) +
           ",\"reducers\":" + array(reducers_, [](const ReducerSpec& r) { return r.name(); }) +
           ",\"where\":" + array(cfg_.where, [](const Filter& f) { return f.text; });
  }

  std::string header() const {
    return "{\"rpt_aggregate_partial\":1," + spec() + ",\"records\":" + std::to_string(records_) +
           ",\"kept\":" + std::to_string(kept_) + "}";
  }

  void write_partial(Output& out) {
    out.write(header() + "\n");
    for (const Group* g : sorted()) {
      std::string& b = out.buffer();
      b += "{\"key\":[";
      for (size_t i = 0; i < g->key.size(); ++i) b += (i ? "," : "") + g->key[i].json();
      b += "],\"s\":[";
      for (size_t i = 0; i < g->states.size(); ++i) b += (i ? "," : "") + g->states[i]->to_json();
      b += "]}\n";
      out.maybe_flush();
    }
  }

  // Merges one partial file; its header must describe the same aggregation.
  void merge_file(const std::string& path) {
    LineReader lines(path, cfg_.max_line);
    LineReader::Line line;
    simdjson::dom::parser parser;
    bool have_header = false;
    const std::string expect = spec();
    while (lines.next(line)) {
      if (line.text.empty()) continue;
      Location where{lines.name(), line.number};
      simdjson::dom::element e;
      if (parser.parse(line.text.data(), line.text.size(), false).get(e))
        throw DataError(where, "not a partial result line (not JSON)");
      if (!have_header) {
        simdjson::dom::object h;
        uint64_t version, recs, kept;
        if (e.get(h) || h["rpt_aggregate_partial"].get(version))
          throw DataError(where, "not an rpt aggregate --partial file (no header line)");
        // The format is versioned so that a host with another rpt refuses rather than misreads.
        if (version != 1)
          throw DataError(where, "partial file of format version " + std::to_string(version) +
                                     "; this rpt reads version 1 (make the partial files and "
                                     "merge them with the same rpt version)");
        std::string theirs = "\"by\":" + simdjson::minify(h["by"]) +
                             ",\"reducers\":" + simdjson::minify(h["reducers"]) +
                             ",\"where\":" + simdjson::minify(h["where"]);
        if (theirs != expect)
          throw DataError(where, "partial result of a different aggregation: " + theirs);
        if (h["records"].get(recs) || h["kept"].get(kept)) throw DataError(where, "bad header");
        records_ += recs, kept_ += kept;
        have_header = true;
        continue;
      }
      simdjson::dom::array key, states;
      if (e["key"].get(key) || e["s"].get(states) || key.size() != cfg_.by.size() ||
          states.size() != reducers_.size())
        throw DataError(where, "bad partial group line");
      std::vector<Value> k;
      for (auto x : key) k.push_back(Value::of(x));
      Group& g = group(k);
      size_t i = 0;
      try {
        for (auto s : states) {
          auto st = make_state(reducers_[i]);
          st->from_json(s);
          g.states[i]->merge(*st);
          ++i;
        }
      } catch (const DataError& err) {
        throw DataError(where, err.detail());
      }
    }
    if (!have_header) throw DataError({path}, "empty partial file");
  }

  // ---- results ----
  std::vector<std::string> columns() const {
    std::vector<std::string> c;
    for (const auto& b : cfg_.by) c.push_back(b.text);
    for (const auto& r : reducers_) {
      if (r.kind == ReducerKind::Percentiles)
        for (double p : r.points) c.push_back(point_name(p) + "(" + r.path.text + ")");
      else
        c.push_back(r.name());
    }
    return c;
  }

  std::vector<const Group*> sorted() const {
    std::vector<std::pair<std::vector<std::string>, const Group*>> v;
    for (auto& [h, g] : groups_) {
      std::vector<std::string> k;
      for (const auto& x : g.key) k.push_back(x.sort_key());
      v.emplace_back(std::move(k), &g);
    }
    std::sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.first < b.first; });
    std::vector<const Group*> out;
    for (auto& [k, g] : v) out.push_back(g);
    return out;
  }

  std::vector<std::vector<Value>> rows() const {
    std::vector<std::vector<Value>> out;
    for (const Group* g : sorted()) {
      std::vector<Value> row = g->key;
      for (const auto& s : g->states) s->columns(row);
      out.push_back(std::move(row));
    }
    if (!cfg_.sort.empty()) {
      bool desc = cfg_.sort[0] == '-';
      std::string col = desc ? cfg_.sort.substr(1) : cfg_.sort;
      auto cols = columns();
      auto it = std::find(cols.begin(), cols.end(), col);
      if (it == cols.end()) {
        std::string have;
        for (auto& c : cols) have += (have.empty() ? "" : ", ") + c;
        throw UsageError("--sort " + cfg_.sort + ": no such column (columns: " + have + ")");
      }
      size_t ci = size_t(it - cols.begin());
      std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
        return desc ? b[ci].sort_key() < a[ci].sort_key() : a[ci].sort_key() < b[ci].sort_key();
      });
    }
    if (cfg_.limit && out.size() > cfg_.limit) out.resize(cfg_.limit);
    return out;
  }

  void report_skips() {
    for (size_t r = 0; r < reducers_.size(); ++r)
      if (skips_[r].n)
        diag_.warn(reducers_[r].name() + ": " + std::to_string(skips_[r].n) +
                   " value(s) were not numbers and were skipped (first at " +
                   skips_[r].first.str() + ")");
  }

  uint64_t records() const { return records_; }

 private:
  bool matches(simdjson::dom::element rec, const Filter& f) {
    std::vector<Value> vals;
    select(rec, f.path, vals);
    bool any_present =
        std::any_of(vals.begin(), vals.end(), [](const Value& v) { return v.kind != Value::Null; });
    if (vals.empty()) vals.emplace_back();  // missing reads as null, as it groups
    switch (f.op) {
      case Filter::Present:
        return any_present;
      case Filter::Absent:
        return !any_present;
      case Filter::Eq:
      case Filter::Ne: {
        bool eq = std::any_of(vals.begin(), vals.end(), [&](const Value& v) {
          double b;
          if (v.kind == Value::Number && parse_number(f.operand, b)) return v.num == b;
          return v.text() == f.operand || (f.operand == "null" && v.kind == Value::Null);
        });
        return f.op == Filter::Eq ? eq : !eq;
      }
      case Filter::Match:
      case Filter::NoMatch: {
        auto& re = regex(f.operand);
        bool m = std::any_of(vals.begin(), vals.end(), [&](const Value& v) {
          return v.kind != Value::Null && RE2::PartialMatch(v.text(), re);
        });
        return f.op == Filter::Match ? m : !m;
      }
      default: {
        double b = 0;
        parse_number(f.operand, b);  // checked by parse_filter
        return std::any_of(vals.begin(), vals.end(), [&](const Value& v) {
          double a;
          if (!v.as_number(a)) return false;
          switch (f.op) {
            case Filter::Lt:
              return a < b;
            case Filter::Le:
              return a <= b;
            case Filter::Gt:
              return a > b;
            default:
              return a >= b;
          }
        });
      }
    }
  }

  const RE2& regex(const std::string& s) {
    auto it = regexes_.find(s);
    if (it == regexes_.end()) it = regexes_.emplace(s, std::make_unique<RE2>(s, RE2::Quiet)).first;
    return *it->second;
  }

  const AggregateConfig& cfg_;
  cli::Diagnostics& diag_;
  std::vector<ReducerSpec> reducers_;
  std::vector<SkipCounter> skips_;
  std::vector<std::string> axes_;
  std::vector<FieldPath> axis_paths_;
  std::vector<int> by_axis_, red_axis_;
  std::vector<FieldPath> by_rest_, red_rest_;
  std::unordered_map<std::string, Group> groups_;
  std::unordered_map<std::string, std::unique_ptr<RE2>> regexes_;
  uint64_t records_ = 0, kept_ = 0;
};

// ---- output formats
// ------------------------------------------------------------------------------

std::string csv_cell(const std::string& s, char sep) {
  if (sep == '\t') {
    std::string o;
    for (char c : s) {
      if (c == '\t')
        o += "\\t";
      else if (c == '\n')
        o += "\\n";
      else if (c == '\r')
        o += "\\r";
      else if (c == '\\')
        o += "\\\\";
      else
        o += c;
    }
    return o;
  }
  bool quote = s.find_first_of(",\"\n\r") != std::string::npos ||
               (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

std::string md_cell(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '|')
      o += "\\|";
    else if (c == '\n')
      o += "<br>";
    else
      o += c;
  }
  return o;
}

void write_rows(Output& out, const std::vector<std::string>& cols,
                const std::vector<std::vector<Value>>& rows, OutputFormat fmt) {
  auto object = [&](const std::vector<Value>& r) {
    std::string s = "{";
    for (size_t i = 0; i < cols.size(); ++i) {
      if (i) s += ',';
      json::append_json_string(s, cols[i]);
      s += ':' + r[i].json();
    }
    return s + "}";
  };
  switch (fmt) {
    case OutputFormat::Json:
      out.write("[");
      for (size_t i = 0; i < rows.size(); ++i) {
        out.write(i ? ",\n" : "\n");
        out.write(object(rows[i]));
      }
      out.write(rows.empty() ? "]\n" : "\n]\n");
      break;
    case OutputFormat::Jsonl:
      for (const auto& r : rows) out.write(object(r) + "\n");
      break;
    case OutputFormat::Csv:
    case OutputFormat::Tsv: {
      char sep = fmt == OutputFormat::Csv ? ',' : '\t';
      std::string line;
      for (size_t i = 0; i < cols.size(); ++i)
        line += (i ? std::string(1, sep) : "") + csv_cell(cols[i], sep);
      out.write(line + (fmt == OutputFormat::Csv ? "\r\n" : "\n"));
      for (const auto& r : rows) {
        line.clear();
        for (size_t i = 0; i < r.size(); ++i)
          line += (i ? std::string(1, sep) : "") + csv_cell(r[i].text(), sep);
        out.write(line + (fmt == OutputFormat::Csv ? "\r\n" : "\n"));
      }
      break;
    }
    case OutputFormat::Markdown: {
      std::string line = "|";
      for (const auto& c : cols) line += " " + md_cell(c) + " |";
      out.write(line + "\n|");
      for (size_t i = 0; i < cols.size(); ++i) {
        bool numeric = !rows.empty() && rows[0][i].kind == Value::Number;
        out.write(numeric ? " ---: |" : " --- |");
      }
      out.write("\n");
      for (const auto& r : rows) {
        line = "|";
        for (const auto& v : r) line += " " + md_cell(v.text()) + " |";
        out.write(line + "\n");
      }
      break;
    }
  }
}

}  // namespace

// ---- the command -------------------------------------------------------------------------------

int run_aggregate(const AggregateConfig& cfg) {
  cli::Diagnostics diag("rpt aggregate", cfg.common);
  cli::Progress progress("rpt aggregate", cfg.common);
  std::vector<std::string> inputs = cli::inputs_or_stdin(cfg.inputs, "rpt aggregate");
  if (cfg.digest) {
    int status = run_digest(inputs, cfg, diag, progress);
    diag.finish();
    return status ? status : diag.exit_status();
  }
  Output out(cfg.common.output);
  Aggregator agg(cfg, diag);
  if (cfg.merge) {
    for (const auto& p : inputs) {
      try {
        agg.merge_file(p);
      } catch (const DataError& e) {
        // A damaged partial cannot be half-merged: stop without output.
        throw DataError(e.where(), e.detail() + " (nothing written)");
      }
    }
  } else {
    for_each_record(
        inputs, cfg.max_line, diag, progress,
        [&](simdjson::dom::element e, std::string_view, const Location& w) { agg.add(e, w); });
  }
  if (cfg.partial)
    agg.write_partial(out);
  else
    write_rows(out, agg.columns(), agg.rows(), cfg.format);
  out.commit();
  agg.report_skips();
  diag.finish();
  return diag.exit_status();
}

}  // namespace rpt
