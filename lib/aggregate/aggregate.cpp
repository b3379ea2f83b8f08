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

#include "batches.h"
#include "digest.h"
#include "json.h"
#include "records.h"
#include "reducers.h"
#include "suggest.h"
#include "table.h"

namespace rpt {

// ---- filters -----------------------------------------------------------------------------------

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

// ---- rows: a record, or one element of each exploded array ----------------------------------

namespace {

using reducers::make_state;
using reducers::SkipCounter;
using reducers::State;

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
    // An array a --where and a reducer both go through is an axis too: the filter picks the
    // elements the reducer reads (facts[].metric=X with max(facts[].value)).
    for (const auto& f : cfg.where) {
      std::string pre = explode_prefix(f.path);
      if (pre.empty() || std::find(axes_.begin(), axes_.end(), pre) != axes_.end()) continue;
      for (const auto& r : reducers_)
        if (r.kind != ReducerKind::Count && explode_prefix(r.path) == pre) {
          axes_.push_back(pre);
          axis_paths_.push_back(prefix_path(f.path));
          break;
        }
    }
    auto axis_of = [&](const FieldPath& p) {
      std::string pre = explode_prefix(p);
      for (size_t i = 0; i < axes_.size(); ++i)
        if (axes_[i] == pre) return int(i);
      return -1;
    };
    for (const auto& f : cfg.where) {
      where_axis_.push_back(axis_of(f.path));
      where_rest_.push_back(where_axis_.back() >= 0 ? rest_after_prefix(f.path) : f.path);
    }
    for (const auto& b : cfg.by) checks_.push_back({&b, "--by " + b.text});
    for (const auto& f : cfg.where) checks_.push_back({&f.path, "--where " + f.text});
    for (const auto& b : cfg.by) {
      by_axis_.push_back(axis_of(b));
      by_rest_.push_back(by_axis_.back() >= 0 ? rest_after_prefix(b) : b);
    }
    for (const auto& r : reducers_) {
      red_axis_.push_back(r.kind == ReducerKind::Count ? -1 : axis_of(r.path));
      red_rest_.push_back(red_axis_.back() >= 0 ? rest_after_prefix(r.path) : r.path);
    }
  }

  // The record-level filters (the others filter rows, in row()).
  bool keep(simdjson::dom::element rec) {
    for (size_t i = 0; i < cfg_.where.size(); ++i)
      if (where_axis_[i] < 0 && !matches(rec, where_rest_[i], cfg_.where[i])) return false;
    return true;
  }

  void add(simdjson::dom::element rec, const Location& where) {
    ++records_;
    note_paths(rec);
    if (!keep(rec)) return;
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
    bool any = false;
    while (true) {
      any |= row(rec, elems, pick, where);
      size_t a = 0;
      while (a < pick.size() && ++pick[a] == elems[a].size()) pick[a++] = 0;
      if (a == pick.size()) break;
    }
    kept_ += any;
  }

