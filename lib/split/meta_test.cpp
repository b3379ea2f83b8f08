#include "meta.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "clean.h"
#include "json.h"
#include "test_util.h"
#include "text.h"

namespace rpt {
namespace {

using nlohmann::json;

std::string patterns() {
  return std::string(RPT_SOURCE_PATTERNS);
}

struct Reader {
  PageCleaner cleaner{patterns()};
  FieldReader fields{patterns()};
  DocMeta read(const std::string& raw, const RecordHints& hints = {}) {
    auto c = cleaner.clean(raw);
    Document d = segment_text(c.text, {});
    return fields.read(d, hints, c.fields);
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
  EXPECT_EQ(m.title, std::nullopt);  // the text has no title line of its own
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
  std::string good = testing::slurp(patterns() + "/split/fields.rules");
  auto expect = [&](const std::string& extra, const std::string& words) {
    std::ofstream(dir / "split" / "fields.rules") << good << extra;
    try {
      FieldReader r(dir.string());
      FAIL() << "accepted " << extra;
    } catch (const DataError& e) {
      EXPECT_NE(std::string(e.what()).find("fields.rules:"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  };
  expect("date_line: ^(\\d{4})年$\n", "three groups");
  expect("type annual_report: (unclosed\n", "bad regex");
  expect("typo: x\n", "unknown rule `typo`");
  expect("title: again\n", "given twice");
  std::ofstream(dir / "gazetteer" / "divisions.tsv") << "110000\t北京市\tprovince\n";
  std::ofstream(dir / "split" / "fields.rules") << good;
  EXPECT_THROW(FieldReader r(dir.string()), DataError);
  fs::remove_all(dir);
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
