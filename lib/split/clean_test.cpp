#include "clean.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <simdjson.h>
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "readers_test_util.h"
#include "test_util.h"
#include "text.h"

// The layouts below are written for these tests (no page text is copied): each reproduces a way
// sites put a report on a page — breadcrumbs, site clocks, toolbars of unseen spellings, metadata
// tables, reprint leads, share bars, related lists — and the cleaner must tell them from the
// report by what the lines are and where they stand.

namespace rpt {
namespace {

using testing::readers;

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

std::vector<uint32_t> dropped_lines(const CleanedText& c) {
  std::vector<uint32_t> out;
  for (const auto& d : c.dropped) out.push_back(d.line);
  return out;
}

std::string field(const CleanedText& c, const std::string& name) {
  for (const auto& [n, v] : c.fields)
    if (n == name) return v;
  return "";
}

const std::string kBody1 =
    "2023年,某县人民政府坚持以习近平法治思想为指导,全面推进法治政府建设,各项工作取得新成效。";
const std::string kBody2 =
    "全年办理行政复议案件38件,纠错率达到百分之十二,行政机关负责人出庭应诉率保持100%。";
const std::string kBody3 =
    "深入开展普法宣传活动,组织领导干部学法考试两次,参考率百分之百,群众满意度持续提高。";

TEST(Cleaner, DropsToolbarsCountersAndCaptions) {
  auto c = readers().cleaner.clean(
      "【字号:大 中 小】\n打印 | 关闭 | 收藏\n下载\n关于做好法治政府建设的报告\n浏览次数: 123\n" +
      kBody1 + "\n图为执法人员在现场检查。\n一、主要成效\n" + kBody2 + "\n(记者 王小明 摄)\n" +
      "分享到:\n扫一扫在手机上查看当前页面\n微信扫一扫\n二、存在问题\n" + kBody3);
  EXPECT_EQ(kept(c), (std::vector<std::string>{"关于做好法治政府建设的报告", kBody1, "一、主要成效",
                                               kBody2, "二、存在问题", kBody3}));
  EXPECT_EQ(dropped_lines(c), (std::vector<uint32_t>{1, 2, 3, 5, 7, 10, 11, 12, 13}));
  for (const auto& d : c.dropped) EXPECT_FALSE(d.reason.empty()) << d.text;
}

TEST(Cleaner, FullWidthFurnitureIsFoldedFirst) {
  auto c =
      readers().cleaner.clean(kBody1 + "\n" + kBody2 + "\n" + kBody3 +
                              "\n版权所有：某某县人民政府　联系电话：０３７５－１２３４５６７");
  EXPECT_EQ(kept(c).size(), 3u);
  ASSERT_EQ(c.dropped.size(), 1u);
  EXPECT_EQ(c.dropped[0].line, 4u);
}

TEST(Cleaner, AFooterEndsThePageOnlyAfterTheBody) {
  // After the body: the footer line and everything after it go.
  // The page outlives its CleanedText: dropped lines are views into it.
  const std::string page = kBody1 + "\n" + kBody2 + "\n" + kBody3 +
                           "\n主办单位:某市人民政府\n京公网安备11010502030143号\n地址:某市某路1号";
  auto end = readers().cleaner.clean(page);
  EXPECT_EQ(kept(end).size(), 3u);
  EXPECT_EQ(end.dropped.back().text, "地址:某市某路1号");
  EXPECT_NE(end.dropped.back().reason.find("footer"), std::string::npos);
  // At the top (a page header): only the line itself goes.
  auto top =
      readers().cleaner.clean("主办单位:某市人民政府\n" + kBody1 + "\n" + kBody2 + "\n" + kBody3);
  EXPECT_EQ(kept(top).size(), 3u);
}

// One file holding two reports, a table, a site's footer and a date line between them: each
// report is a body of its own, and the first's footer does not take the second with it.
TEST(Cleaner, TwoBodiesInOneText) {
  std::string first, second;
  for (int i = 0; i < 40; ++i) {
    first += "我们坚持依法行政，推进政务公开，加强监督检查，第" + std::to_string(i) +
             "项工作取得新的进展。\n";
    second += "我们着力改善民生，扩大就业，完善社会保障，第" + std::to_string(i) +
              "件民生实事全部办结，取得新的进展。\n";
  }
  std::string table;  // short lines, more than a body's gap: the two bodies are apart
  for (int i = 1; i <= 12; ++i)
    table += "指标" + std::to_string(i) + " 数值" + std::to_string(i * 7) + "\n";
  const std::string text = "某县政府工作报告\n" + first + table + "版权所有:某县人民政府\n" +
                           "2024年1月5日\n某市政府工作报告\n" + second;
  auto c = readers().cleaner.clean(text);
  std::vector<std::string> lines = kept(c);
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const std::string& l) { return l.find("取得新的进展") != l.npos; }),
            80);
  EXPECT_NE(std::find(lines.begin(), lines.end(), "某市政府工作报告"), lines.end());
  ASSERT_EQ(c.dropped.size(), 1u);
  EXPECT_EQ(c.dropped[0].text, "版权所有:某县人民政府");
}

