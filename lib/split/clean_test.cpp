#include "clean.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <simdjson.h>
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "test_util.h"
#include "text.h"

namespace rpt {
namespace {

std::string patterns() {
  return std::string(RPT_SOURCE_PATTERNS);
}

std::vector<std::string> kept(const CleanedText& c) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= c.text.size() && !c.text.empty()) {
    size_t nl = c.text.find('\n', pos);
    if (nl == std::string::npos) nl = c.text.size();
    out.push_back(c.text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

TEST(Cleaner, DropsToolbarsCountersAndCaptions) {
  PageCleaner cleaner(patterns());
  auto c = cleaner.clean(
      "【字号:大 中 小】\n打印 | 关闭 | 收藏\n下载\n关于做好法治政府建设的报告\n浏览次数: 123\n"
      "图为执法人员在现场检查。\n一、主要成效\n全年办理行政复议案件38件。\n(记者 王小明 摄)\n"
      "分享到:\n扫一扫在手机上查看当前页面\n微信扫一扫\n二、存在问题\n宣传力度不够。");
  EXPECT_EQ(kept(c), (std::vector<std::string>{"关于做好法治政府建设的报告", "一、主要成效",
                                               "全年办理行政复议案件38件。", "二、存在问题",
                                               "宣传力度不够。"}));
  EXPECT_EQ(c.dropped.size(), 9u);
}

TEST(Cleaner, FullWidthFurnitureIsFoldedFirst) {
  PageCleaner cleaner(patterns());
  auto c = cleaner.clean(
      "正文第一段。\n正文第二段。\n正文第三段。\n版权所有：某某县人民政府　联系电话：０３７５－１２"
      "３４５６７");
  EXPECT_EQ(kept(c).size(), 3u);
  EXPECT_EQ(c.dropped.size(), 1u);
}

TEST(Cleaner, FooterTailOnlyInTheSecondHalf) {
  PageCleaner cleaner(patterns());
  // At the end: the footer line and everything after it go.
  auto end = cleaner.clean(
      "正文一。\n正文二。\n正文三。\n主办单位:某市人民政府\n京公网安备11010502030143号\n地址:"
      "某市某路1号");
  EXPECT_EQ(kept(end).size(), 3u);
  EXPECT_EQ(end.dropped.back(), "地址:某市某路1号");
  // At the top (a page header): only the line itself goes.
  auto top = cleaner.clean("主办单位:某市人民政府\n正文一。\n正文二。\n正文三。\n正文四。");
  EXPECT_EQ(kept(top).size(), 4u);
}

TEST(Cleaner, MetadataLinesBecomeFields) {
  PageCleaner cleaner(patterns());
  auto c = cleaner.clean(
      "某县2023年法治政府建设情况报告\n来源:某县司法局  发布时间:2024-03-28 09:12\n正文。");
  ASSERT_EQ(c.fields.size(), 2u);
  EXPECT_EQ(c.fields[0], (std::pair<std::string, std::string>{"published", "2024-03-28"}));
  EXPECT_EQ(c.fields[1], (std::pair<std::string, std::string>{"origin", "某县司法局"}));
  EXPECT_EQ(kept(c).size(), 2u);
}

TEST(Cleaner, LongLinesAreNeverFurniture) {
  PageCleaner cleaner(patterns());
  std::string para = "全面推行行政执法公示制度,联系电话:12345,";
  while (text::count_code_points(para) < 130) para += "持续优化营商环境,";
  para += "取得明显成效。";
  auto c = cleaner.clean(para);
  EXPECT_TRUE(c.dropped.empty());
}

TEST(Cleaner, SeedBoilerplateNeverContent) {
  PageCleaner cleaner(patterns());
  for (const char* seed : {"001_4a1aa1e4e1059d3a.txt", "002_98210664a6f5ccdc.txt"}) {
    auto c = cleaner.clean(testing::slurp(testing::testdata(std::string("seeds/") + seed)));
    for (const char* b : {"版权所有", "技术支撑", "ICP备案号", "附件下载",
                          "扫一扫在手机上查看当前页面", "发布日期"})
      EXPECT_EQ(c.text.find(b), std::string::npos) << seed << ": " << b;
  }
}

struct BadPack {
  std::filesystem::path dir;
  explicit BadPack(const std::string& rules) {
    char name[] = "/tmp/rpt_clean_test_XXXXXX";
    dir = mkdtemp(name);
    std::filesystem::create_directories(dir / "split");
    std::ofstream(dir / "split" / "furniture.rules") << rules;
  }
  ~BadPack() { std::filesystem::remove_all(dir); }
};

void expect_pack_error(const std::string& rules, int line, const std::string& words) {
  BadPack p(rules);
  try {
    PageCleaner c(p.dir.string());
    FAIL() << "accepted: " << rules;
  } catch (const DataError& e) {
    EXPECT_EQ(e.where().line, uint64_t(line)) << e.what();
    EXPECT_NE(std::string(e.what()).find("furniture.rules:" + std::to_string(line)),
              std::string::npos);
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
}

TEST(Cleaner, BadRulesNameFileAndLine) {
  expect_pack_error("# ok\ndrop: ^a$\ndrop: (unclosed\n", 3, "bad regex");
  expect_pack_error("drop ^no colon$\n", 1, "no ':'");
  expect_pack_error("\n\nremove: x\n", 3, "unknown rule");
  expect_pack_error("field published: \\d+\n", 1, "capture group");
  expect_pack_error("drop:   \n", 1, "empty value");
  expect_pack_error("drop: (?<=x)y\n", 1, "bad regex");  // look-behind: not in RE2
}

}  // namespace
}  // namespace rpt

namespace rpt {
namespace {

// On the real corpus: kept lines and dropped lines together are every non-blank line (nothing is
// lost silently), and what is dropped is only Wikisource's licence box.
TEST(Cleaner, CorpusAccountsForEveryLine) {
  std::string corpus = testing::gwr_corpus();
  if (corpus.empty()) GTEST_SKIP() << "../shared/corpora absent";
  PageCleaner cleaner(patterns());
  std::ifstream in(corpus);
  std::string line;
  size_t records = 0;
  while (std::getline(in, line)) {
    // The content field, unescaped by simdjson.
    simdjson::ondemand::parser parser;
    simdjson::padded_string padded(line);
    auto doc = parser.iterate(padded);
    std::string content(doc["content"].get_string().value());
    auto c = cleaner.clean(content);
    size_t nonblank = 0, pos = 0;
    while (pos <= content.size()) {
      size_t nl = content.find('\n', pos);
      if (nl == std::string::npos) nl = content.size();
      nonblank += !text::trim(std::string_view(content).substr(pos, nl - pos)).empty();
      pos = nl + 1;
    }
    size_t kept_lines =
        c.text.empty() ? 0 : size_t(std::count(c.text.begin(), c.text.end(), '\n')) + 1;
    EXPECT_EQ(kept_lines + c.dropped.size(), nonblank);
    EXPECT_LT(c.dropped.size(), 25u);
    for (const auto& d : c.dropped) EXPECT_LE(text::count_code_points(d), kMaxFurnitureChars);
    ++records;
  }
  EXPECT_EQ(records, 72u);
}

}  // namespace
}  // namespace rpt
