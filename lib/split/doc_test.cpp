#include "doc.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <filesystem>

#include "encoding.h"
#include "json.h"
#include "test_util.h"
#include "text.h"

namespace rpt {
namespace {

std::vector<std::string> texts(const Document& d) {
  std::vector<std::string> out;
  for (const auto& s : d.segments) out.emplace_back(d.segment_text(s));
  return out;
}

Document cut(std::string_view s, Unit unit = Unit::Sentence, bool semicolons = false) {
  SplitOptions o;
  o.unit = unit;
  o.semicolons = semicolons;
  return segment_text(s, o);
}

std::u32string u32(std::string_view s) {
  std::u32string cps;
  std::vector<uint32_t> offs;
  text::decode(s, true, cps, offs);
  return cps;
}

TEST(HeadingMarker, RecognisesTheOfficialLevels) {
  EXPECT_EQ(heading_marker(u32("一、总体要求")).level, kPart);
  EXPECT_EQ(heading_marker(u32("十二、其他")).length, 3u);
  EXPECT_EQ(heading_marker(u32("（一）严格执法")).level, kSection);
  EXPECT_EQ(heading_marker(u32("(十)切实保障")).length, 3u);
  EXPECT_EQ(heading_marker(u32("1.强化领导")).level, kItem);
  EXPECT_EQ(heading_marker(u32("12、完善机制")).level, kItem);
  EXPECT_EQ(heading_marker(u32("１．全角数字")).level, kItem);
  EXPECT_EQ(heading_marker(u32("（3）细项")).level, kSubItem);
  EXPECT_EQ(heading_marker(u32("①圈号")).level, kCircled);
  EXPECT_EQ(heading_marker(u32("第一部分 总则")).level, kChapter);
}

TEST(HeadingMarker, RejectsNumbersThatAreNotMarkers) {
  EXPECT_EQ(heading_marker(u32("2024年,在区委的领导下")).level, kNotHeading);
  EXPECT_EQ(heading_marker(u32("1.39万亿斤")).level, kNotHeading);
  EXPECT_EQ(heading_marker(u32("一是学思践悟")).level, kNotHeading);
  EXPECT_EQ(heading_marker(u32("(牵头单位:区司法局)")).level, kNotHeading);
  EXPECT_EQ(heading_marker(u32("第一责任人")).level, kNotHeading);
  EXPECT_EQ(heading_marker(u32("")).level, kNotHeading);
}

TEST(Enumerator, FindsItemMarkersOnly) {
  EXPECT_EQ(enumerator_at(u32("一是学思践悟")), 2u);
  EXPECT_EQ(enumerator_at(u32("十二是加强")), 3u);
  EXPECT_EQ(enumerator_at(u32("第二,要坚持")), 2u);
  EXPECT_EQ(enumerator_at(u32("第三、要坚持")), 2u);
  EXPECT_EQ(enumerator_at(u32("第一责任人")), 0u);
  EXPECT_EQ(enumerator_at(u32("一是否")), 0u);
  EXPECT_EQ(enumerator_at(u32("统一是")), 0u);
}

TEST(Sentences, SplitOnFullAndHalfWidthEnds) {
  auto d = cut("今年完成。明年继续!还有吗?有的！好？");
  EXPECT_EQ(texts(d),
            (std::vector<std::string>{"今年完成。", "明年继续!", "还有吗?", "有的！", "好？"}));
}

TEST(Sentences, ClosingQuotesAndBracketsStayWithTheirSentence) {
  auto d = cut("他说:“要依法行政。”随后部署（见附件。）。然后。");
  EXPECT_EQ(texts(d),
            (std::vector<std::string>{"他说:“要依法行政。”", "随后部署（见附件。）。", "然后。"}));
  // A parenthesis between two sentences protects its own full stop but is not absorbed.
  EXPECT_EQ(texts(cut("部署。（完成。）然后")),
            (std::vector<std::string>{"部署。", "（完成。）然后"}));
}

TEST(Sentences, NoSplitInsideNumbersTitlesOrAnnotations) {
  auto d = cut("投入325.34万元。印发《关于做好工作的通知。附件》等文件。访问www.gov.cn查询。");
  EXPECT_EQ(texts(d), (std::vector<std::string>{"投入325.34万元。",
                                                "印发《关于做好工作的通知。附件》等文件。",
                                                "访问www.gov.cn查询。"}));
  auto d2 = cut("推进落实。(牵头单位:区政府办公室。责任单位:各乡镇)");
  ASSERT_EQ(d2.segments.size(), 1u);
  auto d3 = cut("深入推动进头脑。(牵头单位:区政府办公室;责任单位:各乡镇)\n2.完善机制。");
  EXPECT_EQ(texts(d3)[0], "深入推动进头脑。(牵头单位:区政府办公室;责任单位:各乡镇)");
}

TEST(Sentences, HalfWidthFullStopOnlyAfterChineseText) {
  auto d = cut("版本1.0已发布.下一步A.B测试.");
  EXPECT_EQ(texts(d), (std::vector<std::string>{"版本1.0已发布.", "下一步A.B测试."}));
}

TEST(Sentences, SemicolonsOnlyWhenAsked) {
  EXPECT_EQ(cut("甲完成;乙完成;丙完成。").segments.size(), 1u);
  EXPECT_EQ(cut("甲完成;乙完成；丙完成。", Unit::Sentence, true).segments.size(), 3u);
}

TEST(Sentences, EnumerationAfterColonOrSemicolonStartsASegment) {
  auto d = cut("主要做法有:一是加强领导;二是完善制度;三是强化监督。下一句。");
  EXPECT_EQ(texts(d), (std::vector<std::string>{"主要做法有:", "一是加强领导;", "二是完善制度;",
                                                "三是强化监督。", "下一句。"}));
  EXPECT_EQ(d.segments[2].item, "二是");
  EXPECT_EQ(d.segments[4].item, "三是");  // the item goes on to the end of its paragraph
}

TEST(Structure, HeadingPathsFollowTheLevels) {
  auto d =
      cut("前言。\n一、总体要求\n(一)加强领导。正文一。\n1.小项。细节。\n(二)"
          "完善制度\n正文二。\n二、保障措施\n正文三。");
  ASSERT_EQ(d.segments.size(), 10u);
  auto path = [&](size_t i) { return d.paths[d.segments[i].path]; };
  EXPECT_TRUE(path(0).empty());
  EXPECT_EQ(path(1), (std::vector<std::string>{"一、总体要求"}));
  EXPECT_EQ(d.segments[1].heading, kPart);
  EXPECT_EQ(path(2), (std::vector<std::string>{"一、总体要求", "(一)加强领导"}));
  EXPECT_EQ(d.segment_text(d.segments[2]), "(一)加强领导。");
  EXPECT_EQ(d.segments[3].heading, kNotHeading);
  EXPECT_EQ(path(3), path(2));
  EXPECT_EQ(path(5), (std::vector<std::string>{"一、总体要求", "(一)加强领导", "1.小项"}));
  EXPECT_EQ(path(6), (std::vector<std::string>{"一、总体要求", "(二)完善制度"}));
  EXPECT_EQ(d.segment_text(d.segments[6]), "(二)完善制度");
  EXPECT_EQ(path(7), path(6));
  EXPECT_EQ(path(8), (std::vector<std::string>{"二、保障措施"}));
  EXPECT_EQ(path(9), (std::vector<std::string>{"二、保障措施"}));
}

TEST(Structure, HeadingRunningIntoAnEnumeration) {
  auto d = cut("(二)统筹谋划部署各项工作一是印发《方案》。二是建立机制。");
  ASSERT_GE(d.segments.size(), 3u);
  EXPECT_EQ(d.segment_text(d.segments[0]), "(二)统筹谋划部署各项工作");
  EXPECT_EQ(d.paths[d.segments[0].path].back(), "(二)统筹谋划部署各项工作");
  EXPECT_EQ(d.segment_text(d.segments[1]), "一是印发《方案》。");
}

TEST(Structure, LongFirstSentenceIsAnUntitledItem) {
  std::string body(80, 'x');
  auto d = cut("（一）" + body + "。后文。");
  EXPECT_EQ(d.paths[d.segments[0].path].back(), "（一）");
  EXPECT_EQ(d.segments[0].heading, kNotHeading);
}

TEST(Structure, DashBulletsAreItems) {
  auto d = cut("——经济回升向好。增长5.2%。\n——产业体系建设取得进展。");
  EXPECT_EQ(d.segments[0].item, "——");
  EXPECT_EQ(d.segments[1].item, "——");
  EXPECT_EQ(d.segments[2].item, "——");
}

TEST(Units, ParagraphSectionDoc) {
  std::string t = "前言一。前言二。\n一、要求\n正文一。正文二。\n正文三。\n二、措施。正文四。";
  auto p = cut(t, Unit::Paragraph);
  EXPECT_EQ(texts(p), (std::vector<std::string>{"前言一。前言二。", "一、要求", "正文一。正文二。",
                                                "正文三。", "二、措施。正文四。"}));
  EXPECT_EQ(p.segments[4].heading, kPart);
  auto s = cut(t, Unit::Section);
  EXPECT_EQ(texts(s),
            (std::vector<std::string>{"前言一。前言二。", "一、要求\n正文一。正文二。\n正文三。",
                                      "二、措施。正文四。"}));
  auto d = cut(t, Unit::Doc);
  ASSERT_EQ(d.segments.size(), 1u);
  EXPECT_EQ(d.segment_text(d.segments[0]), d.text);
  auto h = cut("一、要求\n正文。", Unit::Doc);  // a document that opens with a heading
  EXPECT_EQ(h.segments[0].path, 0u);
  EXPECT_EQ(h.segments[0].heading, kNotHeading);
}

TEST(Document, IdIgnoresWidthAndWhiteSpace) {
  auto a = cut("一、总体要求\n推进2024年工作,完成100%。");
  auto b = cut("  一、总体要求\r\n\r\n推进２０２４年工作，完成１００％。\n");
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.id.size(), 16u);
  EXPECT_NE(a.id, cut("一、总体要求\n推进2025年工作,完成100%。").id);
}

TEST(Document, EmptyAndBlankText) {
  EXPECT_TRUE(cut("").segments.empty());
  EXPECT_TRUE(cut(" \n\u3000\n\t").segments.empty());
}

TEST(Document, LinearOnAHugeSingleLine) {
  std::string line;
  for (int i = 0; i < 200000; ++i) line += "推进依法行政(见附件《方案》)。";
  auto d = cut(line);
  EXPECT_EQ(d.segments.size(), 200000u);
  auto d2 = cut("《" + std::string(3 * 100000, 'a') + "。");  // an unclosed title does not protect
  EXPECT_EQ(d2.segments.size(), 1u);
}

// Checks the coverage invariant of doc.h on one text.
void expect_covers(const Document& d, std::string_view original, const std::string& what) {
  std::string joined;
  for (const auto& s : d.segments) {
    std::string_view t = d.segment_text(s);
    ASSERT_FALSE(t.empty()) << what;
    ASSERT_EQ(text::trim(t), t) << what << ": segment with white space at an end";
    joined += t;
  }
  // Compare without white space, but without folding: no character may change.
  auto strip = [](std::string_view s) {
    std::string out;
    auto p = reinterpret_cast<const unsigned char*>(s.data());
    auto end = p + s.size();
    while (p < end) {
      char32_t c = text::decode_one(p);
      if (!text::is_space(c)) text::append_utf8(out, c);
    }
    return out;
  };
  ASSERT_EQ(strip(joined), strip(original)) << what;
}

class Corpus : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::gwr_corpus();
    if (path_.empty()) GTEST_SKIP() << "../shared/corpora/gwr_national.jsonl not present";
  }
  // Calls f(title, year, content) for every record.
  template <class F>
  void each(F f) {
    json::JsonlReader r(path_);
    while (r.next()) {
      auto obj = r.parse();
      std::string title, year, content;
      for (auto field : obj) {
        std::string_view k = field.unescaped_key().value();
        simdjson::ondemand::value v = field.value();
        if (k == "title")
          title = std::string(v.get_string().value());
        else if (k == "content")
          content = std::string(v.get_string().value());
        else if (k == "year" && v.type().value() == simdjson::ondemand::json_type::string)
          year = std::string(v.get_string().value());
      }
      f(title, year, content);
    }
  }
  std::string path_;
};

