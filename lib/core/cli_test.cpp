#include "cli.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>

namespace rpt::cli {
namespace {

TEST(PatternsDir, ExplicitThenEnvironmentThenInstalledOrSource) {
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
  // Built from this source tree: the source patterns/ (or an installed copy) is found.
  std::string found = patterns_dir("");
  EXPECT_TRUE(fs::is_directory(found));
  EXPECT_TRUE(found == RPT_SOURCE_PATTERNS || found == RPT_INSTALL_PATTERNS) << found;
  fs::remove_all(dir);
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
