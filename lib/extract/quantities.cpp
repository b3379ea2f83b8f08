// quantities: numbers with a size (a unit, a percent, a magnitude) become quantities; the rest —
// ordinals, names (八项规定, 二期工程, 12345热线), codes (5G, 4.三是), the indefinite 一 — do not,
// and with notes requested each says why. A unit the lexicon lacks is still read after Arabic
// digits (1200标准台 → 标, EFLOPS) and flagged unit_known: false.
#include "reader.h"

namespace rpt {

using extract::is_clause_end;
using extract::is_digit;
using extract::is_han;
using extract::is_latin;
using extract::U32View;

// numbers.rules `name:` contexts, matched on the folded UTF-8. Matches may overlap (十五届 and
// 届人大五次会议 both cover 五): after a match the search goes on from the next character.
void Extractor::Impl::read_names(ExtractScratch& x) const {
  if (!names) return;
  const std::string_view folded = x.folded;
  const std::vector<uint32_t>& offsets = x.folded_bytes;
  size_t pos = 0;
  while (pos < folded.size()) {
    re2::StringPiece match;
    if (!names->Match(folded, pos, folded.size(), RE2::UNANCHORED, &match, 1)) break;
    size_t b = size_t(match.data() - folded.data()), e = b + match.size();
    size_t cb =
        size_t(std::lower_bound(offsets.begin(), offsets.end(), uint32_t(b)) - offsets.begin());
    size_t ce =
        size_t(std::lower_bound(offsets.begin(), offsets.end(), uint32_t(e)) - offsets.begin());
    int rule = -1;
    if (x.notes)  // which rule: only to say so
      for (size_t r = 0; r < name_rules.size() && rule < 0; ++r)
        if (RE2::FullMatch(re2::StringPiece(match.data(), match.size()), *name_rules[r].re))
          rule = int(r);
    for (size_t k = cb; k < ce && k < x.mask.size(); ++k) {
      if (!(x.mask[k] & kMaskName)) x.name_rule[k] = int16_t(rule);
      x.mask[k] |= kMaskName;
    }
    pos = cb + 1 < offsets.size() ? offsets[cb + 1] : folded.size();
  }
}

std::string Extractor::Impl::why_masked(const ExtractScratch& x, size_t b, size_t e) const {
  uint8_t m = 0;
  int rule = -1;
  for (size_t k = b; k < e; ++k) {
    m |= x.mask[k];
    if ((x.mask[k] & kMaskName) && x.name_rule[k] >= 0) rule = x.name_rule[k];
  }
  if (m & kMaskTime) return "part of a date or a stated period";
  if (m & kMaskDeictic) return "part of a span of time counted from the report's present";
  if (m & kMaskOrdinal) return "one year named by its place in a span (头一年, 最后一年): no count";
  if (m & kMaskMarks) return "inside quotation or title marks: part of a name";
  if (rule >= 0) {
    const Location& w = name_rules[size_t(rule)].where;
    std::string file = w.source.substr(w.source.rfind('/') + 1);
    if (w.line == 0) return "part of a place's name (" + file + ")";  // the gazetteer's
    return "part of a name (" + file + ":" + std::to_string(w.line) + ")";
  }
  return "part of a name (numbers.rules)";
}

// The preposition 比 earlier in the clause, with no change word (增长, 下降) right before `at`.
bool Extractor::Impl::compared_before(U32View s, size_t at) const {
  if (up.longest_ending(s, at) || down.longest_ending(s, at) || link.longest_ending(s, at))
    return false;
  auto group_comma = [&](size_t p) {  // ３，８５６: a digit group, no clause end
    return s[p] == ',' && p > 0 && p + 1 < s.size() && is_digit(s[p - 1]) && is_digit(s[p + 1]);
  };
  for (size_t p = at; p-- > 0 && (!is_clause_end(s[p]) || group_comma(p));)
    if (s[p] == U'比' && !not_compare.longest_at(s, p) &&
        !(p > 0 && not_compare.longest_ending(s, p + 1)))
      return true;
  return false;
}

void Extractor::Impl::read_quantities(ExtractScratch& x) const {
  const U32View s = x.s;
  std::vector<Fact>& qs = x.quantities;
  // A bound or approximation cue (至少, 不超过, 接近) waiting in the current clause for its number;
  // the first list with a word at a position gives it.
  const std::pair<const extract::WordSet*, Approx> cue_words[] = {
      {&over_cues, Approx::Over}, {&under_cues, Approx::Under}, {&about_cues, Approx::About}};
  Approx cue = Approx::Exact;
  // Where the last counting word (共, 仅) of this clause ended: one close before 一 makes it a
  // count (仅一家), one far before it does not (只能和必然是一个过程); a clause-wide one (每, 至少)
  // counts from anywhere before it in the clause (每对夫妇生育一个孩子).
  size_t counted_end = SIZE_MAX;
  bool counted_in_clause = false;
  for (size_t i = 0; i < s.size();) {
    char32_t c = s[i];
    if (is_clause_end(c)) {
      cue = Approx::Exact;
      counted_end = SIZE_MAX, counted_in_clause = false;
      ++i;
      continue;
    }
    if (size_t n = counted_cues.longest_at(s, i); n && (i + n >= s.size() || !is_digit(s[i + n]))) {
      counted_end = i + n;
    }
    if (counted_clause_cues.longest_at(s, i)) counted_in_clause = true;  // read on: 至少 is a bound
    size_t cue_len = 0;
    for (const auto& [words, approx] : cue_words)
      if ((cue_len = words->longest_at(s, i))) {
        cue = approx;
        break;
      }
    // The numeral reader knows some of these as prefixes (不少于1次): let it read them.
    // (将近十年, 接近百分之五十: 十 and 百分之 start a numeral too.)
    if (const size_t k = i + cue_len; cue_len && k < s.size() && !extract::is_numeric(s[k]) &&
                                      s[k] != U'十' && !s.substr(k).starts_with(U"百分之")) {
      i += cue_len;
      continue;
    }
    // Only where a numeral can start.
    if (!numeral_may_start(c)) {
      ++i;
      continue;
    }
    auto n = read_numeral(s, i);
    if (!n || n->end <= i) {
      ++i;
      continue;
    }
    const size_t nb = n->number_begin, ne = n->number_end;
    size_t next = std::max(n->end, ne);
    auto skip = [&](std::string why) {
      x.note(nb, ne, false, std::move(why));
      i = next;
    };
    bool masked = false;
    for (size_t k = nb; k < ne; ++k) masked |= x.mask[k] != 0;
    if (masked) {
      if (!(x.mask[nb] & kMaskDeictic)) skip(why_masked(x, nb, ne));  // noted already
      i = next;
      continue;
    }
    // A digit glued to Latin letters is a code (5G, V2); a number followed by a dot where an
    // enumerator stands (at a clause's start: 4.三是) is a section number.
    if ((nb > 0 && is_latin(s[nb - 1])) || (ne < s.size() && s[ne] == '.' && !n->percent &&
                                            (nb == 0 || is_clause_end(s[nb - 1]) ||
                                             text::is_space(s[nb - 1]) || s[nb - 1] == U'。'))) {
      skip("glued to letters or a dot: a code or a section number");
      continue;
    }
    // 第3 after a rank word (位居全省第3名, 排名第一) is a rank; any other ordinal is an
    // enumerator.
    // 第3名, 第二位: an ordinal with a rank unit is a rank wherever it stands.
    bool rank = n->ordinal && nb > 0 && s[nb - 1] == U'第' && rank_units.longest_at(s, ne);
    if (!rank && n->ordinal && nb > 0 && s[nb - 1] == U'第') {
      size_t p = nb - 1;
      for (size_t back = 0; back <= 4 && p >= back && !rank; ++back) {
        if (back && is_clause_end(s[p - back])) break;  // 排名第一。第三批: not across a clause
        rank = rank_cues.longest_ending(s, p - back) > 0;
      }
    }
    if (n->ordinal && !rank) {
      skip("an ordinal (第三, 三是): an enumerator, not a count");
      continue;
    }
    // Named by what follows: 12号 (a document or building number); after a Chinese numeral,
    // 八项规定 (a word of named-by-chinese, after the number or its classifier) and 二期工程,
    // 三级医院 (a grade word before a noun).
    size_t u = ne;
    bool named = named_by.longest_at(s, u) > 0;
    if (!named && n->chinese) {
      size_t ul = units.longest_at(s, u);
      named = named_by_chinese.longest_at(s, u) || (ul && named_by_chinese.longest_at(s, u + ul));
      // Not after the levels it counts (县乡两级, 区、镇、村三级).
      bool counts_levels = nb > 0 && (levels.count(s[nb - 1]) || s[nb - 1] == ')');
      if (size_t g = grades.longest_at(s, u); !named && g && !counts_levels)
        named = u + g < s.size() && is_han(s[u + g]) && !not_units.longest_at(s, u + g);
    }
    if (named) {
      skip("part of a name: named by the word after it (numbers.rules named-by, grade)");
      continue;
    }
    Fact q;
    q.type = FactType::Quantity;
    q.begin = uint32_t(n->begin);
    q.value = n->value;
    q.value_max = n->value_max;
    q.approx = n->approx;
    size_t end = n->end;
    int kind = -1;
    size_t ulen = 0, inner = 0;  // inner: the compound unit's length after its 多/余
    if (rank) {
      q.kind = "rank";
      q.begin = uint32_t(nb - 1);                                            // with its 第
      if ((ulen = units.longest_at(s, u))) q.unit = x.written(u, u + ulen);  // 第3名
      end = std::max(end, u + ulen);
    } else if (n->percent) {
      q.unit = "%", q.kind = "percent";
    } else if (n->fraction) {
      q.kind = "ratio";
    } else {
      ulen = units.longest_at(s, u, &kind);
      if (ulen && not_classifiers.longest_at(s, u) > ulen) ulen = 0;  // 六亿人民: no unit
      // A space between Arabic digits and a unit of the lexicon (预览 2 页, of converted PDFs).
      if (size_t a = n->chinese ? u : after_digit_space(s, u);
          !ulen && a > u && (ulen = units.longest_at(s, a, &kind)))
        u = a;
      if (!ulen && u < s.size() && modifiers.count(s[u])) {
        int k2 = -1;
        if (size_t l2 = units.longest_at(s, u + 1, &k2)) ulen = l2 + 1, kind = k2;
      }
      // 多/余 inside a compound classifier (三个多月, 2个多百分点): the unit is the compound
      // without it, and the number a lower bound.
      if (ulen && u + ulen + 1 < s.size() && (s[u + ulen] == U'多' || s[u + ulen] == U'余')) {
        std::u32string joined(s.substr(u, ulen));
        joined.append(s.substr(u + ulen + 1, 8));
        int k2 = -1;
        if (size_t l2 = units.longest_at(joined, 0, &k2); l2 > ulen) inner = l2 - ulen, kind = k2;
      }
      if (ulen) {
        q.kind = kinds[size_t(kind)];
      } else if (!n->chinese && !n->magnitude && u < s.size()) {
        // A unit the lexicon lacks, after Arabic digits: a run of Latin letters (EFLOPS, kV;
        // two or more, so 5G and 4A stay codes) or one Han character that is not a word known to
        // follow numbers without being their unit (以上, 的, 世纪).
        size_t k = u;
        while (k < s.size() && is_latin(s[k])) ++k;
        bool year_like = ne - nb == 4 && n->value >= 1900 && n->value <= 2100;
        if (k - u >= 2 && (k >= s.size() || !is_digit(s[k]))) {
          ulen = k - u, q.kind = "measure";
        } else if (k == u && is_han(s[u]) && !year_like && !not_units.longest_at(s, u) &&
                   chinese_digit(s[u]) < 0 && !x.mask[u] &&
                   (u + 1 >= s.size() || !is_han(s[u + 1]) || s[u + 1] == U'的' ||
                    s[u + 1] == U'余' || s[u + 1] == U'多')) {
          // Only where a classifier ends its phrase (70.8岁。, 12列、): a Han character with more
          // Han after it is as often a verb or a noun (0跑腿, 3中全会) as a unit.
          ulen = 1, q.kind = "count";
        }
        q.unit_known = ulen == 0;
      }
      if (inner) {
        q.unit = x.written(u, u + ulen) + x.written(u + ulen + 1, u + ulen + 1 + inner);
        end = std::max(end, u + ulen + 1 + inner);
        if (q.approx == Approx::Exact) q.approx = Approx::Over;
      } else if (ulen) {
        q.unit = x.written(u, u + ulen);
        end = std::max(end, u + ulen);
        // 五天半, 一年半, 二斤半, 六倍半: a half after a unit of time, measure or ratio adds to the
        // count (一成半 is then 15 %).
        if ((q.kind == "duration" || q.kind == "measure" || q.kind == "ratio") &&
            u + ulen < s.size() && s[u + ulen] == U'半') {
          q.value += 0.5;
          if (q.value_max) *q.value_max += 0.5;
          end = std::max(end, u + ulen + 1);
        }
        if (tenths.longest_at(s, u) == ulen) {  // 超过五成: 50 % of kind ratio
          q.value *= 10;
          if (q.value_max) *q.value_max *= 10;
          q.unit = "%";
        }
      } else if (n->magnitude) {
        q.kind = "count";  // 14亿: size from the magnitude alone
      } else {
        bool year_like = ne - nb == 4 && n->value >= 1900 && n->value <= 2100;
        skip(year_like ? "a year without 年, or a name's number (2015全国…)"
                       : "no unit, percent or magnitude after it");
        continue;
      }
    }
    // 一 with a classifier is mostly the indefinite article (一个过程, 一场变革, 一条新路子): a
    // count of one only after a counting word (仅一家, 至少一次), and never right after 的
    // (增加最多的一年); with a time unit, only as a span of time (一个月内), not a point
    // (新的一年). A multiple is no article: 大一倍 is one time more.
    bool after_de = nb > 0 && s[nb - 1] == U'的';
    const bool counted = counted_in_clause ||
                         (counted_end != SIZE_MAX && counted_end <= nb && nb - counted_end <= 2);
    // 进行一次检查, 整顿一遍: a light verb before 一 and an action's classifier: one time (not
    // 避免了一次大分裂, an article).
    bool of_action = ulen && actions.longest_at(s, u) == ulen && action_verbs.longest_ending(s, nb);
    if (ne == nb + 1 && s[nb] == U'一' && n->approx == Approx::Exact && !n->percent &&
        (!counted || after_de) && !rank && q.kind != "ratio" && !of_action) {
      bool span_of_time = q.kind == "duration" && (span_after.longest_at(s, u + ulen) ||
                                                   span_before.longest_ending(s, n->begin));
      if (!span_of_time) {
        skip("一 with a classifier: the indefinite article, not a count of one");
        continue;
      }
    }
    // 近 before a span of years or months is "the last": 近两年, 近三个月 (not "about two").
    if (q.kind == "duration" && q.approx == Approx::About && s[n->begin] == U'近' &&
        nb == n->begin + 1) {
      q.approx = Approx::Exact;
      q.begin = uint32_t(nb);
    }
    // An approximation word at the end of a longer word is none (节约二千八百亿元: saves, not
    // about); 比…超过133亿斤 states the excess itself, not "more than" (not after a change
    // word: 比上年增长超过5%).
    const size_t prefix = nb - n->begin;
    if (prefix && q.approx != Approx::Exact &&
        (not_approx.longest_ending(s, nb) > prefix ||
         (exceed_by.longest_at(s, n->begin) == prefix && compared_before(s, n->begin)))) {
      q.approx = Approx::Exact;
      q.begin = uint32_t(nb);
    }
    // 左右/以上/以下 right after the unit (100人左右; the numeral reader found it) belong to the
    // span; so does 多/余 (两年多).
    if (ulen && n->suffix_end && n->suffix_begin == u + ulen) end = n->suffix_end;
    if (ulen && end == u + ulen && end < s.size() && (s[end] == U'多' || s[end] == U'余') &&
        q.approx == Approx::Exact) {
      q.approx = Approx::Over;
      ++end;
    }
    if (q.approx == Approx::Exact && cue != Approx::Exact) q.approx = cue;
    cue = Approx::Exact;
    q.end = uint32_t(end);
    if (x.notes) {
      std::string why = "quantity: ";
      if (!q.unit_known)
        why += "unit " + q.unit + " not in units.rules (unit_known false)";
      else if (!q.unit.empty())
        why += "unit " + q.unit + " (" + q.kind + ")";
      else
        why += q.kind == "ratio" ? "a fraction" : "sized by its magnitude";
      x.note(nb, ne, true, std::move(why));
    }
    qs.push_back(std::move(q));
    i = end;
  }
}

// A percent range whose ends each carry their own percent (6.5%－7%, 百分之四至百分之五) is said
// as two figures: q keeps the low end, `high` gets the high end. The numeral reader marks them.
bool split_percent_range(const ExtractScratch& x, Fact& q, Fact& high) {
  if (!q.value_max || q.unit != "%") return false;
  for (size_t k = q.begin; k < q.end; ++k) {
    if (!numeral_may_start(x.s[k])) continue;
    auto n = read_numeral(x.s, k);
    if (!n || !n->low_end || n->number_begin < q.begin || n->number_end > q.end) continue;
    high = q;
    high.begin = uint32_t(n->high_begin);
    high.value = *q.value_max, high.value_max.reset();
    q.end = uint32_t(n->low_end), q.value_max.reset();
    return true;
  }
  return false;
}

// The thing a quantity counts, best effort: the noun phrase after it (12名党政主要负责人), or when
// the quantity ends its clause, the phrase before it (宣讲活动80余场次).
std::string Extractor::Impl::subject_of(const ExtractScratch& x, const Fact& q) const {
  const U32View s = x.s;
  // Phrases stop at non-Han text, conjunctions, numbers and dates (2024年共上报… is not
  // "年共上报").
  auto stop = [&](size_t k) {
    char32_t c = s[k];
    return !is_han(c) || c == U'的' || c == U'和' || c == U'及' || c == U'与' || c == U'等' ||
           chinese_digit(c) > 0 || (x.mask[k] & kMaskTime);
  };
  size_t e = q.end;
  if (e < s.size() && !stop(e) && !(q.kind == "percent")) {
    size_t k = e;
    while (k < s.size() && k - e < 10 && !stop(k)) ++k;
    if (k - e >= 2) return text::to_utf8(s.substr(e, k - e));
  }
  size_t b = q.begin, k = b;
  while (k > 0 && b - k < 12 && !stop(k - 1)) --k;
  // Counting words open the phrase but are not the thing counted (共上报矛盾纠纷 → 上报矛盾纠纷).
  while (size_t n = counted_cues.longest_at(s.substr(0, b), k)) k += n;
  if (b >= k + 2) return text::to_utf8(s.substr(k, b - k));
  return {};
}

}  // namespace rpt
