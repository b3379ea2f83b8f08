#include "extract.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "io.h"
#include "test_util.h"
#include "text.h"

namespace rpt {
namespace {

const Extractor& extractor() {
  static const Extractor x(RPT_SOURCE_PATTERNS);
  return x;
}

std::vector<Fact> facts(std::string_view text, FactTypes types = kAllFactTypes) {
  std::vector<Fact> out;
  extractor().extract(text, out, types);
  return out;
}
constexpr FactTypes only(FactType t) {
  return 1u << int(t);
}

// The surface text of a fact.
std::string surface(std::string_view text, const Fact& f) {
  return std::string(text.substr(f.byte_begin, f.byte_end - f.byte_begin));
}

// "surface value unit kind approx" of each quantity, for compact expectations.
std::vector<std::string> quantities(std::string_view text) {
  std::vector<std::string> out;
  for (const Fact& f : facts(text, only(FactType::Quantity))) {
    char v[64];
    std::snprintf(v, sizeof v, "%.12g", f.value);
    std::string s = surface(text, f) + " " + v;
    if (f.value_max) {
      std::snprintf(v, sizeof v, "%.12g", *f.value_max);
      s += std::string("-") + v;
    }
    s += " " + (f.unit.empty() ? std::string("-") : f.unit) + " " + f.kind;
    if (const char* a = approx_name(f.approx)) s += std::string(" ") + a;
    out.push_back(s);
  }
  return out;
}
using V = std::vector<std::string>;
// "p SURFACE" for each period and "q SURFACE" for each quantity of a text, in text order.
std::vector<std::string> spans_and_quantities(std::string_view text) {
  std::vector<std::string> out;
  for (const Fact& f : facts(text, only(FactType::Period) | only(FactType::Quantity)))
    out.push_back(std::string(f.type == FactType::Period ? "p " : "q ") + surface(text, f));
  return out;
}
std::string fmt(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%.12g", v);
  return b;
}

TEST(Extract, QuantitiesKeepTheirClassifier) {
  EXPECT_EQ(quantities("开展宣讲活动80余场次,研究解决重大问题10余个,共上报9条线索。"),
            (V{"80余场次 80 场次 count over", "10余个 10 个 count over", "9条 9 条 count"}));
  EXPECT_EQ(quantities("先后两次召开推进会,服务群众2110人次,抽查140大类、321细类。"),
            (V{"两次 2 次 count", "2110人次 2110 人次 count", "140大类 140 大类 count",
               "321细类 321 细类 count"}));
}

TEST(Extract, MagnitudesAndSeparators) {
  // The cases users reported against the best-known recogniser (PRODUCT.md).
  EXPECT_EQ(quantities("一万五千亿元"), (V{"一万五千亿元 1.5e+12 元 money"}));
  EXPECT_EQ(quantities("二十万亿元和三百五十万亿元"),
            (V{"二十万亿元 2e+13 元 money", "三百五十万亿元 3.5e+14 元 money"}));
  EXPECT_EQ(quantities("投资1,100万元,收入1,100.9亿元"),
            (V{"1,100万元 11000000 元 money", "1,100.9亿元 110090000000 元 money"}));
  EXPECT_EQ(quantities("三十万多亿元,四万万同胞"),
            (V{"三十万多亿元 3e+13 元 money over", "四万万 400000000 - count"}));
  EXPECT_EQ(quantities("涉及金额达325.34万元,粮食产量1.39万亿斤,6600多万人"),
            (V{"325.34万元 3253400 元 money", "1.39万亿斤 1.39e+12 斤 measure",
               "6600多万人 66000000 人 count over"}));
}

TEST(Extract, ApproximationsRangesAndKinds) {
  EXPECT_EQ(quantities("约80人,近百分之九十,超过3000家,不足5%,100人左右,至少2次"),
            (V{"约80人 80 人 count about", "近百分之九十 90 % percent about",
               "超过3000家 3000 家 count over", "不足5% 5 % percent under",
               "100人左右 100 人 count about", "至少2次 2 次 count over"}));
  // A bound said earlier in the clause still bounds the number.
  EXPECT_EQ(quantities("至少组织开展1次旁听,确保人员不少于本单位执法人员5%。"),
            (V{"1次 1 次 count over", "5% 5 % percent over"}));
  EXPECT_EQ(
      quantities("3-5个工作日,三至五个,三分之一,增长2倍,0.4个百分点,24小时,3平方公里"),
      (V{"3-5个工作日 3-5 个工作日 duration", "三至五个 3-5 个 count",
         "三分之一 0.333333333333 - ratio", "2倍 2 倍 ratio", "0.4个百分点 0.4 个百分点 percent",
         "24小时 24 小时 duration", "3平方公里 3 平方公里 measure"}));
  EXPECT_EQ(quantities("营商环境位居全省第3名,排名第一。第三批示范。"),
            (V{"第3名 3 名 rank", "第一 1 - rank"}));
}

TEST(Extract, NumbersThatAreNotQuantities) {
  // Years and dates, ordinals and enumerators, names, slogans, titles, codes.
  EXPECT_EQ(quantities("2026年,七是加强监督,第三批示范,第一责任人,(三)强化,4.三是"), V{});
  EXPECT_EQ(quantities("贯彻二十大和二十届二中、三中全会精神,自治区党委十三届六次全会"), V{});
  EXPECT_EQ(quantities("落实“一规划,两方案”,推广“7x24小时”自助办,“八五”普法"), V{});
  EXPECT_EQ(quantities("制定《郏县凝心聚力真抓实干狠抓落实26条措施》,煤炭2030专项,5G基站"), V{});
  EXPECT_EQ(quantities("法润万家,推进一件事一次办,收支两条线,人手一册,行政执法三年行动"), V{});
  EXPECT_EQ(quantities("没有发生一起事件,没有一名干部参与,进一步统一,每一项决策,上一年度"), V{});
  EXPECT_EQ(quantities("拨打12345热线"), V{});
}

TEST(Extract, NumbersThatNameThings) {
  // 一 as a determiner (这一问题) names nothing, but 这一百零八个 is 108.
  EXPECT_EQ(quantities("这一百零八个站点里,这一问题"), (V{"一百零八个 108 个 count"}));
  // Named by what follows, phases and grades, congress sessions, plan numbers, numbered slogans.
  EXPECT_EQ(quantities("严格落实中央八项规定精神,推进二期工程,建设三级医院,启动一级响应"), V{});
  EXPECT_EQ(quantities("市委十二届22次常委(扩大)会议,州十五届人大五次会议,“十四五”和十四五规划"),
            V{});
  EXPECT_EQ(quantities("强力推进三个“一号工程”,转发国办发〔2023〕12号文件,拨打110报警"), V{});
  EXPECT_EQ(quantities("21世纪,80年代,90后"), V{});
  // Levels counted are a count, not a grade: 县乡两级, 区、镇、村三级.
  EXPECT_EQ(quantities("建立县乡两级执法协调机制,构建区、镇、村三级平台"),
            (V{"两级 2 级 count", "三级 3 级 count"}));
  // 几十年 has no definite number; 四、五十年 is forty or fifty.
  EXPECT_EQ(quantities("需要几十年的努力,要有四、五十年的时间"),
            (V{"四、五十年 40-50 年 duration"}));
}

TEST(Extract, UnitsTheLexiconLacks) {
  // After Arabic digits, a unit that ends its phrase is kept (unit_known false); one followed by
  // more Han text is as often a verb or a noun, and is not.
  auto f = facts("开行中欧班列12列,新建算力3EFLOPS,减少群众跑腿0跑动", only(FactType::Quantity));
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].unit, "列");  // grown from the unseen samples
  EXPECT_TRUE(f[0].unit_known);
  EXPECT_EQ(f[1].unit, "EFLOPS");
  EXPECT_TRUE(f[1].unit_known);
  auto l = facts("新建算力中心3ZFLOPS,5G基站", only(FactType::Quantity));
  ASSERT_EQ(l.size(), 1u);  // Latin letters after digits: a unit the lexicon lacks; 5G a code
  EXPECT_EQ(l[0].unit, "ZFLOPS");
  EXPECT_FALSE(l[0].unit_known);
  EXPECT_EQ(l[0].kind, "measure");
  auto g = facts("购置设备12台套,活动共吸引3000拨。", only(FactType::Quantity));
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].unit, "台");  // the lexicon's, longest
  EXPECT_EQ(g[1].unit, "拨");
  EXPECT_FALSE(g[1].unit_known);
  EXPECT_EQ(g[1].kind, "count");
  // Letter-spaced digits of converted text, and a space before the unit.
  EXPECT_EQ(
      quantities("平均期望寿命达到7 0 ．8 岁,总值7 4 7 7 2 亿元,预览 2 页"),
      (V{"7 0 ．8 岁 70.8 岁 measure", "7 4 7 7 2 亿元 7.4772e+12 元 money", "2 页 2 页 count"}));
}