TEST_F(Corpus, EverySegmentationCoversTheWholeText) {
  int docs = 0;
  each([&](const std::string& title, const std::string&, const std::string& content) {
    for (Unit u : {Unit::Sentence, Unit::Paragraph, Unit::Section, Unit::Doc}) {
      auto d = cut(content, u);
      EXPECT_FALSE(d.segments.empty()) << title;
      expect_covers(d, content, title + " (" + unit_name(u) + ")");
    }
    ++docs;
  });
  EXPECT_EQ(docs, 72);
}

TEST_F(Corpus, The2024ReportFollowsItsPartsAndTasks) {
  bool seen = false;
  each([&](const std::string& title, const std::string& year, const std::string& content) {
    if (year != "2024" || title.find("决议") != std::string::npos) return;
    seen = true;
    auto d = cut(content);
    const std::vector<std::string> parts = {"一、", "二、", "三、"};
    const std::vector<std::string> tasks = {"（一）", "（二）", "（三）", "（四）", "（五）",
                                            "（六）", "（七）", "（八）", "（九）", "（十）"};
    auto index_of = [](const std::vector<std::string>& markers, const std::string& entry) {
      for (size_t i = 0; i < markers.size(); ++i)
        if (entry.rfind(markers[i], 0) == 0) return int(i);
      return -1;
    };
    int part = -1, task = -1;
    for (const auto& s : d.segments) {
      const auto& path = d.paths[s.path];
      if (path.empty()) {
        ASSERT_EQ(part, -1) << "outside the parts after they began: " << d.segment_text(s);
        continue;
      }
      ASSERT_LE(path.size(), 2u) << path.back();
      int p = index_of(parts, path[0]);
      ASSERT_TRUE(p == part || p == part + 1) << "parts in order: " << path[0];
      part = p;
      if (path.size() == 2) {
        ASSERT_EQ(part, 2) << "tasks only under 三、: " << path[1];
        int t = index_of(tasks, path[1]);
        ASSERT_TRUE(t == task || t == task + 1) << "tasks in order: " << path[1];
        task = t;
      } else {
        ASSERT_TRUE(part < 2 || task == -1) << "no part-level text after the tasks began";
      }
    }
    EXPECT_EQ(part, 2);
    EXPECT_EQ(task, 9) << "saw every task （一）…（十）";
    // Each task heading runs into its body: the heading segment and body share the line.
    size_t headings = 0;
    for (size_t i = 0; i + 1 < d.segments.size(); ++i) {
      const auto& s = d.segments[i];
      if (s.heading != kSection) continue;
      ++headings;
      EXPECT_EQ(d.segments[i + 1].para, s.para) << d.segment_text(s);
      EXPECT_EQ(d.segments[i + 1].path, s.path);
    }
    EXPECT_EQ(headings, 10u);
  });
  EXPECT_TRUE(seen);
}

