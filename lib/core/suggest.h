// suggest: "did you mean" — the nearest of a set of names to what the user typed (flags, tags,
// field paths).
//
// Invariants:
// - Distances count code points, not bytes (a mistyped Han character is one edit), and an
//   adjacent transposition is one edit (doc.yaer → doc.year).
// - Deterministic: among names at the same distance, the first in the order given wins.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rpt {

// Edit distance (insertions, deletions, substitutions, adjacent transpositions) in code points.
size_t edit_distance(std::string_view a, std::string_view b);

// The name nearest to word; with max_distance, only one at most that far. nullopt when names is
// empty or none is close enough.
std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& names,
                                   std::optional<size_t> max_distance = std::nullopt);

// A distance within which a name is a plausible misspelling of word: a third of its length, at
// least 1 (2 for 8 code points, as doc.yaer for doc.year).
size_t typo_distance(std::string_view word);

}  // namespace rpt