TEST(Extract, UnitsAsWrittenAndTenths) {
  // A traditional-script page keeps its classifiers as written (the lexicon is simplified; the
  // reading folds, the reported unit does not); a full-width unit is width-folded like the digits.
  EXPECT_EQ(quantities("發布招商項目3900個、相關政策800餘項,鋪設管道１２ｋｍ"),
            (V{"3900個 3900 個 count", "800餘項 800 項 count over", "１２ｋｍ 12 km measure"}));
  // 成 counts tenths (units.rules tenths:): in percent, as a reader compares it with rates.
  EXPECT_EQ(quantities("重污染天数下降超过五成,覆盖近三成"),
            (V{"超过五成 50 % ratio over", "近三成 30 % ratio about"}));
}

TEST(Extract, WordsAndNamesThatHoldANumeral) {
  // Classes of the second final sample of issue #15 (in our own words): a lone 零 is a word;
  // decades in Chinese numerals, stock slogans and a month's range of days are not quantities;
  // 一 right after 的 is the article even after a counting word; a multiple is no article; a
  // half after a time unit counts.
  EXPECT_EQ(quantities("进口关键零部件和元器件,扩大零售,实现零增长"), V{});
  EXPECT_EQ(quantities("五十年代的改造,统筹两个大局,实现四个现代化"), V{});
  EXPECT_EQ(quantities("2021年10月27-28日举办培训班"), V{});
  EXPECT_EQ(quantities("是新产品增加最多的一年"), V{});
  EXPECT_EQ(quantities("产能比原厂大一倍,实行每周五天半工作制,用了一年半"),
            (V{"一倍 1 倍 ratio", "五天半 5.5 天 duration", "一年半 1.5 年 duration"}));
  EXPECT_EQ(quantities("总量突破 2300 户,翻了两番"),
            (V{"突破 2300 户 2300 户 count over", "两番 2 番 ratio"}));
}

TEST(Extract, NounsAfterNumbersDaysAndPrinciples) {
  // Classes of the third final sample of issue #15 (our own sentences): a noun that opens with a
  // classifier is none (人民, 人口, 国道); a day of a month is a date's; numbered principles and
  // the dual structure are names; an old unit of area; 提前 counts a single year.
  EXPECT_EQ(quantities("关系到全国六亿人民,我国有十亿人口,328国道通车"),
            (V{"六亿 600000000 - count", "十亿 1000000000 - count"}));
  EXPECT_EQ(quantities("2021 年 1 月 27 日召开,每月5日发放"), V{});
  EXPECT_EQ(quantities("坚持四项基本原则,根据五项原则,破除城乡二元结构"), V{});
  EXPECT_EQ(quantities("修建职工宿舍十五万平方公尺,提前一年截流"),
            (V{"十五万平方公尺 150000 平方公尺 measure", "一年 1 年 duration"}));
}

