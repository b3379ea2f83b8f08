#include "suggest.h"

#include <algorithm>

#include "text.h"

namespace rpt {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::u32string x = text::folded(a), y = text::folded(b);
  size_t n = x.size(), m = y.size();
  // Optimal string alignment: three rows of the Damerau-Levenshtein table.
  std::vector<size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

size_t typo_distance(std::string_view word) {
  return std::max<size_t>(1, text::count_code_points(word) / 3);
}

std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& names,
                                   std::optional<size_t> max_distance) {
  std::optional<std::string> best;
  size_t best_d = 0;
  for (const auto& n : names) {
    size_t d = edit_distance(word, n);
    if (max_distance && d > *max_distance) continue;
    if (!best || d < best_d) best = n, best_d = d;
  }
  return best;
}

}  // namespace rpt
