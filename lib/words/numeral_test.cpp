#include "numeral.h"

#include <gtest/gtest.h>

#include <simdjson.h>

#include <cmath>

#include "text.h"

namespace rpt {
namespace {

std::u32string u32(std::string_view s) {
  std::u32string cps;
  std::vector<uint32_t> offs;
  text::decode(s, true, cps, offs);
  return cps;
}

Numeral read(std::string_view s) {
  auto n = read_numeral(u32(s), 0);
  EXPECT_TRUE(n.has_value()) << s;
  return n.value_or(Numeral{});
}

void expect_value(std::string_view s, double v, Approx a = Approx::Exact) {
  Numeral n = read(s);
  EXPECT_DOUBLE_EQ(n.value, v) << s;
  EXPECT_EQ(int(n.approx), int(a)) << s;
}

void expect_range(std::string_view s, double lo, double hi) {
  Numeral n = read(s);
  EXPECT_EQ(n.value, lo) << s;
  EXPECT_EQ(n.value_max, hi) << s;
}

TEST(Numeral, ArabicWithSeparatorsDecimalsAndMagnitudes) {
  expect_value("325.34万元", 3253400);
  expect_value("1,234人", 1234);
  expect_value("1,100万", 11000000);  // separators before a magnitude word
  expect_value("1,100.9亿", 110090000000);
  expect_value("1.39万亿斤", 1.39e12);
  expect_value("6600多万", 66000000, Approx::Over);
  expect_value("80余场次", 80, Approx::Over);
  expect_value("３２５．３４万元", 3253400);  // full-width
  EXPECT_EQ(read("1,10个").end, 1u);          // not a separator: only three digits follow one
}

TEST(Numeral, ChineseNumerals) {
  expect_value("一千二百三十四", 1234);
  expect_value("两次", 2);
  expect_value("十余个", 10, Approx::Over);
  expect_value("十二", 12);
  expect_value("一百零五", 105);
  expect_value("三点五", 3.5);
  expect_value("二〇二四年", 2024);
  expect_value("六十点八", 60.8);  // decimals after a unit
  expect_value("二十一點一", 21.1);
  // Traditional characters, as the 1950s reports are written.
  expect_value("百分之六十點八", 60.8);
  expect_value("二千四百萬人", 24000000);
  expect_value("兩億", 200000000);
  expect_value("一億六千餘萬", 160000000, Approx::Over);
  expect_value("一千二百九十万千瓦", 12900000);  // 千瓦 is the unit, not 千
  EXPECT_EQ(read("一千二百九十万千瓦").number_end, 7u);
  expect_value("1/4", 0.25);
  expect_value("１／４", 0.25);
  expect_value("至少2次", 2, Approx::Over);
  expect_value("最多3项", 3, Approx::Under);
}

TEST(Numeral, TheCasesUsersReportedAgainstTheBestKnownRecogniser) {
  expect_value("一万五千亿", 1.5e12);
  expect_value("二十万亿", 2e13);
  expect_value("二十一万亿", 2.1e13);
  expect_value("三百五十万亿", 3.5e14);
  expect_value("1,100万", 1.1e7);
  expect_value("1,100.9亿", 1.1009e11);
  expect_value("三十万多亿", 3e13, Approx::Over);
  expect_value("四万万", 4e8);
  expect_value("一亿二千万", 1.2e8);
}

TEST(Numeral, PercentsAndFractions) {
  Numeral p = read("85%");
  EXPECT_TRUE(p.percent);
  EXPECT_EQ(p.value, 85);
  Numeral q = read("百分之八十五");
  EXPECT_TRUE(q.percent);
  EXPECT_EQ(q.value, 85);
  EXPECT_EQ(q.end, 6u);
  Numeral all = read("百分之百");
  EXPECT_TRUE(all.percent);
  EXPECT_EQ(all.value, 100);
  Numeral third = read("三分之一");
  EXPECT_TRUE(third.fraction);
  EXPECT_DOUBLE_EQ(third.value, 1.0 / 3);
  EXPECT_TRUE(read("１００％").percent);
}

TEST(Numeral, Ranges) {
  expect_range("3-5个", 3, 5);
  expect_range("三至五年", 3, 5);
  expect_range("5—10万元", 5e4, 1e5);
  Numeral pct = read("3%-5%");
  EXPECT_TRUE(pct.percent);
  EXPECT_EQ(pct.value_max, 5);
  // Each end with its own percent: where the low end ends and the high end begins.
  EXPECT_EQ(pct.low_end, 2u);
  EXPECT_EQ(pct.high_begin, 3u);
  Numeral words = read("百分之四至百分之五");
  EXPECT_EQ(words.value_max, 5);
  EXPECT_EQ(words.low_end, 4u);
  EXPECT_EQ(words.high_begin, 5u);
  EXPECT_EQ(read("5—6%").low_end, 0u);  // one percent for the range
  EXPECT_EQ(read("百分之四至五").low_end, 0u);
  EXPECT_FALSE(read("5-3").value_max);  // not a range when it runs backwards
  // 三、四个 and 四、五十年: neighbouring digits joined by 、, the second's units scaling the
  // first.
  expect_range("三、四个", 3, 4);
  expect_range("四、五十年", 40, 50);
  EXPECT_FALSE(read("一、三").value_max);  // not neighbours: a list
  // 一两年, 两三千, 三四十: neighbouring digits side by side, the same reading; not inside a
  // longer run of digits (一二三产业) nor after one.
  expect_range("一两年", 1, 2);
  EXPECT_EQ(read("一两年").number_end, 2u);
  expect_range("两三千人", 2000, 3000);
  expect_range("一两百年", 100, 200);
  EXPECT_FALSE(read("一二三产业").value_max);
  EXPECT_FALSE(read("三五成群").value_max);  // not neighbours
}

TEST(Numeral, AUnitAfterAsLargeAUnitEndsTheNumber) {
  Numeral kw = read("七万二千五百千瓦");
  EXPECT_EQ(kw.value, 72500);
  EXPECT_EQ(kw.number_end, 6u);
  EXPECT_EQ(read("一百十").value, 110);  // a smaller unit may follow without a digit
}

TEST(Numeral, LessThanAndMoreThan) {
  Numeral less = read("少于三十亿元");
  EXPECT_EQ(less.approx, Approx::Under);
  EXPECT_EQ(less.value, 3e9);
  EXPECT_EQ(less.begin, 0u);
  EXPECT_EQ(read("多于50人").approx, Approx::Over);
}

TEST(Numeral, LetterSpacedDigitsOfConvertedText) {
  expect_value("7 4 7 7 2 亿元", 7.4772e12);
  expect_value("7 0 ．8 岁", 70.8);
  Numeral p = read("1 5 .3 %");
  EXPECT_DOUBLE_EQ(p.value, 15.3);
  EXPECT_TRUE(p.percent);
  expect_value("74.4  万亿元", 7.44e13);  // spaces before a magnitude
  EXPECT_EQ(read("2 3").value, 23);       // lone digits with a space between: one number
  EXPECT_EQ(read("12 3").end, 2u);        // 12 does not stand alone: two numbers
}

TEST(Numeral, ApproximationWords) {
  expect_value("约80人", 80, Approx::About);
  expect_value("近3年", 3, Approx::About);
  expect_value("100人左右", 100, Approx::About);
  expect_value("超过1000万元", 1e7, Approx::Over);
  expect_value("逾百分之九十", 90, Approx::Over);
  expect_value("突破5亿", 5e8, Approx::Over);
  expect_value("不少于1次", 1, Approx::Over);
  expect_value("60岁以上", 60, Approx::Over);
  expect_value("不足10%", 10, Approx::Under);
  expect_value("不到三成", 3, Approx::Under);
  expect_value("5万以下", 5e4, Approx::Under);
  Numeral n = read("约80人左右");
  EXPECT_EQ(n.begin, 0u);
  EXPECT_EQ(n.number_begin, 1u);
  EXPECT_EQ(n.number_end, 3u);
  EXPECT_EQ(n.end, 3u);  // one approximation word is enough; 人 is not part of the number
}

TEST(Numeral, OrdinalsAreFlagged) {
  auto in = u32("第三，七是加强监督");
  auto all = find_numerals(in);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0].ordinal);
  EXPECT_TRUE(all[1].ordinal);
  EXPECT_FALSE(read("三次").ordinal);
}