TEST(Extract, AnniversariesAddressesAndATurmoil) {
  // The fourth final sample's classes (our own sentences): an anniversary names an occasion; a
  // floor of an address is a name; 十年内乱 is a duration (内 opens a word, it ends no span).
  EXPECT_EQ(quantities("庆祝建市40周年,地址:政务中心5楼,惠及近千万家庭"),
            (V{"近千万 10000000 - count about"}));
  EXPECT_EQ(quantities("由于十年内乱"), (V{"十年 10 年 duration"}));
}

TEST(Extract, PartsOfASpanAndAWordFinalYue) {
  // The fifth final sample's classes: 前/头/后 N年 name a part of a span (a period, with its
  // word), not after 的 nor in 提前; 约 that ends a word (签约) is no approximation; 部分 counts.
  std::string t = "比前五年增长一倍多,关键是头三年,五年计划的前三年,提前一年完成";
  EXPECT_EQ(spans_and_quantities(t), (V{"p 前五年", "q 一倍多", "p 头三年", "q 三年", "q 一年"}));
  EXPECT_EQ(quantities("签约亿元以上项目27个,包括三部分地方"),
            (V{"27个 27 个 count", "三部分 3 部分 count"}));
}

TEST(Extract, SpansOverWhichAndPoliciesByCharacters) {
  // The sixth final sample's classes: 回顾五年, 五年累计 are spans of the present (their word out
  // of the span); 八字方针 is a policy's name; 瓩 and 电子伏 are units.
  std::string t = "回顾五年成就,五年累计1858亿美元,执行八字方针,功率为7,000瓩";
  EXPECT_EQ(spans_and_quantities(t), (V{"p 五年", "p 五年", "q 1858亿美元", "q 7,000瓩"}));
}

TEST(Extract, PlacesPositionalYearsAndActions) {
  // The seventh final sample's classes: a place whose name holds a numeral before a unit (the
  // gazetteer's 三门峡, 七台河); 两 is no positional digit (一九八二两年 is 1982 and two years);
  // 一 before a classifier of an action is one time (进行一次检查), not an article.
  EXPECT_EQ(quantities("建设三门峡水利枢纽,七台河市新建3家企业"), (V{"3家 3 家 count"}));
  EXPECT_EQ(quantities("一九八一和一九八二两年计划"), (V{"两年 2 年 duration"}));
  EXPECT_EQ(quantities("普遍进行一次检查,认真整顿一遍,走出一条新路"),
            (V{"一次 1 次 count", "一遍 1 遍 count"}));
  // ... but 一次性 and 再一次 are words; numbered standards and demands are names (the eighth);
  // without a light verb before it, 一次 is the article (the ninth).
  EXPECT_EQ(quantities("一次性发放补贴,再一次阐明,坚持六项政治标准和五项正义要求"), V{});
  EXPECT_EQ(quantities("避免了一次大分裂"), V{});
  // Per mille, a half after a measure, 快 before a span (the ninth final sample).
  EXPECT_EQ(quantities("人口增长率降到千分之十左右,每亩多收二斤半"),
            (V{"千分之十左右 0.01 - ratio about", "二斤半 2.5 斤 measure"}));
  // The eleventh: 两位数 is a number's digits; a phase in brackets after a name is a grade.
  EXPECT_EQ(quantities("研发投入保持两位数增长,吉林（二期）等肥料厂"), V{});
  // The tenth: groups of states by number, 八方支援, N年规划 are names; 上千 is upwards of 1000.
  EXPECT_EQ(quantities("出席二十国集团峰会,一方有难八方支援,十年规划纲要,新材料上千种"),
            (V{"上千种 1000 种 count over"}));
  auto near = facts("建国已经快三十年了", only(FactType::Period) | only(FactType::Quantity));
  ASSERT_EQ(near.size(), 1u);
  EXPECT_EQ(near[0].type, FactType::Period);
}

TEST(Extract, TheTwelfthSampleClasses) {
  // 多/余 inside a compound unit (个多月, 个多百分点): the unit without it, a lower bound.
  EXPECT_EQ(quantities("调研用了两个多月,占比提高3个多百分点"),
            (V{"两个多月 2 个月 duration over", "3个多百分点 3 个百分点 percent over"}));
  // Neighbouring digits as a range; 少于 an upper bound; 一部分 no count even after 只.
  EXPECT_EQ(quantities("已有一两百年,来了两三千人,赤字少于二十亿元,只占其中一部分"),
            (V{"一两百年 100-200 年 duration", "两三千人 2000-3000 人 count",
               "少于二十亿元 2000000000 元 money under"}));
  // 今明两年 is a span of the present; 将近 is "nearly" (no "last N years"); the length of a span
  // just stated (…到一九六五年的十年) is a duration.
  EXPECT_EQ(spans_and_quantities("今明两年要加快,将近八十年历史,从一九五五年到一九六五年的十年中"),
            (V{"p 今明两年", "q 将近八十年", "p 一九五五年到一九六五年", "q 十年"}));
  EXPECT_EQ(spans_and_quantities("近八十年来,极不平凡的五年"), (V{"p 近八十年来", "p 五年"}));
}

TEST(Extract, TheThirteenthSampleClasses) {
  // Plans, conditions and communiqués named by a number are names; 接近 before a clause's figure
  // makes it about, from afar.
  EXPECT_EQ(quantities("落实两年攻坚方案和十年设想,符合四项条件,重申两个联合公报"), V{});
  EXPECT_EQ(quantities("参保人数已接近全部职工的百分之六十"), (V{"百分之六十 60 % percent about"}));
}

