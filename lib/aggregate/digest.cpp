#include "digest.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <nlohmann/json.hpp>

#include "json.h"
#include "records.h"

namespace rpt {

namespace {

using ojson = nlohmann::ordered_json;

std::string str_at(simdjson::dom::element e, std::initializer_list<const char*> path,
                   const char* missing = "unknown") {
  simdjson::dom::element cur = e;
  for (const char* k : path) {
    simdjson::dom::object o;
    if (cur.get_object().get(o) || o.at_key(k).get(cur)) return missing;
  }
  std::string_view s;
  if (!cur.get(s)) return std::string(s);
  int64_t i;
  if (!cur.get(i)) return std::to_string(i);
  return missing;
}

ojson counts(const std::map<std::string, uint64_t>& m) {
  ojson o = ojson::object();
  for (auto& [k, v] : m) o[k] = v;
  return o;
}

// A field of a previous digest's object, or `fallback` when it is absent or of another type (an
// older or hand-edited digest must not crash the comparison: a null title is a null title).
std::string text_of(const ojson& o, const char* key, const std::string& fallback = "") {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : fallback;
}
int64_t int_of(const ojson& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_number() ? it->get<int64_t>() : 0;
}

ojson deltas(const ojson& now, const ojson& before) {
  ojson d = ojson::object();
  std::set<std::string> keys;
  for (auto& [k, v] : now.items()) keys.insert(k);
  if (before.is_object())
    for (auto& [k, v] : before.items()) keys.insert(k);
  for (const auto& k : keys) {
    int64_t a = int_of(now, k.c_str());
    int64_t b = before.is_object() ? int_of(before, k.c_str()) : 0;
    if (a != b) d[k] = a - b;
  }
  return d;
}

void put_counts(std::string& s, const char* name, const std::map<std::string, uint64_t>& m) {
  s += ",\"";
  s += name;
  s += "\":{";
  bool first = true;
  for (auto& [k, v] : m) {
    if (!first) s += ',';
    first = false;
    json::append_json_string(s, k);
    s += ':' + std::to_string(v);
  }
  s += '}';
}

[[noreturn]] void bad_state(const Location& where, const std::string& what) {
  throw DataError(where, "bad digest state: " + what);
}

std::string get_str(simdjson::dom::element e, const Location& where) {
  std::string_view s;
  if (e.get(s)) bad_state(where, "expected a string");
  return std::string(s);
}
uint64_t get_uint(simdjson::dom::element e, const Location& where) {
  uint64_t v;
  if (e.get(v)) bad_state(where, "expected a count");
  return v;
}

}  // namespace

void DigestState::add(simdjson::dom::element rec) {
  ++segments_;
  std::string id = str_at(rec, {"doc", "id"}, "");
  Doc& d = docs_[id];
  if (d.segments++ == 0) {
    d.source = str_at(rec, {"doc", "source"}, "");
    d.title = str_at(rec, {"doc", "title"}, "");
    d.type = str_at(rec, {"doc", "type"});
    d.year = str_at(rec, {"doc", "year"});
    if (d.year.find_first_not_of("-0123456789") != std::string::npos || d.year.empty())
      d.year = "unknown";
    d.province = str_at(rec, {"doc", "region", "province"});
    d.region = str_at(rec, {"doc", "region", "name"});
  }
  std::string role = str_at(rec, {"role"}, "");
  if (!role.empty()) ++roles_[role];
  simdjson::dom::array tags;
  if (!rec["tags"].get(tags))
    for (auto t : tags) {
      std::string_view s;
      if (t.get(s)) continue;
      Topic& topic = topics_[std::string(s)];
      ++topic.segments;
      topic.docs.insert(id);
    }
  simdjson::dom::array facts;
  if (!rec["facts"].get(facts))
    for (auto f : facts) {
      ++d.facts;
      std::string type = str_at(f, {"type"});
      ++fact_types_[type];
      if (type != "indicator") continue;
      std::string metric = str_at(f, {"metric"});
      double v;
      if (!f["value"].get(v)) metrics_[metric].add(v);
    }
}

void DigestState::merge(const DigestState& o) {
  segments_ += o.segments_;
  for (auto& [id, od] : o.docs_) {
    auto [it, fresh] = docs_.try_emplace(id, od);
    if (!fresh) {  // met before: its first record's fields stay, as in one pass
      it->second.segments += od.segments;
      it->second.facts += od.facts;
    }
  }
  for (auto& [k, v] : o.roles_) roles_[k] += v;
  for (auto& [k, v] : o.fact_types_) fact_types_[k] += v;
  for (auto& [k, t] : o.topics_) {
    Topic& mine = topics_[k];
    mine.segments += t.segments;
    mine.docs.insert(t.docs.begin(), t.docs.end());
  }
  for (auto& [k, q] : o.metrics_) metrics_[k].merge(q);
}

std::string DigestState::to_json() const {
  std::string s = "{\"rpt_digest_state\":" + std::to_string(kDigestStateVersion) +
                  ",\"segments\":" + std::to_string(segments_) + ",\"docs\":[";
  bool first = true;
  for (auto& [id, d] : docs_) {
    s += first ? "[" : ",[";
    first = false;
    for (const std::string* f :
         {&id, &d.source, &d.title, &d.type, &d.year, &d.province, &d.region}) {
      json::append_json_string(s, *f);
      s += ',';
    }
    s += std::to_string(d.segments) + "," + std::to_string(d.facts) + "]";
  }
  s += ']';
  put_counts(s, "roles", roles_);
  put_counts(s, "fact_types", fact_types_);
  s += ",\"topics\":[";
  first = true;
  for (auto& [k, t] : topics_) {
    s += first ? "[" : ",[";
    first = false;
    json::append_json_string(s, k);
    s += "," + std::to_string(t.segments) + ",[";
    bool f2 = true;
    for (auto& id : t.docs) {
      if (!f2) s += ',';
      f2 = false;
      json::append_json_string(s, id);
    }
    s += "]]";
  }
  s += "],\"metrics\":[";
  first = true;
  for (auto& [k, q] : metrics_) {
    s += first ? "[" : ",[";
    first = false;
    json::append_json_string(s, k);
    s += "," + q.to_json() + "]";
  }
  return s + "]}";
}

DigestState DigestState::from_json(std::string_view text, const Location& where) {
  simdjson::dom::parser parser;
  simdjson::dom::element e;
  if (parser.parse(text.data(), text.size(), true).get(e)) bad_state(where, "not JSON");
  simdjson::dom::object o;
  uint64_t version = 0;
  if (e.get(o) || o["rpt_digest_state"].get(version))
    bad_state(where, "no rpt_digest_state version");
  if (version != uint64_t(kDigestStateVersion))
    throw DataError(where, "digest state of version " + std::to_string(version) +
                               "; this rpt reads version " + std::to_string(kDigestStateVersion));
  DigestState st;
  simdjson::dom::array docs, topics, metrics;
  simdjson::dom::object roles, fact_types;
  if (o["segments"].get(st.segments_) || o["docs"].get(docs) || o["roles"].get(roles) ||
      o["fact_types"].get(fact_types) || o["topics"].get(topics) || o["metrics"].get(metrics))
    bad_state(where, "a field is missing");
  for (auto d : docs) {
    simdjson::dom::array a;
    if (d.get(a) || a.size() != 9) bad_state(where, "bad document");
    Doc doc;
    doc.source = get_str(a.at(1), where), doc.title = get_str(a.at(2), where);
    doc.type = get_str(a.at(3), where), doc.year = get_str(a.at(4), where);
    doc.province = get_str(a.at(5), where), doc.region = get_str(a.at(6), where);
    doc.segments = get_uint(a.at(7), where), doc.facts = get_uint(a.at(8), where);
    st.docs_[get_str(a.at(0), where)] = std::move(doc);
  }
  for (auto [k, v] : roles) st.roles_[std::string(k)] = get_uint(v, where);
  for (auto [k, v] : fact_types) st.fact_types_[std::string(k)] = get_uint(v, where);
  for (auto t : topics) {
    simdjson::dom::array a, ids;
    if (t.get(a) || a.size() != 3 || a.at(2).get(ids)) bad_state(where, "bad topic");
    Topic& topic = st.topics_[get_str(a.at(0), where)];
    topic.segments = get_uint(a.at(1), where);
    for (auto id : ids) topic.docs.insert(get_str(id, where));
  }
  for (auto m : metrics) {
    simdjson::dom::array a;
    if (m.get(a) || a.size() != 2) bad_state(where, "bad metric");
    try {
      st.metrics_[get_str(a.at(0), where)] = QuantileSketch::from_json(a.at(1));
    } catch (const DataError& err) {
      bad_state(where, err.detail());
    }
  }
  return st;
}

std::string DigestState::digest(const std::string* previous_text, const std::string& previous_name,
                                size_t top_n) const {
  // Read the previous digest first: a bad one is reported before any work.
  ojson previous;
  if (previous_text) {
    try {
      previous = ojson::parse(*previous_text);
    } catch (const std::exception& e) {
      throw DataError({previous_name}, std::string("previous digest is not JSON: ") + e.what());
    }
    if (!previous.is_object() || !previous.contains("rpt_digest") ||
        !previous["rpt_digest"].is_number() || previous["rpt_digest"] != kDigestVersion)
      throw DataError({previous_name},
                      "not an rpt digest (version " + std::to_string(kDigestVersion) + ")");
  }

  std::map<std::string, uint64_t> by_type, by_province, by_year;
  QuantileSketch facts_per_doc;
  uint64_t facts_total = 0;
  for (auto& [id, d] : docs_) {
    ++by_type[d.type], ++by_province[d.province], ++by_year[d.year];
    facts_per_doc.add(double(d.facts));
    facts_total += d.facts;
  }

  ojson out;
  out["rpt_digest"] = kDigestVersion;
  out["documents"] = docs_.size();
  out["segments"] = segments_;
  out["by_type"] = counts(by_type);
  out["by_province"] = counts(by_province);
  out["by_year"] = counts(by_year);
  out["roles"] = counts(roles_);
  // Top topics: by segments, then by name.
  std::vector<std::pair<std::string, const Topic*>> tv;
  for (auto& [t, topic] : topics_) tv.emplace_back(t, &topic);
  std::stable_sort(tv.begin(), tv.end(),
                   [](auto& a, auto& b) { return a.second->segments > b.second->segments; });
  ojson top = ojson::array();
  for (size_t i = 0; i < tv.size() && i < top_n; ++i)
    top.push_back({{"tag", tv[i].first},
                   {"segments", tv[i].second->segments},
                   {"documents", tv[i].second->docs.size()}});
  out["top_topics"] = top;
  // Every topic's count, so the next digest's changes can look up a topic outside the top list.
  ojson all_topics = ojson::object();
  for (auto& [t, topic] : topics_) all_topics[t] = topic.segments;
  out["topic_segments"] = all_topics;
  out["facts"] = {{"total", facts_total}, {"by_type", counts(fact_types_)}};
  if (!docs_.empty())
    out["facts_per_document"] = {{"min", facts_per_doc.min()},
                                 {"median", facts_per_doc.quantile(0.5)},
                                 {"max", facts_per_doc.max()},
                                 {"mean", double(facts_total) / double(docs_.size())}};
  ojson ind = ojson::object();
  for (auto& [m, q] : metrics_)
    ind[m] = {{"n", q.count()}, {"min", q.min()}, {"median", q.quantile(0.5)}, {"max", q.max()}};
  out["indicators"] = ind;
  ojson list = ojson::array();
  for (auto& [id, d] : docs_)
    list.push_back({{"id", id},
                    {"source", d.source},
                    {"title", d.title.empty() ? ojson(nullptr) : ojson(d.title)},
                    {"type", d.type},
                    {"year", d.year == "unknown" ? ojson(nullptr) : ojson(std::stoi(d.year))},
                    {"province", d.province},
                    {"region", d.region},
                    {"segments", d.segments},
                    {"facts", d.facts}});

  if (!previous.is_null()) {
    std::map<std::string, ojson> before;
    if (previous.contains("document_list") && previous["document_list"].is_array())
      for (auto& d : previous["document_list"])
        if (d.is_object()) before[text_of(d, "id")] = d;
    ojson added = ojson::array(), removed = ojson::array(), changed = ojson::array();
    for (auto& d : list) {
      auto it = before.find(d["id"].get<std::string>());
      if (it == before.end())
        added.push_back({{"id", d["id"]}, {"source", d["source"]}, {"title", d["title"]}});
      else if (int_of(it->second, "segments") != d["segments"].get<int64_t>() ||
               int_of(it->second, "facts") != d["facts"].get<int64_t>())
        changed.push_back({{"id", d["id"]},
                           {"source", d["source"]},
                           {"segments", {int_of(it->second, "segments"), d["segments"]}},
                           {"facts", {int_of(it->second, "facts"), d["facts"]}}});
    }
    for (auto& [id, d] : before)
      if (!docs_.count(id)) {
        auto t = d.find("title");
        removed.push_back({{"id", id},
                           {"source", text_of(d, "source")},
                           {"title", t != d.end() && t->is_string() ? *t : ojson(nullptr)}});
      }
    // Topics of either top list, compared by their full counts. The previous digest's counts come
    // from its topic_segments (a digest older than that field: from its top list, and a topic it
    // did not list is left out rather than guessed).
    std::map<std::string, int64_t> topic_before;
    bool before_full =
        previous.contains("topic_segments") && previous["topic_segments"].is_object();
    if (before_full)
      for (auto& [k, v] : previous["topic_segments"].items())
        if (v.is_number()) topic_before[k] = v.get<int64_t>();
    std::set<std::string> listed;
    for (auto& t : out["top_topics"]) listed.insert(t["tag"].get<std::string>());
    if (previous.contains("top_topics") && previous["top_topics"].is_array())
      for (auto& t : previous["top_topics"])
        if (t.is_object() && t.contains("tag") && t["tag"].is_string()) {
          std::string tag = t["tag"].get<std::string>();
          listed.insert(tag);
          if (!before_full) topic_before[tag] = int_of(t, "segments");
        }
    ojson topic_delta = ojson::object();
    for (const auto& tag : listed) {
      auto b = topic_before.find(tag);
      if (b == topic_before.end() && !before_full) continue;
      auto n = topics_.find(tag);
      int64_t now = n == topics_.end() ? 0 : int64_t(n->second.segments);
      int64_t was = b == topic_before.end() ? 0 : b->second;
      if (now != was) topic_delta[tag] = now - was;
    }
    auto obj = [&](const char* k) {
      return previous.contains(k) && previous[k].is_object() ? previous[k] : ojson::object();
    };
    out["changes"] = {{"documents", int64_t(docs_.size()) - int_of(previous, "documents")},
                      {"segments", int64_t(segments_) - int_of(previous, "segments")},
                      {"new_documents", added},
                      {"removed_documents", removed},
                      {"changed_documents", changed},
                      {"by_type", deltas(out["by_type"], obj("by_type"))},
                      {"by_province", deltas(out["by_province"], obj("by_province"))},
                      {"by_year", deltas(out["by_year"], obj("by_year"))},
                      {"top_topics", topic_delta}};
  }
  out["document_list"] = list;
  return out.dump(1) + "\n";
}

std::optional<std::string> read_previous_digest(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 && errno == ENOENT) return std::nullopt;
  return read_file(path);
}

int run_digest(const std::vector<std::string>& inputs, const AggregateConfig& cfg,
               cli::Diagnostics& diag, cli::Progress& progress) {
  std::optional<std::string> previous;
  if (!cfg.previous.empty()) {
    previous = read_previous_digest(cfg.previous);
    if (!previous)
      diag.warn(cfg.previous +
                ": no previous digest yet (a first run?): the digest has no changes");
  }
  // Check the previous digest before reading the corpus: a bad one is an error to see at once.
  if (previous) DigestState().digest(&*previous, cfg.previous, cfg.digest_top);

  DigestState state;
  for_each_record(
      inputs, cfg.max_line, diag, progress,
      [&](simdjson::dom::element rec, std::string_view, const Location&) { state.add(rec); });
  Output o(cfg.common.output);
  o.write(state.digest(previous ? &*previous : nullptr, cfg.previous, cfg.digest_top));
  o.commit();
  return 0;
}

}  // namespace rpt
