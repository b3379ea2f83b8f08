#include "split.h"

#include <unistd.h>

#include <unordered_set>

#include "html.h"
#include "json.h"
#include "record.h"
#include "text.h"

namespace rpt {

namespace {

std::string display(const std::string& path) {
  return path == "-" ? "<stdin>" : path;
}

}  // namespace

struct ReportSplitter::Impl {
  Impl(const SplitConfig& cfg, Hooks hooks)
      : cfg_(cfg),
        hooks_(std::move(hooks)),
        patterns_(cli::patterns_dir(cfg.patterns)),
        script_(patterns_ + "/script/traditional.tsv"),
        grammar_(patterns_, script_),
        cleaner_(patterns_, grammar_),
        fields_(patterns_, grammar_) {}

  void text(const std::string& path, std::string_view bytes, bool html, std::string& out) {
    bytes_ += bytes.size();
    if (bytes.empty()) {
      hooks_.warn(display(path) + ": empty file, no segments");
      return;
    }
    Encoding encoding = cfg_.encoding;
    if (html && encoding == Encoding::Auto)
      if (auto declared = html_declared_charset(bytes)) encoding = *declared;
    DecodedText decoded = decode_to_utf8(bytes, encoding, cfg_.lossy, display(path));
    HtmlText page;
    if (html) {
      page = html_to_text(decoded.utf8);
      decoded.utf8 = std::move(page.text);
    }
    if (decoded.replaced)
      hooks_.warn(display(path) + ": " + std::to_string(decoded.replaced) +
                  " bad byte sequence(s) replaced (--lossy)");
    DocFields fields;
    fields.source = path;
    if (decoded.encoding != Encoding::Utf8) {
      std::string enc;
      json::append_json_string(enc, encoding_name(decoded.encoding));
      fields.extra.emplace_back("encoding", enc);
    }
    RecordHints hints;
    if (html && !page.title.empty()) hints.page_title = page.title;
    emit(decoded.utf8, fields, hints, display(path), out, html ? &page.link_density : nullptr);
  }

  void jsonl(json::JsonlReader& reader, std::string& out) {
    const std::string path = reader.name() == "<stdin>" ? "-" : reader.name();
    uint64_t last_bytes = 0;
    std::string text, meta;
    RecordHints hints;
    while (true) {
      try {
        if (!reader.next()) break;
      } catch (const DataError& e) {
        hooks_.reject(e, {});
        break;  // a read error or an over-long line: the rest of the stream cannot be trusted
      }
      bytes_ += reader.bytes_read() - last_bytes;
      last_bytes = reader.bytes_read();
      try {
        jsonl_record(reader, text, meta, hints);
        DocFields fields;
        fields.source = path;
        fields.record = reader.line().number;
        fields.extra.emplace_back("meta", meta);
        emit(text, fields, hints, reader.name() + ":" + std::to_string(reader.line().number), out);
      } catch (const DataError& e) {
        hooks_.reject(e, reader.line().text);
      }
    }
  }

  // Reads the text field into text and every other field into meta (a JSON object, values copied
  // verbatim). Throws DataError for a bad record.
  void jsonl_record(json::JsonlReader& reader, std::string& text, std::string& meta,
                    RecordHints& hints) {
    text.clear();
    hints = {};
    meta = "{";
    bool found = false;
    std::vector<std::string> names;
    try {
      auto obj = reader.parse();
      for (auto field : obj) {
        std::string_view key = field.unescaped_key().value();
        simdjson::ondemand::value value = field.value();
        if (key == cfg_.text_field && !found) {
          auto type = value.type().value();
          if (type != simdjson::ondemand::json_type::string)
            throw DataError(reader.where(), "field \"" + cfg_.text_field + "\" is a " +
                                                json::type_name(type) + ", expected a string");
          text.assign(value.get_string().value());
          found = true;
          continue;
        }
        names.emplace_back(key);
        record_hint(key, value, hints);
        if (meta.size() > 1) meta += ',';
        json::append_json_string(meta, key);
        meta += ':';
        meta += json::raw_json_of(value);
      }
    } catch (const simdjson::simdjson_error& e) {
      throw DataError(reader.where(), std::string("not valid JSON: ") + e.what());
    }
    meta += '}';
    if (!found) {
      std::string have;
      for (const auto& n : names) have += (have.empty() ? "" : ", ") + n;
      throw DataError(reader.where(), "no field \"" + cfg_.text_field +
                                          "\" (name the text field with --text-field; this "
                                          "record has: " +
                                          (have.empty() ? "no fields" : have) + ")");
    }
    if (text.find('\0') != std::string::npos)
      throw DataError(reader.where(), "field \"" + cfg_.text_field + "\" contains a NUL character");
  }