TEST(Extract, TheFourteenthSampleClasses) {
  // A unit as large as the one before it ends the numeral (五百千瓦 is 500 kW); the 1950s metric
  // names; 约有 read from afar; first place as priority; 以来 before a span.
  EXPECT_EQ(quantities("装机三万二千五百千瓦,线路十一万伏,管径八百公厘,约有四百个,安全是第一位的"),
            (V{"三万二千五百千瓦 32500 千瓦 measure", "十一万伏 110000 伏 measure",
               "八百公厘 800 公厘 measure", "四百个 400 个 count about"}));
  EXPECT_EQ(spans_and_quantities("改革开放以来三年多的实践"), (V{"p 三年多"}));
}

TEST(Extract, TheFifteenthSampleClasses) {
  // Centenaries, a policy known by its count of articles and the Nth five-year period are names.
  EXPECT_EQ(quantities("实现建党一百年目标,落实新36条,第七个五年的发展"), V{});
}

TEST(Extract, TheSixteenthSampleClasses) {
  // A half after a ratio unit adds to it (六倍半; 一成半 is 15 %); the three sectors are a name.
  EXPECT_EQ(quantities("等于去年的六倍半,提高一成半,推动三次产业协调发展"),
            (V{"六倍半 6.5 倍 ratio", "一成半 15 % ratio"}));
}

TEST(Extract, TheSeventeenthSampleClasses) {
  // Steps of a plan count (一步 is a figure of speech); the new decade and the planned economy's
  // categories of goods are names; 将近 before 十 is about.
  EXPECT_EQ(quantities("要分两步走,进一步加快,迈出重要一步,西部大开发新十年,三类小商品的价格"),
            (V{"两步 2 步 count"}));
  EXPECT_EQ(quantities("需要将近十年的时间,接近百分之五十"),
            (V{"将近十年 10 年 duration about", "接近百分之五十 50 % percent about"}));
  // N年前 is a span reaching into the past (a period, as N年来); after an event the length of
  // the span that follows is a duration, 中间 no part of it.
  EXPECT_EQ(spans_and_quantities("比五年前增加5800亿元,成立以后的三年中间"),
            (V{"p 五年前", "q 5800亿元", "q 三年"}));
  // A percent range with a percent on each end is two figures; its change stays one, over the
  // range; with one percent (5—6%) it is one figure.
  EXPECT_EQ(quantities("增长6.5%－7%,增长百分之四至百分之五,增长5—6%"),
            (V{"6.5% 6.5 % percent", "7% 7 % percent", "百分之四 4 % percent",
               "百分之五 5 % percent", "5—6% 5-6 % percent"}));
  std::vector<Fact> changes;
  extractor().extract("增长6.5%－7%", changes, only(FactType::Change));
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].value_max, 7);
  // One year named by its place (头一年, 最后一年) is no span and no count; 第N个五年 a name.
  EXPECT_EQ(spans_and_quantities("计划最后一年即次年,头一年,最后两年,在第一个五年内"),
            (V{"p 最后两年"}));
  std::vector<Fact> out;
  const std::string t = "必须分两步走";
  extractor().extract(t, out, only(FactType::Quantity));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(stance_name(out[0].stance), std::string("target"));
}

TEST(Extract, TheEighteenthSampleClasses) {
  // A middle dot before a percent or a magnitude is the decimal point (not in an event's date);
  // X与Y之比 is no comparison (超过 is "more than"); the turnover units.
  EXPECT_EQ(quantities("全年增长19·5％,3·5亿元,5·12地震,两者之比超过2%,货运周转量11620亿吨公里"),
            (V{"19·5％ 19.5 % percent", "3·5亿元 350000000 元 money", "超过2% 2 % percent over",
               "11620亿吨公里 1.162e+12 吨公里 measure"}));
  // A counting word right before 一 makes a count; far before it, another word's (只能).
  EXPECT_EQ(quantities("只能和必然是一个渐进的过程,只有一个,每对夫妇生育一个孩子"),
            (V{"一个 1 个 count", "一个 1 个 count"}));
  // A sentence that opens with a basis (与X相比, no year needed) states it for every change of
  // the sentence, across semicolons.
  std::vector<Fact> changes;
  extractor().extract("与解放前最高水平相比，学生增长了百分之四十；中学生增长了百分之七十五。",
                      changes, only(FactType::Change));
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[1].basis, "与解放前最高水平相比");
  // A requirement of a figure (要求…增长) is a target; the level a change goes to is not for the
  // year that opens the starting level (由去年的…增加到…).
  FactContext plan{{"二、2024年经济社会发展总体要求和政策取向"}, "gov_work_report", 2024};
  std::vector<Fact> figures;
  extractor().extract("要求消费部分增长5.7%。投入将由去年的1076亿元增加到1562亿元。", figures,
                      only(FactType::Quantity), &plan);
  std::vector<std::string> stances;
  for (const Fact& f : figures)
    stances.push_back(std::string(stance_name(f.stance)) + " " + std::to_string(f.year));
  EXPECT_EQ(stances, (V{"target 2024", "result 2023", "target 2024"}));
  // 改革开放N年 is a span of the present; halves of a year without its number are periods with
  // no value; 年底/年初 and a part of a month are part of a date; 十月 after 去年 is a month.
  std::vector<Fact> out;
  const std::string t =
      "改革开放30多年的成就,今年上半年,一九五三年年底,一九七八年初,三月初的统计,从去年十月开始,"
      "一九五〇年七月到一九五三年底";
  extractor().extract(t, out, only(FactType::Period) | only(FactType::Date));
  std::vector<std::string> got;
  for (const Fact& f : out) got.push_back(surface(t, f) + " " + (f.iso.empty() ? "-" : f.iso));
  EXPECT_EQ(got, (V{"30多年 -", "上半年 -", "一九五三年年底 1953-12-31", "一九七八年初 1978-01-01",
                    "三月初 -", "十月 -", "一九五〇年七月到一九五三年底 1950-07/1953-12"}));
  // A quarter is a period (dated when its year is said with it); 间 and 时间 make N年 a span
  // without being part of it; the one year between two events (…的一年间) is a span too.
  out.clear(), got.clear();
  const std::string q =
      "其中第四季度增长,2024年第一季度,第一季度前,五年间,用三年时间,到下次会议的一年间";
  extractor().extract(q, out, only(FactType::Period) | only(FactType::Date));
  for (const Fact& f : out)
    got.push_back(std::string(f.type == FactType::Date ? "d " : "p ") + surface(q, f) + " " +
                  (f.iso.empty() ? "-" : f.iso));
  EXPECT_EQ(got, (V{"p 第四季度 -", "p 2024年第一季度 2024-01/2024-03", "d 第一季度前 -",
                    "p 五年 -", "p 三年 -", "p 一年 -"}));
}

