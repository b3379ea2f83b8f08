#include "tag.h"

#include <algorithm>
#include <map>

#ifdef RPT_HAVE_HYPERSCAN
#include <hs/hs.h>
#include <unistd.h>
#include <xxhash.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#endif

#include "text.h"

namespace rpt {

namespace {

RE2::Options tag_regex_options() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(int64_t(256) << 20);  // large alternations want a large DFA cache
  return o;
}

bool valid_tag_name(const std::string& n) {
  if (n.empty() || n.front() == '.' || n.back() == '.') return false;
  return n.find("..") == std::string::npos && n.find_first_of(" \t,[]") == std::string::npos;
}

}  // namespace

#ifdef RPT_HAVE_HYPERSCAN
// The database and its scratch space. A scan needs a scratch of its own: threads scanning at once
// take spare clones of the first (made on demand, kept for the next scan).
struct Tagger::Hyperscan {
  hs_database_t* db = nullptr;
  hs_scratch_t* scratch = nullptr;
  std::mutex mu;
  std::vector<hs_scratch_t*> spare;
  ~Hyperscan() {
    for (hs_scratch_t* s : spare) hs_free_scratch(s);
    hs_free_scratch(scratch);
    hs_free_database(db);
  }
  hs_scratch_t* take() {
    std::lock_guard<std::mutex> lock(mu);
    if (!spare.empty()) {
      hs_scratch_t* s = spare.back();
      spare.pop_back();
      return s;
    }
    hs_scratch_t* s = nullptr;
    if (hs_clone_scratch(scratch, &s) != HS_SUCCESS) throw std::bad_alloc();
    return s;
  }
  void give(hs_scratch_t* s) {
    std::lock_guard<std::mutex> lock(mu);
    spare.push_back(s);
  }
};

namespace {

// $XDG_CACHE_HOME/rpt/hs-<hash>.db (else ~/.cache/rpt/…), the hash over everything the database
// is compiled from and the Hyperscan version; empty when there is no home for a cache.
std::string hs_cache_path(const std::vector<std::string>& exprs, const std::vector<unsigned>& ids,
                          const std::vector<unsigned>& flags) {
  std::string dir;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
    dir = std::string(x) + "/rpt";
  else if (const char* h = std::getenv("HOME"); h && *h)
    dir = std::string(h) + "/.cache/rpt";
  else
    return {};
  XXH64_state_t* st = XXH64_createState();
  if (!st) return {};
  XXH64_reset(st, 0);
  std::string version = hs_version();
  XXH64_update(st, version.data(), version.size() + 1);
  for (size_t i = 0; i < exprs.size(); ++i) {
    XXH64_update(st, exprs[i].data(), exprs[i].size() + 1);  // with its NUL: no ambiguity
    XXH64_update(st, &ids[i], sizeof ids[i]);
    XXH64_update(st, &flags[i], sizeof flags[i]);
  }
  char name[32];
  std::snprintf(name, sizeof name, "/hs-%016llx.db", (unsigned long long)XXH64_digest(st));
  XXH64_freeState(st);
  return dir + name;
}

// A cached database is stored as Hyperscan serialised it, then `extra` (what the caller needs to
// know about it), then the two lengths: a file that does not add up is not read.
bool hs_load(const std::string& path, hs_database_t** db, std::string& extra) {
  std::string bytes;
  try {
    bytes = read_file(path);
  } catch (const DataError&) {
    return false;
  }
  uint64_t n[2];
  if (bytes.size() < sizeof n) return false;
  std::memcpy(n, bytes.data() + bytes.size() - sizeof n, sizeof n);
  if (n[0] > bytes.size() || n[1] != bytes.size() - sizeof n - n[0]) return false;
  extra = bytes.substr(n[0], n[1]);
  return hs_deserialize_database(bytes.data(), n[0], db) == HS_SUCCESS;
}

// Written to a temporary beside the target and renamed, so a reader never sees half a database.
void hs_store(const std::string& path, const hs_database_t* db, const std::string& extra) {
  char* bytes = nullptr;
  size_t n = 0;
  if (hs_serialize_database(db, &bytes, &n) != HS_SUCCESS) return;
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  if (FILE* f = std::fopen(tmp.c_str(), "wb")) {
    uint64_t lengths[2] = {n, extra.size()};
    bool ok = std::fwrite(bytes, 1, n, f) == n;
    ok &= std::fwrite(extra.data(), 1, extra.size(), f) == extra.size();
    ok &= std::fwrite(lengths, sizeof lengths, 1, f) == 1;
    ok &= std::fclose(f) == 0;
    if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) std::remove(tmp.c_str());
  }
  std::free(bytes);
}

