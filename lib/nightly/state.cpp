#include "state.h"

#include <sqlite3.h>

#include <memory>
#include <vector>

#include "io.h"

namespace rpt::nightly {

namespace {

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

std::string column_text(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  return t ? std::string(reinterpret_cast<const char*>(t), size_t(sqlite3_column_bytes(s, i)))
           : std::string();
}

void bind(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
}

}  // namespace

StateStore::StateStore(const std::string& path) : path_(path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK)
    fail("cannot open the state database");
  // Another process may hold the database briefly (a backup, sqlite3 on the command line): wait.
  sqlite3_busy_timeout(db_, 10000);
  // FULL: a committed transaction survives a power cut, as the digest beside it does.
  exec("PRAGMA synchronous=FULL");
  exec("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  exec(
      "CREATE TABLE IF NOT EXISTS reports(path TEXT PRIMARY KEY, hash TEXT NOT NULL, "
      "fingerprint TEXT NOT NULL, records INTEGER NOT NULL, partial TEXT NOT NULL)");
  Stmt s(prepare("SELECT value FROM meta WHERE key='schema'"));
  if (sqlite3_step(s.get()) == SQLITE_ROW) {
    std::string v = column_text(s.get(), 0);
    if (v != std::to_string(kStateSchemaVersion))
      throw DataError({path_}, "state of schema version " + v + "; this rpt reads version " +
                                   std::to_string(kStateSchemaVersion) +
                                   " (remove the state directory to start afresh)");
  } else {
    Stmt w(prepare("INSERT INTO meta(key, value) VALUES('schema', ?)"));
    bind(w.get(), 1, std::to_string(kStateSchemaVersion));
    if (sqlite3_step(w.get()) != SQLITE_DONE) fail("cannot write");
  }
}

StateStore::~StateStore() {
  // An open transaction is rolled back by close: only commit() makes writes durable.
  if (db_) sqlite3_close_v2(db_);
}

void StateStore::fail(const std::string& what) {
  throw DataError({path_}, what + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory"));
}

void StateStore::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "error";
    sqlite3_free(err);
    throw DataError({path_}, std::string("state database: ") + msg);
  }
}

sqlite3_stmt* StateStore::prepare(const char* sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK) fail("state database");
  return s;
}

void StateStore::begin() {
  exec("BEGIN IMMEDIATE");
}
void StateStore::commit() {
  exec("COMMIT");
}
void StateStore::rollback() {
  if (!sqlite3_get_autocommit(db_)) exec("ROLLBACK");
}

std::map<std::string, ReportKey> StateStore::keys() {
  std::map<std::string, ReportKey> out;
  Stmt s(prepare("SELECT path, hash, fingerprint FROM reports"));
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW)
    out[column_text(s.get(), 0)] = {column_text(s.get(), 1), column_text(s.get(), 2)};
  if (rc != SQLITE_DONE) fail("cannot read reports");
  return out;
}

std::optional<ReportRow> StateStore::find(const std::string& path) {
  Stmt s(prepare("SELECT hash, fingerprint, records, partial FROM reports WHERE path=?"));
  bind(s.get(), 1, path);
  int rc = sqlite3_step(s.get());
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) fail("cannot read reports");
  ReportRow r;
  r.hash = column_text(s.get(), 0);
  r.fingerprint = column_text(s.get(), 1);
  r.records = uint64_t(sqlite3_column_int64(s.get(), 2));
  r.partial = column_text(s.get(), 3);
  return r;
}

void StateStore::put(const std::string& path, const ReportRow& r) {
  Stmt s(
      prepare("INSERT OR REPLACE INTO reports(path, hash, fingerprint, records, partial) "
              "VALUES(?, ?, ?, ?, ?)"));
  bind(s.get(), 1, path);
  bind(s.get(), 2, r.hash);
  bind(s.get(), 3, r.fingerprint);
  sqlite3_bind_int64(s.get(), 4, int64_t(r.records));
  bind(s.get(), 5, r.partial);
  if (sqlite3_step(s.get()) != SQLITE_DONE) fail("cannot write a report's state");
}

size_t StateStore::drop_others(const std::set<std::string>& keep) {
  std::vector<std::string> gone;
  for (auto& [path, key] : keys())
    if (!keep.count(path)) gone.push_back(path);
  Stmt s(prepare("DELETE FROM reports WHERE path=?"));
  for (const auto& p : gone) {
    sqlite3_reset(s.get());
    bind(s.get(), 1, p);
    if (sqlite3_step(s.get()) != SQLITE_DONE) fail("cannot delete a report's state");
  }
  return gone.size();
}

size_t StateStore::size() {
  Stmt s(prepare("SELECT count(*) FROM reports"));
  if (sqlite3_step(s.get()) != SQLITE_ROW) fail("cannot read reports");
  return size_t(sqlite3_column_int64(s.get(), 0));
}

std::optional<std::string> StateStore::last_digest() {
  Stmt s(prepare("SELECT value FROM meta WHERE key='last_digest'"));
  int rc = sqlite3_step(s.get());
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) fail("cannot read meta");
  return column_text(s.get(), 0);
}

void StateStore::set_last_digest(const std::string& text) {
  Stmt s(prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('last_digest', ?)"));
  bind(s.get(), 1, text);
  if (sqlite3_step(s.get()) != SQLITE_DONE) fail("cannot write meta");
}

}  // namespace rpt::nightly
