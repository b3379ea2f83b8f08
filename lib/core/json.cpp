#include "json.h"

#include <charconv>

#include "text.h"

namespace rpt::json {

namespace {
// Bytes that need escaping: '"', '\\' and < 0x20.
constexpr bool needs_escape(unsigned char c) {
  return c < 0x20 || c == '"' || c == '\\';
}
struct EscapeTable {
  bool t[256];
  constexpr EscapeTable() : t() {
    for (int i = 0; i < 256; ++i) t[i] = needs_escape((unsigned char)i);
  }
};
constexpr EscapeTable kEscape;
}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    const char* run = p;
    while (p < end && !kEscape.t[(unsigned char)*p]) ++p;
    out.append(run, size_t(p - run));
    if (p == end) break;
    unsigned char c = (unsigned char)*p++;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default: {
        static const char hex[] = "0123456789abcdef";
        char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        out.append(u, 6);
      }
    }
  }
  out.push_back('"');
}

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, size_t(r.ptr - buf));
}

std::string_view raw_json_of(simdjson::ondemand::value v) {
  std::string_view t;
  switch (v.type().value()) {
    case simdjson::ondemand::json_type::object: {
      simdjson::ondemand::object o = v.get_object();
      t = o.raw_json().value();
      break;
    }
    case simdjson::ondemand::json_type::array: {
      simdjson::ondemand::array a = v.get_array();
      t = a.raw_json().value();
      break;
    }
    default:
      t = v.raw_json_token();
  }
  // simdjson's raw views run to the next token: drop the white space before it.
  while (!t.empty() &&
         (t.back() == ' ' || t.back() == '\t' || t.back() == '\n' || t.back() == '\r'))
    t.remove_suffix(1);
  return t;
}

const char* type_name(simdjson::ondemand::json_type t) {
  switch (t) {
    case simdjson::ondemand::json_type::array:
      return "array";
    case simdjson::ondemand::json_type::object:
      return "object";
    case simdjson::ondemand::json_type::number:
      return "number";
    case simdjson::ondemand::json_type::string:
      return "string";
    case simdjson::ondemand::json_type::boolean:
      return "boolean";
    case simdjson::ondemand::json_type::null:
      return "null";
  }
  return "?";
}

simdjson::ondemand::object JsonlReader::parse() {
  std::string_view text = line_.text;
  size_t bad = text::find_invalid_utf8(text);
  if (bad != text::npos)
    throw DataError({name(), line_.number, line_.offset + bad},
                    "invalid UTF-8 in JSON line (JSON Lines must be UTF-8; convert GBK input with "
                    "`rpt split --encoding gbk` or iconv)");
  auto err = parser_.iterate(text.data(), text.size(), text.size() + kPadding).get(doc_);
  if (err) throw DataError(where(), std::string("not JSON: ") + simdjson::error_message(err));
  simdjson::ondemand::json_type type;
  err = doc_.type().get(type);
  if (err) throw DataError(where(), std::string("not JSON: ") + simdjson::error_message(err));
  if (type != simdjson::ondemand::json_type::object)
    throw DataError(where(), std::string("expected a JSON object, found ") + type_name(type));
  simdjson::ondemand::object obj;
  err = doc_.get_object().get(obj);
  if (err) throw DataError(where(), std::string("not JSON: ") + simdjson::error_message(err));
  // On-demand parsing reads only what is asked for; check the object is whole and alone on its
  // line first (a truncated record must be an error, not a partial record).
  std::string_view raw;
  err = obj.raw_json().get(raw);
  if (err) throw DataError(where(), std::string("not JSON: ") + simdjson::error_message(err));
  for (size_t i = size_t(raw.data() + raw.size() - text.data()); i < text.size(); ++i)
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
      throw DataError(where(), "text after the JSON object (one object per line)");
  doc_.rewind();
  err = doc_.get_object().get(obj);
  if (err) throw DataError(where(), std::string("not JSON: ") + simdjson::error_message(err));
  return obj;
}

std::string dom_error_text(simdjson::error_code err) {
  switch (err) {
    case simdjson::NUMBER_OUT_OF_RANGE:
      return "a number too large for a 64-bit integer (write it as a string)";
    case simdjson::NUMBER_ERROR:
      return "a malformed number or one beyond the range of a double (write it as a string)";
    case simdjson::DEPTH_ERROR:
      return "nested deeper than " + std::to_string(simdjson::DEFAULT_MAX_DEPTH) + " levels";
    case simdjson::STRING_ERROR:
      return "a bad string (raw control character, bad escape or lone surrogate)";
    case simdjson::UNESCAPED_CHARS:
      return "a raw control character inside a string (must be escaped)";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      return "a misspelt literal (only true, false and null)";
    default:
      return simdjson::error_message(err);
  }
}

}  // namespace rpt::json
