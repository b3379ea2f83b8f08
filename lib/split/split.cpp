#include "split.h"

#include <unistd.h>

#include <algorithm>
#include <unordered_set>

#include "batches.h"
#include "html.h"
#include "json.h"
#include "parallel.h"
#include "record.h"
#include "script.h"
#include "text.h"

namespace rpt {

namespace {

// Old Mac line ends: a lone '\r' becomes '\n' ("\r\n" stays; the cleaner drops the '\r').
void lone_cr_to_lf(std::string& s) {
  for (size_t i = s.find('\r'); i != std::string::npos; i = s.find('\r', i + 1))
    if (i + 1 == s.size() || s[i + 1] != '\n') s[i] = '\n';
}

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
    url_.reset();
    bytes_ += bytes.size();
    if (bytes.empty()) {
      hooks_.warn(display(path) + ": empty file, no segments");
      return;
    }
    Encoding encoding = cfg_.encoding;
    if (html && encoding == Encoding::Auto)
      if (auto declared = html_declared_charset(bytes)) encoding = *declared;
    DecodedText decoded = decode_to_utf8(bytes, encoding, cfg_.lossy, display(path), !cfg_.strict);
    HtmlText page;
    if (html) {
      page = html_to_text(decoded.utf8);
      decoded.utf8 = std::move(page.text);
    } else {
      lone_cr_to_lf(decoded.utf8);
    }
    if (decoded.replaced) {
      Location first{display(path)};
      if (decoded.first_bad != SIZE_MAX)
        first = {display(path), decoded.first_bad_line, decoded.first_bad};
      hooks_.warn(first.str() + " " + std::to_string(decoded.replaced) +
                  " bad byte sequence(s) replaced with U+FFFD (first here; --strict rejects "
                  "the file instead)");
    }
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
      } catch (const LineTooLong& e) {
        hooks_.reject(e, {});  // that record only: the reader has skipped it
        continue;
      } catch (const DataError& e) {
        hooks_.reject(e, {});
        break;  // a read error: the rest of the stream cannot be trusted
      }
      bytes_ += reader.bytes_read() - last_bytes;
      last_bytes = reader.bytes_read();
      size_t mark = out.size();
      try {
        jsonl_record(reader, text, meta, hints);
        url_ = hints.url;
        lone_cr_to_lf(text);
        DocFields fields;
        fields.source = path;
        fields.record = reader.line().number;
        fields.extra.emplace_back("meta", meta);
        emit(text, fields, hints, reader.name() + ":" + std::to_string(reader.line().number), out);
      } catch (const DataError& e) {
        hooks_.reject(e, reader.line().text);
      } catch (const std::bad_alloc&) {
        out.resize(std::min(mark, out.size()));
        hooks_.reject(DataError(reader.where(), "out of memory on this record (" +
                                                    std::to_string(reader.line().text.size()) +
                                                    " bytes); record skipped"),
                      reader.line().text);
      }
    }
  }

  // Reads the text field into text and every other field into meta (a JSON object). Each value
  // copied into meta is parsed whole and validated (simdjson's DOM parser, the one the next tools
  // read with) and re-serialised from that parse, so meta is valid JSON whatever the input held;
  // a record that cannot be copied faithfully (a misspelt literal, a number out of range, a raw
  // control character, a lone surrogate, nesting too deep) is rejected with the field and the
  // reason. Throws DataError for a bad record.
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
        std::string_view raw = json::raw_json_of(value);
        simdjson::dom::element checked;
        if (auto err = meta_parser_.parse(raw.data(), raw.size(), true).get(checked))
          throw DataError(reader.where(),
                          "field \"" + std::string(key) + "\": " + json::dom_error_text(err));
        record_hint(key, checked, hints);
        if (meta.size() > 1) meta += ',';
        json::append_json_string(meta, key);
        meta += ':';
        meta += simdjson::minify(checked);
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
  static void record_hint(std::string_view key, simdjson::dom::element value, RecordHints& hints) {
    std::string_view str;
    bool is_string = !value.get(str);
    if (key == "title" && is_string) {
      std::string_view t = text::trim(str);
      if (!t.empty()) hints.title = std::string(t);
    } else if (key == "url" && is_string) {
      std::string_view u = text::trim(str);
      if (!u.empty()) hints.url = std::string(u);
    } else if (key == "date" && is_string) {
      // 2024-03-05, 2024/3/5, 2024.03.05 (a time after it is ignored): ISO, or nothing.
      static const RE2 date_re(R"(\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?)");
      int y = 0, m = 0, d = 0;
      if (RE2::FullMatch(re2::StringPiece(str.data(), str.size()), date_re, &y, &m, &d) && m >= 1 &&
          m <= 12 && d >= 1 && d <= 31) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        hints.date = buf;
      }
    } else if (key == "year") {
      int64_t y = 0;
      if (value.is_int64()) {
        y = value.get_int64().value();
      } else if (is_string) {
        if (str.size() != 4 || str.find_first_not_of("0123456789") != std::string_view::npos)
          return;
        y = std::stoi(std::string(str));
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
    if (url_) f.emplace_back("url", json_or_null(url_));
    // Fields already there (encoding, meta) come after the document fields.
    f.insert(f.end(), fields.extra.begin(), fields.extra.end());
    fields.extra = std::move(f);
  }

  void emit(std::string_view utf8, DocFields& fields, const RecordHints& hints,
            const std::string& where, std::string& out,
            const std::vector<float>* link_density = nullptr) {
    // A converter's pinyin readings (統(tǒng)籌) out first: they split the words every later
    // step reads (script.h). Line breaks stay, so link densities keep their lines.
    if (strip_pinyin_glosses(utf8, unglossed_)) utf8 = unglossed_;
    CleanedText cleaned = cleaner_.clean(utf8, link_density, !cfg_.keep_furniture);
    if (dropped_) write_dropped(fields, cleaned.dropped);
    Document doc = segment_text(cleaned.text, cfg_.split);
    ++docs_;
    if (doc.segments.empty()) {
      hooks_.warn(where + ": no text, no segments");
      return;
    }
    if (cfg_.dedup && !written_ && !seen_.insert(doc.id).second) {
      ++duplicates_;
      return;
    }
    fields.id = doc.id;
    DocMeta meta = fields_.read(doc, cleaned, hints);
    add_meta_fields(meta, fields);
    std::string doc_json = doc_object_json(fields);
    size_t begin = out.size();
    append_segment_records(out, doc, doc_json, cfg_.split.unit, &meta.block_of_para);
    records_ += doc.segments.size();
    if (written_) written_->push_back({doc.id, begin, out.size(), doc.segments.size()});
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
  std::vector<WrittenDoc>* written_ = nullptr;  // set: --dedup is the caller's
  std::unordered_set<std::string> seen_;
  std::optional<std::string> url_;     // the current JSON Lines record's url, if it has one
  simdjson::dom::parser meta_parser_;  // validates the values copied into doc.meta
  uint64_t bytes_ = 0, docs_ = 0, records_ = 0, duplicates_ = 0;
  std::string unglossed_;  // the text of the document being emitted, its glosses taken out
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
void ReportSplitter::list_documents(std::vector<WrittenDoc>* docs) {
  impl_->written_ = docs;
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

Format sniff(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  for (char c : head) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{' ? Format::Jsonl : c == '<' ? Format::Html : Format::Text;
  }
  return Format::Text;
}

// One input file through a ReportSplitter, its records appended to out.
void split_input(ReportSplitter& report, const SplitConfig& cfg, const InputFile& f,
                 std::string& out) {
  Format format = cfg.format != Format::Auto ? cfg.format : f.format;
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
    json::JsonlReader reader(f.path, cfg.max_line, prefix);
    report.jsonl(reader, out);
  } else {
    report.text(f.path, prefix + read_file(f.path), format == Format::Html, out);
  }
}

// split_input, where a bad input is rejected and the run goes on. An allocation failure is an
// error for that input (what it had written is taken back), never the end of the run.
void split_input_file(ReportSplitter& report, const SplitConfig& cfg, const InputFile& f,
                      std::string& out, cli::Reporter& diag) {
  size_t mark = out.size();
  try {
    split_input(report, cfg, f, out);
  } catch (const DataError& e) {
    diag.reject(e);
  } catch (const std::bad_alloc&) {
    out.resize(std::min(mark, out.size()));
    diag.reject(DataError({display(f.path)}, "out of memory on this input; skipped"));
  }
}

// What a worker made of one input file (-j N): handed back in input order.
struct SplitJob {
  std::string out, dropped;
  cli::DiagnosticLog log;
  std::vector<WrittenDoc> docs;  // the documents whose records are in out, in order
  uint64_t bytes = 0, documents = 0;
};

// A worker's own ReportSplitter (patterns loaded once per thread), writing into the current job.
struct SplitWorker {
  explicit SplitWorker(const SplitConfig& cfg)
      : report(cfg, ReportSplitter::Hooks{[this](const std::string& m) { job->log.warn(m); },
                                          [this](const DataError& e, std::string_view raw) {
                                            job->log.reject(e, raw);
                                          },
                                          nullptr}) {}
  SplitJob* job = nullptr;
  ReportSplitter report;
};

}  // namespace

// rpt split: the inputs in order through one ReportSplitter (or, with -j N, through one per
// worker thread, written back in input order), into -o (or stdout).
class Splitter {
 public:
  explicit Splitter(const SplitConfig& cfg)
      : cfg_(cfg),
        diag_("rpt split", cfg.common),
        progress_("rpt split", cfg.common),
        out_(cfg.common.output, cfg.common.write_through) {
    if (!cfg.dropped.empty())
      dropped_ = std::make_unique<Output>(cfg.dropped, cfg.common.write_through);
  }

  int run() {
    if (cfg_.strict && cfg_.lossy) throw UsageError("--strict and --lossy contradict each other");
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
    size_t threads = cfg_.common.threads();
    // stdin named twice: the second reads what the first left (nothing), in order only.
    if (std::count_if(files.begin(), files.end(), [](auto& f) { return f.path == "-"; }) > 1)
      threads = 1;
    if (threads <= 1 || (files.size() <= 1 && (files.empty() || !batched(files[0])))) {
      for (const InputFile& f : files) input_file(f);
      bytes_ = report().bytes(), docs_ = report().documents(), records_ = report().records();
      duplicates_ = report().duplicates();
    } else {
      run_parallel(files, threads);
    }
    progress_.finish(bytes_, docs_, records_);
    out_.commit();
    if (dropped_) dropped_->commit();
    if (duplicates_)
      diag_.warn(std::to_string(duplicates_) + " duplicate document(s) dropped (--dedup)");
    diag_.finish();
    return diag_.exit_status();
  }

  void input_file(const InputFile& f) { split_input_file(report(), cfg_, f, out_.buffer(), diag_); }
  std::string& buffer() { return out_.buffer(); }
  std::string* dropped_buffer() { return dropped_ ? &dropped_->buffer() : nullptr; }
  uint64_t docs() { return report().documents(); }
  uint64_t records() { return report().records(); }
  size_t rejected() const { return diag_.rejected(); }

 private:
  // The sequential run's splitter, made when first needed (a -j N run has one per worker).
  ReportSplitter& report() {
    if (!report_) {
      report_ = std::make_unique<ReportSplitter>(
          cfg_, ReportSplitter::Hooks{
                    [this](const std::string& m) { diag_.warn(m); },
                    [this](const DataError& e, std::string_view raw) { diag_.reject(e, raw); },
                    [this] { after_document(); }});
      if (dropped_) report_->set_dropped(&dropped_->buffer());
    }
    return *report_;
  }

  void after_document() {
    out_.maybe_flush();
    if (dropped_) dropped_->maybe_flush();
    progress_.update(report_->bytes(), report_->documents(), report_->records());
  }

  // Files across worker threads, each to its own buffers, taken back in input order: messages
  // replayed, --dedup decided here (the first copy in input order is kept, as in one thread).
  void run_parallel(const std::vector<InputFile>& files, size_t threads) {
    Pool<SplitWorker> workers([this] { return std::make_unique<SplitWorker>(cfg_); });
    std::unordered_set<std::string> seen;
    OrderedRunner<SplitJob> runner(
        threads,
        [&](SplitJob& job) {
          job.log.replay(diag_);
          if (dropped_) {
            dropped_->buffer() += job.dropped;
            dropped_->maybe_flush();
          }
          for (const WrittenDoc& d : job.docs) {
            if (cfg_.dedup && !seen.insert(d.id).second) {
              ++duplicates_;
              continue;
            }
            out_.write(std::string_view(job.out).substr(d.begin, d.end - d.begin));
            records_ += d.records;
          }
          bytes_ += job.bytes, docs_ += job.documents;
          progress_.update(bytes_, docs_, records_);
        },
        2 * threads);
    // One input, or one batch of a JSON Lines input's lines, in a worker's ReportSplitter.
    auto job_of = [this, &workers](auto&& split) {
      SplitJob job;
      auto w = workers.take();
      ReportSplitter& r = w->report;
      w->job = &job;
      r.set_dropped(dropped_ ? &job.dropped : nullptr);
      r.list_documents(&job.docs);
      uint64_t bytes = r.bytes(), docs = r.documents();
      split(r, job);
      // An allocation failure took back what the input had written: so are its documents.
      while (!job.docs.empty() && job.docs.back().end > job.out.size()) job.docs.pop_back();
      job.bytes = r.bytes() - bytes, job.documents = r.documents() - docs;
      r.list_documents(nullptr);
      r.set_dropped(nullptr);
      w->job = nullptr;
      return job;
    };
    for (const InputFile& f : files) {
      if (!batched(f)) {
        runner.submit([this, &f, &job_of] {
          return job_of([&](ReportSplitter& r, SplitJob& job) {
            split_input_file(r, cfg_, f, job.out, job.log);
          });
        });
        continue;
      }
      // A JSON Lines file is a document per line: its lines go out in batches, so one file
      // uses every worker. Messages name the file's own line numbers, as one thread does.
      BatchReader batches({f.path}, cfg_.max_line);
      for (auto batch = std::make_shared<LineBatch>(); batches.next(*batch);
           batch = std::make_shared<LineBatch>())
        runner.submit([this, batch, &job_of] {
          SplitJob job = job_of([&](ReportSplitter& r, SplitJob& job) {
            cut_lines(*batch);
            std::vector<LineReader::Line> lines;
            std::vector<bool> too_long;
            for (const LineBatch::Line& l : batch->lines) {
              lines.push_back(
                  {std::string_view(batch->text).substr(l.offset, l.size), l.number, l.at});
              too_long.push_back(l.too_long);
            }
            json::JsonlReader reader(batch->name, std::move(lines), std::move(too_long),
                                     batch->max_line);
            r.jsonl(reader, job.out);
            if (batch->error) job.log.reject(*batch->error, {});
          });
          job.bytes = batch->bytes;  // the file's bytes, as the reader counted them
          return job;
        });
    }
    runner.finish();
  }

  // Whether an input is read in batches of lines with -j N: a JSON Lines file (stdin is not
  // sniffed ahead of time, so it is read as one input).
  bool batched(const InputFile& f) const {
    Format format = cfg_.format != Format::Auto ? cfg_.format : f.format;
    return format == Format::Jsonl && f.path != "-";
  }

  const SplitConfig& cfg_;
  cli::Diagnostics diag_;
  cli::Progress progress_;
  Output out_;
  std::unique_ptr<Output> dropped_;
  std::unique_ptr<ReportSplitter> report_;
  uint64_t bytes_ = 0, docs_ = 0, records_ = 0, duplicates_ = 0;
};

int run_split(const SplitConfig& config) {
  return Splitter(config).run();
}

SplitSession::SplitSession(const SplitConfig& config) : impl_(std::make_unique<Splitter>(config)) {}
SplitSession::~SplitSession() = default;
void SplitSession::input(const InputFile& file) {
  impl_->input_file(file);
}
std::string& SplitSession::output() {
  return impl_->buffer();
}
std::string* SplitSession::dropped() {
  return impl_->dropped_buffer();
}
uint64_t SplitSession::documents() const {
  return impl_->docs();
}
uint64_t SplitSession::records() const {
  return impl_->records();
}
size_t SplitSession::rejected() const {
  return impl_->rejected();
}

}  // namespace rpt
