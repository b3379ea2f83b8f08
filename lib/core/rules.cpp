#include "rules.h"

#include "text.h"

namespace rpt {

std::vector<Rule> load_rules(const std::string& path) {
  std::string data = read_file(path);
  if (!text::is_valid_utf8(data)) {
    size_t bad = text::find_invalid_utf8(data);
    throw DataError({path, line_of(data, bad), bad}, "rules files must be UTF-8");
  }
  // A NUL cannot be part of a term: the C APIs the patterns go to (Hyperscan) would cut it there.
  if (size_t nul = data.find('\0'); nul != std::string::npos)
    throw DataError({path, line_of(data, nul), nul}, "a NUL byte in a rules file");
  std::vector<Rule> rules;
  std::string section;
  uint64_t line_no = 0;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    std::string_view line = text::trim(std::string_view(data).substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    Location where{path, line_no};
    if (line.front() == '[') {
      if (line.back() != ']' || line.size() < 3)
        throw DataError(where, "a section line is `[NAME]`");
      section = std::string(text::trim(line.substr(1, line.size() - 2)));
      if (section.empty() || section.find_first_of("[]: \t") != std::string::npos)
        throw DataError(where, "bad section name `" + section + "` (no spaces, brackets or ':')");
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos)
      throw DataError(where, "expected `KEY: VALUE`, found no ':'");
    Rule r;
    r.where = where;
    r.section = section;
    std::string_view head = line.substr(0, colon);
    size_t i = 0;
    while (i < head.size()) {
      while (i < head.size() && (head[i] == ' ' || head[i] == '\t')) ++i;
      size_t j = i;
      while (j < head.size() && head[j] != ' ' && head[j] != '\t') ++j;
      if (j > i) {
        if (r.key.empty())
          r.key = std::string(head.substr(i, j - i));
        else
          r.args.emplace_back(head.substr(i, j - i));
      }
      i = j;
    }
    if (r.key.empty()) throw DataError(where, "rule without a key before ':'");
    r.value = std::string(text::trim(line.substr(colon + 1)));
    if (r.value.empty()) throw DataError(where, "rule `" + r.key + "` has an empty value");
    rules.push_back(std::move(r));
  }
  return rules;
}

std::unique_ptr<RE2> compile_rule(const Rule& r) {
  RE2::Options opt;
  opt.set_log_errors(false);
  auto re = std::make_unique<RE2>(r.value, opt);
  if (!re->ok()) throw DataError(r.where, "bad regex: " + re->error());
  return re;
}

void unknown_rule(const Rule& r, const std::string& expected) {
  throw DataError(r.where, "unknown rule `" + r.key + "` (expected " + expected + ")");
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace rpt
