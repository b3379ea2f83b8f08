// html: the text of an HTML page, parsed with gumbo (an HTML5 parser, so broken real-world markup
// parses the way browsers parse it).
//
// - script, style, noscript, template, iframe, object, svg and the whole <head> are dropped;
// - block elements (p, div, br, li, h1-h6, tr, td, table, section, article, …) end a line;
// - entities are decoded (gumbo does it); white space runs inside text collapse to one space,
//   except inside <pre>.
// The result is plain text with one paragraph per line, ready for the page cleaner and the cutter,
// with the share of each line's characters that sit inside links (<a>): navigation, related-article
// lists and share bars are mostly links, a report's paragraphs are not. The page's <title> is kept
// apart (it often repeats the document's title, with the site's name).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "encoding.h"

namespace rpt {

struct HtmlText {
  std::string text;                 // one paragraph a line, '\n'-separated
  std::vector<float> link_density;  // for each line of text (blank lines too): link chars / chars
  std::string title;                // the <title>, white space collapsed
};

// utf8_html must be valid UTF-8.
HtmlText html_to_text(std::string_view utf8_html);

// The charset a page declares in its first 4 KB (<meta charset=…> or http-equiv content=…), if it
// names one rpt reads.
std::optional<Encoding> html_declared_charset(std::string_view bytes);

}  // namespace rpt
