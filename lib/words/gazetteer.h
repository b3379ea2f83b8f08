// gazetteer: China's administrative divisions (patterns/gazetteer/divisions.tsv) and finding their
// names in text.
//
// Invariants:
// - find() returns non-overlapping mentions, left to right, the longest name at each position
//   (中卫市沙坡头区 yields 中卫市 then 沙坡头区), in time linear in the text (names are at most
//   kMaxNameChars code points, and only positions where a name can end are looked at).
// - A name may denote several divisions (朝阳区 in Beijing and in Changchun): lookup() returns all;
//   choosing is the caller's job, from the city and province the text names.
// - An autonomous prefecture, county or banner is also known by its short name, without its
//   ethnic groups (黔西南布依族苗族自治州 → 黔西南州), unless that name is a division's own.
// - A two-character name (和县, 成县, 云县) is a word too (省、市和县; 完成县域): it is a mention
//   only where a name can start (after a non-Han character, or its own city or province), or
//   when a word of a body's name follows it (云县人民政府, 荣县第十八届…).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace rpt {

struct Division {
  std::string code;  // six digits, GB/T 2260
  std::string name;
  std::string level;  // province, city, county
  std::string city;   // "" for provinces and for counties directly under a province
  std::string province;
};

class Gazetteer {
 public:
  static constexpr size_t kMaxNameChars = 12;
  struct Options {
    std::vector<std::string> ignore;         // names never matched
    std::vector<std::string> ethnic_groups;  // stripped to make short names (自治州 → 州)
    std::vector<std::string> short_after;    // words after which a two-character name counts
  };
  // Loads the TSV. Throws DataError (file:line) on a bad row.
  explicit Gazetteer(const std::string& path, const Options& options = {});
  Gazetteer(const Gazetteer&) = delete;  // its index holds views into its own strings
  Gazetteer& operator=(const Gazetteer&) = delete;

  std::vector<const Division*> lookup(std::string_view name) const;

  struct Mention {
    size_t offset;  // bytes into the text
    std::string_view name;
  };
  std::vector<Mention> find(std::string_view text) const;
  size_t size() const { return divisions_.size(); }
  const std::vector<Division>& all() const { return divisions_; }

 private:
  bool short_name_here(std::string_view text, size_t begin, size_t end) const;

  std::vector<Division> divisions_;
  // Keyed by views into divisions_ and alias_names_ (both stable once loaded): lookups copy
  // nothing.
  std::unordered_map<std::string_view, std::vector<size_t>> by_name_;
  std::vector<std::string> alias_names_, ignore_names_;
  std::unordered_set<std::string_view> ignore_;
  std::vector<std::string> short_after_;
  // Every name ends with one of few characters (市 区 县 州 旗 盟 省…): find() looks back from
  // those, for the lengths names ending so have (bit k: a name of k code points).
  std::unordered_map<char32_t, uint32_t> last_chars_;
};

}  // namespace rpt
