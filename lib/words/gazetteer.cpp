#include "gazetteer.h"

#include <algorithm>

#include "io.h"
#include "text.h"

namespace rpt {

namespace {
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool is_han(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}
}  // namespace

Gazetteer::Gazetteer(const std::string& path, const Options& options)
    : ignore_names_(options.ignore), short_after_(options.short_after) {
  for (const auto& n : ignore_names_) ignore_.insert(n);
  std::string data = read_file(path);
  uint64_t line_no = 0;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    std::string_view line(data.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    size_t s = 0;
    while (true) {
      size_t t = line.find('\t', s);
      cols.emplace_back(
          line.substr(s, t == std::string_view::npos ? std::string_view::npos : t - s));
      if (t == std::string_view::npos) break;
      s = t + 1;
    }
    if (cols.size() != 5 || cols[0].size() != 6 || cols[1].empty())
      throw DataError({path, line_no}, "expected `code name level city province` (6-digit code)");
    divisions_.push_back({cols[0], cols[1], cols[2], cols[3], cols[4]});
  }
  for (size_t i = 0; i < divisions_.size(); ++i) by_name_[divisions_[i].name].push_back(i);
  // Short names of autonomous areas: 黔西南布依族苗族自治州 → 黔西南州.
  std::vector<std::pair<std::string, size_t>> aliases;
  for (size_t i = 0; i < divisions_.size(); ++i) {
    const std::string& name = divisions_[i].name;
    for (std::string_view level : {"自治州", "自治县", "自治旗"}) {
      if (!ends_with(name, level)) continue;
      std::string stem = name.substr(0, name.size() - level.size());
      for (bool cut = true; cut;) {
        cut = false;
        for (const auto& group : options.ethnic_groups) {
          std::string_view bare = std::string_view(group).substr(0, group.size() - 3);  // 族
          for (std::string_view g : {std::string_view(group), bare})
            if (text::count_code_points(g) >= 2 && ends_with(stem, g) && stem.size() > g.size()) {
              stem.resize(stem.size() - g.size());
              cut = true;
            }
        }
      }
      std::string alias = stem + std::string(level.substr(level.size() - 3));  // 州 县 旗
      if (stem.size() < name.size() - level.size() && text::count_code_points(stem) >= 2 &&
          !by_name_.count(alias))
        aliases.emplace_back(alias, i);
    }
  }
  alias_names_.reserve(aliases.size());  // views into it must stay valid
  for (const auto& [alias, i] : aliases) {
    alias_names_.push_back(alias);
    by_name_[alias_names_.back()].push_back(i);
  }
  for (const auto& entry : by_name_) {
    std::u32string cps = text::folded(entry.first);
    if (cps.size() >= 2 && cps.size() <= kMaxNameChars) last_chars_[cps.back()] |= 1u << cps.size();
  }
}

std::vector<const Division*> Gazetteer::lookup(std::string_view name) const {
  std::vector<const Division*> out;
  auto it = by_name_.find(name);
  if (it != by_name_.end())
    for (size_t i : it->second) out.push_back(&divisions_[i]);
  return out;
}

// A two-character name between begin and end: a mention where a name can start, or before a word
// of a body's name.
bool Gazetteer::short_name_here(std::string_view text, size_t begin, size_t end) const {
  if (begin == 0) return true;
  size_t k = begin - 1;
  while (k > 0 && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80) --k;
  auto p = reinterpret_cast<const unsigned char*>(text.data() + k);
  if (!is_han(text::decode_one(p))) return true;
  std::string_view before = text.substr(0, begin);
  for (const Division* d : lookup(text.substr(begin, end - begin)))
    if ((!d->city.empty() && ends_with(before, d->city)) || ends_with(before, d->province))
      return true;
  std::string_view after = text.substr(end);
  for (const auto& w : short_after_)
    if (after.substr(0, w.size()) == w) return true;
  return false;
}

std::vector<Gazetteer::Mention> Gazetteer::find(std::string_view text) const {
  std::vector<Mention> out;
  std::vector<uint32_t> starts;  // byte offset of each code point, plus the end
  std::vector<uint8_t> longest;  // the longest name starting at each code point (0: none)
  starts.reserve(text.size() / 2 + 1);
  auto p = reinterpret_cast<const unsigned char*>(text.data());
  auto begin = p, end = p + text.size();
  while (p < end) {
    starts.push_back(uint32_t(p - begin));
    char32_t c = text::decode_one(p);
    auto it = last_chars_.find(c);
    if (it == last_chars_.end()) continue;
    // Names ending here: look back over the lengths names ending with c have.
    size_t j = starts.size() - 1;  // this code point
    if (longest.size() < starts.size()) longest.resize(starts.size() + 64, 0);
    for (size_t k = 2; k <= kMaxNameChars && k <= j + 1; ++k) {
      if (!(it->second >> k & 1)) continue;
      size_t i = j + 1 - k;
      std::string_view key = text.substr(starts[i], size_t(p - begin) - starts[i]);
      if (k > longest[i] && by_name_.count(key) && !ignore_.count(key)) longest[i] = uint8_t(k);
    }
  }
  starts.push_back(uint32_t(text.size()));
  longest.resize(starts.size(), 0);
  for (size_t i = 0; i + 1 < starts.size();) {
    size_t k = longest[i];
    if (k == 2 && !short_name_here(text, starts[i], starts[i + 2])) k = 0;
    if (k) {
      out.push_back({starts[i], text.substr(starts[i], starts[i + k] - starts[i])});
      i += k;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace rpt
