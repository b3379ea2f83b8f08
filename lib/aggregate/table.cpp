#include "table.h"

#include "json.h"

namespace rpt {

namespace {

std::string csv_cell(const std::string& s, char sep) {
  if (sep == '\t') {
    std::string o;
    for (char c : s) {
      if (c == '\t')
        o += "\\t";
      else if (c == '\n')
        o += "\\n";
      else if (c == '\r')
        o += "\\r";
      else if (c == '\\')
        o += "\\\\";
      else
        o += c;
    }
    return o;
  }
  bool quote = s.find_first_of(",\"\n\r") != std::string::npos ||
               (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

std::string md_cell(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '|')
      o += "\\|";
    else if (c == '\n')
      o += "<br>";
    else
      o += c;
  }
  return o;
}

}  // namespace

void write_rows(Output& out, const std::vector<std::string>& cols,
                const std::vector<std::vector<Value>>& rows, OutputFormat fmt, bool bom) {
  auto object = [&](const std::vector<Value>& r) {
    std::string s = "{";
    for (size_t i = 0; i < cols.size(); ++i) {
      if (i) s += ',';
      json::append_json_string(s, cols[i]);
      s += ':' + r[i].json();
    }
    return s + "}";
  };
  switch (fmt) {
    case OutputFormat::Json:
      out.write("[");
      for (size_t i = 0; i < rows.size(); ++i) {
        out.write(i ? ",\n" : "\n");
        out.write(object(rows[i]));
      }
      out.write(rows.empty() ? "]\n" : "\n]\n");
      break;
    case OutputFormat::Jsonl:
      for (const auto& r : rows) out.write(object(r) + "\n");
      break;
    case OutputFormat::Csv:
    case OutputFormat::Tsv: {
      char sep = fmt == OutputFormat::Csv ? ',' : '\t';
      if (bom) out.write("\xEF\xBB\xBF");  // so Excel and WPS read the file as UTF-8
      std::string line;
      for (size_t i = 0; i < cols.size(); ++i)
        line += (i ? std::string(1, sep) : "") + csv_cell(cols[i], sep);
      out.write(line + (fmt == OutputFormat::Csv ? "\r\n" : "\n"));
      for (const auto& r : rows) {
        line.clear();
        for (size_t i = 0; i < r.size(); ++i)
          line += (i ? std::string(1, sep) : "") + csv_cell(r[i].text(), sep);
        out.write(line + (fmt == OutputFormat::Csv ? "\r\n" : "\n"));
      }
      break;
    }
    case OutputFormat::Markdown: {
      std::string line = "|";
      for (const auto& c : cols) line += " " + md_cell(c) + " |";
      out.write(line + "\n|");
      for (size_t i = 0; i < cols.size(); ++i) {
        bool numeric = !rows.empty() && rows[0][i].kind == Value::Number;
        out.write(numeric ? " ---: |" : " --- |");
      }
      out.write("\n");
      for (const auto& r : rows) {
        line = "|";
        for (const auto& v : r) line += " " + md_cell(v.text()) + " |";
        out.write(line + "\n");
      }
      break;
    }
  }
}

}  // namespace rpt