  // Fields of the input record that stand for document fields the text may not state.
  static void record_hint(std::string_view key, simdjson::ondemand::value& value,
                          RecordHints& hints) {
    auto type = value.type().value();
    if (key == "title" && type == simdjson::ondemand::json_type::string) {
      hints.title = std::string(value.get_string().value());
    } else if (key == "year") {
      int64_t y = 0;
      if (type == simdjson::ondemand::json_type::number) {
        if (value.get_int64().get(y)) return;
      } else if (type == simdjson::ondemand::json_type::string) {
        std::string_view s = value.get_string().value();
        if (s.size() != 4 || s.find_first_not_of("0123456789") != std::string_view::npos) return;
        y = std::stoi(std::string(s));
      } else {
        return;
      }
      if (y >= 1000 && y <= 2999) hints.year = int(y);
    }
  }

  static std::string json_or_null(const std::optional<std::string>& v) {
    if (!v) return "null";
    std::string s;
    json::append_json_string(s, *v);
    return s;
  }

  void add_meta_fields(const DocMeta& m, DocFields& fields) {
    std::vector<std::pair<std::string, std::string>> f;
    f.emplace_back("title", json_or_null(m.title));
    f.emplace_back("issuer", json_or_null(m.issuer));
    std::string rec = "[";
    for (size_t i = 0; i < m.recipients.size(); ++i) {
      if (i) rec += ',';
      json::append_json_string(rec, m.recipients[i]);
    }
    f.emplace_back("recipients", rec + "]");
    f.emplace_back("date", json_or_null(m.date));
    f.emplace_back("published", json_or_null(m.published));
    f.emplace_back("year", m.year ? std::to_string(*m.year) : "null");
    f.emplace_back("type", json_or_null(m.type));
    std::string region = "null";
    if (m.region) {
      auto opt = [](const std::string& v) { return v.empty() ? std::optional<std::string>() : v; };
      region = "{\"name\":" + json_or_null(m.region->name) +
               ",\"code\":" + json_or_null(opt(m.region->code)) +
               ",\"city\":" + json_or_null(opt(m.region->city)) +
               ",\"province\":" + json_or_null(opt(m.region->province)) + "}";
    }
    f.emplace_back("region", region);
    if (m.origin) f.emplace_back("origin", json_or_null(m.origin));
    // Fields already there (encoding, meta) come after the document fields.
    f.insert(f.end(), fields.extra.begin(), fields.extra.end());
    fields.extra = std::move(f);
  }

  void emit(std::string_view utf8, DocFields& fields, const RecordHints& hints,
            const std::string& where, std::string& out,
            const std::vector<float>* link_density = nullptr) {
    CleanedText cleaned = cleaner_.clean(utf8, link_density, !cfg_.keep_furniture);
    if (dropped_) write_dropped(fields, cleaned.dropped);
    Document doc = segment_text(cleaned.text, cfg_.split);
    ++docs_;
    if (doc.segments.empty()) {
      hooks_.warn(where + ": no text, no segments");
      return;
    }
    if (cfg_.dedup && !seen_.insert(doc.id).second) {
      ++duplicates_;
      return;
    }
    fields.id = doc.id;
    DocMeta meta = fields_.read(doc, cleaned, hints);
    add_meta_fields(meta, fields);
    std::string doc_json = doc_object_json(fields);
    append_segment_records(out, doc, doc_json, cfg_.split.unit, &meta.block_of_para);
    records_ += doc.segments.size();
    if (hooks_.after_document) hooks_.after_document();
  }

  void write_dropped(const DocFields& fields, const std::vector<DroppedLine>& lines) {
    std::string& b = *dropped_;
    for (const auto& l : lines) {
      b += "{\"source\":";
      json::append_json_string(b, fields.source);
      if (fields.record) {
        b += ",\"record\":";
        json::append_int(b, int64_t(fields.record));
      }
      b += ",\"line\":";
      json::append_int(b, int64_t(l.line));
      b += ",\"reason\":";
      json::append_json_string(b, l.reason);
      b += ",\"text\":";
      json::append_json_string(b, l.text);
      b += "}\n";
    }
  }

