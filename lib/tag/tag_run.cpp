// run_tag: the `rpt tag` command over JSON Lines records (the Tagger itself is in tag.cpp).
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "batches.h"
#include "json.h"
#include "records.h"
#include "suggest.h"
#include "tag.h"
#include "text.h"

namespace rpt {

namespace {

// What the records of a run (or of one batch of it) came to: merged in input order.
struct TagTally {
  uint64_t records = 0, emitted = 0;
  std::vector<uint64_t> counts;  // by tag id (--counts)
};

bool under(const std::string& tag, const std::string& prefix) {
  return tag == prefix || (tag.size() > prefix.size() &&
                           tag.compare(0, prefix.size(), prefix) == 0 && tag[prefix.size()] == '.');
}

std::string family(const std::string& tag) {
  return tag.substr(0, tag.find('.'));
}

// A mistake must not pass for an empty result: a --filter no tag falls under, or a -t tag in a
// family no pack has, is named with the nearest known tag — a warning, or with --strict a usage
// error.
void check_tag_names(const TagConfig& cfg, const Tagger& tagger, cli::Diagnostics& diag) {
  std::vector<std::string> all, known;  // all tags; the packs' tags and families
  for (size_t t = 0; t < tagger.tag_count(); ++t) {
    const std::string& n = tagger.name(uint32_t(t));
    all.push_back(n);
    if (t >= tagger.pack_tag_count()) continue;
    known.push_back(n);
    if (std::find(known.begin(), known.end(), family(n)) == known.end()) known.push_back(family(n));
  }
  auto complain = [&](const std::string& msg) {
    if (cfg.strict_tags) throw UsageError(msg);
    diag.warn(msg + " (--strict makes this an error)");
  };
  for (const auto& f : cfg.filter) {
    if (std::any_of(all.begin(), all.end(), [&](const std::string& t) { return under(t, f); }))
      continue;
    std::vector<std::string> names = all;
    for (const auto& t : all)
      if (std::find(names.begin(), names.end(), family(t)) == names.end())
        names.push_back(family(t));
    auto near = nearest(f, names);
    complain("--filter " + f + ": no pack defines this tag, so no record can match it" +
             (near ? " (nearest known tag: " + *near + ")" : std::string()));
  }
  if (tagger.pack_tag_count() == 0) return;  // --replace with -e rules only: every tag is new
  for (const auto& [re, name] : cfg.adhoc) {
    if (std::find(known.begin(), known.end(), family(name)) != known.end()) continue;
    auto near = nearest(name, known);
    complain("-t " + name + ": no pack has the tag family " + family(name) +
             "; the rule makes a new one" +
             (near ? " (nearest known tag: " + *near + ")" : std::string()));
  }
}

}  // namespace

Tagger::Options default_tagger_options(const std::string& dir) {
  Tagger::Options opt;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir + "/tag", ec))
    if (e.path().extension() == ".pack") opt.packs.push_back(e.path().string());
  std::sort(opt.packs.begin(), opt.packs.end());
  opt.roles = dir + "/tag/roles.rules";
  if (!std::filesystem::exists(opt.roles)) opt.roles.clear();
  opt.script = dir + "/script/traditional.tsv";
  if (!std::filesystem::exists(opt.script)) opt.script.clear();
  return opt;
}

