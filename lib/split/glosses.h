// glosses: pinyin readings a converter wrote into the text, taken out before the text is read.
//
// Some sites publish a traditional-script copy of their pages made by a converter that writes the
// reading of a character it thinks ambiguous right after it: 統(tǒng)籌, 發(fā)展, 數(shù)據. The
// reading splits words (terms, names and units no longer match) and is not the report's text.
//
// Invariants:
// - Only a parenthesised run of Latin letters that holds a tone-marked vowel (ā á ǎ à … ǜ), right
//   after a Han character, is a gloss: (a), (PM2.5), (试行) and readings without tone marks stay.
// - Line breaks are never removed, so line numbers and per-line data stay aligned.
#pragma once

#include <string>
#include <string_view>

namespace rpt {

// The text without its pinyin glosses, into out; returns how many were removed (0: out is left
// untouched, and the caller keeps its text).
size_t strip_pinyin_glosses(std::string_view text, std::string& out);

}  // namespace rpt
