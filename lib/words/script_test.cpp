#include "script.h"

#include <gtest/gtest.h>

namespace rpt {
namespace {

std::string stripped(std::string_view in, size_t* n = nullptr) {
  std::string out;
  size_t k = strip_pinyin_glosses(in, out);
  if (n) *n = k;
  return k ? out : std::string(in);
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
