// fact_json: facts and number notes as JSON (the fields docs/record.md lists for each type).
//
// Invariants: one type per field across fact types — `value` is always a number (or null for a
// number beyond a double) and present only on quantity, change and indicator; dates and periods
// write their ISO text in `date`.
#include <charconv>
#include <cmath>
#include <cstdio>

#include "json.h"
#include "path.h"
#include "reader.h"

namespace rpt {

const char* fact_type_name(FactType t) {
  static const char* const names[kFactTypes] = {"quantity", "change", "indicator", "date", "period",
                                                "citation", "quote",  "org",       "units"};
  return names[static_cast<int>(t)];
}

std::optional<FactType> fact_type_named(std::string_view name) {
  for (int i = 0; i < kFactTypes; ++i)
    if (name == fact_type_name(static_cast<FactType>(i))) return static_cast<FactType>(i);
  return std::nullopt;
}

const char* stance_name(Stance s) {
  switch (s) {
    case Stance::Result:
      return "result";
    case Stance::Target:
      return "target";
    default:
      return nullptr;
  }
}

std::string fmt_value(double v) {
  // Decimal inputs (325.34万) carry binary noise; 12 significant digits is more than any report.
  // to_chars with a precision is printf's %.12g, and from_chars strtod's rounding, without the
  // locale and format-string work of either (a fact's value is written for every number).
  if (v == std::floor(v) && std::fabs(v) < 1e12) return number_text(v);  // exact already
  char buf[64];
  auto end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 12).ptr;
  double rounded = v;
  std::from_chars(buf, end, rounded);
  return number_text(rounded);
}

void append_fact_json(std::string& out, const Fact& f, std::string_view text) {
  auto str = [&](const char* key, const std::string& v) {
    out += ",\"";
    out += key;
    out += "\":";
    if (v.empty())
      out += "null";
    else
      json::append_json_string(out, v);
  };
  bool flagged = false;
  auto num = [&](const char* key, double v) {
    out += ",\"";
    out += key;
    out += "\":";
    if (std::isfinite(v)) {
      out += fmt_value(v);
      return;
    }
    // A number beyond a double (a run of hundreds of digits): flagged, never written as a
    // number no JSON reader takes, and never clamped to a wrong finite value.
    out += "null";
    if (!flagged) out += ",\"out_of_range\":true";
    flagged = true;
  };
  auto figure = [&] {  // a quantity's, change's or indicator's stance and year
    if (f.average) out += ",\"average\":true";
    const char* st = stance_name(f.stance);
    out += ",\"stance\":";
    if (st)
      json::append_json_string(out, st);
    else
      out += "null";
    out += ",\"year\":" + (f.year ? std::to_string(f.year) : std::string("null"));
  };
  auto approx = [&] {
    const char* a = approx_name(f.approx);
    out += ",\"approx\":";
    if (a)
      json::append_json_string(out, a);
    else
      out += "null";
  };
  auto amount = [&] {  // a change's or an indicator's value: value, value_max, unit, approx
    num("value", f.value);
    if (f.value_max) num("value_max", *f.value_max);
    str("unit", f.unit);
    approx();
  };
  auto list = [&](const char* key, const std::vector<std::string>& v) {
    out += ",\"";
    out += key;
    out += "\":[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ',';
      json::append_json_string(out, v[i]);
    }
    out += ']';
  };
  out += "{\"type\":\"";
  out += fact_type_name(f.type);
  out += "\",\"text\":";
  json::append_json_string(out, text.substr(f.byte_begin, f.byte_end - f.byte_begin));
  out += ",\"span\":[" + std::to_string(f.begin) + "," + std::to_string(f.end) + "]";
  switch (f.type) {
    case FactType::Quantity:
      num("value", f.value);
      if (f.value_max) num("value_max", *f.value_max);
      str("unit", f.unit);
      str("kind", f.kind);
      approx();
      str("subject", f.subject);
      if (!f.unit_known) out += ",\"unit_known\":false";
      figure();
      break;
    case FactType::Change:
      str("direction", f.direction);
      amount();
      str("basis", f.basis);
      figure();
      break;
    case FactType::Indicator:
      str("name", f.name);
      str("metric", f.metric);
      amount();
      figure();
      break;
    case FactType::Date:  // value is a number or absent: the ISO text goes in date
      str("date", f.iso);
      out += ",\"year\":" + (f.year ? std::to_string(f.year) : std::string("null"));
      out += ",\"month\":" + (f.month ? std::to_string(f.month) : std::string("null"));
      out += ",\"day\":" + (f.day ? std::to_string(f.day) : std::string("null"));
      out += f.deadline ? ",\"deadline\":true" : ",\"deadline\":false";
      break;
    case FactType::Period: {
      str("date", f.iso);
      size_t slash = f.iso.find('/');
      str("start", f.iso.empty() ? std::string() : f.iso.substr(0, slash));
      str("end", slash == std::string::npos ? std::string() : f.iso.substr(slash + 1));
      if (f.deictic) {  // 这五年, 一年来: counted from the report's present
        out += ",\"deictic\":true";
        str("duration", f.duration);
        approx();
      }
      break;
    }
    case FactType::Citation:
      str("name", f.name);
      str("kind", f.kind);
      break;
    case FactType::Quote:
    case FactType::Org:
      str("name", f.name);
      break;
    case FactType::Units:
      list("lead", f.lead);
      list("responsible", f.responsible);
      break;
  }
  out += '}';
}

void append_note_json(std::string& out, const NumberNote& n, std::string_view text) {
  out += "{\"text\":";
  json::append_json_string(out, text.substr(n.byte_begin, n.byte_end - n.byte_begin));
  out += ",\"span\":[" + std::to_string(n.begin) + "," + std::to_string(n.end) + "]";
  out += n.taken ? ",\"taken\":true" : ",\"taken\":false";
  out += ",\"why\":";
  json::append_json_string(out, n.why);
  out += '}';
}

}  // namespace rpt
