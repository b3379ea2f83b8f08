#include "meta.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "clean.h"
#include "json.h"
#include "readers_test_util.h"
#include "test_util.h"
#include "text.h"

namespace rpt {
namespace {

using nlohmann::json;

std::string patterns() {
  return std::string(RPT_SOURCE_PATTERNS);
}

struct Reader {
  DocMeta read(const std::string& raw, const RecordHints& hints = {}) {
    return testing::readers().read(raw, hints);
  }
};

json to_json(const DocMeta& m) {
  auto opt = [](const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); };
  json r = nullptr;
  if (m.region)
    r = {{"name", m.region->name},
         {"code", m.region->code},
         {"city", m.region->city},
         {"province", m.region->province}};
  return {{"title", opt(m.title)},
          {"issuer", opt(m.issuer)},
          {"recipients", m.recipients},
          {"date", opt(m.date)},
          {"published", opt(m.published)},
          {"year", m.year ? json(*m.year) : json(nullptr)},
          {"type", m.type},
          {"region", r}};
}

TEST(Fields, EverySeedGivesWhatACarefulReaderGets) {
  Reader reader;
  json expected = json::parse(testing::slurp(testing::testdata("seeds/expected-meta.json")));
  int seeds = 0;
  for (auto& [file, want] : expected.items()) {
    if (file[0] == '_') continue;
    ++seeds;
    std::string raw = testing::slurp(testing::testdata("seeds/" + file));
    json got = to_json(reader.read(raw));
    for (const char* key : {"title", "issuer", "recipients", "date", "year", "type"})
      EXPECT_EQ(got[key], want[key]) << file << " " << key;
    if (want.contains("published")) {
      EXPECT_EQ(got["published"], want["published"]) << file;
    }
    for (const char* key : {"name", "code", "city", "province"})
      EXPECT_EQ(got["region"][key], want["region"][key]) << file << " region." << key;
    // The full-width copy of the seed gives the same fields (text fields compared folded).
    json wide = to_json(reader.read(testing::widen(raw)));
    for (const char* key : {"recipients", "date", "year", "type", "region", "published"})
      EXPECT_EQ(wide[key], got[key]) << file << " (full-width) " << key;
    for (const char* key : {"title", "issuer"})
      EXPECT_EQ(wide[key].is_null() ? "" : text::fold_width(wide[key].get<std::string>()),
                got[key].is_null() ? "" : text::fold_width(got[key].get<std::string>()))
          << file << " (full-width) " << key;
  }
  EXPECT_EQ(seeds, 5);
}

TEST(Fields, BlocksOfTheCoveringNoticeAndSignature) {
  Reader reader;
  auto notice = reader.read(testing::slurp(testing::testdata("seeds/002_98210664a6f5ccdc.txt")));
  ASSERT_GE(notice.block_of_para.size(), 7u);
  for (int i = 0; i < 5; ++i) EXPECT_STREQ(notice.block_of_para[i], "notice") << i;
  EXPECT_STREQ(notice.block_of_para[5], "title");
  EXPECT_EQ(notice.block_of_para[6], nullptr);
  auto signed_report =
      reader.read(testing::slurp(testing::testdata("seeds/001_4a1aa1e4e1059d3a.txt")));
  auto& b = signed_report.block_of_para;
  EXPECT_STREQ(b[b.size() - 1], "signature");
  EXPECT_STREQ(b[b.size() - 2], "signature");
  EXPECT_EQ(b[b.size() - 3], nullptr);
}

TEST(Fields, DatesInChineseNumerals) {
  EXPECT_EQ(iso_date("二〇二二", "一", "十"), "2022-01-10");
  EXPECT_EQ(iso_date("二○二四", "十二", "三十一"), "2024-12-31");
  EXPECT_EQ(iso_date("2024", "4", "9"), "2024-04-09");
  EXPECT_EQ(iso_date("2024", "13", "1"), std::nullopt);
  Reader reader;
  auto m = reader.read(
      "某区司法局关于2021年法治政府建设情况的报告\n正文。\n某区司法局\n二〇二二年一月十日");
  EXPECT_EQ(m.date, "2022-01-10");
  EXPECT_EQ(m.issuer, "某区司法局");
  EXPECT_EQ(m.year, 2021);
}

TEST(Fields, AmbiguousDistrictResolvedByTheCityTheTextNames) {
  Reader reader;
  auto beijing = reader.read(
      "朝阳区人民政府2023年法治政府建设情况报告\n在北京市委、市政府领导下,北京市朝阳区……。");
  ASSERT_TRUE(beijing.region);
  EXPECT_EQ(beijing.region->code, "110105");
  auto changchun = reader.read(
      "朝阳区人民政府2023年法治政府建设情况报告\n在长春市委领导下,吉林省长春市朝阳区……。");
  ASSERT_TRUE(changchun.region);
  EXPECT_EQ(changchun.region->code, "220104");
  EXPECT_EQ(changchun.region->province, "吉林省");
}

TEST(Fields, RecordHintsFillWhatTheTextDoesNotSay) {
  Reader reader;
  RecordHints hints;
  hints.title = "2019年中华人民共和国国务院政府工作报告";
  hints.year = 2019;
  auto m = reader.read(
      "各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、2018年工作回顾\n正文。", hints);
  // The text has no title line of its own: the record's title is the document's.
  EXPECT_EQ(m.title, "2019年中华人民共和国国务院政府工作报告");
  EXPECT_EQ(m.type, "gov_work_report");
  EXPECT_EQ(m.year, 2019);
  EXPECT_EQ(m.issuer, "国务院");
  EXPECT_TRUE(m.recipients.empty());  // 各位代表 is a salutation
}

TEST(Fields, BadRulesNameFileAndLine) {
  namespace fs = std::filesystem;
  char name[] = "/tmp/rpt_meta_test_XXXXXX";
  fs::path dir = mkdtemp(name);
  fs::create_directories(dir / "split");
  fs::create_directories(dir / "gazetteer");
  fs::copy_file(fs::path(patterns()) / "gazetteer" / "divisions.tsv",
                dir / "gazetteer" / "divisions.tsv");
  fs::copy_file(fs::path(patterns()) / "gazetteer" / "ethnic_groups.txt",
                dir / "gazetteer" / "ethnic_groups.txt");
  std::string good = testing::slurp(patterns() + "/split/fields.rules");
  auto expect = [&](const std::string& extra, const std::string& words) {
    std::ofstream(dir / "split" / "fields.rules") << good << extra;
    try {
      HeaderGrammar g(dir.string(), testing::readers().script);
      FAIL() << "accepted " << extra;
    } catch (const DataError& e) {
      EXPECT_NE(std::string(e.what()).find("fields.rules:"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  };
  expect("date_line: ^(\\d{4})年$\n", "3 capture groups");
  expect("type annual_report: (unclosed\n", "bad regex");
  expect("typo: x\n", "unknown rule `typo`");
  expect("title: again\n", "given twice");
  expect("year_cue later: (\\d{4})年\n", "unknown rule");
  expect("year_since x: 今年是(\\d+)周年\n", "year_since needs a year");
  std::ofstream(dir / "split" / "fields.rules") << good;
  std::ofstream(dir / "gazetteer" / "divisions.tsv") << "110000\t北京市\tprovince\n";
  HeaderGrammar g(dir.string(), testing::readers().script);
  EXPECT_THROW(FieldReader r(dir.string(), g), DataError);
  fs::remove_all(dir);
}

// The layouts below are written for these tests (no page text is copied).
const char* kBody =
    "一、主要工作\n全年办理行政复议案件38件,纠错率达到百分之十二,行政机关负责人出庭应诉率保持100%"
    "。\n"
    "深入开展普法宣传活动,组织领导干部学法考试两次,参考率百分之百,群众满意度持续提高。\n";

TEST(Fields, TitlesWithoutWhatTheSiteAdded) {
  Reader reader;
  for (const auto& [line, title] : std::vector<std::pair<std::string, std::string>>{
           {"【2024年】某县应急管理局2024年度法治政府建设报告",
            "某县应急管理局2024年度法治政府建设报告"},
           {"(河南省)2023年某县人民政府工作报告(全文)", "2023年某县人民政府工作报告"},
           {"某市政府工作报告(2024年1月30日 张三)", "某市政府工作报告"},
           {"[某政发〔2026〕7号]某市人民政府关于2025年法治政府建设情况的报告",
            "某市人民政府关于2025年法治政府建设情况的报告"},
           {"减小】某区2025年法治政府建设年度报告", "某区2025年法治政府建设年度报告"},
           {"某县2024年法治政府建设年度报告 |", "某县2024年法治政府建设年度报告"},
           {"政 府 工 作 报 告", "政府工作报告"}}) {
    auto m = reader.read(line + "\n2024年,某县人民政府坚持依法行政,各项工作取得新成效。\n" + kBody);
    EXPECT_EQ(m.title, title) << line;
  }
}

TEST(Fields, ATitleBrokenOverLinesAndAnIssuerAboveIt) {
  Reader reader;
  auto m = reader.read("望江县人民政府\n2024年法治政府建设年度报告\n" + std::string(kBody));
  EXPECT_EQ(m.title, "望江县人民政府2024年法治政府建设年度报告");
  EXPECT_EQ(m.issuer, "望江县人民政府");
  ASSERT_TRUE(m.region);
  EXPECT_EQ(m.region->province, "安徽省");
}

TEST(Fields, TheDocumentACoveringNoticeCovers) {
  Reader reader;
  // Its own title line after the notice; else the one the notice names.
  auto own = reader.read(
      "关于印发《某市法治政府建设实施方案(2024-2026年)》的通知\n各县(区)人民政府,市直各单位:\n"
      "现将《某市法治政府建设实施方案(2024-2026年)》印发给你们,请结合实际认真贯彻执行。\n"
      "中共某市委\n某市人民政府\n2024年4月1日\n某市法治政府建设实施方案\n为深入推进依法行政,"
      "制定本方案。\n" +
      std::string(kBody));
  EXPECT_EQ(own.title, "某市法治政府建设实施方案");
  EXPECT_EQ(own.type, "work_plan");
  EXPECT_EQ(own.date, "2024-04-01");
  EXPECT_EQ(own.year, 2024);
  EXPECT_EQ(own.issuer, "中共某市委、某市人民政府");
  EXPECT_EQ(own.recipients, (std::vector<std::string>{"各县(区)人民政府", "市直各单位"}));
  auto named = reader.read(
      "关于印发《某县法治政府建设工作要点》的通知\n各乡镇人民政府:"
      "\n现将《某县法治政府建设工作要点》"
      "印发给你们,请认真贯彻落实。\n" +
      std::string(kBody));
  EXPECT_EQ(named.title, "某县法治政府建设工作要点");
  EXPECT_EQ(named.type, "work_plan");
}

TEST(Fields, ShortNamesAreCompletedFromThePlaceTheTextNames) {
  Reader reader;
  auto office = reader.read(
      "2023年,区司法局坚持以习近平法治思想为指导,推进罗湖区法治政府建设,成效明显。\n"
      "罗湖区全年办理行政复议案件38件,罗湖区行政机关负责人出庭应诉率保持100%。\n" +
      std::string(kBody));
  EXPECT_EQ(office.issuer, "罗湖区司法局");
  ASSERT_TRUE(office.region);
  EXPECT_EQ(office.region->code, "440303");
  auto joint = reader.read(
      "近日,市委、市政府印发了《成都市法治政府建设实施方案(2021-2025年)》,要求各地结合实际认真贯彻"
      "落实。\n《成都市法治政府建设实施方案(2021-2025年)》全文如下。\n为持续深入推进依法行政,"
      "制定本方案。\n" +
      std::string(kBody));
  EXPECT_EQ(joint.title, "成都市法治政府建设实施方案(2021-2025年)");
  EXPECT_EQ(joint.issuer, "中共成都市委、成都市人民政府");
  EXPECT_EQ(joint.year, 2021);
  auto glued = reader.read("中共汉中市委汉中市人民政府关于2023年度法治政府建设工作情况的报告\n" +
                           std::string(kBody));
  EXPECT_EQ(glued.issuer, "中共汉中市委、汉中市人民政府");
  auto town = reader.read(
      "有庆镇2020年度法治政府建设工作情况报告\n"
      "2020年,镇人民政府始终把法治建设作为一项重要政治任务来抓,成效明显。\n" +
      std::string(kBody));
  EXPECT_EQ(town.issuer, "有庆镇人民政府");
  auto province = reader.read(
      "2018年,湖北省委、省政府坚持以习近平新时代中国特色社会主义思想为指导,全面推进依法行政。\n" +
      std::string(kBody));
  EXPECT_EQ(province.issuer, "中共湖北省委、湖北省人民政府");
  EXPECT_EQ(province.type, "annual_report");
  EXPECT_EQ(province.year, 2018);
}

TEST(Fields, ASpeechAtACongress) {
  Reader reader;
  auto m = reader.read(
      "政府工作报告\n——二〇二一年二月四日在某县第十六届人民代表大会第七次会议上\n某县县长 张某某\n"
      "各位代表:\n现在,我代表县人民政府向大会报告工作,请予审议,并请县政协委员提出意见。\n"
      "一、2020年工作回顾\n" +
      std::string(kBody));
  EXPECT_EQ(m.type, "gov_work_report");
  EXPECT_EQ(m.date, "2021-02-04");
  EXPECT_EQ(m.year, 2021);
  // The completion needs a county the gazetteer holds: 望江县 here.
  auto named = reader.read(
      "政府工作报告\n——2021年12月15日在望江县第十八届人民代表大会第一次会议上\n望江县人民政府县长 "
      "张某某\n各位代表:\n现在,我代表县人民政府向大会报告工作,请予审议。\n过去五年工作回顾\n" +
      std::string(kBody));
  EXPECT_EQ(named.issuer, "望江县人民政府");
  EXPECT_EQ(named.year, 2022);  // given in December: the year it plans is the next
  EXPECT_TRUE(named.recipients.empty());
}

TEST(Fields, AResolutionAndItsAdoptionNote) {
  Reader reader;
  auto m = reader.read(
      "(2023年3月13日某市第十六届人民代表大会第三次会议通过)\n某市第十六届人民代表大会第三次会议"
      "听取和审议了市长所作的政府工作报告。会议充分肯定市人民政府过去一年的工作,"
      "决定批准这个报告。\n"
      "会议号召,全市人民团结一心,为完成2023年目标任务而努力奋斗。\n");
  EXPECT_EQ(m.type, "resolution");
  EXPECT_EQ(m.date, "2023-03-13");
  EXPECT_EQ(m.year, 2023);
  EXPECT_EQ(m.issuer, "某市第十六届人民代表大会第三次会议");
}

TEST(Fields, ATraditionalPageReadsLikeASimplifiedOne) {
  Reader reader;
  auto m = reader.read(
      "瀏覽次數:次\n望江縣人民政府2023年法治政府建設年度報告\n"
      "2023年,望江縣人民政府堅持以習近平法治思想為指導,全面推進依法行政,各項工作取得新成效。\n"
      "一、主要工作\n全年辦理行政復議案件38件,行政機關負責人出庭應訴率保持100%。\n");
  EXPECT_EQ(m.title, "望江縣人民政府2023年法治政府建設年度報告");  // as written
  EXPECT_EQ(m.type, "annual_report");
  EXPECT_EQ(m.year, 2023);
  ASSERT_TRUE(m.region);
  EXPECT_EQ(m.region->name, "望江县");
}

TEST(Fields, PageDatesAndTheDocumentsOwn) {
  Reader reader;
  auto m = reader.read(
      "某县2023年法治政府建设情况报告\n[ 成文日期 ] 2024-01-20 [ 发布日期 ] 2024-02-01\n" +
      std::string(kBody));
  EXPECT_EQ(m.date, "2024-01-20");
  EXPECT_EQ(m.published, "2024-02-01");
  auto signed_ = reader.read("某县2023年法治政府建设情况报告\n2024-02-03 10:15:00\n" +
                             std::string(kBody) + "某县人民政府\n2024年1月22日\n");
  EXPECT_EQ(signed_.date, "2024-01-22");       // the signature's
  EXPECT_EQ(signed_.published, "2024-02-03");  // the page's
}

TEST(Fields, AShortPlaceNameOnlyWhereANameCanStand) {
  Reader reader;
  // 和县 is a county; in 省、市和县 it is "and county".
  auto m = reader.read("2023年,我县按照省、市和县委的部署,全面推进依法行政,成效明显。\n" +
                       std::string(kBody));
  EXPECT_EQ(m.region, std::nullopt);
  EXPECT_EQ(m.issuer, std::nullopt);
  auto named = reader.read("和县人民政府2023年法治政府建设情况报告\n" + std::string(kBody));
  ASSERT_TRUE(named.region);
  EXPECT_EQ(named.region->code, "340523");
}

TEST(Fields, AutonomousAreasByTheirShortNames) {
  Reader reader;
  auto m = reader.read("黔西南州人民政府关于2020年度法治政府建设情况的报告\n" + std::string(kBody));
  EXPECT_EQ(m.issuer, "黔西南州人民政府");
  ASSERT_TRUE(m.region);
  EXPECT_EQ(m.region->name, "黔西南布依族苗族自治州");
  EXPECT_EQ(m.region->province, "贵州省");
}

TEST(Fields, ANameSeveralPlacesShareAndNothingSaysWhich) {
  Reader reader;
  auto m = reader.read("和平区发展改革委2019年政府信息公开工作年度报告\n" + std::string(kBody));
  ASSERT_TRUE(m.region);
  EXPECT_EQ(m.region->name, "和平区");
  EXPECT_EQ(m.region->code, "");  // written as null
  EXPECT_EQ(m.region->province, "");
}

TEST(Fields, AppendicesAreTheirOwnBlock) {
  Reader reader;
  auto m = reader.read("某县2023年法治政府建设情况报告\n" + std::string(kBody) +
                       "某县人民政府\n2024年1月22日\n附件\n名词解释\n1.一网通办:……。\n");
  auto& b = m.block_of_para;
  ASSERT_GE(b.size(), 4u);
  EXPECT_STREQ(b[b.size() - 1], "appendix");
  EXPECT_STREQ(b[b.size() - 3], "appendix");
  EXPECT_STREQ(b[b.size() - 4], "signature");
  EXPECT_EQ(m.date, "2024-01-22");
}

TEST(Fields, TheYearAnUndatedSpeechStatesInItsOwnWords) {
  Reader reader;
  // A review of the year before names the year after it; an anniversary names its year.
  auto review = reader.read(
      "各位代表:\n现在,我代表国务院,向大会报告政府工作,请予审议。\n一、2018年工作回顾\n" +
      std::string(kBody));
  EXPECT_EQ(review.type, "gov_work_report");
  EXPECT_EQ(review.year, 2019);
  auto anniversary = reader.read(
      "各位代表:\n现在,我代表国务院,向大会作政府工作报告,请予审议。\n过去一年的工作\n"
      "今年是中华人民共和国成立七十周年,做好今年的工作意义重大。\n" +
      std::string(kBody));
  EXPECT_EQ(anniversary.year, 2019);
}

TEST(Fields, LayoutsOfOtherSites) {
  Reader reader;
  // A page that lost its line breaks: the title runs into the body.
  auto glued = reader.read(
      "望江县人民政府关于2024年度法治政府建设情况的报告2024年,县政府坚持依法行政,"
      "各项工作取得新成效。");
  EXPECT_EQ(glued.title, "望江县人民政府关于2024年度法治政府建设情况的报告");
  EXPECT_EQ(glued.type, "annual_report");
  // A metadata table set out down the page: label on one line, value on the next.
  auto table = reader.read("[ 成文日期 ]\n2025-01-15\n[ 发布日期 ]\n2025-01-20\n" +
                           std::string("某县2024年法治政府建设情况报告\n") + kBody);
  EXPECT_EQ(table.date, "2025-01-15");
  EXPECT_EQ(table.published, "2025-01-20");
  // A resolution's adoption note with the session named the short way, and a news dateline.
  auto short_session = reader.read(
      "(2011年1月9日县十六届人大五次会议通过)\n房县第十六届人民代表大会第五次会议听取和审议了县长"
      "所作的政府工作报告。\n会议号召,全县人民为完成2011年的目标任务而努力奋斗。\n");
  EXPECT_EQ(short_session.issuer, "房县第十六届人民代表大会第五次会议");
  auto dateline = reader.read(
      "新华社北京3月16日电 第十届全国人民代表大会第五次会议关于政府工作报告的决议\n"
      "第十届全国人民代表大会第五次会议听取和审议了国务院总理所作的政府工作报告。\n");
  EXPECT_EQ(dateline.title, "第十届全国人民代表大会第五次会议关于政府工作报告的决议");
  // 省政府 in a text that names no province but its places: the province they are in.
  auto province =
      reader.read("2022年,省政府坚持依法行政,推动莲湖区、雁塔区等地开展示范创建,成效明显。\n" +
                  std::string(kBody));
  EXPECT_EQ(province.issuer, "陕西省人民政府");
  // The speaker's office names the government: 某市代市长 张某.
  auto speaker = reader.read(
      "政府工作报告\n——2023年1月15日在北京市第十六届人民代表大会第一次会议上\n"
      "北京市代市长 张 某\n各位代表:\n现在,我向大会报告工作,请予审议。\n" +
      std::string(kBody));
  EXPECT_EQ(speaker.issuer, "北京市人民政府");
  EXPECT_EQ(speaker.date, "2023-01-15");
}

// The first n bytes of s, cut back to a code-point boundary (functions here take valid UTF-8).
std::string head(const std::string& s, size_t n) {
  if (n >= s.size()) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

class GwrFields : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::gwr_corpus().empty()) GTEST_SKIP() << "../shared/corpora absent";
  }
};

TEST_F(GwrFields, YearTypeTitleAndDeliveryDateOfEveryRecord) {
  Reader reader;
  std::ifstream in(testing::gwr_corpus());
  std::string line;
  int reports = 0, resolutions = 0, titled = 0, dated = 0;
  while (std::getline(in, line)) {
    json r = json::parse(line);
    std::string content = r["content"];
    RecordHints hints;
    hints.title = r["title"].get<std::string>();
    if (r["year"].is_string()) hints.year = std::stoi(r["year"].get<std::string>());
    DocMeta m = reader.read(content, hints);
    bool resolution = hints.title->find("决议") != std::string::npos;
    if (resolution) {
      ++resolutions;
      EXPECT_EQ(m.type, "resolution") << *hints.title;
      continue;
    }
    ++reports;
    EXPECT_EQ(m.type, "gov_work_report") << *hints.title;
    EXPECT_EQ(m.year, hints.year) << *hints.title;
    // Its own title line, where it has one (some are broken over two lines: 政府工作报 / 告).
    std::string opening = text::squeeze(head(content, 120));
    if (opening.rfind("政府工作报告", 0) == 0) {
      ++titled;
      EXPECT_EQ(text::squeeze(m.title.value_or("")), "政府工作报告") << *hints.title;
    }
    // Its delivery date: ——2024年3月5日在…会议上
    static const RE2 delivery(R"(([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日在[^\n]{2,60}上)");
    std::string y, mo, d;
    if (RE2::PartialMatch(text::fold_width(head(content, 600)), delivery, &y, &mo, &d)) {
      ++dated;
      EXPECT_EQ(m.date, iso_date(y, mo, d)) << *hints.title;
    }
  }
  EXPECT_EQ(reports, 52);
  EXPECT_EQ(resolutions, 20);
  EXPECT_GE(titled, 5);
  EXPECT_GE(dated, 5);
}

}  // namespace
}  // namespace rpt
