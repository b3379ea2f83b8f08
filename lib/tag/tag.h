// tag: topic tags and roles for segments, from tag packs and role rules in patterns/tag/.
//
// A pack (*.pack) is a rules file whose sections are tags:
//
//   [执法.三项制度]                       a tag; a dot makes it a sub-topic of 执法
//   note: 纲要（十五）行政执法三项制度       where the terms come from (documentation)
//   terms: 三项制度 执法公示 全过程记录      literal terms, separated by spaces
//   term: 重大执法决定法制审核              one literal term (may contain spaces)
//   regex: 法制审核(?:率|制度)             an RE2 regex
//   unless: 人事三项制度                   a context in which this tag's matches do not count
//   sense: 编制 ~ 机构|人员|核定           a term (RE2) that counts only in a text where the
//                                          context after ` ~ ` (RE2) also occurs: a word that is
//                                          a topic in one sense and an everyday word in another
//
// Invariants:
// - Matching reads the text width-folded and simplified (terms are folded when loaded; the
//   traditional characters of patterns/script/traditional.tsv read as simplified), so full-width,
//   half-width and traditional copies get the same tags; spans are code points of the original
//   text (both foldings keep positions, byte for byte).
// - All tags are matched in one pass over the text: with Hyperscan (when built with it and every
//   pattern compiles there) whose literal matcher keeps its speed as packs grow, else RE2::Set (a
//   DFA, linear in the text). Both answer only "which patterns occur" (a tag's terms, each of its
//   sense words, and with Hyperscan each of its unless contexts), so results are identical;
//   per-tag RE2 regexes then run only for tags found, and only when positions are needed
//   (--explain) or one of the tag's unless contexts may occur in the text. A Tagger may tag on
//   several threads at once (each scan takes a Hyperscan scratch of its own from a pool; RE2 is
//   thread-safe).
// - Hyperscan databases are cached (serialised) by the hash of what they compile; a cache that
//   cannot be read or written only costs the compile. A pack whose compile is likely to blow up
//   (bounded repeats of 100 or more, or more than 200k expressions) is scanned with RE2::Set,
//   with a warning on stderr.
// - A match counts unless an `unless` match of the same tag covers it; a `sense` match counts
//   only when its context occurs in the same text or in the heading it stands under, or when a
//   heading above the text is itself tagged with the tag's family (the report files the text
//   under that topic: 减税降费 under 优化营商环境 is the business environment). With
//   --explain, the matches that did not count are listed with the rule that voided them.
// - Errors in a pack (syntax, an empty term, a regex RE2 rejects, a term outside a tag) name
//   file:line.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "roles.h"
#include "rules.h"
#include "script.h"

namespace rpt {

struct TagEvidence {
  uint32_t tag;
  uint32_t begin, end;  // code points of the text
  std::string term;     // the matched text (original characters)
  std::string why;      // for a match that did not count: the rule that voided it
};

class Tagger {
 public:
  struct Options {
    std::vector<std::string> packs;                          // pack files, loaded in order
    std::string roles;                                       // roles.rules; empty: no roles
    std::vector<std::pair<std::string, std::string>> adhoc;  // (regex, tag) from -e/-t
    bool hyperscan = true;  // use Hyperscan for the scan when available
    std::string script;     // traditional.tsv; empty: traditional characters read as written
    // Keep compiled Hyperscan databases in $XDG_CACHE_HOME/rpt (else ~/.cache/rpt), keyed by the
    // hash of the expressions and the Hyperscan version, so a pack costs its compile once.
    bool cache = true;
  };
  explicit Tagger(const Options& options);
  ~Tagger();
  Tagger(const Tagger&) = delete;
  Tagger& operator=(const Tagger&) = delete;

  // The form tags and roles are matched in: width-folded and simplified, as long as the text
  // byte for byte. Callers compute it once and share it between tag() and role().
  std::string reading(std::string_view text) const;

  // Tags of a text (UTF-8, original) given also its reading(), which callers compute once and
  // share with role(); tags gets sorted unique tag ids. With evidence, every counted match is
  // returned, in text order; with voided, every match an unless or sense rule voided (with why).
  // headings: the reading() of the heading the text stands directly under; a sense rule's
  // context counts there too, as a reader takes "一是完善工作机制" under "强化法治建设组织领导".
  // section_families: the families (tag names before the first dot) that the headings above
  // the text carry; a sense rule of a tag of one of them counts without its context.
  void tag(std::string_view text, std::string_view folded, std::vector<uint32_t>& tags,
           std::vector<TagEvidence>* evidence = nullptr, std::vector<TagEvidence>* voided = nullptr,
           std::string_view headings = {},
           const std::vector<std::string>* section_families = nullptr) const;
  void tag(std::string_view text, std::vector<uint32_t>& tags,
           std::vector<TagEvidence>* evidence = nullptr) const;

  // achievement / problem / plan (or the roles file's own names): roles.h.
  std::string_view role(const std::vector<std::string>& path, std::string_view doc_type,
                        std::string_view folded) const {
    return roles_.role(path, doc_type, folded);
  }