TEST(Extract, ErasOfTheCalendarArePeriods) {
  std::vector<Fact> out;
  const std::string t =
      "着眼于二十一世纪,五十年代沿袭下来,八十年代以至九十年代,到二十世纪末,２１世纪初,"
      "二十世纪九十年代以来,1990年代,建设21世纪海上丝绸之路,“80后”";
  extractor().extract(t, out,
                      only(FactType::Period) | only(FactType::Quantity) | only(FactType::Date));
  std::vector<std::string> got;
  for (const Fact& f : out) got.push_back(surface(t, f) + " " + (f.iso.empty() ? "-" : f.iso));
  EXPECT_EQ(got, (V{"二十一世纪 2001/2100", "五十年代 1950/1959", "八十年代 1980/1989",
                    "九十年代 1990/1999", "二十世纪末 -", "２１世纪初 -",
                    "二十世纪九十年代 1990/1999", "1990年代 1990/1999"}));
}

TEST(Extract, TheReadingsSettledBeforeTheSeventeenthSample) {
  // 约 at the end of a word is no approximation, in either script (节约, 節約).
  EXPECT_EQ(quantities("每年节约二千八百亿元,每年爲國家節約八千四百億元,大约三十亿元"),
            (V{"二千八百亿元 280000000000 元 money", "八千四百億元 840000000000 元 money",
               "大约三十亿元 3000000000 元 money about"}));
  // 超过 after 比 states the excess (exact), across a digit group's comma; after a change word,
  // or after 比重, it is "more than".
  EXPECT_EQ(quantities("比原定１９５７年３，８５６亿斤的水平超过１３３亿斤"),
            (V{"３，８５６亿斤 385600000000 斤 measure", "１３３亿斤 13300000000 斤 measure"}));
  EXPECT_EQ(quantities("比上年增长超过5%,比重超过2%"),
            (V{"超过5% 5 % percent over", "超过2% 2 % percent over"}));
  // 半数 is half; 上下 right after a number is about, after a classifier no approximation.
  EXPECT_EQ(quantities("将有半数上下转为合作商店,半数以上的企业,在八个字上下功夫"),
            (V{"半数上下 0.5 - ratio about", "半数以上 0.5 - ratio over", "八个 8 个 count"}));
  // The length of a span the text has just stated is a duration, with 内/间 after it too.
  EXPECT_EQ(
      spans_and_quantities("从一九八一年到本世纪末的二十年内翻两番,一九八三年到一九八七年的五年间"),
      (V{"q 二十年", "q 两番", "p 一九八三年到一九八七年", "q 五年"}));
}

TEST(Extract, ABasisThatOpensTheClause) {
  // 比 + a year at the clause's start, the compared figure between: the basis of the change,
  // whose text stays the direction word and the value.
  std::string t = "总额达到二百一十四亿元，比一九五七年的一百二十六亿元增长百分之七十。";
  auto f = facts(t, only(FactType::Change));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(surface(t, f[0]), "增长百分之七十");
  EXPECT_EQ(f[0].basis, "比一九五七年");
  // A clause that is only a basis states it for the list after it, across commas and colons but
  // not across a semicolon.
  std::string l = "同1954年比较，产量都有增长：原煤增长17％，焦炭增长22％。";
  auto g = facts(l, only(FactType::Change));
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].basis, "同1954年比较");
  EXPECT_EQ(g[1].basis, "同1954年比较");
  std::string m = "收入比上年增加70亿元；利润增长31%。";
  auto h = facts(m, only(FactType::Change));
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].basis, "");
}

TEST(Extract, DeicticSpansArePeriods) {
  // Spans counted from the report's present: periods with a duration, not quantities.
  std::string t = "五年来,这五年,过去的一年和五年,今后五年,一年多来,三年内,新时代十年";
  auto f = facts(t, only(FactType::Period) | only(FactType::Quantity));
  std::vector<std::string> got;
  for (const Fact& p : f) {
    EXPECT_EQ(p.type, FactType::Period);
    EXPECT_TRUE(p.deictic);
    got.push_back(surface(t, p) + " " + p.duration);
  }
  EXPECT_EQ(got, (V{"五年来 P5Y", "这五年 P5Y", "过去的一年 P1Y", "五年 P5Y", "今后五年 P5Y",
                    "一年多来 P1Y", "三年内 P3Y", "新时代十年 P10Y"}));
  // Durations with a bound or not anchored to the present stay quantities.
  EXPECT_EQ(
      quantities("工作满5年以上,连续3年,经过十五年左右的工作"),
      (V{"5年以上 5 年 duration over", "3年 3 年 duration", "十五年左右 15 年 duration about"}));
  // An open end inside the numeral (七十多年来), a span just named (极不平凡的五年, whose 的 is no
  // part of it) and a neutral before-word left out of the span (经过五年); 新的一年 is a point.
  EXPECT_EQ(spans_and_quantities("两千多年来的历史,极不平凡的五年,经过五年奋斗,在新的一年里"),
            (V{"p 两千多年来", "p 五年", "p 五年"}));
  // Months, with a before- or after-word only (三个月 alone is a duration).
  std::string m = "回归八个多月以来,近三个月,工期三个月";
  got.clear();
  for (const Fact& p : facts(m, only(FactType::Period) | only(FactType::Quantity)))
    got.push_back(surface(m, p) + " " + (p.type == FactType::Period ? p.duration : "q"));
  EXPECT_EQ(got, (V{"八个多月以来 P8M", "近三个月 P3M", "三个月 q"}));
  // A half year alone is a period.
  auto h = facts("2020年上半年", only(FactType::Period));
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].iso, "2020-01/2020-06");
}

