#include "inputs.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

#include "io.h"

namespace rpt {

namespace {

std::string lower_extension(const std::string& path) {
  size_t slash = path.rfind('/');
  size_t dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot + 1);
  for (char& c : ext) c = char(std::tolower((unsigned char)c));
  return ext;
}

struct Walker {
  WalkReport& report;
  std::vector<InputFile>& out;
  std::set<std::pair<dev_t, ino_t>> entered;

  void file_or_dir(const std::string& path, bool explicit_arg) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) {
      int e = errno;
      struct stat lst {};
      if (lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode))
        report.errors.push_back(path + ": broken symbolic link (" + std::strerror(e) + ")");
      else
        report.errors.push_back(path + ": cannot open: " + std::strerror(e));
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      directory(path, st);
      return;
    }
    Format f = format_from_extension(path);
    if (explicit_arg || f != Format::Auto) {
      out.push_back({path, f});
    } else {
      ++report.skipped_other_files;
    }
  }

  void directory(const std::string& path, const struct stat& st) {
    if (!entered.insert({st.st_dev, st.st_ino}).second) {
      report.warnings.push_back(path +
                                ": directory already visited (symbolic-link loop?); not "
                                "followed again");
      return;
    }
    DIR* d = opendir(path.c_str());
    if (!d) {
      report.errors.push_back(path + ": cannot open directory: " + std::strerror(errno));
      return;
    }
    std::vector<std::string> names;
    errno = 0;
    while (dirent* e = readdir(d)) {
      if (e->d_name[0] == '.') continue;  // ".", ".." and hidden entries
      names.emplace_back(e->d_name);
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
    for (const auto& name : names) file_or_dir(prefix + name, false);
  }
};

}  // namespace

Format format_from_extension(const std::string& path) {
  std::string ext = lower_extension(path);
  if (ext == "txt" || ext == "text") return Format::Text;
  if (ext == "jsonl" || ext == "ndjson") return Format::Jsonl;
  if (ext == "html" || ext == "htm" || ext == "shtml" || ext == "xhtml") return Format::Html;
  return Format::Auto;
}

std::vector<InputFile> expand_inputs(const std::vector<std::string>& paths, WalkReport& report) {
  std::vector<InputFile> out;
  Walker w{report, out, {}};
  for (const auto& p : paths) {
    w.entered.clear();  // loops are found within one argument; naming a tree twice reads it twice
    if (p == "-")
      out.push_back({"-", Format::Auto});
    else
      w.file_or_dir(p, true);
  }
  return out;
}

std::vector<std::string> read_file_list(const std::string& list_path, bool nul) {
  std::string data = read_file(list_path);
  std::vector<std::string> out;
  char sep = nul ? '\0' : '\n';
  size_t pos = 0;
  while (pos < data.size()) {
    size_t e = data.find(sep, pos);
    if (e == std::string::npos) e = data.size();
    std::string entry = data.substr(pos, e - pos);
    if (!nul && !entry.empty() && entry.back() == '\r') entry.pop_back();
    if (!entry.empty()) out.push_back(std::move(entry));
    pos = e + 1;
  }
  return out;
}

}  // namespace rpt
