// record: the JSON Lines record every rpt tool reads and writes (format version 1).
//
// A segment record is {"doc":{…},"seg":{…},"text":"…"} and later tools add "tags", "role",
// "facts". docs/record.md is the contract; this module writes the fields `rpt split` owns, in a
// fixed order, so output is byte-for-byte deterministic.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "doc.h"

namespace rpt {

inline constexpr int kRecordFormatVersion = 1;

// The document fields of a record, serialised once per document and shared by its segments.
struct DocFields {
  std::string id;
  std::string source;   // path as given, "-" for stdin
  uint64_t record = 0;  // for JSON Lines input: the 1-based line of the document's record
  // Further fields, already serialised as JSON values, in the order they are written.
  std::vector<std::pair<std::string, std::string>> extra;
};

// `"doc":{…}` for the record prefix.
std::string doc_object_json(const DocFields& d);

// Appends one JSON line per segment of doc to out. block_of_para, when given, names the block
// ("title", "front", "notice", "signature") of each paragraph, written as seg.block.
void append_segment_records(std::string& out, const Document& doc, const std::string& doc_json,
                            Unit unit, const std::vector<const char*>* block_of_para = nullptr);

}  // namespace rpt
