#include "cli.h"
#include "suggest.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>

namespace rpt::cli {
namespace {

TEST(PatternsDir, ExplicitThenEnvironmentThenBesideTheBinaryThenSource) {
  namespace fs = std::filesystem;
  char name[] = "/tmp/rpt_cli_test_XXXXXX";
  std::string dir = mkdtemp(name);
  EXPECT_EQ(patterns_dir(dir), dir);
  EXPECT_THROW(patterns_dir(dir + "/missing"), UsageError);
  setenv("RPT_PATTERNS", dir.c_str(), 1);
  EXPECT_EQ(patterns_dir(""), dir);
  setenv("RPT_PATTERNS", (dir + "/missing").c_str(), 1);
  EXPECT_THROW(patterns_dir(""), UsageError);
  unsetenv("RPT_PATTERNS");
  // Run from build/ (no ../share/rpt/patterns beside it): the source tree's patterns/.
  // tests/install_test.sh checks the installed case, where share/ is beside bin/.
  EXPECT_FALSE(exe_dir().empty());
  std::string found = patterns_dir("");
  EXPECT_TRUE(fs::is_directory(found));
  EXPECT_EQ(found, RPT_SOURCE_PATTERNS);
  fs::remove_all(dir);
}

TEST(Suggest, NearestByCodePointsWithTranspositions) {
  EXPECT_EQ(edit_distance("doc.yaer", "doc.year"), 1u);    // a transposition is one edit
  EXPECT_EQ(edit_distance("纠纷.复仪", "纠纷.复议"), 1u);  // a Han character is one edit
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  std::vector<std::string> flags = {"--count", "--sum", "--by", "--where"};
  EXPECT_EQ(nearest("--coutn", flags, typo_distance("--coutn")), "--count");
  EXPECT_EQ(nearest("--zzzzzzzz", flags, typo_distance("--zzzzzzzz")), std::nullopt);
  EXPECT_EQ(nearest("x", {}), std::nullopt);
  EXPECT_EQ(nearest("--sun", flags), "--sum");  // without a bound: the nearest, first on a tie
}

TEST(Run, MapsErrorsToExitStatuses) {
  auto run_with = [](std::vector<std::string> args, std::function<int()> body) {
    CLI::App app{"t", "rpt test"};
    CommonOptions o;
    add_common_options(app, o);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    return run(app, int(argv.size()), argv.data(), body);
  };
  EXPECT_EQ(run_with({"t"}, [] { return 0; }), kExitOk);
  EXPECT_EQ(run_with({"t", "--no-such-flag"}, [] { return 0; }), kExitUsage);
  EXPECT_EQ(run_with({"t"}, []() -> int { throw DataError({"f.txt", 3}, "bad"); }), kExitData);
  EXPECT_EQ(run_with({"t"}, []() -> int { throw UsageError("bad flag"); }), kExitUsage);
}

}  // namespace
}  // namespace rpt::cli