std::string encode_gb18030(const std::string& utf8) {
  UErrorCode st = U_ZERO_ERROR;
  std::vector<char> out(utf8.size() * 2 + 16);
  int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), int32_t(out.size()), utf8.data(),
                           int32_t(utf8.size()), &st);
  EXPECT_TRUE(U_SUCCESS(st));
  return std::string(out.data(), size_t(n));
}

TEST(Seeds, WidthFoldedAndGb18030CopiesGiveTheSameSegments) {
  for (const auto& e : std::filesystem::directory_iterator(testing::testdata("seeds"))) {
    if (e.path().extension() != ".txt") continue;
    std::string original = testing::slurp(e.path());
    std::string wide = testing::widen(original);
    ASSERT_NE(wide, original);
    auto gb = decode_to_utf8(encode_gb18030(wide), Encoding::Auto, false, "gb");
    ASSERT_EQ(gb.encoding, Encoding::Gb18030);
    for (Unit u : {Unit::Sentence, Unit::Paragraph, Unit::Section}) {
      auto a = cut(original, u), b = cut(gb.utf8, u);
      ASSERT_EQ(a.segments.size(), b.segments.size()) << e.path() << " " << unit_name(u);
      for (size_t i = 0; i < a.segments.size(); ++i) {
        EXPECT_EQ(text::squeeze(a.segment_text(a.segments[i])),
                  text::squeeze(b.segment_text(b.segments[i])));
        EXPECT_EQ(a.segments[i].heading, b.segments[i].heading);
        EXPECT_EQ(a.paths[a.segments[i].path].size(), b.paths[b.segments[i].path].size());
      }
      EXPECT_EQ(a.id, b.id);
    }
  }
}

}  // namespace
}  // namespace rpt
