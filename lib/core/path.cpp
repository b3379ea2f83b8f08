#include "path.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "io.h"
#include "json.h"

namespace rpt {

FieldPath parse_path(std::string_view text) {
  FieldPath p;
  p.text = std::string(text);
  if (text.empty()) throw UsageError("empty field path");
  PathStep step;
  bool have_step = false;
  auto finish = [&]() {
    if (step.key.empty() && !step.explode)
      throw UsageError("field path `" + p.text + "`: empty key (write a\\.b for a key with a dot)");
    p.steps.push_back(std::move(step));
    step = {};
    have_step = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\') {
      if (i + 1 == text.size()) throw UsageError("field path `" + p.text + "`: dangling '\\'");
      step.key.push_back(text[++i]);
      have_step = true;
    } else if (c == '.') {
      finish();
    } else if (c == '[' && i + 1 < text.size() && text[i + 1] == ']') {
      step.explode = true;
      have_step = true;
      ++i;
    } else if (c == '[') {
      size_t close = text.find(']', i);
      int64_t n = 0;
      auto r = close == std::string_view::npos
                   ? std::from_chars_result{nullptr, std::errc::invalid_argument}
                   : std::from_chars(text.data() + i + 1, text.data() + close, n);
      if (r.ec != std::errc() || r.ptr != text.data() + close)
        throw UsageError("field path `" + p.text +
                         "`: expected [] or [N] (write \\[ for a '[' in a key)");
      step.indexed = true;
      step.index = n;
      i = close;
      finish();
      if (i + 1 == text.size()) return p;              // a[0]
      if (text[i + 1] != '.' || i + 2 == text.size())  // a[0].b
        throw UsageError("field path `" + p.text + "`: expected '.KEY' after [" +
                         std::to_string(n) + "]");
      ++i;
    } else {
      if (step.explode || step.indexed)
        throw UsageError("field path `" + p.text + "`: '[]' must end a key (a[].b, not a[]b)");
      step.key.push_back(c);
      have_step = true;
    }
  }
  (void)have_step;
  finish();
  return p;
}

std::string number_text(double v) {
  if (std::isnan(v)) return "null";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";  // text; Value::json() writes a string
  if (v == std::floor(v) && std::fabs(v) < 9.0e15) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, int64_t(v));
    return std::string(buf, r.ptr);
  }
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

Value Value::of(simdjson::dom::element e) {
  Value v;
  switch (e.type()) {
    case simdjson::dom::element_type::NULL_VALUE:
      break;
    case simdjson::dom::element_type::BOOL:
      v.kind = Bool;
      v.boolean = bool(e);
      break;
    case simdjson::dom::element_type::INT64:
      v.kind = Number, v.integer = true, v.i = int64_t(e), v.num = double(v.i);
      break;
    case simdjson::dom::element_type::UINT64: {
      uint64_t u = uint64_t(e);
      v.kind = Number, v.num = double(u);
      if (u <= uint64_t(INT64_MAX)) v.integer = true, v.i = int64_t(u);
      break;
    }
    case simdjson::dom::element_type::DOUBLE:
      v.kind = Number, v.num = double(e);
      if (v.num == std::floor(v.num) && std::fabs(v.num) < 9.0e15)
        v.integer = true, v.i = int64_t(v.num);
      break;
    case simdjson::dom::element_type::STRING:
      v.kind = String, v.str = std::string(std::string_view(e));
      break;
    default:
      v.kind = Json, v.str = simdjson::minify(e);
  }
  return v;
}

bool parse_number(std::string_view s, double& out) {
  if (s.empty()) return false;
  const char* b = s.data();
  const char* e = b + s.size();
  if (*b == '+') ++b;
  auto r = std::from_chars(b, e, out);
  return r.ec == std::errc() && r.ptr == e && std::isfinite(out);
}

bool Value::as_number(double& out) const {
  if (kind == Number) {
    out = num;
    return true;
  }
  return kind == String && parse_number(str, out);
}

std::string Value::sort_key() const {
  std::string k;
  append_sort_key(k);
  return k;
}

void Value::append_sort_key(std::string& k) const {
  k.push_back(char('0' + kind));
  switch (kind) {
    case Null:
      break;
    case Bool:
      k.push_back(boolean ? '1' : '0');
      break;
    case Number: {
      // IEEE order-preserving encoding: flip the sign bit of positives, all bits of negatives.
      double d = num == 0 ? 0.0 : num;  // -0 == 0
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      bits = (bits >> 63) ? ~bits : bits | (uint64_t(1) << 63);
      for (int s = 56; s >= 0; s -= 8) k.push_back(char((bits >> s) & 0xFF));
      break;
    }
    default:
      k += str;
  }
}

std::string Value::json() const {
  switch (kind) {
    case Null:
      return "null";
    case Bool:
      return boolean ? "true" : "false";
    case Number:
      if (integer) return std::to_string(i);
      // A sum beyond a double's range: a JSON string ("inf"), which every JSON reader (rpt's
      // own included) takes, where 1e999 would be rejected; NaN is null as before.
      if (std::isinf(num)) return num > 0 ? "\"inf\"" : "\"-inf\"";
      return number_text(num);
    case String: {
      std::string s;
      json::append_json_string(s, str);
      return s;
    }
    default:
      return str;
  }
}

std::string Value::text() const {
  switch (kind) {
    case Null:
      return "";
    case String:
      return str;
    default:
      return json();
  }
}

namespace {
void select_from(simdjson::dom::element e, const FieldPath& path, size_t step,
                 std::vector<simdjson::dom::element>& out) {
  if (step == path.steps.size()) {
    out.push_back(e);
    return;
  }
  const PathStep& s = path.steps[step];
  simdjson::dom::element next = e;
  if (!s.key.empty()) {
    simdjson::dom::object obj;
    if (e.get_object().get(obj)) return;
    if (obj.at_key(s.key).get(next)) return;
  }
  if (s.explode) {
    simdjson::dom::array arr;
    if (next.get_array().get(arr)) return;
    for (simdjson::dom::element item : arr) select_from(item, path, step + 1, out);
  } else if (s.indexed) {
    simdjson::dom::array arr;
    if (next.get_array().get(arr)) return;
    int64_t n = int64_t(arr.size());
    int64_t k = s.index < 0 ? n + s.index : s.index;
    if (k < 0 || k >= n) return;
    select_from(arr.at(size_t(k)).value(), path, step + 1, out);
  } else {
    select_from(next, path, step + 1, out);
  }
}
}  // namespace

void select_elements(simdjson::dom::element record, const FieldPath& path,
                     std::vector<simdjson::dom::element>& out) {
  select_from(record, path, 0, out);
}

void select(simdjson::dom::element record, const FieldPath& path, std::vector<Value>& out) {
  thread_local std::vector<simdjson::dom::element> elements;  // called per record: kept
  elements.clear();
  select_from(record, path, 0, elements);
  for (auto e : elements) out.push_back(Value::of(e));
}

Value value_from_json(std::string_view json) {
  static thread_local simdjson::dom::parser parser;
  simdjson::dom::element e;
  if (parser.parse(json.data(), json.size(), true).get(e))
    throw DataError({}, "not a JSON value: " + std::string(json.substr(0, 80)));
  return Value::of(e);
}

}  // namespace rpt
