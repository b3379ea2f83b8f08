#include "html.h"

#include <gumbo.h>
#include <re2/re2.h>

#include "text.h"

namespace rpt {

namespace {

bool dropped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_BUTTON:
      return true;
    default:
      return false;
  }
}

bool block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

struct TextWriter {
  std::string out;
  std::vector<float> link_density;
  size_t line_chars = 0, line_link_chars = 0;  // of the line being written
  bool pending_space = false;

  void end_line() {
    link_density.push_back(line_chars ? float(line_link_chars) / float(line_chars) : 0.f);
    line_chars = line_link_chars = 0;
  }
  void line_break() {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.back() != '\n') {
      out.push_back('\n');
      end_line();
    }
    pending_space = false;
  }
  void put(char c, bool link) {
    out.push_back(c);
    if (c == '\n') return end_line();
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && c != ' ') {  // a code point starts
      ++line_chars;
      line_link_chars += link;
    }
  }
  void text(std::string_view s, bool pre, bool link) {
    if (pre) {
      for (char c : s) put(c, link);
      return;
    }
    for (char c : s) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        pending_space = true;
        continue;
      }
      if (pending_space && !out.empty() && out.back() != '\n') put(' ', link);
      pending_space = false;
      put(c, link);
    }
  }
  void walk(const GumboNode* node, bool pre, bool link = false) {
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        text(node->v.text.text, pre, link);
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        GumboTag tag = node->v.element.tag;
        if (dropped(tag)) return;
        bool is_block = block(tag);
        if (is_block) line_break();
        const GumboVector& children = node->v.element.children;
        for (unsigned i = 0; i < children.length; ++i)
          walk(static_cast<const GumboNode*>(children.data[i]), pre || tag == GUMBO_TAG_PRE,
               link || tag == GUMBO_TAG_A);
        if (is_block) line_break();
        return;
      }
      case GUMBO_NODE_DOCUMENT: {
        const GumboVector& children = node->v.document.children;
        for (unsigned i = 0; i < children.length; ++i)
          walk(static_cast<const GumboNode*>(children.data[i]), pre);
        return;
      }
      default:
        return;
    }
  }
};

// The text of the first <title> element.
void find_title(const GumboNode* node, std::string& title) {
  if (!title.empty() || node->type != GUMBO_NODE_ELEMENT) return;
  if (node->v.element.tag == GUMBO_TAG_TITLE) {
    TextWriter w;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
      w.walk(static_cast<const GumboNode*>(children.data[i]), false);
    title = std::string(text::trim(w.out));
    return;
  }
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length && title.empty(); ++i)
    find_title(static_cast<const GumboNode*>(children.data[i]), title);
}

}  // namespace

HtmlText html_to_text(std::string_view utf8_html) {
  GumboOutput* parsed =
      gumbo_parse_with_options(&kGumboDefaultOptions, utf8_html.data(), utf8_html.size());
  TextWriter w;
  w.walk(parsed->document, false);
  w.line_break();
  HtmlText out;
  find_title(parsed->root, out.title);
  gumbo_destroy_output(&kGumboDefaultOptions, parsed);
  // A final line without a newline (text inside <pre> at the end) still gets its entry.
  if (!w.out.empty() && w.out.back() != '\n') w.end_line();
  out.text = std::move(w.out);
  out.link_density = std::move(w.link_density);
  return out;
}

std::optional<Encoding> html_declared_charset(std::string_view bytes) {
  static const RE2 re(R"((?i)<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_-]+))");
  std::string name;
  if (!RE2::PartialMatch(bytes.substr(0, 4096), re, &name)) return std::nullopt;
  auto e = parse_encoding(name);
  if (e && *e == Encoding::Auto) return std::nullopt;
  return e;
}

}  // namespace rpt