// Why compiling these with Hyperscan would cost too much time or memory (empty: it would not).
// Measured: a pack of `.{0,1000}法.{0,1000}治` patterns took 26-34 s and 460 MB to compile.
std::string hs_too_costly(const std::vector<std::string>& exprs) {
  if (exprs.size() > 200000)
    return std::to_string(exprs.size()) + " expressions (more than 200000)";
  for (const auto& e : exprs) {
    for (size_t i = e.find('{'); i != std::string::npos; i = e.find('{', i + 1)) {
      if (i > 0 && e[i - 1] == '\\') continue;
      size_t j = i + 1;
      unsigned long big = 0;
      while (j < e.size() && (std::isdigit((unsigned char)e[j]) || e[j] == ',')) {
        if (std::isdigit((unsigned char)e[j])) {
          size_t k = j;
          while (k < e.size() && std::isdigit((unsigned char)e[k])) ++k;
          big = std::max(big, std::stoul(e.substr(j, std::min<size_t>(k - j, 9))));
          j = k;
        } else {
          ++j;
        }
      }
      if (j < e.size() && e[j] == '}' && big >= 100)
        return "pattern " + e.substr(0, 60) + ": a bounded repeat of " + std::to_string(big) +
               " (Hyperscan's compile grows with it)";
    }
  }
  return {};
}

// An unless context is scanned for only to learn that it does not occur (then no match of its
// tag is voided); where it may occur, its own regex decides. So a context with a long bounded
// repeat ([^。]{0,200}), whose compile would be costly, is scanned for with the repeat left open
// ([^。]{0,}): it matches wherever the context does, and more.
std::string loosen_long_repeats(std::string expr) {
  static const RE2 long_repeat(R"((^|[^\\])\{(\d+),\d{3,}\})");
  RE2::GlobalReplace(&expr, long_repeat, R"(\1{\2,})");
  return expr;
}

}  // namespace
#else
struct Tagger::Hyperscan {};
#endif

const char* Tagger::engine() const {
  return hs_ ? "hyperscan" : "re2";
}

std::vector<std::string> Tagger::unscanned_unless() const {
  std::vector<std::string> out;
  for (const Tag& t : tags_)
    for (size_t i = 0; i < t.unless.size(); ++i)
      if (!t.unless_scanned[i]) out.push_back(t.name + ": " + t.unless_source[i]);
  return out;
}