TEST(Numeral, SomeTensIsNoNumber) {
  std::u32string s = u32("几十年,几百万");
  EXPECT_FALSE(read_numeral(s, 1).has_value());  // 十 of 几十
  EXPECT_FALSE(read_numeral(s, 5).has_value());  // 百 of 几百万
}

TEST(Numeral, NotNumbers) {
  EXPECT_FALSE(read_numeral(u32("万人助万企"), 0));
  EXPECT_FALSE(read_numeral(u32("千方百计"), 0));
  EXPECT_FALSE(read_numeral(u32("约定"), 0));
  EXPECT_FALSE(read_numeral(u32("百姓"), 0));
  EXPECT_FALSE(read_numeral(u32("陆地"), 0));  // 大写 digits only in amounts written with them
  EXPECT_FALSE(read_numeral(u32("队伍"), 1));
  EXPECT_FALSE(read_numeral(u32("上百家"), 0));  // too vague to read
  EXPECT_FALSE(read_numeral(u32("上一年度"), 0));
}

TEST(Numeral, HalvesUpwardsOfAndFinancialDigits) {
  Numeral half = read("一半以上");
  EXPECT_TRUE(half.fraction);
  EXPECT_DOUBLE_EQ(half.value, 0.5);
  EXPECT_EQ(int(half.approx), int(Approx::Over));
  expect_value("上千万", 1e7, Approx::Over);
  expect_value("上亿", 1e8, Approx::Over);
  EXPECT_EQ(read("上万人").number_begin, 1u);
  expect_value("伍佰元", 500);
  expect_value("叁万", 30000);
}