  // Adds one row (the picked element of each axis) to its groups, unless a row filter drops it.
  bool row(simdjson::dom::element rec,
           const std::vector<std::vector<std::optional<simdjson::dom::element>>>& elems,
           const std::vector<size_t>& pick, const Location& where) {
    for (size_t i = 0; i < cfg_.where.size(); ++i) {
      int a = where_axis_[i];
      if (a < 0) continue;
      const auto& e = elems[size_t(a)][pick[size_t(a)]];
      if (!(e ? matches(*e, where_rest_[i], cfg_.where[i]) : matches_values({}, cfg_.where[i])))
        return false;
    }
    // Key values per by-path (several when a path explodes further): the row counts in each
    // combination.
    // Scratch kept between rows (row() runs per record): cleared, not reallocated.
    auto& keyvals = keyvals_;
    keyvals.resize(cfg_.by.size());
    for (auto& v : keyvals) v.clear();
    for (size_t b = 0; b < cfg_.by.size(); ++b) {
      int a = by_axis_[b];
      if (a < 0)
        select(rec, by_rest_[b], keyvals[b]);
      else if (elems[size_t(a)][pick[size_t(a)]])
        select(*elems[size_t(a)][pick[size_t(a)]], by_rest_[b], keyvals[b]);
      if (keyvals[b].empty()) keyvals[b].emplace_back();  // missing: the null group
    }
    auto& redvals = redvals_;
    redvals.resize(reducers_.size());
    for (auto& v : redvals) v.clear();
    for (size_t r = 0; r < reducers_.size(); ++r) {
      if (reducers_[r].kind == ReducerKind::Count) continue;
      int a = red_axis_[r];
      if (a < 0)
        select(rec, red_rest_[r], redvals[r]);
      else if (elems[size_t(a)][pick[size_t(a)]])
        select(*elems[size_t(a)][pick[size_t(a)]], red_rest_[r], redvals[r]);
    }
    auto& k = key_pick_;
    k.assign(cfg_.by.size(), 0);
    while (true) {
      Group& g = group(keyvals, k);
      for (size_t r = 0; r < reducers_.size(); ++r) g.states[r]->add(redvals[r], skips_[r], where);
      size_t b = 0;
      while (b < k.size() && ++k[b] == keyvals[b].size()) k[b++] = 0;
      if (b == k.size()) break;
    }
    return true;
  }

  // A group's hash key: its values' sort keys, each followed by its length (fixed width), so
  // that no two keys collide.
  static void append_group_key(std::string& h, const Value& v) {
    size_t at = h.size();
    v.append_sort_key(h);
    uint64_t n = h.size() - at;
    h.append(reinterpret_cast<const char*>(&n), sizeof n);
  }

