// header: the lines of a document's own header and signature, as official documents lay them out
// (GB/T 9704-2012: 发文机关标志, 发文字号, 标题, 主送机关, 成文日期, 发文机关署名) and as speeches,
// resolutions and reprints do (the delivery line ——2024年3月5日在…会议上, the speaker, 各位代表:,
// the adoption note (…通过)). The rules are patterns/split/fields.rules.
//
// A line's role is read from the line alone (role_of); what depends on neighbours (a title broken
// over lines, a speaker's bare name after the delivery line) is the caller's: the page cleaner and
// the field reader both walk the header with these predicates, so they agree on what a header is.
//
// Invariants:
// - Every predicate reads the simplified, width-folded reading of a line (script.h), so a
//   traditional-character or full-width page has the roles of its simplified half-width twin.
// - Values taken from a line (a title with what the site added around it stripped, an
//   organisation) are substrings of the line as written, never of its reading.
#pragma once

#include <re2/re2.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules.h"
#include "script.h"

namespace rpt {

enum class HeaderRole : unsigned char {
  kNone,
  kTitle,  // ends with a kind of document (文种): …情况的报告, …工作要点
  kOrg,  // an issuing body's name alone: 某某县人民政府, 中共某市委 某市人民政府
  kDate,  // a date line: 2024年4月9日, 二〇二二年一月十日, ——2024年3月5日在…会议上
  kSession,  // the rest of a delivery line: 在某县第十七届人民代表大会第一次会议上
  kAdoption,    // (2023年3月13日某市第十六届人民代表大会第三次会议通过)
  kSpeaker,     // 某某县人民政府县长 张三, 市长 李四
  kRecipients,  // 主送机关: 区委:  各乡镇人民政府,各部门:
  kSalutation,  // 各位代表:
  kDocNo,       // 发文字号: 某政发〔2024〕7号, 2024年 第1号
  kKind,        // a 文种 on its own line: 公 告
  kNote,        // (此件公开发布)
};
const char* role_name(HeaderRole r);

// A date read off a line, with what kind of line it was.
struct LineDate {
  std::string iso;        // YYYY-MM-DD
  bool delivery = false;  // 在…上: the date a speech was given
  bool adoption = false;  // …通过: the date a resolution was adopted
};

class HeaderGrammar {
 public:
  // Loads DIR/split/fields.rules. Throws DataError naming file:line on a bad rule.
  HeaderGrammar(const std::string& patterns_dir, const ScriptTable& script);
  ~HeaderGrammar();
  HeaderGrammar(const HeaderGrammar&) = delete;
  HeaderGrammar& operator=(const HeaderGrammar&) = delete;

  const ScriptTable& script() const { return script_; }
  std::string reading(std::string_view line) const { return script_.reading(line); }

  // The role of a line on its own; `reading` is reading(line).
  HeaderRole role_of(std::string_view line, std::string_view reading) const;

  // The title in a title line: the line without what a site adds around a title (a category
  // label 【2022年】, a province (河南省), a suffix (全文) or (2025-03-26), a docno prefix
  // [某政发〔2026〕7号], a toolbar remnant 减小】), or nullopt when the line is no title. A title
  // set letter-spaced (政 府 工 作 报 告) comes without the spaces.
  std::optional<std::string> title_in(std::string_view line) const;
  // True when the reading is a title (after stripping): the test title_in applies. White space
  // does not count (政 府 工 作 报 告).
  bool title_like(std::string_view reading) const;
  bool org_like(std::string_view reading) const;
  // A line short enough, and free enough of sentence punctuation, to be part of a title broken
  // over lines (政府工作报 / 告; 某县人民政府 / 2024年法治政府建设年度报告).
  bool title_part(std::string_view reading) const;
  std::optional<LineDate> date_of(std::string_view reading) const;
  // An adoption note at the start of a line, however long the line: (date …通过); the session it
  // names goes to *session when given.
  std::optional<LineDate> adoption_at_start(std::string_view reading,
                                            std::string* session = nullptr) const;
  bool speaker_like(std::string_view reading) const;
  bool person_name(std::string_view reading) const;   // 2-4 Han characters alone
  bool heading_like(std::string_view reading) const;  // 一、 (一) 1. … at the start

  struct Rules;  // the compiled rules (header.cpp)
  const Rules& rules() const { return *rules_; }

 private:
  const ScriptTable& script_;
  std::unique_ptr<Rules> rules_;
};

// Parses a date written with Arabic or Chinese numerals: ("二〇二二", "一", "十") → "2022-01-10".
std::optional<std::string> iso_date(std::string_view y, std::string_view m, std::string_view d);

// ISO date of the first date written in s as a page writes it (2022-01-12, 2022/1/12, 2022.01.12,
// 2022年1月12日), or nullopt.
std::optional<std::string> first_date_in(std::string_view s);

}  // namespace rpt
