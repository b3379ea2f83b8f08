// word_sets: the lookups the extractor's readers run at nearly every character (internal to
// lib/extract).
//
// Invariants: lookups never allocate; a bitmap of first (last) characters rejects most positions
// before any hashing; words are stored width-folded, as the readers see the text.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "numeral.h"
#include "text.h"

namespace rpt::extract {

using U32 = std::u32string;
using U32View = std::u32string_view;

// A set of BMP code points, one bit each.
class CharSet {
 public:
  void insert(char32_t c) {
    if (c < 0x10000) bits_[c >> 6] |= uint64_t(1) << (c & 63);
  }
  bool count(char32_t c) const { return c < 0x10000 && (bits_[c >> 6] >> (c & 63) & 1); }

 private:
  std::vector<uint64_t> bits_ = std::vector<uint64_t>(0x10000 / 64, 0);
};

// A set of words looked up by where they start or end in a code point text, each with a tag (an
// index the caller gives meaning to: a unit's kind, a metric).
class WordSet {
 public:
  void add(const std::string& w, int tag = 0) {
    U32 u = text::folded(w);
    if (u.empty()) return;
    max_ = std::max(max_, u.size());
    min_ = std::min(min_, u.size());
    mark(firsts_, u.front());
    mark(lasts_, u.back());
    by_first_[u.front()] |= length_bit(u.size());
    by_last_[u.back()] |= length_bit(u.size());
    words_.emplace(std::move(u), tag);
  }
  bool empty() const { return words_.empty(); }
  // The longest word that starts at s[i]: its length (0: none) and tag. The rejection is inline;
  // the search, rarely reached, is not.
  size_t longest_at(U32View s, size_t i, int* tag = nullptr) const {
    if (i >= s.size() || !marked(firsts_, s[i])) return 0;
    return search_at(s, i, tag);
  }
  // The longest word that ends at s[e-1].
  size_t longest_ending(U32View s, size_t e, int* tag = nullptr) const {
    if (e == 0 || e > s.size() || !marked(lasts_, s[e - 1])) return 0;
    return search_ending(s, e, tag);
  }

 private:
  // Bit n-1 stands for words of n code points; the top bit for every length from 64 on.
  static uint64_t length_bit(size_t n) { return uint64_t(1) << (std::min<size_t>(n, 64) - 1); }
  // Only the lengths some word starting (ending) with that character has are hashed.
  size_t search(const std::unordered_map<char32_t, uint64_t>& by, char32_t c, size_t room,
                U32View (*word)(U32View, size_t, size_t), U32View s, size_t at, int* tag) const {
    auto lengths = by.find(c);
    if (lengths == by.end()) return 0;
    for (size_t n = std::min(max_, room); n >= min_ && n > 0; --n) {
      if (!(lengths->second & length_bit(n))) {
        if (n < 64) n = size_t(64 - std::countl_zero(lengths->second & (length_bit(n) - 1))) + 1;
        continue;
      }
      if (auto it = words_.find(word(s, at, n)); it != words_.end()) {
        if (tag) *tag = it->second;
        return n;
      }
    }
    return 0;
  }
  [[gnu::noinline]] size_t search_at(U32View s, size_t i, int* tag) const {
    return search(
        by_first_, s[i], s.size() - i,
        [](U32View v, size_t at, size_t n) { return v.substr(at, n); }, s, i, tag);
  }
  [[gnu::noinline]] size_t search_ending(U32View s, size_t e, int* tag) const {
    return search(
        by_last_, s[e - 1], e, [](U32View v, size_t end, size_t n) { return v.substr(end - n, n); },
        s, e, tag);
  }

  struct Hash {
    using is_transparent = void;
    size_t operator()(U32View v) const { return std::hash<U32View>()(v); }
  };
  struct Eq {
    using is_transparent = void;
    bool operator()(U32View a, U32View b) const { return a == b; }
  };
  using Bits = std::vector<uint64_t>;  // one bit per BMP code point; astral ones always pass
  static void mark(Bits& b, char32_t c) {
    if (b.empty()) b.assign(0x10000 / 64, 0);
    if (c < 0x10000) b[c >> 6] |= uint64_t(1) << (c & 63);
  }
  static bool marked(const Bits& b, char32_t c) {
    return c >= 0x10000 || (!b.empty() && (b[c >> 6] >> (c & 63) & 1));
  }
  std::unordered_map<U32, int, Hash, Eq> words_;
  std::unordered_map<char32_t, uint64_t> by_first_, by_last_;  // character → lengths (bits)
  Bits firsts_, lasts_;
  size_t max_ = 0, min_ = SIZE_MAX;
};

inline bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}
inline bool is_digit(char32_t c) {
  return c >= '0' && c <= '9';
}
inline bool is_latin(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_numeric(char32_t c) {
  return is_digit(c) || chinese_digit(c) >= 0;
}
// Clause punctuation: the context of a number does not reach across it.
inline bool is_clause_end(char32_t c) {
  switch (c) {
    case ',':
    case ';':
    case U'。':
    case ':':
    case '!':
    case '?':
    case U'、':
    case '(':
    case ')':
      return true;
    default:
      return false;
  }
}
// Sentence punctuation: what a fact's stance and year may be read back to.
inline bool is_sentence_end(char32_t c) {
  return c == U'。' || c == '!' || c == '?' || c == ';';
}
inline bool starts_with(U32View s, size_t i, U32View w) {
  return s.size() >= i + w.size() && s.substr(i, w.size()) == w;
}

}  // namespace rpt::extract
