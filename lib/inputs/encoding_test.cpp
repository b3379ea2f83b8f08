#include "encoding.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include "io.h"

namespace rpt {
namespace {

std::string convert(const char* to, const std::string& utf8) {
  UErrorCode st = U_ZERO_ERROR;
  std::vector<char> out(utf8.size() * 4 + 16);
  int32_t n = ucnv_convert(to, "UTF-8", out.data(), int32_t(out.size()), utf8.data(),
                           int32_t(utf8.size()), &st);
  EXPECT_TRUE(U_SUCCESS(st)) << u_errorName(st);
  return std::string(out.data(), size_t(n));
}

const std::string kReport =
    "屯溪区人民政府2024年度法治政府建设情况报告\n区委:\n一、主要举措和成效\n"
    "开展习近平法治思想宣讲活动80余场次,覆盖率达到100%。行政复议案件依法办理。\n";

TEST(Decode, Utf8WithAndWithoutBom) {
  auto a = decode_to_utf8(kReport, Encoding::Auto, false, "t");
  EXPECT_EQ(a.utf8, kReport);
  EXPECT_EQ(a.encoding, Encoding::Utf8);
  auto b = decode_to_utf8("\xEF\xBB\xBF" + kReport, Encoding::Auto, false, "t");
  EXPECT_EQ(b.utf8, kReport);
}

TEST(Decode, DetectsGb18030AndGbk) {
  auto d = decode_to_utf8(convert("GB18030", kReport), Encoding::Auto, false, "t");
  EXPECT_EQ(d.encoding, Encoding::Gb18030);
  EXPECT_EQ(d.utf8, kReport);
  auto g = decode_to_utf8(convert("GBK", kReport), Encoding::Auto, false, "t");
  EXPECT_EQ(g.utf8, kReport);
}

TEST(Decode, Utf16WithBomAndWithout) {
  for (const char* enc : {"UTF-16LE", "UTF-16BE"}) {
    std::string body = convert(enc, kReport);
    std::string bom = std::string(enc) == "UTF-16LE" ? "\xFF\xFE" : "\xFE\xFF";
    EXPECT_EQ(decode_to_utf8(bom + body, Encoding::Auto, false, "t").utf8, kReport) << enc;
    EXPECT_EQ(decode_to_utf8(body, Encoding::Auto, false, "t").utf8, kReport) << enc;
  }
}

TEST(Decode, DeclaredEncodingOverridesDetection) {
  auto d = decode_to_utf8(convert("GB18030", kReport), Encoding::Gb18030, false, "t");
  EXPECT_EQ(d.utf8, kReport);
  EXPECT_THROW(decode_to_utf8(convert("GB18030", kReport), Encoding::Utf8, false, "t"), DataError);
}

TEST(Decode, DamagedUtf8IsAnErrorWithLineAndByte) {
  std::string bad = kReport;
  bad.insert(bad.find("一、"), "\xFF");
  try {
    decode_to_utf8(bad, Encoding::Auto, false, "report.txt");
    FAIL() << "no error";
  } catch (const DataError& e) {
    EXPECT_EQ(e.where().source, "report.txt");
    EXPECT_EQ(e.where().line, 3u);
    EXPECT_EQ(e.where().byte, kReport.find("一、"));
    EXPECT_NE(std::string(e.what()).find("invalid UTF-8"), std::string::npos);
  }
  auto lossy = decode_to_utf8(bad, Encoding::Auto, true, "report.txt");
  EXPECT_EQ(lossy.replaced, 1u);
  EXPECT_NE(lossy.utf8.find("\uFFFD一、"), std::string::npos);
}

TEST(Decode, NulBytesAreBinaryData) {
  std::string bad = kReport;
  bad.insert(kReport.find('\n') + 1, std::string(1, '\0'));
  EXPECT_THROW(decode_to_utf8(bad, Encoding::Auto, false, "t"), DataError);
  auto lossy = decode_to_utf8(bad, Encoding::Auto, true, "t");
  EXPECT_EQ(lossy.utf8, kReport);
  EXPECT_EQ(lossy.replaced, 1u);
}

TEST(Decode, ParsesEncodingNames) {
  EXPECT_EQ(parse_encoding("GBK"), Encoding::Gb18030);
  EXPECT_EQ(parse_encoding("utf-8"), Encoding::Utf8);
  EXPECT_EQ(parse_encoding("UTF_16BE"), Encoding::Utf16be);
  EXPECT_FALSE(parse_encoding("latin9"));
}

}  // namespace
}  // namespace rpt
