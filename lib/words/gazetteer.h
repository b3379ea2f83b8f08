// gazetteer: China's administrative divisions (patterns/gazetteer/divisions.tsv) and finding their
// names in text.
//
// Invariants:
// - find() returns non-overlapping mentions, left to right, the longest name at each position
//   (中卫市沙坡头区 yields 中卫市 then 沙坡头区), in time linear in the text (names are at most
//   kMaxNameChars code points).
// - A name may denote several divisions (朝阳区 in Beijing and in Changchun): lookup() returns all;
//   choosing is the caller's job, from the city and province the text names.
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
  // Loads the TSV; ignore lists names never matched. Throws DataError (file:line) on a bad row.
  Gazetteer(const std::string& path, const std::vector<std::string>& ignore = {});

  std::vector<const Division*> lookup(std::string_view name) const;

  struct Mention {
    size_t offset;  // bytes into the text
    std::string_view name;
  };
  std::vector<Mention> find(std::string_view text) const;
  size_t size() const { return divisions_.size(); }

 private:
  std::vector<Division> divisions_;
  std::unordered_map<std::string, std::vector<size_t>> by_name_;
  std::unordered_set<std::string> ignore_;
  std::unordered_set<char32_t> first_chars_;  // a position not starting with one is skipped
};

}  // namespace rpt
