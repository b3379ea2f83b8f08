// Fuzz target: the HTML reader (lib/inputs/html) and the declared-charset sniffer.
// Invariants: the text is valid UTF-8 with one link density per line, each in [0, 1]; the title
// is valid UTF-8 on one line.
#include <algorithm>

#include "fuzz_util.h"
#include "html.h"
#include "text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)rpt::html_declared_charset(bytes);
  if (!rpt::text::is_valid_utf8(bytes)) return 0;  // html_to_text takes UTF-8 (split decodes first)
  rpt::HtmlText page = rpt::html_to_text(bytes);
  fuzz::check(rpt::text::is_valid_utf8(page.text), "page text is not valid UTF-8", page.text);
  fuzz::check(rpt::text::is_valid_utf8(page.title), "title is not valid UTF-8", page.title);
  fuzz::check(page.title.find('\n') == std::string::npos, "title spans lines", page.title);
  size_t lines =
      page.text.empty() ? 0 : 1 + size_t(std::count(page.text.begin(), page.text.end(), '\n'));
  fuzz::check(page.link_density.size() + 1 >= lines && page.link_density.size() <= lines + 1,
              "link densities: " + std::to_string(page.link_density.size()) + " for " +
                  std::to_string(lines) + " lines");
  for (float d : page.link_density) fuzz::check(d >= 0 && d <= 1, "link density outside [0, 1]");
  return 0;
}
