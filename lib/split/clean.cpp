#include "clean.h"

#include <algorithm>

#include "text.h"

namespace rpt {

PageCleaner::PageCleaner(const std::string& patterns_dir) {
  std::string path = patterns_dir + "/split/furniture.rules";
  RE2::Options opt;
  opt.set_log_errors(false);
  set_ = std::make_unique<RE2::Set>(opt, RE2::UNANCHORED);
  for (const Rule& r : load_rules(path)) {
    Compiled c;
    if (r.key == "drop" && r.args.empty())
      c.action = Action::Drop;
    else if (r.key == "tail" && r.args.empty())
      c.action = Action::Tail;
    else if (r.key == "field" && r.args.size() == 1)
      c.action = Action::Field, c.field = r.args[0];
    else
      unknown_rule(r, "drop, tail or field NAME");
    c.re = compile_rule(r);
    if (c.action == Action::Field && c.re->NumberOfCapturingGroups() < 1)
      throw DataError(r.where, "a field rule needs a capture group for the value");
    std::string err;
    if (set_->Add(r.value, &err) != int(rules_.size()))
      throw DataError(r.where, "bad regex: " + err);
    rules_.push_back(std::move(c));
  }
  if (!set_->Compile()) throw DataError({path}, "rules too large to compile together");
}

CleanedText PageCleaner::clean(std::string_view utf8) const {
  struct Line {
    std::string_view text;
    bool drop = false;
    bool tail = false;
  };
  std::vector<Line> lines;
  size_t pos = 0;
  while (pos <= utf8.size()) {
    size_t nl = utf8.find('\n', pos);
    if (nl == std::string_view::npos) nl = utf8.size();
    std::string_view line = text::trim(utf8.substr(pos, nl - pos));
    if (!line.empty()) lines.push_back({line});
    pos = nl + 1;
  }
  CleanedText out;
  std::vector<int> hits;
  size_t tail_from = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    Line& l = lines[i];
    if (text::count_code_points(l.text) > kMaxFurnitureChars) continue;
    std::string folded = text::fold_width(l.text);
    hits.clear();
    if (!set_->Match(folded, &hits)) continue;
    std::sort(hits.begin(),
              hits.end());  // RE2::Set reports in no fixed order; rules act in file order
    for (int h : hits) {
      const Compiled& c = rules_[size_t(h)];
      switch (c.action) {
        case Action::Drop:
          l.drop = true;
          break;
        case Action::Tail:
          l.drop = true;
          if (i * 2 >= lines.size() && i < tail_from) tail_from = i;
          break;
        case Action::Field: {
          std::string value;
          if (RE2::PartialMatch(folded, *c.re, &value) && !value.empty()) {
            bool have = false;
            for (auto& [name, v] : out.fields) have |= name == c.field;
            if (!have) out.fields.emplace_back(c.field, value);
          }
          l.drop = true;
          break;
        }
      }
    }
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].drop || i >= tail_from) {
      out.dropped.emplace_back(lines[i].text);
      continue;
    }
    if (!out.text.empty()) out.text.push_back('\n');
    out.text.append(lines[i].text);
  }
  return out;
}

}  // namespace rpt