Tagger::Tagger(const Options& options) {
  for (const auto& p : options.packs) load_pack(p);
  pack_tags_ = tags_.size();
  for (const auto& [re, name] : options.adhoc) {
    Location where{"-e " + re};
    if (!valid_tag_name(name)) throw UsageError("-t " + name + ": not a tag name");
    RE2 check(re, tag_regex_options());
    if (!check.ok()) throw UsageError("-e " + re + ": bad regex: " + check.error());
    tag_named(name, where).alternatives.push_back(text::fold_width(re));
    ++terms_;
  }
  if (!options.roles.empty()) roles_ = RoleRules(options.roles);
  if (!options.script.empty()) script_ = ScriptTable(options.script);

  // Each scan id's pattern: the RE2::Set's if Hyperscan is not used (each was checked by RE2
  // when its own regex was compiled).
  std::vector<std::string> scan_patterns;
  auto add_scan = [&](const std::string& pattern, ScanId id) {
    scan_patterns.push_back(pattern);
    scan_ids_.push_back(id);
  };
  for (uint32_t t = 0; t < tags_.size(); ++t) {
    Tag& tag = tags_[t];
    // Longer literals first: RE2 alternation prefers the earlier alternative at a position.
    std::stable_sort(
        tag.alternatives.begin(), tag.alternatives.end(),
        [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    std::string pattern;
    for (const auto& a : tag.alternatives)
      pattern += (pattern.empty() ? "" : "|") + ("(?:" + a + ")");
    if (!pattern.empty()) {
      tag.re = std::make_unique<RE2>(pattern, tag_regex_options());
      if (!tag.re->ok()) throw DataError({}, "tag " + tag.name + ": " + tag.re->error());
      add_scan(pattern, {t, ScanId::kMain, 0});
    }
    // The scan finds each sense word and unless context on its own; tag() then judges them.
    for (uint32_t i = 0; i < tag.senses.size(); ++i)
      add_scan(tag.senses[i].pattern, {t, ScanId::kSense, i});
    for (uint32_t i = 0; i < tag.unless.size(); ++i)
      add_scan(tag.unless[i]->pattern(), {t, ScanId::kUnless, i});
    tag.unless_scanned.assign(tag.unless.size(), true);
  }

#ifdef RPT_HAVE_HYPERSCAN
  // Every alternative, sense word and unless context as its own expression, its id the scan id.
  // Hyperscan reads PCRE syntax; terms are quoted the way both engines read them. Anything it
  // cannot compile (an RE2-only construct, a pattern that matches the empty string) keeps the
  // RE2::Set. An unless context it cannot compile, or would compile slowly, stays out of the
  // database instead: its tag's matches are then judged with the regexes every time. Which ones
  // stayed out is cached with the database.
  if (options.hyperscan) {
    std::vector<std::string> exprs;
    std::vector<unsigned> ids;
    for (unsigned n = 0; n < scan_ids_.size(); ++n) {
      const ScanId& id = scan_ids_[n];
      const Tag& t = tags_[id.tag];
      if (id.kind == ScanId::kMain) {
        for (const auto& a : t.alternatives) exprs.push_back(a), ids.push_back(n);
      } else if (id.kind == ScanId::kSense) {
        exprs.push_back(t.senses[id.index].pattern), ids.push_back(n);
      } else if (std::string u = loosen_long_repeats(t.unless[id.index]->pattern());
                 hs_too_costly({u}).empty()) {
        exprs.push_back(u), ids.push_back(n);
      }
    }
    std::vector<unsigned> flags(exprs.size(), HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_SINGLEMATCH);
    std::string in_db(scan_ids_.size(), '\0');  // per scan id: 1 when the database has it
    for (unsigned n : ids) in_db[n] = 1;
    auto hs = std::make_unique<Hyperscan>();
    std::string cache = options.cache ? hs_cache_path(exprs, ids, flags) : std::string();
    std::string cached;
    if (!exprs.empty() && !cache.empty() && hs_load(cache, &hs->db, cached) &&
        cached.size() == in_db.size() && hs_alloc_scratch(hs->db, &hs->scratch) == HS_SUCCESS) {
      in_db = cached;
      hs_ = std::move(hs);
    } else if (std::string why = hs_too_costly(exprs); !why.empty()) {
      std::fprintf(stderr, "rpt tag: warning: %s: scanning with RE2 instead of Hyperscan\n",
                   why.c_str());
    } else {
      while (!exprs.empty()) {
        std::vector<const char*> cexprs;
        for (const auto& e : exprs) cexprs.push_back(e.c_str());
        hs_compile_error_t* err = nullptr;
        if (hs_compile_multi(cexprs.data(), flags.data(), ids.data(), unsigned(exprs.size()),
                             HS_MODE_BLOCK, nullptr, &hs->db, &err) == HS_SUCCESS) {
          if (hs_alloc_scratch(hs->db, &hs->scratch) == HS_SUCCESS) {
            if (!cache.empty()) hs_store(cache, hs->db, in_db);
            hs_ = std::move(hs);
          }
          break;
        }
        // An unless context it rejects is left out and the rest compiled again; anything else
        // it rejects leaves the scan to RE2.
        int bad = err ? err->expression : -1;
        if (err) hs_free_compile_error(err);
        if (bad < 0 || scan_ids_[ids[size_t(bad)]].kind != ScanId::kUnless) break;
        in_db[ids[size_t(bad)]] = 0;
        exprs.erase(exprs.begin() + bad);
        ids.erase(ids.begin() + bad);
        flags.erase(flags.begin() + bad);
      }
    }
    if (hs_)
      for (unsigned n = 0; n < scan_ids_.size(); ++n)
        if (!in_db[n] && scan_ids_[n].kind == ScanId::kUnless)
          tags_[scan_ids_[n].tag].unless_scanned[scan_ids_[n].index] = false;
  }
#else
  (void)options.hyperscan;
#endif
  if (hs_) return;
  // Without Hyperscan the unless contexts stay out of the set: RE2's DFA for all of them at once
  // (long bounded repeats among them) grows past its memory and crawls. Their regexes decide.
  set_ = std::make_unique<RE2::Set>(tag_regex_options(), RE2::UNANCHORED);
  for (uint32_t n = 0; n < scan_patterns.size(); ++n) {
    const ScanId& id = scan_ids_[n];
    if (id.kind == ScanId::kUnless) {
      tags_[id.tag].unless_scanned[id.index] = false;
      continue;
    }
    std::string err;
    if (set_->Add(scan_patterns[n], &err) < 0)
      throw DataError({}, "tag " + tags_[id.tag].name + ": " + err);
    scan_of_set_.push_back(n);
  }
  if (!set_->Compile()) throw DataError({}, "the tag packs are too large to compile together");
}

std::string Tagger::reading(std::string_view text) const {
  return script_.fold_and_simplify(text);
}

void Tagger::scan(std::string_view folded, std::vector<uint32_t>& hits) const {
  hits.clear();
#ifdef RPT_HAVE_HYPERSCAN
  if (hs_) {
    auto on_match = [](unsigned id, unsigned long long, unsigned long long, unsigned,
                       void* ctx) -> int {
      static_cast<std::vector<uint32_t>*>(ctx)->push_back(id);
      return 0;
    };
    hs_scratch_t* scratch = hs_->take();
    hs_error_t err =
        hs_scan(hs_->db, folded.data(), unsigned(folded.size()), 0, scratch, on_match, &hits);
    hs_->give(scratch);
    if (err == HS_NOMEM) throw std::bad_alloc();
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    return;
  }
#endif
  std::vector<int> set_hits;
  if (!set_->Match(folded, &set_hits)) return;
  for (int h : set_hits) hits.push_back(scan_of_set_[size_t(h)]);
  std::sort(hits.begin(), hits.end());
}

Tagger::~Tagger() = default;

Tagger::Tag& Tagger::tag_named(const std::string& name, const Location& where) {
  for (auto& t : tags_)
    if (t.name == name) return t;
  if (!valid_tag_name(name)) throw DataError(where, "bad tag name `" + name + "`");
  tags_.push_back(Tag{name, {}, {}, {}, {}, nullptr});
  return tags_.back();
}

namespace {
// Whether a sense pattern (word|word…) names the quoted term as one of its words: the term, listed
// under `terms:` too, then always counts and the sense rule never decides.
bool sense_names(std::string_view pattern, std::string_view quoted_term) {
  for (size_t b = 0; b <= pattern.size();) {
    size_t e = pattern.find('|', b);
    if (e == std::string_view::npos) e = pattern.size();
    if (RE2::QuoteMeta(pattern.substr(b, e - b)) == quoted_term) return true;
    b = e + 1;
  }
  return false;
}
DataError dead_sense(const Location& where, const std::string& tag, const std::string& term) {
  return DataError(where, "[" + tag + "]: `" + term +
                              "` is both a term and a `sense:` word, so its sense rule never "
                              "decides (list it under one of them)");
}
}  // namespace

void Tagger::load_pack(const std::string& path) {
  for (const Rule& r : load_rules(path)) {
    if (r.section.empty()) {
      if (r.key == "note" || r.key == "source" || r.key == "pack") continue;  // the pack's header
      throw DataError(r.where, "`" + r.key + ":` outside a [TAG] section");
    }
    if (!r.args.empty()) throw DataError(r.where, "`" + r.key + "` takes no argument");
    Tag& t = tag_named(r.section, r.where);
    if (r.key == "note" || r.key == "source") continue;
    if (r.key == "term" || r.key == "terms") {
      std::vector<std::string> terms =
          r.key == "term" ? std::vector<std::string>{r.value} : split_words(r.value);
      for (const auto& term : terms) {
        std::string quoted = RE2::QuoteMeta(text::fold_width(term));
        for (const Sense& sense : t.senses)
          if (sense_names(sense.pattern, quoted)) throw dead_sense(r.where, t.name, term);
        t.alternatives.push_back(std::move(quoted));
        ++terms_;
      }
    } else if (r.key == "regex" || r.key == "unless") {
      Rule folded = r;
      folded.value = text::fold_width(r.value);
      RE2::Options o = tag_regex_options();
      RE2 re(folded.value, o);
      if (!re.ok()) throw DataError(r.where, "bad regex: " + re.error());
      if (r.key == "regex") {
        t.alternatives.push_back(folded.value);
        ++terms_;
      } else {
        t.unless.push_back(std::make_unique<RE2>(folded.value, o));
        t.unless_source.push_back(r.value);
      }
    } else if (r.key == "sense") {
      size_t cut = r.value.find(" ~ ");
      if (cut == std::string::npos)
        throw DataError(r.where, "`sense:` takes PATTERN ~ CONTEXT (both RE2 regexes)");
      Sense sense;
      sense.pattern = text::fold_width(r.value.substr(0, cut));
      sense.context = text::fold_width(r.value.substr(cut + 3));
      if (split_words(sense.pattern).empty() || split_words(sense.context).empty())
        throw DataError(r.where, "`sense:` with an empty pattern or context");
      for (const std::string& a : t.alternatives)
        if (sense_names(sense.pattern, a)) throw dead_sense(r.where, t.name, a);
      sense.re = std::make_unique<RE2>(sense.pattern, tag_regex_options());
      sense.context_re = std::make_unique<RE2>(sense.context, tag_regex_options());
      if (!sense.re->ok()) throw DataError(r.where, "bad regex: " + sense.re->error());
      if (!sense.context_re->ok())
        throw DataError(r.where, "bad context regex: " + sense.context_re->error());
      t.senses.push_back(std::move(sense));
      ++terms_;
    } else {
      unknown_rule(r, "note, source, term, terms, regex, unless or sense");
    }
  }
}

const std::string* Tagger::voided_by(const Tag& t, const std::vector<bool>& unless_occurs,
                                     std::string_view folded, size_t b, size_t e) const {
  for (size_t i = 0; i < t.unless.size(); ++i) {
    if (!unless_occurs[i]) continue;
    re2::StringPiece in(folded), m;
    size_t pos = 0;
    while (pos <= folded.size() &&
           t.unless[i]->Match(in, pos, folded.size(), RE2::UNANCHORED, &m, 1)) {
      size_t mb = size_t(m.data() - folded.data()), me = mb + m.size();
      if (mb <= b && e <= me) return &t.unless_source[i];
      if (mb >= e) break;
      pos = me > mb ? me : mb + 1;
    }
  }
  return nullptr;
}

bool Tagger::matches(const Tag& t, const std::vector<bool>& unless_occurs, const RE2& re,
                     std::string_view folded, const std::string* sense_miss,
                     std::vector<std::pair<size_t, size_t>>* counted,
                     std::vector<std::tuple<size_t, size_t, std::string>>* voided) const {
  bool any = false;
  re2::StringPiece in(folded), m;
  size_t pos = 0;
  while (pos < folded.size() && re.Match(in, pos, folded.size(), RE2::UNANCHORED, &m, 1)) {
    size_t b = size_t(m.data() - folded.data()), e = b + m.size();
    pos = e > b ? e : b + 1;
    const std::string* unless = sense_miss ? nullptr : voided_by(t, unless_occurs, folded, b, e);
    if (!sense_miss && !unless) {
      any = true;
      if (!counted && !voided) return true;
      if (counted) counted->emplace_back(b, e);
    } else if (voided) {
      voided->emplace_back(b, e, sense_miss ? *sense_miss : "unless: " + *unless);
    }
  }
  return any;
}

void Tagger::tag(std::string_view text, std::vector<uint32_t>& tags,
                 std::vector<TagEvidence>* evidence) const {
  tag(text, reading(text), tags, evidence);
}

void Tagger::tag(std::string_view text, std::string_view folded, std::vector<uint32_t>& tags,
                 std::vector<TagEvidence>* evidence, std::vector<TagEvidence>* voided,
                 std::string_view headings,
                 const std::vector<std::string>* section_families) const {
  tags.clear();
  if (evidence) evidence->clear();
  if (voided) voided->clear();
  std::vector<uint32_t> hits;
  scan(folded, hits);
  if (hits.empty()) return;
  // For evidence: the byte offset of each code point of the original text. Folding keeps
  // code-point positions, so a match's code points in the folded text are its code points here.
  std::u32string cps;
  std::vector<uint32_t> offsets;
  if (evidence || voided) text::decode(text, false, cps, offsets);
  auto add = [&](std::vector<TagEvidence>& out, uint32_t id, size_t b, size_t e, std::string why) {
    auto cb = uint32_t(text::count_code_points(folded.substr(0, b)));
    auto ce = cb + uint32_t(text::count_code_points(folded.substr(b, e - b)));
    out.push_back({id, cb, ce, std::string(text.substr(offsets[cb], offsets[ce] - offsets[cb])),
                   std::move(why)});
  };
  std::vector<std::pair<size_t, size_t>> counted;
  std::vector<std::tuple<size_t, size_t, std::string>> lost;
  std::vector<bool> sense_hit, unless_occurs;
  for (size_t h = 0; h < hits.size();) {
    // One tag's hits: its alternatives, which of its sense words, whether any unless context.
    const uint32_t id = scan_ids_[hits[h]].tag;
    const Tag& t = tags_[id];
    bool main_hit = false, unless_hit = false;
    sense_hit.assign(t.senses.size(), false);
    unless_occurs.assign(t.unless.size(), false);  // or may occur: the regex decides
    for (size_t i = 0; i < t.unless.size(); ++i)
      if (!t.unless_scanned[i]) unless_occurs[i] = unless_hit = true;
    for (; h < hits.size() && scan_ids_[hits[h]].tag == id; ++h) {
      const ScanId& s = scan_ids_[hits[h]];
      if (s.kind == ScanId::kMain) main_hit = true;
      if (s.kind == ScanId::kSense) sense_hit[s.index] = true;
      if (s.kind == ScanId::kUnless) unless_occurs[s.index] = unless_hit = true;
    }
    if (!main_hit && std::find(sense_hit.begin(), sense_hit.end(), true) == sense_hit.end())
      continue;  // only an unless context occurs
    const bool positions = evidence || voided;
    if (!positions && t.unless.empty() && t.senses.empty()) {
      tags.push_back(id);
      continue;
    }
    counted.clear();
    lost.clear();
    auto* c = evidence ? &counted : nullptr;
    auto* v = voided ? &lost : nullptr;
    // Without an unless context in the text nothing is voided: a match found is a match counted,
    // and no regex need look for where it is (unless --explain asks where).
    const bool look = positions || unless_hit;
    bool any = main_hit && (!look || matches(t, unless_occurs, *t.re, folded, nullptr, c, v));
    bool filed_under = false;  // a heading above is tagged with this tag's family
    if (section_families && !t.senses.empty()) {
      std::string_view family = std::string_view(t.name).substr(0, t.name.find('.'));
      for (const std::string& f : *section_families) filed_under |= f == family;
    }
    for (size_t i = 0; i < t.senses.size(); ++i) {
      const Sense& sense = t.senses[i];
      if (any && !c && !v) break;
      if (!sense_hit[i]) continue;
      if (filed_under || RE2::PartialMatch(folded, *sense.context_re) ||
          (!headings.empty() && RE2::PartialMatch(headings, *sense.context_re))) {
        any |= !look || matches(t, unless_occurs, *sense.re, folded, nullptr, c, v);
      } else if (v) {
        std::string why = "sense: no " + sense.context + " in the text or its heading";
        matches(t, unless_occurs, *sense.re, folded, &why, nullptr, v);
      }
    }
    if (any) tags.push_back(id);
    for (auto [b, e] : counted) add(*evidence, id, b, e, {});
    for (auto& [b, e, why] : lost) add(*voided, id, b, e, why);
  }
  std::sort(tags.begin(), tags.end(),
            [&](uint32_t a, uint32_t b) { return tags_[a].name < tags_[b].name; });
  auto in_order = [&](std::vector<TagEvidence>& list) {
    std::sort(list.begin(), list.end(), [&](const TagEvidence& a, const TagEvidence& b) {
      return std::tie(a.begin, a.end, tags_[a.tag].name, a.why) <
             std::tie(b.begin, b.end, tags_[b.tag].name, b.why);
    });
    list.erase(std::unique(list.begin(), list.end(),
                           [](const TagEvidence& a, const TagEvidence& b) {
                             return a.tag == b.tag && a.begin == b.begin && a.end == b.end;
                           }),
               list.end());
  };
  if (evidence) in_order(*evidence);
  if (voided) in_order(*voided);
}

}  // namespace rpt