TEST(Extract, StanceAndYearOfFigures) {
  auto figures = [](std::string_view text, const FactContext& ctx) {
    std::vector<Fact> out;
    extractor().extract(text, out, only(FactType::Quantity) | only(FactType::Indicator), &ctx);
    std::vector<std::string> v;
    for (const Fact& f : out)
      v.push_back(surface(text, f) + " " + stance_name(f.stance) + " " + std::to_string(f.year));
    return v;
  };
  FactContext review{{"一、2023年工作回顾"}, "gov_work_report", 2024};
  FactContext plan{{"二、2024年经济社会发展总体要求和政策取向"}, "gov_work_report", 2024};
  // The heading's year against the year the report plans.
  EXPECT_EQ(figures("国内生产总值增长5.2%。", review),
            (V{"国内生产总值增长5.2% result 2023", "5.2% result 2023"}));
  EXPECT_EQ(figures("国内生产总值增长5%左右。", plan),
            (V{"国内生产总值增长5%左右 target 2024", "5%左右 target 2024"}));
  // A cue in the sentence decides before the heading: the nearest wins.
  FactContext none{{}, "annual_report", 2023};
  EXPECT_EQ(figures("2023年共办理案件120件,2024年力争办结率达到95%。", none),
            (V{"120件 result 2023", "办结率达到95% target 2024", "95% target 2024"}));
  EXPECT_EQ(figures("经济恢复好于预期,全年增长了3个百分点。", none), (V{"3个百分点 result 2023"}));
  // 争取 before funds is "secured" in a review, "to seek" in a plan: the part decides; 将比 is a
  // forecast.
  EXPECT_EQ(figures("争取上级转移支付31.8亿元。", review), (V{"31.8亿元 result 2023"}));
  EXPECT_EQ(figures("争取上级转移支付30亿元。", plan), (V{"30亿元 target 2024"}));
  EXPECT_EQ(figures("糖料产量将比去年增长10%以上。", none), (V{"10%以上 target 2024"}));
  // A work plan is a plan throughout; a year before it in the sentence is a result.
  FactContext work_plan{{}, "work_plan", 2024};
  EXPECT_EQ(figures("2023年培训120人次,今年每年至少组织开展2次。", work_plan),
            (V{"120人次 result 2023", "2次 target 2024"}));
  // A yearly average, or a change from a year long past, is for no single year.
  EXPECT_EQ(figures("国内生产总值年均增长7.8%。", review),
            (V{"国内生产总值年均增长7.8% result 0", "7.8% result 0"}));
  // The average said between the name and its value.
  auto avg = figures("国民经济增长速度平均每年百分之六。", review);
  ASSERT_FALSE(avg.empty());
  EXPECT_EQ(avg[0], "国民经济增长速度平均每年百分之六 result 0");
}

TEST(Extract, HeadlineFigures) {
  std::string t =
      "国内生产总值达到67.7万亿元，按可比价格计算，比上年增长6.9%，城镇新增就业1312万人，"
      "居民消费价格上涨1.4%，经济增长的贡献率超过30%。";
  auto f = facts(t, only(FactType::Indicator));
  std::vector<std::string> got;
  for (const Fact& i : f) got.push_back(i.name + " " + i.metric + " " + fmt(i.value));
  EXPECT_EQ(got, (V{"国内生产总值 国内生产总值 6.77e+13", "国内生产总值 国内生产总值增长 6.9",
                    "城镇新增就业 城镇新增就业 13120000",
                    "居民消费价格 居民消费价格涨幅 1.4"}));  // not the 贡献率
  // 涨幅 is the change, not the name; a name as the text writes it (traditional kept), the
  // metric normalised (社会商品零售总额, the figure's older name).
  got.clear();
  for (const Fact& i : facts("居民消费价格涨幅3%左右;社會商品零售總額增加到三百二十五億元",
                             only(FactType::Indicator)))
    got.push_back(i.name + " " + i.metric + " " + fmt(i.value));
  EXPECT_EQ(got, (V{"居民消费价格 居民消费价格涨幅 3",
                    "社會商品零售總額 社会消费品零售总额 32500000000"}));
  // A target said as one word; a name that is part of another figure.
  auto g =
      facts("经济增长预期目标为5%左右,单位国内生产总值用水量下降16%", only(FactType::Indicator));
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].metric, "国内生产总值增长");
  EXPECT_EQ(g[0].value, 5);
  // 分别: the percentages listed after the first change in the same direction.
  auto c = facts("能耗、排放量分别下降13.5%、18%", only(FactType::Change));
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].direction, "down");
  EXPECT_EQ(c[1].value, 18);
}

TEST(Extract, NotesSayWhyANumberWasOrWasNotTaken) {
  std::string t = "落实中央八项规定,第三批,2024年培训3期。";
  std::vector<Fact> out;
  std::vector<NumberNote> notes;
  extractor().extract(t, out, kAllFactTypes, nullptr, &notes);
  ASSERT_EQ(notes.size(), 4u);
  EXPECT_FALSE(notes[0].taken);
  EXPECT_NE(notes[0].why.find("named by the word after it"), std::string::npos) << notes[0].why;
  EXPECT_FALSE(notes[1].taken);
  EXPECT_NE(notes[1].why.find("ordinal"), std::string::npos) << notes[1].why;
  EXPECT_FALSE(notes[2].taken);
  EXPECT_NE(notes[2].why.find("date"), std::string::npos) << notes[2].why;
  EXPECT_TRUE(notes[3].taken);
  EXPECT_EQ(t.substr(notes[3].byte_begin, notes[3].byte_end - notes[3].byte_begin), "3");
  EXPECT_NE(notes[3].why.find("unit 期"), std::string::npos) << notes[3].why;
}