void tag_record(const Tagger& tagger, simdjson::dom::object obj, std::string_view body,
                bool explain, RecordTags& r) {
  std::string folded = tagger.reading(body);  // once, for the tags and the role
  // The heading path (the role reads it) and the heading the text stands directly under, where a
  // sense rule's context counts too: the headings above it are too broad (一、过去一年政府工作回顾
  // would vouch for every word under it). A heading's own record stands under the one above it.
  r.path.clear();
  simdjson::dom::array arr;
  if (!obj.at_pointer("/seg/path").get(arr))
    for (auto x : arr) {
      std::string_view s;
      if (!x.get(s)) r.path.emplace_back(s);
    }
  size_t above = r.path.size();
  simdjson::dom::element level;
  if (above && !obj.at_pointer("/seg/heading").get(level) && !level.is_null()) --above;
  r.headings.clear();
  if (above) r.headings = tagger.reading(r.path[above - 1]);
  // The families of the headings above (each tagged with the heading above it as its context),
  // read again only when the path changes: consecutive sentences share it.
  if (!std::equal(r.path.begin(), r.path.begin() + long(above), r.section_path.begin(),
                  r.section_path.end())) {
    r.section_path.assign(r.path.begin(), r.path.begin() + long(above));
    r.section_families.clear();
    std::vector<uint32_t> heading_tags;
    std::string above_reading;
    for (const std::string& h : r.section_path) {
      std::string reading = tagger.reading(h);
      tagger.tag(h, reading, heading_tags, nullptr, nullptr, above_reading);
      for (uint32_t id : heading_tags) {
        const std::string& name = tagger.name(id);
        std::string family = name.substr(0, name.find('.'));
        if (std::find(r.section_families.begin(), r.section_families.end(), family) ==
            r.section_families.end())
          r.section_families.push_back(std::move(family));
      }
      above_reading = std::move(reading);
    }
  }
  tagger.tag(body, folded, r.tags, explain ? &r.evidence : nullptr, explain ? &r.voided : nullptr,
             r.headings, &r.section_families);
  r.role = {};
  if (!tagger.has_roles()) return;
  std::string_view doc_type;
  simdjson::dom::element d;
  if (!obj.at_key("doc").get(d) && d["type"].get(doc_type)) doc_type = {};
  // The headings' role is read again only when the path changes, as the families above are.
  if (!r.role_path_read || r.path != r.role_path) {
    r.role_path = r.path;
    r.heading_role = tagger.roles().heading_role(r.path);
    r.role_path_read = true;
  }
  r.role = tagger.roles().role_under(r.heading_role, doc_type, folded);
}

void append_tag_fields(std::string& add, const Tagger& tagger, const RecordTags& r, bool explain) {
  add += ",\"tags\":[";
  for (size_t i = 0; i < r.tags.size(); ++i) {
    if (i) add += ',';
    json::append_json_string(add, tagger.name(r.tags[i]));
  }
  add += ']';
  if (tagger.has_roles()) {
    add += ",\"role\":";
    json::append_json_string(add, r.role);
  }
  if (explain) {
    auto list = [&](const char* key, const std::vector<TagEvidence>& items) {
      add += std::string(",\"") + key + "\":[";
      for (size_t i = 0; i < items.size(); ++i) {
        if (i) add += ',';
        add += "{\"tag\":";
        json::append_json_string(add, tagger.name(items[i].tag));
        add += ",\"term\":";
        json::append_json_string(add, items[i].term);
        add += ",\"span\":[" + std::to_string(items[i].begin) + "," + std::to_string(items[i].end) +
               "]";
        if (!items[i].why.empty()) {
          add += ",\"why\":";
          json::append_json_string(add, items[i].why);
        }
        add += '}';
      }
      add += ']';
    };
    list("evidence", r.evidence);
    list("voided", r.voided);
  }
}

