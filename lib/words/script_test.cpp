#include "script.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "io.h"
#include "text.h"

namespace rpt {
namespace {

std::string stripped(std::string_view in, size_t* n = nullptr) {
  std::string out;
  size_t k = strip_pinyin_glosses(in, out);
  if (n) *n = k;
  return k ? out : std::string(in);
}

// fold_and_simplify is fold_width then simplify_in_place, in one pass: the same bytes on
// full-width forms, the ideographic space, traditional characters, characters beyond the BMP and
// plain ASCII, and on every seed.
TEST(Script, FoldAndSimplifyIsFoldThenSimplify) {
  ScriptTable table(std::string(RPT_SOURCE_PATTERNS) + "/script/traditional.tsv");
  auto two_passes = [&](std::string_view s) {
    std::string r = text::fold_width(s);
    table.simplify_in_place(r);
    return r;
  };
  for (std::string_view s : {"", "a", "\xE3\x80\x80", "２０２４年，經濟發展　穩中向好！",
                             "𠀀 學習 ｢ＡＢＣ｣ 報告。", "x\xEF\xBC"})
    EXPECT_EQ(table.fold_and_simplify(s), two_passes(s)) << s;
  std::string seeds = std::string(RPT_SOURCE_PATTERNS) + "/../testdata/seeds";
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(seeds))
    if (e.path().extension() == ".txt") {
      std::string text = read_file(e.path().string());
      EXPECT_EQ(table.fold_and_simplify(text), two_passes(text)) << e.path();
      ++files;
    }
  EXPECT_EQ(files, 5u);
}

TEST(Glosses, ReadingsAfterHanCharactersAreRemoved) {
  size_t n = 0;
  EXPECT_EQ(stripped("加強(qiáng)隊伍建設，推動(dòng)工作落實。", &n),
            "加強隊伍建設，推動工作落實。");
  EXPECT_EQ(n, 2u);
  EXPECT_EQ(stripped("檔（dàng）案整理"), "檔案整理");         // full-width parentheses
  EXPECT_EQ(stripped("綠(lǜ)色\n長(zhǎng)期"), "綠色\n長期");  // line breaks stay
}

TEST(Glosses, EverythingElseInParenthesesStays) {
  for (std::string_view keep :
       {"条例(试行)", "细颗粒物(PM2.5)浓度", "一是(a)项", "拼音(tong)无声调", "第(三)条",
        "(tǒng)开头", "abc(tǒng)", "很长的读音(zhuāngzhuāng)"}) {
    size_t n = 7;
    EXPECT_EQ(stripped(keep, &n), keep);
    EXPECT_EQ(n, 0u) << keep;
  }
}

}  // namespace
}  // namespace rpt
