// The state store (rows, transactions, versions) and the digest state it holds (exact merge and
// round trip), the two things rpt nightly's correctness rests on.
#include "state.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "digest.h"
#include "nightly.h"

namespace rpt::nightly {
namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char d[] = "/tmp/rpt_state_XXXXXX";
    path = mkdtemp(d);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string db() const { return path + "/state.sqlite"; }
};

TEST(StateStore, RowsSurviveReopenOnlyWhenCommitted) {
  TempDir dir;
  {
    StateStore s(dir.db());
    s.begin();
    s.put("a.txt", {"h1", "fp", 3, "{}"});
    s.put("b.txt", {"h2", "fp", 5, "{\"x\":1}"});
    s.commit();
    s.begin();
    s.put("c.txt", {"h3", "fp", 7, "{}"});
    // Closed with the transaction open, as a killed run leaves it.
  }
  StateStore s(dir.db());
  EXPECT_EQ(s.size(), 2u);
  auto b = s.find("b.txt");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->hash, "h2");
  EXPECT_EQ(b->records, 5u);
  EXPECT_EQ(b->partial, "{\"x\":1}");
  EXPECT_FALSE(s.find("c.txt"));
  auto keys = s.keys();
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys["a.txt"].fingerprint, "fp");
}

TEST(StateStore, PutReplacesAndDropOthersDeletes) {
  TempDir dir;
  StateStore s(dir.db());
  s.begin();
  s.put("a", {"h1", "fp", 1, "{}"});
  s.put("b", {"h1", "fp", 1, "{}"});
  s.put("a", {"h9", "fp2", 2, "{}"});
  EXPECT_EQ(s.find("a")->hash, "h9");
  EXPECT_EQ(s.drop_others({"a", "zzz"}), 1u);
  s.commit();
  EXPECT_EQ(s.size(), 1u);
  EXPECT_FALSE(s.find("b"));
}

TEST(StateStore, LastDigestIsPartOfTheTransaction) {
  TempDir dir;
  {
    StateStore s(dir.db());
    EXPECT_FALSE(s.last_digest());
    s.begin();
    s.set_last_digest("one");
    s.commit();
    s.begin();
    s.set_last_digest("two");
    s.rollback();
  }
  StateStore s(dir.db());
  EXPECT_EQ(s.last_digest().value_or(""), "one");
}

TEST(StateStore, RefusesAnotherSchemaVersionAndNonDatabases) {
  TempDir dir;
  { StateStore s(dir.db()); }
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(dir.db().c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "UPDATE meta SET value='99' WHERE key='schema'", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  try {
    StateStore s(dir.db());
    FAIL() << "opened a state of schema 99";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 99"), std::string::npos) << e.what();
  }
  std::string junk = dir.path + "/junk.sqlite";
  FILE* f = fopen(junk.c_str(), "w");
  fputs("this is not a database, but it is long enough to have a header of sorts......", f);
  fclose(f);
  EXPECT_THROW(StateStore{junk}, DataError);
}

simdjson::dom::element parse(simdjson::dom::parser& p, const std::string& s) {
  return p.parse(s).value();
}

const char* kRecords[] = {
    R"({"doc":{"id":"d1","source":"a.txt","title":"T1","type":"annual_report","year":2024,"region":{"name":"屯溪区","province":"安徽省"}},"text":"x","tags":["执法","普法"],"role":"achievement","facts":[{"type":"indicator","metric":"GDP","value":5.2},{"type":"quantity","value":3}]})",
    R"({"doc":{"id":"d1","source":"a.txt","title":"T1","type":"annual_report","year":2024},"text":"y","tags":["执法"],"role":"plan","facts":[]})",
    R"({"doc":{"id":"d2","source":"b.txt","title":null,"type":"work_plan","year":null},"text":"z","tags":["普法"],"facts":[{"type":"indicator","metric":"GDP","value":6.1}]})",
    R"({"doc":{"id":"d1","source":"c.txt","title":"copy","type":"other","year":2020},"text":"w","tags":[],"facts":[{"type":"date"}]})",
};

TEST(DigestState, MergedPartsEqualOnePassAndRoundTrip) {
  simdjson::dom::parser p;
  DigestState whole;
  for (const char* r : kRecords) whole.add(parse(p, r));
  // Every split point: the first part's state merged with the second's, each through its text.
  for (size_t cut = 0; cut <= 4; ++cut) {
    DigestState a, b;
    for (size_t i = 0; i < 4; ++i) (i < cut ? a : b).add(parse(p, kRecords[i]));
    DigestState a2 = DigestState::from_json(a.to_json(), {"a"});
    a2.merge(DigestState::from_json(b.to_json(), {"b"}));
    EXPECT_EQ(a2.to_json(), whole.to_json()) << "cut at " << cut;
    EXPECT_EQ(a2.digest(nullptr, ""), whole.digest(nullptr, "")) << "cut at " << cut;
  }
  // d1 met again in c.txt keeps its first record's fields (as one pass does).
  EXPECT_NE(whole.digest(nullptr, "").find("\"source\": \"a.txt\""), std::string::npos);
}

TEST(DigestState, RefusesAnotherVersion) {
  try {
    DigestState::from_json(R"({"rpt_digest_state":2})", {"row"});
    FAIL();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("version 2; this rpt reads version 1"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(DigestState::from_json("{", {"row"}), DataError);
}

TEST(Nightly, ContentHashTellsBytesApart) {
  EXPECT_EQ(content_hash("abc"), content_hash("abc"));
  EXPECT_NE(content_hash("abc"), content_hash("abd"));
  EXPECT_EQ(content_hash("").size(), 32u);
}

}  // namespace
}  // namespace rpt::nightly