TEST(Cleaner, PageMetadataBecomesFields) {
  // An article's info bar, a 政府信息公开 table in brackets, and labels without separators.
  auto c = readers().cleaner.clean(
      "某县2023年法治政府建设情况报告\n来源:某县司法局  发布时间:2024-03-28 09:12  浏览次数: 56\n" +
      kBody1 + "\n" + kBody2);
  EXPECT_EQ(field(c, "published"), "2024-03-28");
  EXPECT_EQ(field(c, "origin"), "某县司法局");
  EXPECT_EQ(kept(c).size(), 3u);
  auto table = readers().cleaner.clean(
      "[ 索 引 号 ] 000000/2025-00001 [ 发文字号 ] 某政发〔2025〕3号\n[ 发布机构 ] 某县人民政府 "
      "[ 成文日期 ] "
      "2025-01-20\n发布日期2025年01月22日\n某县人民政府关于2024年法治政府建设情况的报告\n" +
      kBody1 + "\n" + kBody2);
  EXPECT_EQ(field(table, "issuer"), "某县人民政府");
  EXPECT_EQ(field(table, "date"), "2025-01-20");
  EXPECT_EQ(field(table, "published"), "2025-01-22");
  EXPECT_EQ(field(table, "docno"), "某政发〔2025〕3号");
  EXPECT_EQ(dropped_lines(table), (std::vector<uint32_t>{1, 2, 3}));
  // Inside the body, a line with one label and no page date is the report's own (时间:…).
  auto body = readers().cleaner.clean(kBody1 + "\n时间:2023年3月至5月\n" + kBody2 + "\n" + kBody3);
  EXPECT_EQ(kept(body).size(), 4u);
}

TEST(Cleaner, ASiteHeaderOfUnseenFurniture) {
  // Clock, accessibility bar, login row, site name, breadcrumb (whose last item repeats on its own
  // line), a toolbar in a spelling no rule names, a share bar — none of them the report's.
  std::string page =
      "2025年3月26日 星期三 多云 12~20℃\n"                             // 1 site clock and weather
      "无障碍 | 长者模式 | 简体版 | 繁体版 | English\n"                // 2 accessibility bar
      "首页  机构概况  政务公开  政务服务  互动交流  数据开放\n"       // 3 navigation row
      "某某县人民政府门户网站\n"                                       // 4 site name
      "您当前的位置: 首页 > 政务公开 > 法治政府建设\n"                 // 5 breadcrumb
      "法治政府建设\n"                                                 // 6 category
      "某县司法局2024年法治政府建设年度报告(2025-03-26)\n"             // 7 title with a date suffix
      "【字体:特大 大 标准】【打印本页】【关闭窗口】【视力保护色】\n"  // 8 toolbar
      "发布时间:2025-03-26 10:20:33 来源:本网\n"                       // 9 metadata
      "分享到:微信 微博 QQ空间\n" +                                    // 10 share bar
      kBody1 +
      "\n一、主要工作\n" + kBody2 + "\n" + kBody3;
  auto c = readers().cleaner.clean(page);
  EXPECT_EQ(dropped_lines(c), (std::vector<uint32_t>{1, 2, 3, 4, 5, 6, 8, 9, 10}));
  EXPECT_EQ(kept(c)[0], "某县司法局2024年法治政府建设年度报告(2025-03-26)");
  EXPECT_EQ(c.role[0], HeaderRole::kTitle);
  EXPECT_EQ(c.body_begin, 1u);
  EXPECT_EQ(field(c, "published"), "2025-03-26");
  DocMeta m = readers().fields.read(segment_text(c.text, {}), c, {});
  EXPECT_EQ(m.title, "某县司法局2024年法治政府建设年度报告");  // the date suffix is the site's
  EXPECT_EQ(m.year, 2024);                                     // not the clock's 2025
  EXPECT_EQ(m.type, "annual_report");
}

