#include "encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "io.h"
#include "text.h"

namespace rpt {

std::optional<Encoding> parse_encoding(std::string_view name) {
  std::string n;
  for (char c : name)
    if (c != '-' && c != '_') n.push_back(char(std::tolower((unsigned char)c)));
  if (n == "auto") return Encoding::Auto;
  if (n == "utf8") return Encoding::Utf8;
  if (n == "gb18030" || n == "gbk" || n == "gb2312" || n == "cp936") return Encoding::Gb18030;
  if (n == "utf16le" || n == "utf16") return Encoding::Utf16le;
  if (n == "utf16be") return Encoding::Utf16be;
  if (n == "big5") return Encoding::Big5;
  return std::nullopt;
}

const char* encoding_name(Encoding e) {
  switch (e) {
    case Encoding::Auto:
      return "auto";
    case Encoding::Utf8:
      return "UTF-8";
    case Encoding::Gb18030:
      return "GB18030";
    case Encoding::Utf16le:
      return "UTF-16LE";
    case Encoding::Utf16be:
      return "UTF-16BE";
    case Encoding::Big5:
      return "Big5";
  }
  return "?";
}

namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

// Strict or lossy conversion through ICU. Stops at the first bad sequence unless lossy.
DecodedText convert_with_icu(std::string_view bytes, Encoding enc, bool lossy,
                             const std::string& source) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> cnv(ucnv_open(encoding_name(enc), &status));
  if (U_FAILURE(status))
    throw DataError({source}, std::string("no converter for ") + encoding_name(enc));
  DecodedText out;
  out.encoding = enc;
  // Count substitutions ourselves: the callback context is the counter.
  struct Ctx {
    size_t* counter;
    size_t* first;
    const char* base;
  } ctx{&out.replaced, &out.first_bad, bytes.data()};
  if (lossy) {
    UConverterToUCallback old;
    const void* old_ctx;
    auto cb = [](const void* c, UConverterToUnicodeArgs* args, const char* cu, int32_t len,
                 UConverterCallbackReason reason, UErrorCode* err) {
      if (reason <= UCNV_IRREGULAR) {
        const Ctx* x = static_cast<const Ctx*>(c);
        if (++*x->counter == 1) {
          // ICU's source pointer is past the bad bytes it hands the callback.
          size_t at = size_t(args->source - x->base);
          *x->first = at >= size_t(len) ? at - size_t(len) : 0;
        }
      }
      UCNV_TO_U_CALLBACK_SUBSTITUTE(nullptr, args, cu, len, reason, err);
    };
    ucnv_setToUCallBack(cnv.get(), cb, &ctx, &old, &old_ctx, &status);
  } else {
    ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  }
  std::u16string u16(bytes.size() + 16, u'\0');
  const char* src = bytes.data();
  const char* src_end = bytes.data() + bytes.size();
  UChar* dst = reinterpret_cast<UChar*>(u16.data());
  UChar* dst_end = dst + u16.size();
  status = U_ZERO_ERROR;
  ucnv_toUnicode(cnv.get(), &dst, dst_end, &src, src_end, nullptr, true, &status);
  if (U_FAILURE(status)) {
    // The STOP callback leaves src just past the bad sequence; report where that sequence starts.
    char bad[32];
    int8_t bad_len = sizeof bad;
    UErrorCode e2 = U_ZERO_ERROR;
    ucnv_getInvalidChars(cnv.get(), bad, &bad_len, &e2);
    size_t at = size_t(src - bytes.data()) - size_t(std::max<int8_t>(bad_len, 0));
    throw DataError({source, line_of(bytes, at), at},
                    std::string("not valid ") + encoding_name(enc) +
                        " (use --encoding to choose another; without --strict bad bytes are "
                        "replaced)");
  }
  u16.resize(size_t(dst - reinterpret_cast<UChar*>(u16.data())));
  int32_t need = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &need, reinterpret_cast<const UChar*>(u16.data()), int32_t(u16.size()),
              &status);
  out.utf8.resize(size_t(need));
  status = U_ZERO_ERROR;
  u_strToUTF8(out.utf8.data(), need, &need, reinterpret_cast<const UChar*>(u16.data()),
              int32_t(u16.size()), &status);
  if (U_FAILURE(status)) throw DataError({source}, "cannot convert to UTF-8 (unpaired surrogate?)");
  return out;
}

