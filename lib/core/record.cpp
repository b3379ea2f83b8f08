#include "record.h"

#include "json.h"

namespace rpt {

std::string doc_object_json(const DocFields& d) {
  std::string s = "\"doc\":{\"id\":";
  json::append_json_string(s, d.id);
  s += ",\"source\":";
  json::append_json_string(s, d.source);
  if (d.record) {
    s += ",\"record\":";
    json::append_int(s, int64_t(d.record));
  }
  for (const auto& [name, value] : d.extra) {
    s += ',';
    json::append_json_string(s, name);
    s += ':';
    s += value;
  }
  s += '}';
  return s;
}

void append_segment_records(std::string& out, const Document& doc, const std::string& doc_json,
                            Unit unit, const std::vector<const char*>* block_of_para) {
  // Paths repeat across many segments: serialise each once.
  std::vector<std::string> paths;
  paths.reserve(doc.paths.size());
  for (const auto& p : doc.paths) {
    std::string s = "[";
    for (size_t i = 0; i < p.size(); ++i) {
      if (i) s += ',';
      json::append_json_string(s, p[i]);
    }
    s += ']';
    paths.push_back(std::move(s));
  }
  std::string prefix = "{" + doc_json + ",\"seg\":{\"n\":";
  const char* unit_json = unit_name(unit);
  int64_t n = 0;
  for (const Segment& s : doc.segments) {
    out += prefix;
    json::append_int(out, ++n);
    out += ",\"unit\":\"";
    out += unit_json;
    out += "\",\"path\":";
    out += paths[s.path];
    out += ",\"para\":";
    json::append_int(out, s.para);
    if (s.heading) {
      out += ",\"heading\":";
      json::append_int(out, s.heading);
    }
    if (!s.item.empty()) {
      out += ",\"item\":";
      json::append_json_string(out, s.item);
    }
    if (block_of_para && s.para >= 1 && s.para <= block_of_para->size() &&
        (*block_of_para)[s.para - 1]) {
      out += ",\"block\":\"";
      out += (*block_of_para)[s.para - 1];
      out += '"';
    }
    out += "},\"text\":";
    json::append_json_string(out, doc.segment_text(s));
    out += "}\n";
  }
}

}  // namespace rpt