TEST(Extract, ChangesAndIndicators) {
  auto f = facts("受理行政复议案件数量同比增长124%,减少88.5%,比上年提高0.4个百分点,提高到80%。",
                 only(FactType::Change));
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].direction, "up");
  EXPECT_EQ(f[0].basis, "同比");
  EXPECT_EQ(f[0].value, 124);
  EXPECT_EQ(f[1].direction, "down");
  EXPECT_EQ(f[1].basis, "");
  EXPECT_EQ(f[2].unit, "个百分点");
  EXPECT_EQ(f[2].basis, "比上年");

  std::string t =
      "以县政府为被告的行政诉讼案件应诉率及胜诉率均为100%,出庭应诉率同比提高5个百分点。";
  auto i = facts(t, only(FactType::Indicator));
  ASSERT_EQ(i.size(), 2u);  // the change of a rate is not its value
  EXPECT_EQ(i[0].name, "应诉率");
  EXPECT_EQ(i[0].metric, "行政诉讼应诉率");
  EXPECT_EQ(i[1].name, "胜诉率");
  EXPECT_EQ(i[1].value, 100);
  // A rate the lexicon does not know keeps its own name as metric.
  auto u = facts("垃圾分类回收率达到45.5%", only(FactType::Indicator));
  ASSERT_EQ(u.size(), 1u);
  EXPECT_EQ(u[0].name, "分类回收率");  // up to four characters before 率
  EXPECT_EQ(u[0].metric, "分类回收率");
  EXPECT_EQ(u[0].value, 45.5);
  EXPECT_TRUE(facts("要率先垂范,提高效率,完成率高", only(FactType::Indicator)).empty());
}

TEST(Extract, DatesDeadlinesAndPeriods) {
  std::string t =
      "2024年4月9日印发;3月1日前报告;2024年底前出台;二〇二三年十月;第一季度前公开;"
      "《纲要(2021—2025年)》;2022年下半年到2023年上半年;2021年11月份前印发";
  auto f = facts(t, only(FactType::Date) | only(FactType::Period));
  std::vector<std::string> got;
  for (const Fact& x : f)
    got.push_back(surface(t, x) + " " + (x.iso.empty() ? "-" : x.iso) +
                  (x.deadline ? " deadline" : ""));
  EXPECT_EQ(got,
            (V{"2024年4月9日 2024-04-09", "3月1日前 - deadline", "2024年底前 2024-12-31 deadline",
               "二〇二三年十月 2023-10", "第一季度前 - deadline", "2021—2025年 2021/2025",
               "2022年下半年到2023年上半年 2022-07/2023-06", "2021年11月份前 2021-11 deadline"}));
  EXPECT_EQ(f[0].year, 2024);
  EXPECT_EQ(f[0].month, 4);
  EXPECT_EQ(f[0].day, 9);
  EXPECT_EQ(f[1].year, 0);  // not said: no year is guessed
  // Four-digit ranges without 年 are periods only in brackets.
  EXPECT_EQ(facts("(2021-2025)", only(FactType::Period)).size(), 1u);
  EXPECT_TRUE(facts("编号2021-2025", only(FactType::Period)).empty());
}

TEST(Extract, CitationsQuotesAndOrgs) {
  std::string t =
      "落实《法治政府建设实施纲要(2021—2025年)》和《法治政府建设实施纲要(2021--2025)》,"
      "依据《中华人民共和国行政复议法》《政府信息公开条例》《宁夏回族自治区重大行政决策事项目录编制"
      "指引(试行)》"
      "《关于做好证明事项清理工作的通知》《习近平法治思想学习纲要》,推广“枫桥经验”。";
  auto c = facts(t, only(FactType::Citation));
  ASSERT_EQ(c.size(), 7u);
  EXPECT_EQ(c[0].name, "法治政府建设实施纲要");
  EXPECT_EQ(c[1].name, c[0].name);  // cited two ways, one name
  EXPECT_EQ(c[0].kind, "plan");
  EXPECT_EQ(c[2].name, "行政复议法");
  EXPECT_EQ(c[2].kind, "law");
  EXPECT_EQ(c[3].kind, "regulation");
  EXPECT_EQ(c[4].name, "宁夏回族自治区重大行政决策事项目录编制指引");
  EXPECT_EQ(c[4].kind, "rules");
  EXPECT_EQ(c[5].kind, "notice");
  EXPECT_EQ(c[6].kind, "other");  // a study outline is a book, not a plan
  auto q = facts(t, only(FactType::Quote));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].name, "枫桥经验");

  std::string o = "3月1日前,区政府向区委、区人大常委会和中卫市政府报告,支持检察院开展监督。";
  std::vector<std::string> orgs;
  for (const Fact& f : facts(o, only(FactType::Org))) orgs.push_back(f.name);
  EXPECT_EQ(orgs, (V{"区政府", "区委", "区人大常委会", "中卫市政府", "检察院"}));
}

TEST(Extract, FactsAreInTextOrderAndTypesSelect) {
  std::string t = "2024年,出庭应诉率100%,开展培训33次。";
  auto all = facts(t);
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LE(all[i - 1].begin, all[i].begin);
  for (const Fact& f : facts(t, only(FactType::Date))) EXPECT_EQ(f.type, FactType::Date);
  EXPECT_EQ(fact_type_named("units"), FactType::Units);
  EXPECT_FALSE(fact_type_named("numbers"));
}

