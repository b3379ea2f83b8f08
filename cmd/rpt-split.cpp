// rpt-split: report files to segment records. Flags here; the work is in lib/split.cpp.
#include "split.h"

int main(int argc, char** argv) {
  rpt::SplitConfig cfg;
  CLI::App app{"Cut reports into segments (sentences by default), one JSON record per line.",
               "rpt split"};
  app.add_option("inputs", cfg.inputs,
                 "Files and directories (walked recursively in sorted order; .txt, .html, "
                 ".jsonl taken); - or nothing reads stdin");
  app.add_option("--files-from", cfg.files_from, "Read input paths from FILE (- for stdin)")
      ->option_text("FILE");
  app.add_flag("-0,--null", cfg.null_separated, "--files-from entries are NUL-separated");
  std::string unit = "sentence", format = "auto", encoding = "auto";
  app.add_option("-u,--unit", unit, "Segment unit: doc, section, paragraph or sentence")
      ->check(CLI::IsMember({"doc", "section", "paragraph", "sentence"}))
      ->capture_default_str();
  app.add_flag("--semicolons", cfg.split.semicolons, "Also end sentences at ；");
  app.add_option("--format", format,
                 "Input format: auto (by extension; stdin sniffed), text, jsonl")
      ->check(CLI::IsMember({"auto", "text", "jsonl"}))
      ->capture_default_str();
  app.add_option("--encoding", encoding,
                 "Text encoding: auto, utf-8, gb18030 (gbk), utf-16le, utf-16be, big5")
      ->capture_default_str();
  app.add_flag("--lossy", cfg.lossy,
               "Also drop NUL bytes (counted) instead of rejecting the file as binary");
  app.add_flag("--strict", cfg.strict,
               "Reject a file with any undecodable byte (default: replace with U+FFFD and warn)");
  app.add_option("--text-field", cfg.text_field, "JSON Lines input: the field holding the text")
      ->capture_default_str();
  app.add_flag("--dedup", cfg.dedup, "Drop documents whose content id was already seen");
  app.add_flag(
      "--keep-furniture", cfg.keep_furniture,
      "Do not remove web page furniture (toolbars, footers, captions): every line is content");
  app.add_option("--dropped", cfg.dropped,
                 "Write each line removed as furniture to FILE as JSON lines {source,record,text}")
      ->option_text("FILE");
  app.add_option(
         "--patterns", cfg.patterns,
         "Patterns directory (default: $RPT_PATTERNS, the installed one, or the source tree's)")
      ->option_text("DIR");
  rpt::cli::add_jobs_option(app, cfg.common);
  rpt::cli::add_max_line_option(app, cfg.max_line);
  rpt::cli::add_common_options(app, cfg.common);
  app.footer(R"(The examples run as written from the root of a clone (testdata/ ships with it).
Examples:
  rpt split testdata/seeds > segments.jsonl
  rpt split --unit paragraph testdata/seeds/002_98210664a6f5ccdc.txt | head -3
  rpt split --text-field content ../shared/corpora/gwr_national.jsonl | rpt tag | head -1
  find testdata/seeds -name '*.txt' -print0 | rpt split --files-from - -0 --dedup -o seg.jsonl
  iconv -f utf-8 -t gbk testdata/seeds/002_98210664a6f5ccdc.txt > old.txt
  rpt split --encoding gbk old.txt | head -1     # GBK is also detected: rpt split old.txt

Each record: {"doc":{"id","source","title","issuer","recipients","date","published","year",
"type","region",...},"seg":{"n","unit","path","para",...},"text"}; see docs/record.md.
Exit status: 0 ok, 1 some input was bad (reported and skipped), 2 usage error.)");
  return rpt::cli::run(app, argc, argv, [&] {
    cfg.split.unit = unit == "doc"         ? rpt::Unit::Doc
                     : unit == "section"   ? rpt::Unit::Section
                     : unit == "paragraph" ? rpt::Unit::Paragraph
                                           : rpt::Unit::Sentence;
    cfg.format = format == "text"    ? rpt::Format::Text
                 : format == "html"  ? rpt::Format::Html
                 : format == "jsonl" ? rpt::Format::Jsonl
                                     : rpt::Format::Auto;
    auto enc = rpt::parse_encoding(encoding);
    if (!enc) throw rpt::UsageError("--encoding " + encoding + ": unknown encoding");
    cfg.encoding = *enc;
    return rpt::run_split(cfg);
  });
}
