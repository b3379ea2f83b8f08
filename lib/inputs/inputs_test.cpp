#include "inputs.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace rpt {
namespace {

namespace fs = std::filesystem;

struct Tree {
  fs::path root;
  Tree() {
    char name[] = "/tmp/rpt_inputs_test_XXXXXX";
    root = mkdtemp(name);
  }
  ~Tree() { fs::remove_all(root); }
  void file(const std::string& rel) {
    fs::create_directories((root / rel).parent_path());
    FILE* f = fopen((root / rel).c_str(), "w");
    fputs("x\n", f);
    fclose(f);
  }
};

std::vector<std::string> rel(const Tree& t, const std::vector<InputFile>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(fs::relative(f.path, t.root).string());
  return out;
}

TEST(Walk, SortedRecursiveAndFilteredByExtension) {
  Tree t;
  for (auto p : {"b/2.txt", "b/1.html", "a.jsonl", "c.TXT", "z/.hidden.txt", ".git/x.txt",
                 "notes.pdf", "b/sub/0.txt"})
    t.file(p);
  WalkReport report;
  auto files = expand_inputs({t.root.string()}, report);
  EXPECT_EQ(rel(t, files),
            (std::vector<std::string>{"a.jsonl", "b/1.html", "b/2.txt", "b/sub/0.txt", "c.TXT"}));
  EXPECT_EQ(files[0].format, Format::Jsonl);
  EXPECT_EQ(files[1].format, Format::Html);
  EXPECT_EQ(report.skipped_other_files, 1u);
  EXPECT_TRUE(report.errors.empty());
}

TEST(Walk, ExplicitFilesAreAlwaysTaken) {
  Tree t;
  t.file("report.doc");
  WalkReport report;
  auto files = expand_inputs({(t.root / "report.doc").string(), "-"}, report);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].format, Format::Auto);
  EXPECT_EQ(files[1].path, "-");
}

TEST(Walk, SymlinkLoopsAreReportedNotFollowed) {
  Tree t;
  t.file("a/r.txt");
  fs::create_directory_symlink(t.root, t.root / "a" / "loop");
  WalkReport report;
  auto files = expand_inputs({t.root.string()}, report);
  EXPECT_EQ(rel(t, files), (std::vector<std::string>{"a/r.txt"}));
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_NE(report.warnings[0].find("loop"), std::string::npos);
}

TEST(Walk, MissingPathsAndBrokenLinksAreErrors) {
  Tree t;
  fs::create_symlink(t.root / "nowhere.txt", t.root / "dangling.txt");
  WalkReport report;
  auto files = expand_inputs({(t.root / "missing.txt").string(), t.root.string()}, report);
  EXPECT_TRUE(files.empty());
  ASSERT_EQ(report.errors.size(), 2u);
  EXPECT_NE(report.errors[0].find("missing.txt: cannot open"), std::string::npos);
  EXPECT_NE(report.errors[1].find("broken symbolic link"), std::string::npos);
}

TEST(FileList, NewlineAndNulSeparated) {
  Tree t;
  FILE* f = fopen((t.root / "list").c_str(), "w");
  fputs("a.txt\r\n\nb c.txt\n", f);
  fclose(f);
  EXPECT_EQ(read_file_list((t.root / "list").string(), false),
            (std::vector<std::string>{"a.txt", "b c.txt"}));
  f = fopen((t.root / "list0").c_str(), "w");
  fwrite("a\nb.txt\0c.txt\0", 1, 14, f);
  fclose(f);
  EXPECT_EQ(read_file_list((t.root / "list0").string(), true),
            (std::vector<std::string>{"a\nb.txt", "c.txt"}));
}

}  // namespace
}  // namespace rpt