  SplitConfig cfg_;
  Hooks hooks_;
  std::string patterns_;
  ScriptTable script_;
  HeaderGrammar grammar_;
  PageCleaner cleaner_;
  FieldReader fields_;
  std::string* dropped_ = nullptr;
  std::unordered_set<std::string> seen_;
  uint64_t bytes_ = 0, docs_ = 0, records_ = 0, duplicates_ = 0;
};

ReportSplitter::ReportSplitter(const SplitConfig& cfg, Hooks hooks)
    : impl_(std::make_unique<Impl>(cfg, std::move(hooks))) {}
ReportSplitter::~ReportSplitter() = default;
void ReportSplitter::text(const std::string& path, std::string_view bytes, bool html,
                          std::string& out) {
  impl_->text(path, bytes, html, out);
}
void ReportSplitter::jsonl(json::JsonlReader& reader, std::string& out) {
  impl_->jsonl(reader, out);
}
void ReportSplitter::file(const std::string& path, std::string_view bytes, std::string& out) {
  Format format =
      impl_->cfg_.format != Format::Auto ? impl_->cfg_.format : format_from_extension(path);
  if (format == Format::Jsonl) {
    json::JsonlReader reader(path, bytes, impl_->cfg_.max_line);
    impl_->jsonl(reader, out);
  } else {
    impl_->text(path, bytes, format == Format::Html, out);
  }
}
void ReportSplitter::set_dropped(std::string* buf) {
  impl_->dropped_ = buf;
}
uint64_t ReportSplitter::bytes() const {
  return impl_->bytes_;
}
uint64_t ReportSplitter::documents() const {
  return impl_->docs_;
}
uint64_t ReportSplitter::records() const {
  return impl_->records_;
}
uint64_t ReportSplitter::duplicates() const {
  return impl_->duplicates_;
}

namespace {

// rpt split: the inputs in order through one ReportSplitter, into -o (or stdout).
class Splitter {
 public:
  explicit Splitter(const SplitConfig& cfg)
      : cfg_(cfg),
        diag_("rpt split", cfg.common),
        progress_("rpt split", cfg.common),
        out_(cfg.common.output),
        report_(cfg, ReportSplitter::Hooks{
                         [this](const std::string& m) { diag_.warn(m); },
                         [this](const DataError& e, std::string_view raw) { diag_.reject(e, raw); },
                         [this] { after_document(); }}) {
    if (!cfg.dropped.empty()) {
      dropped_ = std::make_unique<Output>(cfg.dropped);
      report_.set_dropped(&dropped_->buffer());
    }
  }

  int run() {
    std::vector<std::string> paths = cfg_.inputs;
    if (!cfg_.files_from.empty()) {
      auto listed = read_file_list(cfg_.files_from, cfg_.null_separated);
      paths.insert(paths.end(), listed.begin(), listed.end());
    }
    if (paths.empty()) {
      if (cfg_.files_from.empty() && isatty(0))
        throw UsageError(
            "no input: name files or directories, or pipe a report in "
            "(see rpt split --help)");
      if (cfg_.files_from.empty()) paths.push_back("-");
    }
    WalkReport walk;
    std::vector<InputFile> files = expand_inputs(paths, walk);
    for (const auto& w : walk.warnings) diag_.warn(w);
    for (const auto& e : walk.errors) diag_.reject(DataError({}, e));
    if (walk.skipped_other_files)
      diag_.warn(std::to_string(walk.skipped_other_files) +
                 " file(s) in directories skipped: not .txt, .html or .jsonl");
    for (const InputFile& f : files) {
      try {
        input(f);
      } catch (const DataError& e) {
        diag_.reject(e);
      }
    }
    progress_.finish(report_.bytes(), report_.documents(), report_.records());
    out_.commit();
    if (dropped_) dropped_->commit();
    if (report_.duplicates())
      diag_.warn(std::to_string(report_.duplicates()) + " duplicate document(s) dropped (--dedup)");
    diag_.finish();
    return diag_.exit_status();
  }

 private:
  void after_document() {
    out_.maybe_flush();
    if (dropped_) dropped_->maybe_flush();
    progress_.update(report_.bytes(), report_.documents(), report_.records());
  }

  void input(const InputFile& f) {
    Format format = cfg_.format != Format::Auto ? cfg_.format : f.format;
    std::string prefix;
    if (format == Format::Auto) {
      // stdin or an unknown extension: sniff the first non-blank byte.
      if (f.path == "-") {
        prefix = read_stdin_prefix(4096);
        format = sniff(prefix);
      } else {
        format = Format::Text;
      }
    }
    if (format == Format::Jsonl) {
      json::JsonlReader reader(f.path, cfg_.max_line, prefix);
      report_.jsonl(reader, out_.buffer());
    } else {
      report_.text(f.path, prefix + read_file(f.path), format == Format::Html, out_.buffer());
    }
  }

  static Format sniff(std::string_view head) {
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    for (char c : head) {
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
      return c == '{' ? Format::Jsonl : c == '<' ? Format::Html : Format::Text;
    }
    return Format::Text;
  }

  const SplitConfig& cfg_;
  cli::Diagnostics diag_;
  cli::Progress progress_;
  Output out_;
  std::unique_ptr<Output> dropped_;
  ReportSplitter report_;
};

}  // namespace

int run_split(const SplitConfig& config) {
  return Splitter(config).run();
}

}  // namespace rpt
