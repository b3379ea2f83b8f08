// Fuzz target: rpt split on raw bytes, through every reading path: the first byte picks text,
// HTML or JSON Lines, and the declared encoding (auto, UTF-8, GB18030, UTF-16LE/BE, Big5); the
// rest is the file.
// Invariants: every record written, and every --dropped line, is one valid JSON object; for JSON
// Lines input every non-blank line is a document read or a reject (in = out + rejects).
#include "fuzz_util.h"
#include "json.h"
#include "split.h"
#include "text.h"

namespace {
rpt::SplitSession& session(rpt::Encoding enc) {
  static std::unique_ptr<rpt::SplitSession> s[6];
  static rpt::SplitConfig cfg[6];
  int i = int(enc);
  if (!s[i]) {
    fuzz::silence_stdout();
    cfg[i].encoding = enc;
    cfg[i].common.quiet = true;
    cfg[i].max_line = 1 << 20;
    cfg[i].dropped = fuzz::scratch_dir() + "/dropped.jsonl";  // furniture lines are output too
    s[i] = std::make_unique<rpt::SplitSession>(cfg[i]);
  }
  return *s[i];
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  uint8_t mode = data[0];
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  static const rpt::Format formats[] = {rpt::Format::Text, rpt::Format::Html, rpt::Format::Jsonl,
                                        rpt::Format::Jsonl};
  rpt::Format format = formats[mode & 3];
  rpt::Encoding enc =
      format == rpt::Format::Jsonl ? rpt::Encoding::Auto : rpt::Encoding((mode >> 2) % 6);
  const char* ext = format == rpt::Format::Html    ? "in.html"
                    : format == rpt::Format::Jsonl ? "in.jsonl"
                                                   : "in.txt";
  std::string path = fuzz::write_scratch(ext, bytes);
  rpt::SplitSession& s = session(enc);
  s.output().clear();
  s.dropped()->clear();
  uint64_t docs = s.documents(), rejected = s.rejected();
  s.input({path, format});
  size_t n = fuzz::check_json_lines(s.output(), "rpt split");
  (void)n;
  fuzz::check_json_lines(*s.dropped(), "rpt split --dropped");
  if (format == rpt::Format::Jsonl) {
    size_t lines = 0;
    rpt::LineReader r(path, 1 << 20);
    rpt::LineReader::Line l;
    while (r.next(l)) lines += !rpt::json::JsonlReader::blank(l.text);  // as the reader skips
    uint64_t got = (s.documents() - docs) + (s.rejected() - rejected);
    fuzz::check(got == lines || (lines == 0 && got == 0),
                "in != out + rejects: " + std::to_string(lines) + " lines, " +
                    std::to_string(s.documents() - docs) + " documents, " +
                    std::to_string(s.rejected() - rejected) + " rejected");
  }
  return 0;
}