  const std::string& name(uint32_t tag) const { return tags_[tag].name; }
  size_t tag_count() const { return tags_.size(); }
  // Tags 0..pack_tag_count()-1 come from the packs; the rest are new tags of -e/-t rules.
  size_t pack_tag_count() const { return pack_tags_; }
  size_t term_count() const { return terms_; }
  bool has_roles() const { return !roles_.empty(); }
  const RoleRules& roles() const { return roles_; }
  const char* engine() const;  // "hyperscan" or "re2"
  // The unless contexts the scan does not look for (Hyperscan rejected them, or there is no
  // Hyperscan): each match of their tags is then judged by regex, on every record.
  std::vector<std::string> unscanned_unless() const;

 private:
  // A `sense` rule: a pattern of the tag that counts only where its context occurs.
  struct Sense {
    std::string pattern, context;  // regex sources (folded)
    std::unique_ptr<RE2> re, context_re;
  };
  struct Tag {
    std::string name;
    std::vector<std::string> alternatives;  // regex sources (terms quoted), without senses
    std::vector<std::unique_ptr<RE2>> unless;
    std::vector<std::string> unless_source;
    std::vector<Sense> senses;
    std::unique_ptr<RE2> re;           // the alternatives; null when the tag has only senses
    std::vector<bool> unless_scanned;  // false: Hyperscan's scan does not look for this context
  };
  void load_pack(const std::string& path);
  Tag& tag_named(const std::string& name, const Location& where);
  // The unless rule (its source) that covers [b, e), or null when none does.
  // unless_occurs: which of the tag's unless contexts may occur in the text (the others are not
  // looked for).
  const std::string* voided_by(const Tag& t, const std::vector<bool>& unless_occurs,
                               std::string_view folded, size_t b, size_t e) const;
  // Collects the matches of one regex of a tag: counted ones into `counted` (as byte ranges),
  // voided ones with their reason into `voided` when asked. Returns whether any counted.
  bool matches(const Tag& t, const std::vector<bool>& unless_occurs, const RE2& re,
               std::string_view folded, const std::string* sense_miss,
               std::vector<std::pair<size_t, size_t>>* counted,
               std::vector<std::tuple<size_t, size_t, std::string>>* voided) const;

  // What one scan id stands for: a tag's alternatives, one of its sense words or one of its
  // unless contexts. Ids are numbered tag by tag (alternatives, senses, unless), so sorted hits
  // come grouped by tag; an id is its pattern's Hyperscan id.
  struct ScanId {
    enum Kind : uint8_t { kMain, kSense, kUnless };
    uint32_t tag;
    Kind kind;
    uint32_t index;  // the sense or unless rule's index within the tag
  };
  struct Hyperscan;
  // The scan ids whose patterns occur in the text, sorted, each once.
  void scan(std::string_view folded, std::vector<uint32_t>& hits) const;

  std::vector<Tag> tags_;
  std::vector<ScanId> scan_ids_;
  std::vector<uint32_t> scan_of_set_;  // the RE2::Set's index → scan id (no unless contexts)
  std::unique_ptr<Hyperscan> hs_;
  std::unique_ptr<RE2::Set> set_;
  size_t terms_ = 0;
  size_t pack_tags_ = 0;
  RoleRules roles_;
  ScriptTable script_;
};

}  // namespace rpt

#include <simdjson.h>

#include "cli.h"

namespace rpt {

// The packs and roles file of a patterns directory (tag/*.pack in name order, tag/roles.rules):
// the Tagger rpt tag runs by default.
Tagger::Options default_tagger_options(const std::string& patterns_dir);

// One record's tags, role and evidence, as rpt tag computes them from the text and the record's
// doc.type and seg.path. role is empty when the tagger has no roles.
struct RecordTags {
  std::vector<uint32_t> tags;
  std::vector<TagEvidence> evidence;  // with explain only
  std::vector<TagEvidence> voided;    // with explain only: matches an unless or sense rule voided
  std::string_view role;
  std::vector<std::string> path;  // scratch: seg.path
  std::string headings;           // scratch: the reading of the heading the text stands under
  // scratch: the headings above the text as last read, and the families they are tagged with
  std::vector<std::string> section_path;
  std::vector<std::string> section_families;
  // scratch: the heading path the role's heading rules last read, and the role they gave
  std::vector<std::string> role_path;
  std::string_view heading_role;
  bool role_path_read = false;
};
void tag_record(const Tagger& tagger, simdjson::dom::object record, std::string_view text,
                bool explain, RecordTags& out);
// Appends the fields rpt tag writes: ,"tags":[…] then ,"role":…, and ,"evidence":[…] and
// ,"voided":[…] with explain.
void append_tag_fields(std::string& add, const Tagger& tagger, const RecordTags& r, bool explain);

struct TagConfig {
  std::vector<std::string> inputs;  // JSON Lines files; "-" or none: stdin
  std::string text_field = "text";
  std::vector<std::string>
      patterns;          // --patterns: a directory (patterns dir) or a .pack file (added)
  bool replace = false;  // only the packs named with --patterns (and -e rules)
  std::vector<std::pair<std::string, std::string>> adhoc;
  bool explain = false;
  std::vector<std::string> filter;  // emit only records with a tag under one of these
  bool counts = false;              // per-tag counts on stderr at the end
  bool strict_tags = false;         // --strict: a --filter or -t tag no pack knows is a usage error
  std::string engine = "auto";  // auto, hyperscan, re2 (same results; for benchmarks and checks)
  size_t max_line = kDefaultMaxLine;  // io.h
  cli::CommonOptions common;
};

int run_tag(const TagConfig& config);

}  // namespace rpt
