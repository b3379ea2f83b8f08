// Fuzz target: the tag pack loader (lib/tag) with both engines.
// The input is a pack file. Invariants: a pack either loads with both engines or fails with a
// DataError/UsageError naming the file, with both engines alike; a pack that loads tags the same
// texts identically with Hyperscan and with RE2::Set, and every evidence span lies inside the text.
#include "fuzz_util.h"
#include "tag.h"
#include "text.h"

namespace {
const char* kTexts[] = {
    "深入推进依法行政，全面建设法治政府。严格落实行政执法三项制度，重大执法决定法制审核率100%。",
    "加强行政复议工作，办理复议案件120件。ａｂｃ１２３ 全角与半角。",
    "",
    "abc abc abc 法治 法 治 [x] (y) .* \\",
};

struct Result {
  bool ok = false;
  std::string error;
  std::vector<std::vector<std::string>> tags;
};

Result load_and_tag(const std::string& pack, bool hyperscan) {
  Result r;
  try {
    rpt::Tagger::Options o;
    o.packs = {pack};
    o.hyperscan = hyperscan;
    o.cache = false;  // no database files for every input
    rpt::Tagger t(o);
    for (const char* text : kTexts) {
      std::vector<uint32_t> ids;
      std::vector<rpt::TagEvidence> ev;
      std::string_view sv(text);
      t.tag(sv, ids, &ev);
      size_t cps = 0;
      for (unsigned char c : sv) cps += (c & 0xC0) != 0x80;
      for (const auto& e : ev)
        fuzz::check(e.begin <= e.end && e.end <= cps && e.tag < t.tag_count(),
                    "evidence span outside the text", text);
      std::vector<std::string> names;
      for (uint32_t id : ids) names.push_back(t.name(id));
      r.tags.push_back(std::move(names));
    }
    r.ok = true;
  } catch (const rpt::DataError& e) {
    r.error = e.what();
  } catch (const rpt::UsageError& e) {
    r.error = e.what();
  }
  return r;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string pack = fuzz::write_scratch("fuzz.pack", bytes);
  Result hs = load_and_tag(pack, true), re2 = load_and_tag(pack, false);
  fuzz::check(hs.ok == re2.ok,
              "the engines disagree on whether the pack loads: " + hs.error + " | " + re2.error,
              bytes);
  if (!hs.ok) {
    fuzz::check(
        hs.error.find(pack) != std::string::npos || hs.error.find("-e ") != std::string::npos,
        "a pack error does not name the pack", hs.error);
    return 0;
  }
  fuzz::check(hs.tags == re2.tags, "Hyperscan and RE2::Set tag differently", bytes);
  return 0;
}