  Group& group(const std::vector<Value>& key) {
    hkey_.clear();
    for (const Value& v : key) append_group_key(hkey_, v);
    return group_at_key(key);
  }
  // The group of the key keyvals[b][pick[b]] for every b.
  Group& group(const std::vector<std::vector<Value>>& keyvals, const std::vector<size_t>& pick) {
    hkey_.clear();
    for (size_t b = 0; b < pick.size(); ++b) append_group_key(hkey_, keyvals[b][pick[b]]);
    auto it = groups_.find(hkey_);
    if (it != groups_.end()) return it->second;
    std::vector<Value> key;
    for (size_t b = 0; b < pick.size(); ++b) key.push_back(keyvals[b][pick[b]]);
    return group_at_key(key);
  }
  Group& group_at_key(const std::vector<Value>& key) {
    auto it = groups_.find(hkey_);
    if (it != groups_.end()) return it->second;
    Group g;
    g.key = key;
    for (const auto& r : reducers_) g.states.push_back(make_state(r));
    return groups_.emplace(hkey_, std::move(g)).first->second;
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

  // Version 2 of the partial format: the header also holds the number of group lines that follow
  // ("groups") and the XXH64 of those lines, newlines included ("xxh64", 16 hex digits), so a
  // partial cut short (even at a line boundary), or edited, is refused instead of merged.
  static constexpr uint64_t kPartialVersion = 2;

  static std::string hex64(uint64_t h) {
    static const char digits[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) s[size_t(i)] = digits[h & 15];
    return s;
  }

  std::string header(uint64_t groups, uint64_t hash) const {
    return "{\"rpt_aggregate_partial\":" + std::to_string(kPartialVersion) + "," + spec() +
           ",\"records\":" + std::to_string(records_) + ",\"kept\":" + std::to_string(kept_) +
           ",\"groups\":" + std::to_string(groups) + ",\"xxh64\":\"" + hex64(hash) + "\"}";
  }

  void write_partial(Output& out) {
    // The group lines are hashed before the header is written, so they are built in memory
    // first (the groups are in memory already; this is a second copy of their text).
    std::string body;
    uint64_t groups = 0;
    for (const Group* g : sorted()) {
      body += "{\"key\":[";
      for (size_t i = 0; i < g->key.size(); ++i) body += (i ? "," : "") + g->key[i].json();
      body += "],\"s\":[";
      for (size_t i = 0; i < g->states.size(); ++i)
        body += (i ? "," : "") + g->states[i]->to_json();
      body += "]}\n";
      ++groups;
    }
    out.write(header(groups, XXH64(body.data(), body.size(), 0)) + "\n");
    out.write(body);
  }

  // Merges one partial file; its header must describe the same aggregation, and the lines after
  // it must be the ones the header counts and hashes. Nothing of a file is merged until the whole
  // file is checked.
  void merge_file(const std::string& path) {
    LineReader lines(path, cfg_.max_line);
    LineReader::Line line;
    simdjson::dom::parser parser;
    bool have_header = false;
    const std::string expect = spec();
    uint64_t want_groups = 0, recs = 0, kept = 0;
    std::string want_hash;
    XXH64_state_t* state = XXH64_createState();
    if (!state) throw std::bad_alloc();
    std::unique_ptr<XXH64_state_t, XXH_errorcode (*)(XXH64_state_t*)> state_owner(state,
                                                                                  XXH64_freeState);
    XXH64_reset(state, 0);
    std::vector<std::pair<std::vector<Value>, std::vector<std::unique_ptr<State>>>> pending;
    uint64_t last_line = 0;
    while (lines.next(line)) {
      last_line = line.number;
      Location where{lines.name(), line.number};
      if (!have_header) {
        if (line.text.empty()) continue;
        simdjson::dom::element e;
        if (parser.parse(line.text.data(), line.text.size(), false).get(e))
          throw DataError(where, "not a partial result line (not JSON)");
        simdjson::dom::object h;
        uint64_t version;
        if (e.get(h) || h["rpt_aggregate_partial"].get(version))
          throw DataError(where, "not an rpt aggregate --partial file (no header line)");
        if (version != kPartialVersion)
          throw DataError(where, "partial file of format version " + std::to_string(version) +
                                     "; this rpt aggregate reads version " +
                                     std::to_string(kPartialVersion) +
                                     " (make the partial again with this version's --partial)");
        simdjson::dom::element by, reducers, wheres;
        if (h["by"].get(by) || h["reducers"].get(reducers) || h["where"].get(wheres))
          throw DataError(where, "bad header (by, reducers and where are required)");
        std::string theirs = "\"by\":" + simdjson::minify(by) +
                             ",\"reducers\":" + simdjson::minify(reducers) +
                             ",\"where\":" + simdjson::minify(wheres);
        if (theirs != expect)
          throw DataError(where, "partial result of a different aggregation: " + theirs);
        std::string_view hash;
        if (h["records"].get(recs) || h["kept"].get(kept) || h["groups"].get(want_groups) ||
            h["xxh64"].get(hash) || hash.size() != 16)
          throw DataError(where, "bad header (records, kept, groups and xxh64 are required)");
        want_hash = std::string(hash);
        have_header = true;
        continue;
      }
      // Hash the line as it was written (the reader drops the newline; a '\r' would be dropped
      // too, but a partial written by rpt has none, and one with it fails the check).
      XXH64_update(state, line.text.data(), line.text.size());
      XXH64_update(state, "\n", 1);
      if (pending.size() >= want_groups)
        throw DataError(where, "more group lines than the header's " + std::to_string(want_groups) +
                                   " (edited or concatenated?)");
      simdjson::dom::element e;
      if (parser.parse(line.text.data(), line.text.size(), false).get(e))
        throw DataError(where, "not a partial result line (not JSON)");
      simdjson::dom::array key, states;
      if (e["key"].get(key) || e["s"].get(states) || key.size() != cfg_.by.size() ||
          states.size() != reducers_.size())
        throw DataError(where, "bad partial group line");
      std::vector<Value> k;
      for (auto x : key) k.push_back(Value::of(x));
      std::vector<std::unique_ptr<State>> st;
      size_t i = 0;
      try {
        for (auto s : states) {
          st.push_back(make_state(reducers_[i++]));
          st.back()->from_json(s);
        }
      } catch (const DataError& err) {
        throw DataError(where, err.detail());
      }
      pending.emplace_back(std::move(k), std::move(st));
    }
    if (!have_header) throw DataError({path}, "empty partial file");
    Location end{lines.name(), last_line};
    if (pending.size() != want_groups)
      throw DataError(end, "partial file cut short: " + std::to_string(pending.size()) + " of " +
                               std::to_string(want_groups) + " group lines");
    if (hex64(XXH64_digest(state)) != want_hash)
      throw DataError(end,
                      "partial file changed since it was written (checksum of its group "
                      "lines does not match the header)");
    records_ += recs, kept_ += kept;
    for (auto& [k, st] : pending) {
      Group& g = group(k);
      for (size_t i = 0; i < st.size(); ++i) g.states[i]->merge(*st[i]);
    }
  }

  // ---- results ----
  std::vector<std::string> columns() const {
    std::vector<std::string> c;
    for (const auto& b : cfg_.by) c.push_back(b.text);
    for (const auto& r : reducers_) {
      if (r.kind == ReducerKind::Percentiles)
        for (double p : r.points) c.push_back(reducers::point_name(p) + "(" + r.path.text + ")");
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

  // ---- paths no record had ----
  // Each --by and --where path is looked up in records until one has it. While one is missing,
  // the paths records do have are collected (from the first 10000 records at most), to name the
  // nearest at the end.
  void note_paths(simdjson::dom::element rec) {
    if (batch_) return note_batch_paths(rec);
    if (checked_all_) return;
    checked_all_ = true;
    std::vector<simdjson::dom::element> found;
    for (auto& c : checks_) {
      if (c.seen) continue;
      found.clear();
      select_elements(rec, *c.path, found);
      c.seen = !found.empty();
      checked_all_ &= c.seen;
    }
    if (!checked_all_ && records_ <= 10000 && seen_paths_.size() < 10000)
      collect_paths(rec, "", seen_paths_);
  }

  static void collect_paths(simdjson::dom::element e, const std::string& prefix,
                            std::set<std::string>& out) {
    simdjson::dom::object obj;
    simdjson::dom::array arr;
    if (!e.get_object().get(obj)) {
      for (auto field : obj) {
        std::string p =
            prefix.empty() ? std::string(field.key) : prefix + "." + std::string(field.key);
        out.insert(p);
        collect_paths(field.value, p, out);
      }
    } else if (!e.get_array().get(arr)) {
      std::set<std::string> inner;
      for (auto x : arr) collect_paths(x, prefix + "[]", inner);
      if (arr.size()) out.insert(prefix + "[]");
      out.insert(inner.begin(), inner.end());
    }
  }

  // -j N: an Aggregator per batch of records (a partial of one part of the input), merged in
  // input order into the run's. A batch cannot know what the records before it had, so while one
  // of its paths is unseen it keeps, per record, which paths the record had and (from its first
  // 10000 records) the paths it holds; absorb() replays them as note_paths() would have, record by
  // record, so the warning names the same nearest path.
  void set_batch() { batch_ = true; }

  void absorb(Aggregator& later) {
    // Into groups of this Aggregator's own making: a state may point into its maker's specs
    // (percentiles' points), and the batch's Aggregator goes when absorbed.
    for (auto& [h, g] : later.groups_) {
      Group& mine = group(g.key);
      for (size_t i = 0; i < g.states.size(); ++i) mine.states[i]->merge(*g.states[i]);
    }
    for (size_t r = 0; r < skips_.size(); ++r) {
      if (!skips_[r].n) skips_[r].first = later.skips_[r].first;
      skips_[r].n += later.skips_[r].n;
    }
    uint64_t base = records_;  // the records before the batch
    for (size_t i = 0; i < later.notes_.size() && !checked_all_; ++i) {
      const PathNote& n = later.notes_[i];
      checked_all_ = true;
      for (size_t c = 0; c < checks_.size(); ++c) {
        if (checks_[c].seen) continue;
        checks_[c].seen = n.found[c];
        checked_all_ &= checks_[c].seen;
      }
      if (!checked_all_ && base + i + 1 <= 10000 && seen_paths_.size() < 10000)
        seen_paths_.insert(n.paths.begin(), n.paths.end());
    }
    records_ = base + later.records_;
    kept_ += later.kept_;
  }

  void report_unseen_paths() {
    if (!records_) return;
    std::vector<std::string> have(seen_paths_.begin(), seen_paths_.end());
    for (const auto& c : checks_) {
      if (c.seen) continue;
      // Compare as the records were walked: an index [N] reads like [].
      static const RE2 index_re(R"(\[-?\d+\])");
      std::string norm = c.path->text;
      RE2::GlobalReplace(&norm, index_re, "[]");
      auto near = nearest(norm, have);
      diag_.warn(c.flag + ": no record had the path " + c.path->text +
                 (near ? " (nearest path the records had: " + *near + ")" : std::string()));
    }
  }

 private:
  // note_paths() of a batch: see absorb().
  void note_batch_paths(simdjson::dom::element rec) {
    if (checked_all_) return;
    PathNote& n = notes_.emplace_back();
    n.found.assign(checks_.size(), 0);
    checked_all_ = true;
    std::vector<simdjson::dom::element> found;
    for (size_t c = 0; c < checks_.size(); ++c) {
      if (checks_[c].seen) continue;  // seen before in this batch: seen before in the run too
      found.clear();
      select_elements(rec, *checks_[c].path, found);
      n.found[c] = checks_[c].seen = !found.empty();
      checked_all_ &= checks_[c].seen;
    }
    if (!checked_all_ && records_ <= 10000) collect_paths(rec, "", n.paths);
  }

  bool matches(simdjson::dom::element e, const FieldPath& path, const Filter& f) {
    std::vector<Value> vals;
    select(e, path, vals);
    return matches_values(std::move(vals), f);
  }

  bool matches_values(std::vector<Value> vals, const Filter& f) {
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
  std::vector<int> by_axis_, red_axis_, where_axis_;
  std::vector<FieldPath> by_rest_, red_rest_, where_rest_;
  struct PathCheck {
    const FieldPath* path;
    std::string flag;
    bool seen = false;
  };
  std::vector<PathCheck> checks_;
  bool checked_all_ = false;
  bool batch_ = false;
  struct PathNote {  // a batch's record while a path was unseen: see absorb()
    std::vector<char> found;
    std::set<std::string> paths;
  };
  std::vector<PathNote> notes_;
  std::set<std::string> seen_paths_;
  std::unordered_map<std::string, Group> groups_;
  std::unordered_map<std::string, std::unique_ptr<RE2>> regexes_;
  // row()'s scratch: each by-path's values, each reducer's, the key picked, the key's hash text.
  std::vector<std::vector<Value>> keyvals_, redvals_;
  std::vector<size_t> key_pick_;
  std::string hkey_;
  uint64_t records_ = 0, kept_ = 0;
};

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
  Output out(cfg.common.output, cfg.common.write_through);
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
  } else if (cfg.common.threads() <= 1) {
    for_each_record(
        inputs, cfg.max_line, diag, progress,
        [&](simdjson::dom::element e, std::string_view, const Location& w) { agg.add(e, w); });
  } else {
    // Batches of records reduced on the workers into partials, absorbed here in input order.
    struct NoScratch {};
    using Part = std::unique_ptr<Aggregator>;
    for_each_record_parallel<NoScratch, Part>(
        inputs, cfg.max_line, cfg.common.threads(), diag, progress, nullptr,
        [] { return std::make_unique<NoScratch>(); },
        [&](NoScratch&, Part& part, std::string&, cli::Reporter&, simdjson::dom::element e,
            std::string_view, const Location& w) {
          if (!part) {
            part = std::make_unique<Aggregator>(cfg, diag);
            part->set_batch();
          }
          part->add(e, w);
        },
        [&](Part& part) {
          if (part) agg.absorb(*part);
        });
  }
  if (cfg.partial)
    agg.write_partial(out);
  else
    write_rows(out, agg.columns(), agg.rows(), cfg.format, cfg.bom);
  out.commit();
  agg.report_skips();
  agg.report_unseen_paths();
  diag.finish();
  return diag.exit_status();
}

}  // namespace rpt
