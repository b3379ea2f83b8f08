#include "gazetteer.h"

#include <algorithm>

#include "io.h"
#include "text.h"

namespace rpt {

Gazetteer::Gazetteer(const std::string& path, const std::vector<std::string>& ignore)
    : ignore_(ignore.begin(), ignore.end()) {
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
  for (size_t i = 0; i < divisions_.size(); ++i) {
    by_name_[divisions_[i].name].push_back(i);
    auto p = reinterpret_cast<const unsigned char*>(divisions_[i].name.data());
    first_chars_.insert(text::decode_one(p));
  }
}

std::vector<const Division*> Gazetteer::lookup(std::string_view name) const {
  std::vector<const Division*> out;
  auto it = by_name_.find(std::string(name));
  if (it != by_name_.end())
    for (size_t i : it->second) out.push_back(&divisions_[i]);
  return out;
}

std::vector<Gazetteer::Mention> Gazetteer::find(std::string_view text) const {
  std::vector<Mention> out;
  std::vector<size_t> starts;  // byte offset of each code point, plus the end
  for (size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  starts.push_back(text.size());
  std::string key;
  for (size_t i = 0; i + 1 < starts.size();) {
    auto p = reinterpret_cast<const unsigned char*>(text.data() + starts[i]);
    if (!first_chars_.count(text::decode_one(p))) {
      ++i;
      continue;
    }
    size_t best = 0;
    for (size_t k = std::min(kMaxNameChars, starts.size() - 1 - i); k >= 2; --k) {
      key.assign(text.substr(starts[i], starts[i + k] - starts[i]));
      if (by_name_.count(key) && !ignore_.count(key)) {
        best = k;
        break;
      }
    }
    if (best) {
      out.push_back({starts[i], text.substr(starts[i], starts[i + best] - starts[i])});
      i += best;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace rpt
