// encoding: turning the bytes of a report into UTF-8.
//
// Detection, in order: a BOM (UTF-8, UTF-16LE/BE); valid UTF-8; the NUL pattern of BOM-less
// UTF-16; then, for bytes that are not UTF-8, ICU's charset detector restricted to the encodings
// Chinese reports come in (GB18030, which covers GBK and GB2312, and Big5). Bytes that are mostly
// UTF-8 with a few bad sequences are *broken UTF-8*, never re-read as GB18030: that would turn a
// damaged file into silent mojibake. Bad sequences become U+FFFD and are counted (with where the
// first one is) when `replace` is set (rpt split's default), else they are an error (--strict);
// `lossy` also replaces them and further drops NUL bytes, which are otherwise an error (binary).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rpt {

enum class Encoding { Auto, Utf8, Gb18030, Utf16le, Utf16be, Big5 };

std::optional<Encoding> parse_encoding(std::string_view name);  // "utf-8", "gbk", "gb18030"…
const char* encoding_name(Encoding e);

struct DecodedText {
  std::string utf8;  // no BOM; NUL-free unless the caller asked for lossy with NULs kept
  Encoding encoding = Encoding::Utf8;
  size_t replaced = 0;          // bad sequences (and NULs) replaced or dropped under lossy
  size_t first_bad = SIZE_MAX;  // byte offset in the input of the first one replaced
  uint64_t first_bad_line = 0;  // and its 1-based line
};

// Converts bytes to UTF-8. `source` names the input in errors. Throws DataError, with line and
// byte, on bytes the chosen encoding cannot read and on NUL bytes (binary data), unless lossy.
DecodedText decode_to_utf8(std::string_view bytes, Encoding declared, bool lossy,
                           const std::string& source, bool replace = false);

}  // namespace rpt