int run_tag(const TagConfig& cfg) {
  // Packs: the patterns directory's tag/*.pack unless --replace, plus every .pack named.
  std::string dir;
  std::vector<std::string> extra;
  for (const auto& p : cfg.patterns) {
    if (std::filesystem::is_directory(p))
      dir = p;
    else if (std::filesystem::is_regular_file(p))
      extra.push_back(p);
    else
      throw UsageError("--patterns " + p + ": no such file or directory");
  }
  dir = cli::patterns_dir(dir);
  Tagger::Options opt = default_tagger_options(dir);
  if (cfg.replace) opt.packs.clear();
  opt.packs.insert(opt.packs.end(), extra.begin(), extra.end());
  if (opt.packs.empty() && cfg.adhoc.empty())
    throw UsageError(cfg.replace
                         ? "no tag packs: --replace needs --patterns FILE.pack or -e REGEX -t TAG"
                         : "no tag packs in " + dir +
                               "/tag (give --patterns DIR with tag/*.pack, or FILE.pack)");
  opt.adhoc = cfg.adhoc;
  opt.hyperscan = cfg.engine != "re2";
  Tagger tagger(opt);
  if (cfg.engine == "hyperscan" && std::string(tagger.engine()) != "hyperscan")
    throw UsageError(
        "--engine hyperscan: not available (not built with it, or a pattern it cannot compile)");

  cli::Diagnostics diag("rpt tag", cfg.common);
  check_tag_names(cfg, tagger, diag);
  cli::Progress progress("rpt tag", cfg.common);
  Output out(cfg.common.output, cfg.common.write_through);
  std::vector<std::string> inputs = cli::inputs_or_stdin(cfg.inputs, "rpt tag");

  // One record, on whichever thread: its tags counted in the tally, its line with the tags
  // appended to `to` (or nothing, when --filter drops it).
  struct Scratch {
    RecordTags tagged;
    std::string add;
  };
  auto one = [&](Scratch& w, TagTally& tally, std::string& to, simdjson::dom::object obj,
                 std::string_view body, std::string_view line) {
    ++tally.records;
    tag_record(tagger, obj, body, cfg.explain, w.tagged);
    if (!cfg.filter.empty()) {
      bool keep = false;
      for (uint32_t t : w.tagged.tags)
        for (const auto& f : cfg.filter) keep |= under(tagger.name(t), f);
      if (!keep) return;
    }
    if (cfg.counts)
      for (uint32_t t : w.tagged.tags) ++tally.counts[t];
    w.add.clear();
    append_tag_fields(w.add, tagger, w.tagged, cfg.explain);
    append_record_with(to, obj, line, {"tags", "role", "evidence", "voided"}, w.add);
    ++tally.emitted;
  };
  TagTally total;
  total.counts.assign(tagger.tag_count(), 0);
  size_t threads = cfg.common.threads();
  if (threads <= 1) {
    Scratch w;
    for_each_text_record(
        inputs, cfg.max_line, cfg.text_field, diag, progress,
        [&](simdjson::dom::object obj, std::string_view body, std::string_view line,
            const Location&) {
          one(w, total, out.buffer(), obj, body, line);
          out.maybe_flush();
        },
        &out.buffer());
  } else {
    for_each_record_parallel<Scratch, TagTally>(
        inputs, cfg.max_line, threads, diag, progress, &out,
        [] { return std::make_unique<Scratch>(); },
        [&](Scratch& w, TagTally& tally, std::string& to, cli::Reporter& log,
            simdjson::dom::element e, std::string_view line, const Location& where) {
          if (tally.counts.empty()) tally.counts.assign(tagger.tag_count(), 0);
          simdjson::dom::object obj;
          if (e.get(obj)) return;  // only objects come here
          if (auto body = text_field_of(obj, cfg.text_field, log, line, where))
            one(w, tally, to, obj, *body, line);
        },
        [&](TagTally& t) {
          total.records += t.records, total.emitted += t.emitted;
          for (size_t i = 0; i < t.counts.size(); ++i) total.counts[i] += t.counts[i];
        });
  }
  out.commit();
  if (cfg.counts) {
    std::map<std::string, uint64_t> counts;  // by name, as the sort below breaks ties
    for (size_t t = 0; t < total.counts.size(); ++t)
      if (total.counts[t]) counts[tagger.name(uint32_t(t))] = total.counts[t];
    std::vector<std::pair<std::string, uint64_t>> v(counts.begin(), counts.end());
    std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
    std::fprintf(stderr, "rpt tag: %llu of %llu records emitted\n",
                 (unsigned long long)total.emitted, (unsigned long long)total.records);
    for (auto& [t, c] : v) std::fprintf(stderr, "%llu\t%s\n", (unsigned long long)c, t.c_str());
  }
  diag.finish();
  return diag.exit_status();
}

}  // namespace rpt
