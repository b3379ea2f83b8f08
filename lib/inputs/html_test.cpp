#include "html.h"

#include <gtest/gtest.h>

namespace rpt {
namespace {

TEST(Html, BlocksBecomeLinesAndScriptsGo) {
  std::string page = R"(<!DOCTYPE html><html><head><title>页面标题_某县人民政府</title>
<style>p { color: red }</style><script>var x = "一、不是正文";</script></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a>政务公开</a></div>
<h1>某县2023年法治政府建设情况报告</h1>
<p>一、主要成效</p><p>全年办理行政复议案件&nbsp;38件，
   同比增长12%&amp;更多。</p>
<ul><li>一是加强领导；</li><li>二是完善制度。</li></ul>
<table><tr><td>指标</td><td>数值</td></tr></table>
<p>第一段<br>第二段</p><pre>保留
  格式</pre><noscript>请启用脚本</noscript></body></html>)";
  HtmlText html = html_to_text(page);
  EXPECT_EQ(html.title, "页面标题_某县人民政府");
  // One link density a line: the breadcrumb line is links and separators only.
  ASSERT_EQ(html.link_density.size(), 12u);
  EXPECT_GT(html.link_density[0], 0.7f);
  EXPECT_EQ(html.link_density[1], 0.f);
  const std::string& text = html.text;
  EXPECT_EQ(text,
            "首页 > 政务公开\n某县2023年法治政府建设情况报告\n一、主要成效\n"
            "全年办理行政复议案件\u00A038件， 同比增长12%&更多。\n一是加强领导；\n二是完善制度。\n"
            "指标\n数值\n第一段\n第二段\n保留\n  格式\n");
}

TEST(Html, BrokenMarkupStillParses) {
  EXPECT_EQ(html_to_text("<p>未闭合<p>第二段<div>第三段").text, "未闭合\n第二段\n第三段\n");
  EXPECT_EQ(html_to_text("").text, "");
  EXPECT_EQ(html_to_text("纯文本").text, "纯文本\n");
}

TEST(Html, DeclaredCharset) {
  EXPECT_EQ(html_declared_charset(R"(<meta charset="gb2312">)"), Encoding::Gb18030);
  EXPECT_EQ(
      html_declared_charset(R"(<META http-equiv="Content-Type" content="text/html; charset=GBK">)"),
      Encoding::Gb18030);
  EXPECT_EQ(html_declared_charset(R"(<meta charset=utf-8>)"), Encoding::Utf8);
  EXPECT_EQ(html_declared_charset("<p>no meta</p>"), std::nullopt);
}

}  // namespace
}  // namespace rpt
