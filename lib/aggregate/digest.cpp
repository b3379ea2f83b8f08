#include "digest.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "records.h"
#include "sketch.h"

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

struct DocInfo {
  std::string source, title, type, year, province, region;
  uint64_t segments = 0, facts = 0;
};

struct Topic {
  uint64_t segments = 0;
  std::set<std::string> docs;
};

struct Metric {
  QuantileSketch q;
};

ojson counts(const std::map<std::string, uint64_t>& m) {
  ojson o = ojson::object();
  for (auto& [k, v] : m) o[k] = v;
  return o;
}

ojson deltas(const ojson& now, const ojson& before) {
  ojson d = ojson::object();
  std::set<std::string> keys;
  for (auto& [k, v] : now.items()) keys.insert(k);
  if (before.is_object())
    for (auto& [k, v] : before.items()) keys.insert(k);
  for (const auto& k : keys) {
    int64_t a = now.contains(k) ? now[k].get<int64_t>() : 0;
    int64_t b = before.is_object() && before.contains(k) && before[k].is_number()
                    ? before[k].get<int64_t>()
                    : 0;
    if (a != b) d[k] = a - b;
  }
  return d;
}

}  // namespace

int run_digest(const std::vector<std::string>& inputs, const AggregateConfig& cfg,
               cli::Diagnostics& diag, cli::Progress& progress) {
  // Read the previous digest first: a bad one is a usage problem to report before any work.
  ojson previous;
  if (!cfg.previous.empty()) {
    std::string text = read_file(cfg.previous);
    try {
      previous = ojson::parse(text);
    } catch (const std::exception& e) {
      throw DataError({cfg.previous}, std::string("previous digest is not JSON: ") + e.what());
    }
    if (!previous.is_object() || previous.value("rpt_digest", 0) != kDigestVersion)
      throw DataError({cfg.previous},
                      "not an rpt digest (version " + std::to_string(kDigestVersion) + ")");
  }

  std::map<std::string, DocInfo> docs;
  std::map<std::string, uint64_t> roles, fact_types;
  std::map<std::string, Topic> topics;
  std::map<std::string, Metric> metrics;
  uint64_t segments = 0;

  for_each_record(
      inputs, cfg.max_line, diag, progress,
      [&](simdjson::dom::element rec, std::string_view, const Location&) {
        ++segments;
        std::string id = str_at(rec, {"doc", "id"}, "");
        DocInfo& d = docs[id];
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
        if (!role.empty()) ++roles[role];
        simdjson::dom::array tags;
        if (!rec["tags"].get(tags))
          for (auto t : tags) {
            std::string_view s;
            if (t.get(s)) continue;
            Topic& topic = topics[std::string(s)];
            ++topic.segments;
            topic.docs.insert(id);
          }
        simdjson::dom::array facts;
        if (!rec["facts"].get(facts))
          for (auto f : facts) {
            ++d.facts;
            std::string type = str_at(f, {"type"});
            ++fact_types[type];
            if (type != "indicator") continue;
            std::string metric = str_at(f, {"metric"});
            double v;
            if (!f["value"].get(v)) metrics[metric].q.add(v);
          }
      });

  std::map<std::string, uint64_t> by_type, by_province, by_year;
  QuantileSketch facts_per_doc;
  uint64_t facts_total = 0;
  for (auto& [id, d] : docs) {
    ++by_type[d.type], ++by_province[d.province], ++by_year[d.year];
    facts_per_doc.add(double(d.facts));
    facts_total += d.facts;
  }

  ojson out;
  out["rpt_digest"] = kDigestVersion;
  out["documents"] = docs.size();
  out["segments"] = segments;
  out["by_type"] = counts(by_type);
  out["by_province"] = counts(by_province);
  out["by_year"] = counts(by_year);
  out["roles"] = counts(roles);
  // Top topics: by segments, then by name.
  std::vector<std::pair<std::string, const Topic*>> tv;
  for (auto& [t, topic] : topics) tv.emplace_back(t, &topic);
  std::stable_sort(tv.begin(), tv.end(),
                   [](auto& a, auto& b) { return a.second->segments > b.second->segments; });
  ojson top = ojson::array();
  for (size_t i = 0; i < tv.size() && i < 20; ++i)
    top.push_back({{"tag", tv[i].first},
                   {"segments", tv[i].second->segments},
                   {"documents", tv[i].second->docs.size()}});
  out["top_topics"] = top;
  out["facts"] = {{"total", facts_total}, {"by_type", counts(fact_types)}};
  if (!docs.empty())
    out["facts_per_document"] = {{"min", facts_per_doc.min()},
                                 {"median", facts_per_doc.quantile(0.5)},
                                 {"max", facts_per_doc.max()},
                                 {"mean", double(facts_total) / double(docs.size())}};
  ojson ind = ojson::object();
  for (auto& [m, s] : metrics)
    ind[m] = {
        {"n", s.q.count()}, {"min", s.q.min()}, {"median", s.q.quantile(0.5)}, {"max", s.q.max()}};
  out["indicators"] = ind;
  ojson list = ojson::array();
  for (auto& [id, d] : docs)
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
    if (previous.contains("document_list"))
      for (auto& d : previous["document_list"]) before[d.value("id", "")] = d;
    ojson added = ojson::array(), removed = ojson::array(), changed = ojson::array();
    for (auto& d : list) {
      auto it = before.find(d["id"].get<std::string>());
      if (it == before.end())
        added.push_back({{"id", d["id"]}, {"source", d["source"]}, {"title", d["title"]}});
      else if (it->second.value("segments", uint64_t(0)) != d["segments"].get<uint64_t>() ||
               it->second.value("facts", uint64_t(0)) != d["facts"].get<uint64_t>())
        changed.push_back({{"id", d["id"]},
                           {"source", d["source"]},
                           {"segments", {it->second.value("segments", 0), d["segments"]}},
                           {"facts", {it->second.value("facts", 0), d["facts"]}}});
    }
    std::set<std::string> now_ids;
    for (auto& d : list) now_ids.insert(d["id"].get<std::string>());
    for (auto& [id, d] : before)
      if (!now_ids.count(id))
        removed.push_back(
            {{"id", id}, {"source", d.value("source", "")}, {"title", d.value("title", "")}});
    ojson topic_now = ojson::object(), topic_before = ojson::object();
    for (auto& t : out["top_topics"]) topic_now[t["tag"].get<std::string>()] = t["segments"];
    if (previous.contains("top_topics"))
      for (auto& t : previous["top_topics"])
        topic_before[t.value("tag", "")] = t.value("segments", 0);
    out["changes"] = {
        {"documents", int64_t(docs.size()) - previous.value("documents", int64_t(0))},
        {"segments", int64_t(segments) - previous.value("segments", int64_t(0))},
        {"new_documents", added},
        {"removed_documents", removed},
        {"changed_documents", changed},
        {"by_type", deltas(out["by_type"], previous.value("by_type", ojson()))},
        {"by_province", deltas(out["by_province"], previous.value("by_province", ojson()))},
        {"by_year", deltas(out["by_year"], previous.value("by_year", ojson()))},
        {"top_topics", deltas(topic_now, topic_before)}};
  }
  out["document_list"] = list;

  Output o(cfg.common.output);
  o.write(out.dump(1) + "\n");
  o.commit();
  return 0;
}

}  // namespace rpt
