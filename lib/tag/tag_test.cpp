#include "tag.h"

#include <gtest/gtest.h>
#include <simdjson.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "test_util.h"
#include "text.h"

namespace rpt {
namespace {

namespace fs = std::filesystem;

std::string patterns() {
  return std::string(RPT_SOURCE_PATTERNS);
}

Tagger default_tagger() {
  Tagger::Options o;
  o.packs = {patterns() + "/tag/fazhi.pack"};
  o.roles = patterns() + "/tag/roles.rules";
  o.script = patterns() + "/script/traditional.tsv";
  return Tagger(o);
}

std::vector<std::string> tags_of(const Tagger& t, std::string_view text) {
  std::vector<uint32_t> ids;
  t.tag(text, ids);
  std::vector<std::string> out;
  for (uint32_t i : ids) out.push_back(t.name(i));
  return out;
}

TEST(Tagger, TermsAndSubTopics) {
  Tagger t = default_tagger();
  EXPECT_GT(t.term_count(), 500u);
  EXPECT_EQ(tags_of(t, "全面推行行政执法三项制度,行政机关负责人出庭应诉率达到100%。"),
            (std::vector<std::string>{"执法", "执法.三项制度", "纠纷.应诉"}));
  EXPECT_TRUE(tags_of(t, "国内生产总值增长5.2%,粮食产量1.39万亿斤。").empty());
}

// Words of another field count only in their family's sense (the pack's third round, issue #15;
// our own sentences): fiscal relief is no business environment, stability as an aim of economic
// policy no emergency, the judiciary's 执法 no administrative enforcement — but the justice
// bureaus' (司法行政) is.
TEST(Tagger, WordsOfOtherFieldsCountOnlyInTheirFamilysSense) {
  Tagger t = default_tagger();
  auto families = [&](std::string_view text) {
    std::vector<std::string> f;
    for (const std::string& tag : tags_of(t, text)) {
      std::string family = tag.substr(0, tag.find('.'));
      if (f.empty() || f.back() != family) f.push_back(family);
    }
    return f;
  };
  using F = std::vector<std::string>;
  EXPECT_EQ(families("延续实施小微企业减税降费政策。"), F{});
  EXPECT_EQ(families("清理涉企收费,减税降费,持续优化营商环境。"), F{"营商"});
  EXPECT_EQ(families("保持经济平稳运行和社会稳定。"), F{});
  EXPECT_EQ(families("严厉打击犯罪,维护社会稳定。"), F{"应急"});
  EXPECT_EQ(families("加强政法队伍建设,做到严格执法。"), F{});
  EXPECT_EQ(families("司法行政机关加强行政执法监督。"), (F{"执法", "监督"}));
}

TEST(Tagger, WidthFoldedTextGetsTheSameTags) {
  Tagger t = default_tagger();
  std::string half = "推进“互联网+政务服务”,实现“一网通办”。";
  std::string full = "推进“互联网＋政务服务”，实现“一网通办”。";
  EXPECT_EQ(tags_of(t, half), tags_of(t, full));
  EXPECT_NE(
      std::find(tags_of(t, full).begin(), tags_of(t, full).end(), std::string("数字.政务服务")),
      tags_of(t, full).end());
}

TEST(Tagger, ExplainSpansIndexTheOriginalText) {
  Tagger t = default_tagger();
  std::string text = "ＡＢ开展行政复议，推进“枫桥经验”。";
  std::vector<uint32_t> ids;
  std::vector<TagEvidence> ev;
  t.tag(text, ids, &ev);
  ASSERT_FALSE(ev.empty());
  std::u32string u;
  auto p = reinterpret_cast<const unsigned char*>(text.data());
  while (p < reinterpret_cast<const unsigned char*>(text.data() + text.size()))
    u.push_back(text::decode_one(p));
  for (const auto& e : ev) {
    std::string slice;
    for (uint32_t i = e.begin; i < e.end; ++i) text::append_utf8(slice, u[i]);
    EXPECT_EQ(slice, e.term) << t.name(e.tag);
  }
  EXPECT_EQ(ev.front().term, "行政复议");
  EXPECT_EQ(ev.front().begin, 4u);
}

TEST(Tagger, UnlessVoidsAMatchInItsContext) {
  Tagger t = default_tagger();
  auto village = tags_of(t, "实现村(居)法律顾问全覆盖。");
  EXPECT_EQ(std::find(village.begin(), village.end(), "决策.法律顾问"), village.end());
  EXPECT_NE(std::find(village.begin(), village.end(), "普法.公共法律服务"), village.end());
  auto gov = tags_of(t, "充分发挥政府法律顾问作用。");
  EXPECT_NE(std::find(gov.begin(), gov.end(), "决策.法律顾问"), gov.end());
}

TEST(Tagger, TraditionalTextGetsTheSameTags) {
  Tagger t = default_tagger();
  std::string simplified = "全面推行行政执法三项制度,深化行政复议体制改革。";
  std::string traditional = "全面推行行政執法三項制度,深化行政復議體制改革。";
  EXPECT_EQ(tags_of(t, traditional), tags_of(t, simplified));
  EXPECT_EQ(t.reading(traditional).size(), traditional.size());
  // Evidence is cut from the text as written.
  std::vector<uint32_t> ids;
  std::vector<TagEvidence> ev;
  t.tag(traditional, ids, &ev);
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(ev.front().term, "行政執法");
  EXPECT_TRUE(std::any_of(ev.begin(), ev.end(),
                          [](const TagEvidence& e) { return e.term == "行政執法三項制度"; }));
}

TEST(Tagger, AdHocRules) {
  Tagger::Options o;
  o.adhoc = {{"证明事项.{0,4}告知承诺", "自定.告知承诺"}};
  Tagger t(o);
  EXPECT_EQ(tags_of(t, "推行证明事项告知承诺制。"), (std::vector<std::string>{"自定.告知承诺"}));
  o.adhoc = {{"(?<=x)y", "bad"}};
  EXPECT_THROW(Tagger{o}, UsageError);
}

TEST(Roles, HeadingsDocTypesAndCues) {
  Tagger t = default_tagger();
  EXPECT_EQ(t.role({"二、2024年度法治政府建设存在的不足和原因"}, "annual_report", "宣传不够深入。"),
            "problem");
  EXPECT_EQ(t.role({"三、2025年度推进法治政府建设的主要安排", "(一)加强学习"}, "annual_report",
                   "深化学习。"),
            "plan");
  EXPECT_EQ(t.role({"一、主要举措和成效"}, "work_plan", "开展培训。"), "plan");
  EXPECT_EQ(t.role({"一、主要工作"}, "annual_report", "开展培训3次。"), "achievement");
  EXPECT_EQ(t.role({}, "", "但仍存在执法不够规范等问题。"), "problem");
  EXPECT_EQ(t.role({}, "", "下一步,我局将继续加强学习。"), "plan");
  EXPECT_EQ(t.role({"一、2023年工作回顾"}, "gov_work_report", "经济回升向好。"), "achievement");
  EXPECT_EQ(t.role({"三、2024年政府工作任务"}, "gov_work_report", "大力推进现代化产业体系建设。"),
            "plan");
}

TEST(Tagger, EnginesAgree) {
  Tagger::Options o;
  o.packs = {patterns() + "/tag/fazhi.pack"};
  Tagger a(o);
  o.hyperscan = false;
  Tagger b(o);
  EXPECT_STREQ(b.engine(), "re2");
  std::string seeds;
  for (const auto& e : fs::directory_iterator(testing::testdata("seeds")))
    if (e.path().extension() == ".txt") seeds += testing::slurp(e.path()) + "\n";
  size_t lines = 0, pos = 0;
  while (pos < seeds.size()) {
    size_t nl = seeds.find('\n', pos);
    if (nl == std::string::npos) nl = seeds.size();
    std::string_view line(seeds.data() + pos, nl - pos);
    std::vector<uint32_t> ta, tb;
    std::vector<TagEvidence> ea, eb;
    a.tag(line, ta, &ea);
    b.tag(line, tb, &eb);
    ASSERT_EQ(ta, tb) << line;
    ASSERT_EQ(ea.size(), eb.size()) << line;
    ++lines;
    pos = nl + 1;
  }
  EXPECT_GT(lines, 200u);
}

struct Pack {
  fs::path file;
  explicit Pack(const std::string& body) {
    char name[] = "/tmp/rpt_pack_XXXXXX";
    close(mkstemp(name));
    file = name;
    std::ofstream(file) << body;
  }
  ~Pack() { fs::remove(file); }
};

void expect_pack_error(const std::string& body, int line, const std::string& words) {
  Pack p(body);
  Tagger::Options o;
  o.packs = {p.file.string()};
  try {
    Tagger t(o);
    FAIL() << "accepted: " << body;
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find(p.file.string() + ":" + std::to_string(line) + ":"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
}

TEST(Packs, ErrorsNameFileAndLine) {
  expect_pack_error("# a pack\n[执法]\nterms 执法\n", 3, "no ':'");     // syntax error
  expect_pack_error("[执法]\nregex: (?<=行政)执法\n", 2, "bad regex");  // unknown RE2 feature
  expect_pack_error("[执法]\nterm:\n", 2, "empty value");               // empty term
  expect_pack_error("terms: 执法\n", 1, "outside a [TAG]");             // no tag
  expect_pack_error("[执法..三项]\nterms: 执法\n", 2, "bad tag name");
  expect_pack_error("[执法]\nword: 执法\n", 2, "unknown rule");
  expect_pack_error("[执法\nterms: x\n", 1, "section line");
  expect_pack_error("[职能]\nsense: 编制\n", 2, "PATTERN ~ CONTEXT");
  // A NUL would cut a term in Hyperscan's C API (found by fuzz_pack).
  expect_pack_error(std::string("[执法]\nterms: 执\0法\n", 24), 2, "NUL byte");
  expect_pack_error("[职能]\nsense: 编制 ~ (机构\n", 2, "bad context regex");
  // A word both a term and a sense word of one tag: the term always counts, the sense rule is
  // dead (the default pack had one: 查处). Either order, and inside an alternation.
  expect_pack_error("[执法]\nterms: 查处 立案\nsense: 查处 ~ 违法\n", 3, "both a term and");
  expect_pack_error("[执法]\nsense: 处罚|查处 ~ 违法\nterms: 立案 查处\n", 3, "both a term and");
}

TEST(Packs, AResearchersOwnPack) {
  Pack p(
      "# 生态环境 pack\n[生态]\nnote: 《环境保护法》\nterms: 生态环境 环境保护 污染防治\n"
      "[生态.河长制]\nregex: 河长制|湖长制\nunless: 河长制办公室\n");
  Tagger::Options o;
  o.packs = {p.file.string()};
  Tagger t(o);
  EXPECT_EQ(tags_of(t, "全面推行河长制,打好污染防治攻坚战。"),
            (std::vector<std::string>{"生态", "生态.河长制"}));
  EXPECT_EQ(tags_of(t, "河长制办公室召开会议。"), (std::vector<std::string>{}));
}

// A sense rule keeps a term only where its context occurs; --explain says why one was voided.
TEST(Packs, SenseRulesAndVoidedMatches) {
  Pack p(
      "[职能.机构改革]\nterms: 机构改革\nsense: 编制 ~ 机构|人员|核定|岗位\n"
      "[领导]\nterms: 党组\nunless: 党组织\n");
  Tagger::Options o;
  o.packs = {p.file.string()};
  Tagger t(o);
  EXPECT_EQ(tags_of(t, "严格控制机关事业单位人员编制。"),
            (std::vector<std::string>{"职能.机构改革"}));
  EXPECT_TRUE(tags_of(t, "编制完成第一个五年计划草案。").empty());
  std::string text = "编制规划,加强基层党组织建设。";
  std::vector<uint32_t> ids;
  std::vector<TagEvidence> ev, voided;
  t.tag(text, t.reading(text), ids, &ev, &voided);
  EXPECT_TRUE(ids.empty());
  EXPECT_TRUE(ev.empty());
  ASSERT_EQ(voided.size(), 2u);
  EXPECT_EQ(voided[0].term, "编制");
  EXPECT_EQ(voided[0].why, "sense: no 机构|人员|核定|岗位 in the text or its heading");
  EXPECT_EQ(voided[1].term, "党组");
  EXPECT_EQ(voided[1].begin, 9u);
  EXPECT_EQ(voided[1].why, "unless: 党组织");
  // The context may be in a heading the text stands under.
  std::string line = "二是严控编制。", heading = t.reading("一、深化机构改革");
  t.tag(line, t.reading(line), ids, nullptr, nullptr, heading);
  EXPECT_EQ(ids.size(), 1u);
  t.tag(line, t.reading(line), ids, nullptr, nullptr, t.reading("一、编制规划"));
  EXPECT_TRUE(ids.empty());
  // A heading above tagged with the tag's family files the text under that topic: the sense
  // counts without its context (and not under a heading of another family).
  std::vector<std::string> families = {"职能"};
  t.tag(line, t.reading(line), ids, nullptr, nullptr, t.reading("（一）总体情况"), &families);
  EXPECT_EQ(ids.size(), 1u);
  families = {"领导"};
  t.tag(line, t.reading(line), ids, nullptr, nullptr, t.reading("（一）总体情况"), &families);
  EXPECT_TRUE(ids.empty());
  // tag_record reads those families off the record's seg.path, two levels up here.
  simdjson::dom::parser parser;
  simdjson::dom::element rec = parser.parse(std::string(
      R"({"seg":{"path":["一、深化机构改革","（一）总体情况"]},"text":"二是严控编制。"})"));
  RecordTags r;
  tag_record(t, rec.get_object().value(), line, false, r);
  ASSERT_EQ(r.tags.size(), 1u);
  EXPECT_EQ(t.name(r.tags[0]), "职能.机构改革");
  simdjson::dom::element other = parser.parse(
      std::string(R"({"seg":{"path":["一、编制规划","（一）总体情况"]},"text":"二是严控编制。"})"));
  tag_record(t, other.get_object().value(), line, false, r);
  EXPECT_TRUE(r.tags.empty());
  // Hyperscan and RE2 see the same senses.
  o.hyperscan = false;
  Tagger re2(o);
  EXPECT_EQ(tags_of(re2, "核定人员编制。"), tags_of(t, "核定人员编制。"));
}

// The scan looks for unless contexts too, so a tag is judged by regex only where one may occur.
// A context with a long bounded repeat is scanned for with the repeat left open: where it does
// not hold (the cue word is too far), its own regex still decides. Both engines agree.
TEST(Packs, UnlessContextsTheScanLooksFor) {
  Pack p(
      "[监督]\nterms: 监督\nunless: 监督电话\nunless: ^各位代表[^。]{0,120}监督\n"
      "[执法]\nterms: 执法\n");
  Tagger::Options o;
  o.packs = {p.file.string()};
  Tagger hs(o);
  o.hyperscan = false;
  Tagger re2(o);
  std::string far = "各位代表," + std::string(3 * 130, ' ') + "自觉接受人大监督。";
  for (const Tagger* t : {&hs, &re2}) {
    EXPECT_EQ(tags_of(*t, "自觉接受人大监督。"), (std::vector<std::string>{"监督"}));
    EXPECT_TRUE(tags_of(*t, "公布监督电话。").empty());
    EXPECT_TRUE(tags_of(*t, "各位代表,请对政府工作提出监督意见。").empty());
    EXPECT_EQ(tags_of(*t, far), (std::vector<std::string>{"监督"}));
    // The unless context of one tag voids none of another's matches.
    EXPECT_EQ(tags_of(*t, "公布监督电话,严格执法。"), (std::vector<std::string>{"执法"}));
    // A text with a voided match and a counted one keeps the tag.
    EXPECT_EQ(tags_of(*t, "公布监督电话,加强监督。"), (std::vector<std::string>{"监督"}));
  }
}

// An unless context Hyperscan rejects (this one matches the empty string) stays out of its
// database and is judged by its regex every time; the database and what it left out come back
// from the cache the same.
TEST(Packs, UnlessContextsHyperscanRejects) {
  Pack p("[监督]\nterms: 监督\nunless: (?:监督电话)?\n");
  fs::path cache = fs::temp_directory_path() / ("rpt_tag_cache_" + std::to_string(getpid()));
  fs::remove_all(cache);
  const char* old = std::getenv("XDG_CACHE_HOME");
  std::string saved = old ? old : "";
  setenv("XDG_CACHE_HOME", cache.c_str(), 1);
  Tagger::Options o;
  o.packs = {p.file.string()};
  for (int run = 0; run < 2; ++run) {  // compiled, then read from the cache
    Tagger t(o);
#ifdef RPT_HAVE_HYPERSCAN
    EXPECT_STREQ(t.engine(), "hyperscan");
#endif
    EXPECT_TRUE(tags_of(t, "公布监督电话。").empty()) << run;
    EXPECT_EQ(tags_of(t, "加强监督。"), (std::vector<std::string>{"监督"})) << run;
  }
#ifdef RPT_HAVE_HYPERSCAN
  EXPECT_FALSE(fs::is_empty(cache / "rpt"));
#endif
  if (old)
    setenv("XDG_CACHE_HOME", saved.c_str(), 1);
  else
    unsetenv("XDG_CACHE_HOME");
  fs::remove_all(cache);
}

// Hyperscan reads PCRE: a folded class such as [::] (from [:：]) opens a POSIX class there, and
// the context it rejects is left to its regex on every record of its tag. The default pack's
// contexts all stay in the scan.
TEST(Tagger, DefaultPackUnlessContextsAreScanned) {
  Tagger t = default_tagger();
#ifdef RPT_HAVE_HYPERSCAN
  EXPECT_STREQ(t.engine(), "hyperscan");
  EXPECT_EQ(t.unscanned_unless(), std::vector<std::string>{});
#endif
  Pack p("[监督]\nterms: 监督\nunless: 主要是[:：][^。]*\n");
  Tagger::Options o;
  o.packs = {p.file.string()};
  o.cache = false;
  Tagger posix(o);
#ifdef RPT_HAVE_HYPERSCAN
  EXPECT_EQ(posix.unscanned_unless(), std::vector<std::string>{"监督: 主要是[:：][^。]*"});
#endif
  EXPECT_TRUE(tags_of(posix, "问题主要是：监督不到位。").empty());
  EXPECT_EQ(tags_of(posix, "加强监督。"), (std::vector<std::string>{"监督"}));
}

}  // namespace
}  // namespace rpt
