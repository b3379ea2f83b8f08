// inputs: from the command line's paths to the ordered list of files a tool reads.
//
// Invariants:
// - Deterministic: directory entries are visited in byte order of their names, depth first, so
//   the same tree always yields the same order (and the same output).
// - Directories are followed through symbolic links, but within one command-line argument each
//   directory (device, inode) is entered once: a loop is reported as a warning and not followed,
//   never walked forever.
// - Inside directories only report formats are taken (by extension, see kReportExtensions);
//   hidden entries (".name") are skipped. Files named explicitly are always taken.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace rpt {

enum class Format { Auto, Text, Jsonl, Html };

struct InputFile {
  std::string path;              // "-" for stdin
  Format format = Format::Auto;  // from the extension; Auto for stdin and unknown extensions
};

struct WalkReport {
  std::vector<std::string> warnings;  // loops, skipped entries: printed by the caller
  std::vector<std::string> errors;    // unreadable paths: the caller counts and reports them
  size_t skipped_other_files = 0;     // files in directories with other extensions
};

Format format_from_extension(const std::string& path);

// Expands paths (files, directories, "-") into the files to read, in order.
std::vector<InputFile> expand_inputs(const std::vector<std::string>& paths, WalkReport& report);

// Reads a list of paths from a file ("-" = stdin), one per line, or NUL-separated when nul is set.
// Empty entries are ignored.
std::vector<std::string> read_file_list(const std::string& list_path, bool nul);

}  // namespace rpt