TEST(Cleaner, TheEndOfAPage) {
  // A signature and an appendix stay; QR prompts, print links, a related list, lone separators
  // and a second copy of the opening go.
  std::string page =
      "某县人民政府关于2024年法治政府建设情况的报告\n" + kBody1 + "\n" + kBody2 + "\n" + kBody3 +
      "\n附件:某县2024年行政复议案件统计表\n某县人民政府\n2025年3月1日\n"  // 5-7
      "|\n×\n【打印本页】【关闭窗口】\n扫描二维码在手机上浏览\n"           // 8-11
      "相关文档:\n某县2023年法治政府建设情况的报告\n某县2022年法治政府建设情况的报告\n"
      "某县人民政府关于2024年法治政府建设情况的报告\n" +
      kBody1;
  auto c = readers().cleaner.clean(page);
  EXPECT_EQ(kept(c).size(), 7u);
  EXPECT_EQ(kept(c).back(), "2025年3月1日");
  EXPECT_EQ(dropped_lines(c), (std::vector<uint32_t>{8, 9, 10, 11, 12, 13, 14, 15, 16}));
}

TEST(Cleaner, AReprintLeadAndAMetadataBulletList) {
  auto lead = readers().cleaner.clean(
      "近日,某市人民政府印发了《某市法治政府建设实施方案(2024-2026年)》,并发出通知,要求各地"
      "各部门结合实际认真贯彻落实。\n《某市法治政府建设实施方案(2024-2026年)》全文如下。\n"
      "为深入推进依法行政,加快建设法治政府,结合本市实际,制定本方案。\n一、总体要求\n" +
      kBody2);
  EXPECT_EQ(dropped_lines(lead), (std::vector<uint32_t>{1, 2}));
  EXPECT_FALSE(field(lead, "lead").empty());
  auto bullets = readers().cleaner.clean(
      "• 000000/2020-00001\n• 工作报告\n• 某镇\n• 2020-05-07\n某镇2019年法治政府建设工作报告\n" +
      kBody1);
  EXPECT_EQ(dropped_lines(bullets), (std::vector<uint32_t>{1, 2, 3, 4}));
  EXPECT_EQ(field(bullets, "page_date"), "2020-05-07");
}

TEST(Cleaner, ASpeechHeaderStaysWhole) {
  // Title letter-spaced, the delivery line cut in two, the speaker's bare name, the salutation.
  auto c = readers().cleaner.clean(
      "政 府 工 作 报 告\n——2024年1月20日在某县第十八届人民代表大会\n第三次会议上\n某县人民政府"
      "县长\n张某某\n各位代表:\n现在,我代表县人民政府向大会报告工作,请予审议,并请县政协委员"
      "和其他列席人员提出意见。\n一、2023年工作回顾\n" +
      kBody2);
  EXPECT_TRUE(c.dropped.empty()) << c.dropped[0].text;
  EXPECT_EQ(c.role[0], HeaderRole::kTitle);
  EXPECT_EQ(c.role[1], HeaderRole::kDate);
  EXPECT_EQ(c.role[2], HeaderRole::kSession);
  EXPECT_EQ(c.role[5], HeaderRole::kSalutation);
}

