// Test helper: the readers rpt split builds from patterns/ (script table, header grammar, page
// cleaner, field reader), and one call that reads a page as rpt split does.
#pragma once

#include <string>

#include "clean.h"
#include "doc.h"
#include "header.h"
#include "meta.h"
#include "script.h"

namespace rpt::testing {

inline std::string source_patterns() {
  return std::string(RPT_SOURCE_PATTERNS);
}

struct Readers {
  ScriptTable script{source_patterns() + "/script/traditional.tsv"};
  HeaderGrammar grammar{source_patterns(), script};
  PageCleaner cleaner{source_patterns(), grammar};
  FieldReader fields{source_patterns(), grammar};

  // The fields of a page, read as rpt split reads them (cleaned, cut, then read).
  DocMeta read(const std::string& raw, const RecordHints& hints = {}) {
    CleanedText c = cleaner.clean(raw);
    Document d = segment_text(c.text, {});
    return fields.read(d, c, hints);
  }
};

// The shared readers (the tables are loaded once for all tests).
inline Readers& readers() {
  static Readers r;
  return r;
}

}  // namespace rpt::testing