TEST(Numeral, SuffixAfterAClassifierIsLocated) {
  Numeral n = read("4个工作日以内");  // a four-character classifier
  EXPECT_EQ(int(n.approx), int(Approx::Under));
  EXPECT_EQ(n.end, 1u);
  EXPECT_EQ(n.suffix_begin, 5u);
  EXPECT_EQ(n.suffix_end, 7u);
  EXPECT_EQ(read("80左右").suffix_end, 0u);  // directly after the number: inside `end`
}

TEST(Numeral, FindAllLeftToRight) {
  auto in = u32("开展宣讲活动80余场次，覆盖率达到100%，受理复议案件两件。");
  auto all = find_numerals(in);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].value, 80);
  EXPECT_EQ(all[0].number_begin, 6u);
  EXPECT_EQ(all[0].end, 9u);
  EXPECT_TRUE(all[1].percent);
  EXPECT_EQ(all[2].value, 2);
  EXPECT_TRUE(all[2].chinese);
}

}  // namespace
}  // namespace rpt

#include <filesystem>
#include <fstream>

#include "test_util.h"

namespace rpt {
namespace {

void expect_sane(const std::string& text) {
  auto u = u32(text);
  size_t last = 0;
  for (const Numeral& n : find_numerals(u)) {
    ASSERT_LE(last, n.begin);
    ASSERT_LE(n.begin, n.number_begin);
    ASSERT_LT(n.number_begin, n.number_end);
    ASSERT_LE(n.number_end, n.end);
    ASSERT_LE(n.end, u.size());
    ASSERT_TRUE(std::isfinite(n.value));
    if (n.value_max) {
      ASSERT_GE(*n.value_max, n.value);
    }
    last = n.end;
  }
}

TEST(Numeral, SaneOnEveryReport) {
  for (const auto& e : std::filesystem::directory_iterator(testing::testdata("seeds")))
    if (e.path().extension() == ".txt") expect_sane(testing::slurp(e.path()));
  std::string corpus = testing::gwr_corpus();
  if (corpus.empty()) return;
  std::ifstream in(corpus);
  std::string line;
  simdjson::dom::parser parser;
  while (std::getline(in, line)) {
    std::string_view content = parser.parse(line)["content"].get_string().value();
    expect_sane(std::string(content));
  }
}

}  // namespace
}  // namespace rpt