TEST(Cleaner, TextBrokenOverLinesIsNeverTakenForFurniture) {
  // A sentence cut mid-way (as collectors save speeches), a lone 。 and a teaser: only the teaser
  // (a shorter copy of the line after it) goes.
  auto c = readers().cleaner.clean(
      "某县第十届人民代表大会第三次会议听取和审议了县长所作的\n政府工作报告\n。会议充分肯定县"
      "人民政府过去一年的工作,同意报告提出的目标任务。\n" +
      kBody2 + "\n" + kBody3);
  EXPECT_TRUE(c.dropped.empty()) << c.dropped[0].text;
  auto teaser = readers().cleaner.clean(
      "某县2024年政府工作报告\n全年办理行政复议案件38件,纠错率达到百分之十二,行政机关负责人出庭\n" +
      kBody2 + "\n" + kBody3);
  EXPECT_EQ(dropped_lines(teaser), (std::vector<uint32_t>{2}));
}

TEST(Cleaner, HtmlLinkRowsGoAroundTheBody) {
  std::vector<float> link = {1.0f, 0.f, 0.f, 0.f, 0.f, 0.9f};
  auto c = readers().cleaner.clean("机构职能 政策法规\n某县2023年法治政府建设情况报告\n" + kBody1 +
                                       "\n" + kBody2 + "\n" + kBody3 +
                                       "\n某县召开2024年法治政府建设推进会",
                                   &link);
  EXPECT_EQ(dropped_lines(c), (std::vector<uint32_t>{1, 6}));
}

TEST(Cleaner, SharingSitesAndNewsWrappers) {
  // A sharing site's lead and paywall, a news footer anywhere in its line, a timestamp in words,
  // a page number: the site's; a translation printed beside the report: the document's.
  auto c = readers().cleaner.clean(
      "下面是小编为大家整理的2024年某县政府工作报告,供大家参考。\n"                 // 1
      "2024年某县政府工作报告\n"                                                    // 2
      "2024年01月20日 11:32:02 来源:\n"                                             // 3
      "REPORT ON THE WORK OF THE GOVERNMENT of the county, delivered in January\n"  // 4
      "各位代表:\n"                                                                 // 5
      "现在,我代表县人民政府向大会报告工作,请予审议,并请县政协委员提出意见。\n"     // 6
      "……(某某网省略912字,正式会员可完整阅读)……\n" +
      kBody2 + "\n" + kBody3 +                                                 // 7-9
      "\n某县新闻网版权与免责声明\n①凡本网注明来源的稿件均为转载\nPage 2\n");  // 10-12
  EXPECT_EQ(dropped_lines(c), (std::vector<uint32_t>{1, 3, 7, 10, 11, 12}));
  EXPECT_EQ(field(c, "page_date"), "2024-01-20");
}

TEST(Cleaner, KeepFurnitureStillReadsRolesAndFields) {
  auto c = readers().cleaner.clean(
      "来源:某县司法局 发布时间:2024-03-28\n某县2023年法治政府建设情况报告\n" + kBody1, nullptr,
      false);
  EXPECT_TRUE(c.dropped.empty());
  EXPECT_EQ(kept(c).size(), 3u);
  EXPECT_EQ(field(c, "published"), "2024-03-28");
}

TEST(Cleaner, LongLinesAreNeverFurniture) {
  std::string para = "全面推行行政执法公示制度,联系电话:12345,";
  while (text::count_code_points(para) < 130) para += "持续优化营商环境,";
  para += "取得明显成效。";
  auto c = readers().cleaner.clean(para);
  EXPECT_TRUE(c.dropped.empty());
}

