// state: rpt nightly's memory between runs, an SQLite database (STATE_DIR/state.sqlite).
//
// One row per report file: its path (as walked), the XXH3 hash of its bytes, the fingerprint of
// the rpt binary and patterns that processed it, its record count and its digest state
// (DigestState::to_json). A row is a fact about content — "these bytes, read by this rpt with
// these patterns, give this state" — so it stays true whatever happens to the run that wrote it.
// The meta table holds the schema version and the last digest published.
//
// Invariants:
// - A row is reused only when both its hash and its fingerprint match; a row of another
//   fingerprint is never read (a new binary or pattern change redoes every report).
// - Every write happens inside a transaction the caller opened with begin(); nothing is visible
//   (or durable) before commit(). SQLite's rollback journal makes a killed process's open
//   transaction vanish at the next open, so the database is always in a committed state.
// - One connection, used from one thread (rpt nightly's main thread).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace rpt::nightly {

inline constexpr int kStateSchemaVersion = 1;

struct ReportKey {
  std::string hash, fingerprint;
};

struct ReportRow {
  std::string hash, fingerprint;
  uint64_t records = 0;
  std::string partial;  // DigestState::to_json
};

class StateStore {
 public:
  // Opens (creating when absent) the database at path. Throws DataError naming the path when it
  // cannot, or when it is not an rpt nightly state of this schema version.
  explicit StateStore(const std::string& path);
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  void begin();
  void commit();
  void rollback();

  // Every report's key, by path (for deciding what to redo without reading partial states).
  std::map<std::string, ReportKey> keys();
  std::optional<ReportRow> find(const std::string& path);
  void put(const std::string& path, const ReportRow& row);
  // Deletes the rows of paths not in `keep`; returns how many.
  size_t drop_others(const std::set<std::string>& keep);
  size_t size();

  // The last digest published (its text), or nothing before the first.
  std::optional<std::string> last_digest();
  void set_last_digest(const std::string& text);

 private:
  void exec(const char* sql);
  sqlite3_stmt* prepare(const char* sql);
  [[noreturn]] void fail(const std::string& what);
  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace rpt::nightly