// UTF-16 without a BOM. Chinese text in UTF-16 has few NUL bytes (only its ASCII has them), so
// instead of counting NULs, read the bytes both ways and accept a byte order under which nearly
// every code unit is something a report is made of: CJK ideographs and punctuation, full-width
// forms, ASCII. Legacy double-byte text read as UTF-16 scores about a quarter.
std::optional<Encoding> sniff_utf16(std::string_view b) {
  size_t n = std::min<size_t>(b.size() & ~size_t(1), 1 << 16);
  if (n < 8) return std::nullopt;
  auto plausible = [](unsigned u) {
    return (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3000 && u <= 0x303F) ||
           (u >= 0xFF00 && u <= 0xFFEF) || (u >= 0x20 && u <= 0x7E) || u == '\n' || u == '\r' ||
           u == '\t' || (u >= 0x2000 && u <= 0x206F) || (u >= 0x3400 && u <= 0x4DBF);
  };
  size_t le = 0, be = 0;
  for (size_t i = 0; i < n; i += 2) {
    unsigned lo = (unsigned char)b[i], hi = (unsigned char)b[i + 1];
    le += plausible(lo | (hi << 8));
    be += plausible((lo << 8) | hi);
  }
  size_t units = n / 2;
  if (le * 100 >= units * 95 && le > be) return Encoding::Utf16le;
  if (be * 100 >= units * 95 && be > le) return Encoding::Utf16be;
  return std::nullopt;
}

// Counts well-formed multi-byte UTF-8 sequences and bad bytes in a prefix. Text that is UTF-8 with
// damage has many more of the first; GB18030 read as UTF-8 has almost none.
bool mostly_utf8(std::string_view b) {
  size_t good = 0, bad = 0, n = std::min<size_t>(b.size(), 1 << 20);
  std::string_view s = b.substr(0, n);
  for (size_t i = 0; i < n;) {
    size_t k = text::find_invalid_utf8(s.substr(i));
    if (k == text::npos) {
      for (size_t j = i; j < n; ++j) good += (static_cast<unsigned char>(s[j]) & 0xC0) == 0xC0;
      break;
    }
    for (size_t j = i; j < i + k; ++j) good += (static_cast<unsigned char>(s[j]) & 0xC0) == 0xC0;
    ++bad;
    i += k + 1;
  }
  return good >= 4 * bad;
}

std::optional<Encoding> detect_cjk_legacy(std::string_view b) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&status));
  if (U_FAILURE(status)) return std::nullopt;
  ucsdet_setText(det.get(), b.data(), int32_t(std::min<size_t>(b.size(), 1 << 20)), &status);
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &found, &status);
  if (U_FAILURE(status)) return std::nullopt;
  for (int32_t i = 0; i < found; ++i) {
    std::string name = ucsdet_getName(matches[i], &status);
    if (name == "GB18030") return Encoding::Gb18030;
    if (name == "Big5") return Encoding::Big5;
  }
  return std::nullopt;
}

void check_no_nul(const std::string& s, const std::string& source) {
  size_t at = s.find('\0');
  if (at != std::string::npos)
    throw DataError({source, line_of(s, at), at},
                    "NUL byte: binary data, not a text report (use --lossy to drop NUL bytes)");
}

size_t drop_nuls(std::string& s) {
  size_t before = s.size();
  s.erase(std::remove(s.begin(), s.end(), '\0'), s.end());
  return before - s.size();
}

}  // namespace

DecodedText decode_to_utf8(std::string_view bytes, Encoding declared, bool lossy,
                           const std::string& source, bool replace) {
  replace |= lossy;
  Encoding enc = declared;
  size_t skip = 0;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    if (enc == Encoding::Auto) enc = Encoding::Utf8;
    if (enc == Encoding::Utf8) skip = 3;
  } else if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFF\xFE") {
    if (enc == Encoding::Auto || enc == Encoding::Utf16le) enc = Encoding::Utf16le, skip = 2;
  } else if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFE\xFF") {
    if (enc == Encoding::Auto || enc == Encoding::Utf16be) enc = Encoding::Utf16be, skip = 2;
  }
  std::string_view body = bytes.substr(skip);

  if (enc == Encoding::Auto) {
    if (text::is_valid_utf8(body) && body.find('\0') == std::string_view::npos)
      enc = Encoding::Utf8;
    else if (auto u16 = sniff_utf16(body))
      enc = *u16;
    else if (mostly_utf8(body))
      enc = Encoding::Utf8;  // damaged UTF-8: report where, below
    else if (auto legacy = detect_cjk_legacy(body))
      enc = *legacy;
    else
      throw DataError({source},
                      "neither UTF-8 nor a Chinese legacy encoding ICU recognises "
                      "(name it with --encoding)");
  }

  DecodedText out;
  if (enc == Encoding::Utf8) {
    out.encoding = Encoding::Utf8;
    size_t bad = text::find_invalid_utf8(body);
    if (bad == text::npos) {
      out.utf8.assign(body);
    } else if (!replace) {
      throw DataError({source, line_of(body, bad), bad + skip},
                      "invalid UTF-8 (use --encoding to name the file's encoding; without "
                      "--strict bad bytes are replaced)");
    } else {
      out = convert_with_icu(body, Encoding::Utf8, true, source);
      out.first_bad = bad;
    }
  } else {
    out = convert_with_icu(body, enc, replace, source);
  }
  if (out.first_bad != SIZE_MAX) {
    out.first_bad_line = line_of(body, out.first_bad);
    out.first_bad += skip;
  }
  if (lossy)
    out.replaced += drop_nuls(out.utf8);
  else
    check_no_nul(out.utf8, source);
  return out;
}

}  // namespace rpt