TEST(Extract, JsonOfAFact) {
  std::string t = "年审635名人员证件";
  auto f = facts(t, only(FactType::Quantity));
  ASSERT_EQ(f.size(), 1u);
  std::string json;
  append_fact_json(json, f[0], t);
  EXPECT_EQ(json,
            R"({"type":"quantity","text":"635名","span":[2,6],"value":635,"unit":"名",)"
            R"("kind":"count","approx":null,"subject":"人员证件","stance":"result","year":null})");
}

// The issue's seed indicators: value and metric name.
TEST(Extract, SeedIndicators) {
  std::string all;
  for (const auto& e : std::filesystem::directory_iterator(testing::testdata("seeds")))
    if (e.path().extension() == ".txt") all += testing::slurp(e.path().string()) + "\n";
  std::map<std::string, std::pair<double, std::string>> got;
  for (const Fact& f : facts(all, only(FactType::Indicator))) got[f.name] = {f.value, f.metric};
  auto expect = [&](const std::string& name, double v, const std::string& metric) {
    ASSERT_TRUE(got.count(name)) << name;
    EXPECT_EQ(got[name].first, v) << name;
    EXPECT_EQ(got[name].second, metric) << name;
  };
  expect("行政机关负责人出庭应诉率", 100, "行政机关负责人出庭应诉率");
  expect("调处成功率", 85, "矛盾纠纷调处成功率");
  expect("备案通过率", 100, "规范性文件备案通过率");
  expect("网办率", 100, "政务服务网办率");
  expect("调成率", 98, "矛盾纠纷调处成功率");  // the same metric as 调处成功率
  expect("联合抽查率", 97.4, "双随机联合抽查率");
  expect("优秀率", 97.3, "案卷优秀率");
  expect("合格率", 100, "案卷合格率");  // 合格率百分之百
  expect("按期办复率", 100, "建议提案办复率");
  expect("发声率", 100, "出庭应诉发声率");
}

// Every 牵头单位/责任单位 annotation of the seed work plan gives its units.
TEST(Extract, SeedWorkPlanUnits) {
  std::string plan = testing::slurp(testing::testdata("seeds/002_98210664a6f5ccdc.txt"));
  size_t annotations = 0;
  for (size_t p = plan.find("牵头单位"); p != std::string::npos; p = plan.find("牵头单位", p + 1))
    ++annotations;
  auto f = facts(plan, only(FactType::Units));
  ASSERT_EQ(annotations, 36u);
  ASSERT_EQ(f.size(), annotations);
  for (const Fact& u : f) {
    EXPECT_FALSE(u.lead.empty()) << surface(plan, u);
    EXPECT_FALSE(u.responsible.empty()) << surface(plan, u);
    for (const auto& name : u.lead)
      EXPECT_TRUE(name.rfind("区", 0) == 0 || name.find("局") != std::string::npos) << name;
  }
  // (牵头单位:区委依法治区办;责任单位:各乡镇,各部门), and 区住建和交通局 is one unit.
  bool first = false, joined = false;
  for (const Fact& u : f) {
    first |= u.lead == V{"区委依法治区办"} && u.responsible == V{"各乡镇", "各部门"};
    for (const auto& name : u.lead) joined |= name == "区住建和交通局";
  }
  EXPECT_TRUE(first);
  EXPECT_TRUE(joined);
}

// Full-width copies of the seeds give the same facts: values, units, kinds and spans.
TEST(Extract, FullWidthGivesTheSameFacts) {
  for (const auto& e : std::filesystem::directory_iterator(testing::testdata("seeds"))) {
    if (e.path().extension() != ".txt") continue;
    std::string half = testing::slurp(e.path().string());
    std::string full = testing::widen(half);
    auto a = facts(half), b = facts(full);
    ASSERT_EQ(a.size(), b.size()) << e.path();
    ASSERT_GT(a.size(), 20u) << e.path();
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].type, b[i].type);
      EXPECT_EQ(a[i].begin, b[i].begin);
      EXPECT_EQ(a[i].end, b[i].end);
      EXPECT_EQ(a[i].value, b[i].value);
      EXPECT_EQ(a[i].unit, b[i].unit);
      EXPECT_EQ(a[i].kind, b[i].kind);
      EXPECT_EQ(a[i].iso, b[i].iso);
      EXPECT_EQ(a[i].name, b[i].name);
    }
  }
}

TEST(Extract, BadLexiconNamesFileAndLine) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("rpt_extract_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(RPT_SOURCE_PATTERNS, dir, fs::copy_options::recursive);
  std::ofstream(dir / "extract/numbers.rules", std::ios::app) << "name: (unclosed\n";
  try {
    Extractor x(dir.string());
    FAIL() << "a bad regex must be reported";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("numbers.rules:"), std::string::npos) << e.what();
  }
  std::ofstream(dir / "extract/numbers.rules", std::ios::trunc) << "colour: red\n";
  EXPECT_THROW(Extractor x(dir.string()), DataError);
  fs::remove_all(dir);
}

// On the 72 national reports: no quantity overlaps a date, and none lies inside 《》.
TEST(Extract, CorpusInvariants) {
  std::string corpus = testing::gwr_corpus();
  if (corpus.empty()) GTEST_SKIP() << "../shared/corpora absent";
  std::ifstream in(corpus);
  std::string line;
  size_t quantities = 0, lines = 0;
  while (std::getline(in, line) && lines < 12) {
    ++lines;
    auto f = facts(line);
    std::vector<std::pair<uint32_t, uint32_t>> blocked;
    for (const Fact& x : f)
      if (x.type == FactType::Date || x.type == FactType::Period ||
          (x.type == FactType::Citation && x.end - x.begin <= 34))
        blocked.emplace_back(x.begin, x.end);
    for (const Fact& x : f) {
      if (x.type != FactType::Quantity) continue;
      ++quantities;
      for (auto [b, e] : blocked)
        EXPECT_TRUE(x.end <= b || x.begin >= e) << surface(line, x) << " in " << lines;
    }
  }
  EXPECT_GT(quantities, 500u);
}

}  // namespace
}  // namespace rpt
