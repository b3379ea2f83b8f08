#include "text.h"

#include <gtest/gtest.h>

namespace rpt::text {
namespace {

TEST(Utf8, FindsTheFirstInvalidByte) {
  EXPECT_EQ(find_invalid_utf8("法治政府 ok"), npos);
  EXPECT_EQ(find_invalid_utf8(std::string("ab\xC0\xAF", 4)), 2u);        // overlong '/'
  EXPECT_EQ(find_invalid_utf8(std::string("a\xED\xA0\x80", 4)), 1u);     // surrogate
  EXPECT_EQ(find_invalid_utf8(std::string("\xF4\x90\x80\x80", 4)), 0u);  // > U+10FFFF
  EXPECT_EQ(find_invalid_utf8(std::string("法\xE6\xB3", 5)), 3u);        // truncated at the end
  EXPECT_EQ(find_invalid_utf8(std::string("\xFF", 1)), 0u);
  std::string gbk = "\xB7\xA8\xD6\xCE";  // 法治 in GBK
  EXPECT_EQ(find_invalid_utf8(gbk), 0u);
}

TEST(Utf8, DecodeAndEncodeRoundTrip) {
  std::string s = "a§法𠀀";
  std::u32string cps;
  std::vector<uint32_t> offs;
  decode(s, false, cps, offs);
  EXPECT_EQ(cps, U"a§法𠀀");
  EXPECT_EQ(offs, (std::vector<uint32_t>{0, 1, 3, 6, 10}));
  std::string back;
  for (char32_t c : cps) append_utf8(back, c);
  EXPECT_EQ(back, s);
  EXPECT_EQ(count_code_points(s), 4u);
}

TEST(Width, FoldingMapsFullWidthFormsOneToOne) {
  EXPECT_EQ(fold_width("２０２４年，（一）ＡＢｃ！？：；％\u3000。、《》“”"),
            "2024年,(一)ABc!?:;% 。、《》“”");
  std::string wide = "１２３．４５万元";
  EXPECT_EQ(count_code_points(fold_width(wide)), count_code_points(wide));
}

TEST(Space, TrimHandlesIdeographicAndNoBreakSpaces) {
  EXPECT_EQ(trim("\u3000\u00A0 国务院总理\u3000 \t"), "国务院总理");
  EXPECT_EQ(trim("\u3000\u3000"), "");
  EXPECT_EQ(trim(""), "");
  // A line of invalid UTF-8 ends in a sequence cut short (found by fuzz_jsonl): no throw, kept.
  EXPECT_EQ(trim(" \xE5\x9B"), "\xE5\x9B");
  EXPECT_EQ(trim("\xE3"), "\xE3");
  EXPECT_EQ(squeeze("一、 总体\u3000要求，\n好"), "一、总体要求,好");
}

}  // namespace
}  // namespace rpt::text
