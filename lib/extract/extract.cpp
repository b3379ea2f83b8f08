// extract: the Extractor — runs the reading steps of reader.h over one text, in the order the
// header of extract.h explains.
#include "extract.h"

#include <algorithm>

#include "reader.h"

namespace rpt {

Extractor::Extractor(const std::string& patterns_dir) : impl_(std::make_unique<Impl>()) {
  impl_->load(patterns_dir);
}
Extractor::~Extractor() = default;

void Extractor::extract(std::string_view text, std::vector<Fact>& out, FactTypes types,
                        const FactContext* ctx, std::vector<NumberNote>* notes) const {
  const Impl& impl = *impl_;
  thread_local ExtractScratch x;
  x.notes = notes;
  x.text = text;
  text::decode(text, true, x.s, x.bytes);
  // Simplified, and every kind of space read as one (74.4 ​ 万亿元 carries a zero-width
  // space).
  for (char32_t& c : x.s) c = text::is_space(c) && c != '\n' ? U' ' : impl.script.simplified(c);
  x.mask.assign(x.s.size(), 0);
  x.quantities.clear();
  x.times.clear();
  const size_t first = out.size(), first_note = notes ? notes->size() : 0;
  auto want = [&](FactType t) { return (types & (1u << int(t))) != 0; };

  impl.read_marks(x, out, types);
  bool numeric = false;
  for (char32_t c : x.s)
    numeric |= extract::is_numeric(c) || c == U'十' || c == U'百' || c == U'千' || c == U'万' ||
               c == U'亿' || c == U'半';  // 半数
  bool figures = want(FactType::Quantity) || want(FactType::Change) || want(FactType::Indicator);
  if (numeric) {
    // The regexes run on the folded UTF-8, whose byte offsets differ from the original's (a
    // full-width digit is 3 bytes, its folded form 1).
    x.folded.resize(4 * x.s.size());  // written in place, cut to size after
    x.folded_bytes.resize(x.s.size() + 1);
    size_t n = 0;
    for (size_t i = 0; i < x.s.size(); ++i) {
      x.folded_bytes[i] = uint32_t(n);
      n += text::encode_utf8(x.s[i], x.folded.data() + n);
    }
    x.folded_bytes[x.s.size()] = uint32_t(n);
    x.folded.resize(n);
    impl.read_times(x, out, types);
    impl.read_eras(x, out, types);
    impl.read_deictic(x, out, types);
    x.name_rule.assign(x.s.size(), -1);
    impl.read_names(x);
    if (figures) {
      impl.read_quantities(x);
      size_t changes_at = out.size();
      if (want(FactType::Change) || want(FactType::Indicator)) impl.read_changes(x, out);
      // Indicators read the changes; when changes were not asked for, they are dropped after.
      std::vector<Fact> changes(out.begin() + long(changes_at), out.end());
      if (!want(FactType::Change)) out.resize(changes_at);
      if (want(FactType::Indicator)) impl.read_indicators(x, changes, out);
      if (want(FactType::Quantity))
        for (Fact& q : x.quantities) {
          q.subject = impl.subject_of(x, q);
          // 6.5%－7%, 百分之四至百分之五: two figures (a change stays one, over the range).
          if (Fact high; split_percent_range(x, q, high)) out.push_back(std::move(high));
          out.push_back(std::move(q));
        }
    }
  }
  if (want(FactType::Units)) impl.read_units(x, out);
  if (want(FactType::Org)) impl.read_orgs(x, out);
  std::stable_sort(out.begin() + long(first), out.end(), [](const Fact& a, const Fact& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end < b.end;
    return a.type < b.type;
  });
  impl.read_stances(x, ctx, out, first);
  for (size_t k = first; k < out.size(); ++k)
    out[k].byte_begin = x.bytes[out[k].begin], out[k].byte_end = x.bytes[out[k].end];
  if (notes) {
    // A taken number's note says the stance of the figure it became.
    for (size_t k = first; k < out.size(); ++k)
      if (out[k].type == FactType::Quantity && !out[k].stance_why.empty())
        for (size_t j = first_note; j < notes->size(); ++j)
          if ((*notes)[j].taken && (*notes)[j].begin >= out[k].begin &&
              (*notes)[j].end <= out[k].end)
            (*notes)[j].why +=
                "; " + std::string(stance_name(out[k].stance)) + " (" + out[k].stance_why + ")";
    std::stable_sort(notes->begin() + long(first_note), notes->end(),
                     [](const NumberNote& a, const NumberNote& b) { return a.begin < b.begin; });
    for (size_t j = first_note; j < notes->size(); ++j)
      (*notes)[j].byte_begin = x.bytes[(*notes)[j].begin],
      (*notes)[j].byte_end = x.bytes[(*notes)[j].end];
  }
}

}  // namespace rpt