TEST(Cleaner, SeedBoilerplateNeverContent) {
  for (const char* seed : {"001_4a1aa1e4e1059d3a.txt", "002_98210664a6f5ccdc.txt"}) {
    auto c =
        readers().cleaner.clean(testing::slurp(testing::testdata(std::string("seeds/") + seed)));
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
    PageCleaner c(p.dir.string(), readers().grammar);
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
  expect_pack_error("head: (?<=x)y\n", 1, "bad regex");  // look-behind: not in RE2
  expect_pack_error("toolbar x: 打印\n", 1, "unknown rule");
}

// On the real corpus: kept lines and dropped lines together are every non-blank line (nothing is
// lost silently), and what is dropped is only Wikisource's licence box at the end.
TEST(Cleaner, LinesBrokenAtAZeroWidthSpaceAreJoined) {
  // A wiki's soft break: a line of only U+200B between the halves of a sentence, or U+200B at the
  // end of the first half.
  auto c = readers().cleaner.clean(
      "一、2016年工作回顾\n国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%。\n"
      "坚持稳中求进工作总基调，\u200b\n经济运行保持在合理区间。\n");
  EXPECT_EQ(kept(c), (std::vector<std::string>{
                         "一、2016年工作回顾", "国内生产总值达到74.4万亿元，增长6.7%。",
                         "坚持稳中求进工作总基调，经济运行保持在合理区间。"}));
  EXPECT_EQ(c.joined, 2u);
  EXPECT_EQ(c.line_of, (std::vector<uint32_t>{1, 2, 5}));
}

TEST(Cleaner, ADroppedJoinedLineOutlivesTheCleaner) {
  // A footer line broken at a soft break is joined inside the cleaner; the dropped line's text
  // must not point there once clean() has returned (it did: --dropped wrote freed bytes).
  auto c = readers().cleaner.clean(kBody1 + "\n" + kBody2 + "\n" + kBody3 +
                                   "\n版权所有：某某\u200b\n县人民政府办公室\n");
  ASSERT_FALSE(c.dropped.empty());
  std::string filler(4096, 'x');  // reuse freed memory, as the next document would
  EXPECT_EQ(c.dropped.back().text, "版权所有：某某县人民政府办公室");
}

TEST(Cleaner, CorpusLosesNoLineOfAnyReport) {
  std::vector<std::string> contents = testing::gwr_contents();
  if (contents.empty()) GTEST_SKIP() << "../shared/corpora absent";
  size_t records = 0;
  for (const std::string& content : contents) {
    auto c = readers().cleaner.clean(content);
    size_t nonblank = 0, pos = 0, number = 0, box = SIZE_MAX;
    while (pos <= content.size()) {
      size_t nl = content.find('\n', pos);
      if (nl == std::string::npos) nl = content.size();
      std::string_view l = text::trim(std::string_view(content).substr(pos, nl - pos));
      ++number;
      nonblank += !l.empty();
      if (box == SIZE_MAX && (l.rfind("本作品", 0) == 0 || l.rfind("注：中文维基文库", 0) == 0))
        box = number;
      pos = nl + 1;
    }
    EXPECT_EQ(kept(c).size() + c.dropped.size() + c.joined, nonblank);
    for (const auto& d : c.dropped)
      EXPECT_TRUE(d.line >= box || d.text == "Public domain" || d.text == "false" ||
                  d.text == "true")
          << "record " << records + 1 << " line " << d.line << " (" << d.reason << "): " << d.text;
    ++records;
  }
  EXPECT_EQ(records, 72u);
}

// The 72 reports one after another in one text keep what each keeps on its own (the reports'
// license boxes between them are no page footer: the reports after them stay).
TEST(Cleaner, ReportsOneAfterAnotherInOneText) {
  std::vector<std::string> contents = testing::gwr_contents();
  if (contents.empty()) GTEST_SKIP() << "../shared/corpora absent";
  std::string all;
  size_t alone = 0;
  for (const std::string& content : contents) {
    alone += kept(readers().cleaner.clean(content)).size();
    all += content + "\n";
  }
  size_t together = kept(readers().cleaner.clean(all)).size();
  EXPECT_GE(together * 100, alone * 99) << together << " lines kept of " << alone;
}

}  // namespace
}  // namespace rpt
