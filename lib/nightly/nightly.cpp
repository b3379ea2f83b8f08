#include "nightly.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/file.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <set>

#include "digest.h"
#include "inputs.h"
#include "parallel.h"
#include "pipeline.h"
#include "state.h"

#ifndef RPT_VERSION
#define RPT_VERSION "dev"
#endif

namespace rpt::nightly {

namespace fs = std::filesystem;

namespace {

std::string hex128(XXH128_hash_t h) {
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", (unsigned long long)h.high64,
                (unsigned long long)h.low64);
  return buf;
}

// STATE_DIR/lock, held (flock) for the whole run; the holder's pid is written in it for the
// message a second run gives. The kernel drops the lock when the process dies, however it dies.
class RunLock {
 public:
  explicit RunLock(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw DataError({path}, std::string("cannot open the lock: ") + strerror(errno));
    if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK)
        throw DataError({path}, std::string("cannot lock: ") + strerror(errno));
      char buf[32] = {};
      ssize_t n = pread(fd_, buf, sizeof buf - 1, 0);
      holder_ = n > 0 ? std::string(buf, size_t(n)) : "?";
      while (!holder_.empty() && (holder_.back() == '\n' || holder_.back() == ' '))
        holder_.pop_back();
      return;
    }
    held_ = true;
    std::string pid = std::to_string(getpid()) + "\n";
    if (ftruncate(fd_, 0) != 0 || pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
      // The pid is only for the message; the lock is what counts.
    }
  }
  ~RunLock() {
    if (fd_ >= 0) close(fd_);
  }
  bool held() const { return held_; }
  const std::string& holder() const { return holder_; }

 private:
  int fd_ = -1;
  bool held_ = false;
  std::string holder_;
};

// The directory entry of a renamed file is durable only once its directory is synced.
void sync_directory_of(const std::string& file) {
  fs::path dir = fs::path(file).parent_path();
  if (dir.empty()) dir = ".";
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)fsync(fd);
  close(fd);
}

// What one report became: reused from the state, processed afresh, or unreadable.
struct Job {
  std::string path;
  std::string hash;
  uint64_t bytes = 0;
  bool reused = false;
  std::optional<DataError> error;
  std::optional<ReportResult> result;
};

// Pipelines are costly to build (patterns) and not thread-safe: one per worker, made only when a
// report has to be processed, so a run with nothing new loads no patterns at all.
class PipelinePool {
 public:
  explicit PipelinePool(std::string patterns) : patterns_(std::move(patterns)) {}
  std::unique_ptr<ReportPipeline> take() {
    std::lock_guard<std::mutex> g(mu_);
    if (!extractor_) extractor_ = std::make_unique<Extractor>(patterns_);
    if (free_.empty()) return std::make_unique<ReportPipeline>(patterns_, *extractor_);
    auto p = std::move(free_.back());
    free_.pop_back();
    return p;
  }
  void give(std::unique_ptr<ReportPipeline> p) {
    std::lock_guard<std::mutex> g(mu_);
    free_.push_back(std::move(p));
  }

 private:
  std::string patterns_;
  std::mutex mu_;
  std::unique_ptr<Extractor> extractor_;
  std::vector<std::unique_ptr<ReportPipeline>> free_;
};

// The GNU build id of the running executable (a hash the linker writes over its contents), or ""
// when it has none. Reading it costs nothing; hashing the 50 MB executable would cost an
// unchanged night most of its time.
std::string build_id() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* out) -> int {
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[i];
          if (ph.p_type != PT_NOTE) continue;
          auto p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
          const char* end = p + ph.p_memsz;
          while (p + sizeof(ElfW(Nhdr)) <= end) {
            auto n = reinterpret_cast<const ElfW(Nhdr)*>(p);
            const char* name = p + sizeof(ElfW(Nhdr));
            const char* desc = name + ((n->n_namesz + 3) & ~3u);
            if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && !std::memcmp(name, "GNU", 4))
              static_cast<std::string*>(out)->assign(desc, n->n_descsz);
            p = desc + ((n->n_descsz + 3) & ~3u);
          }
        }
        return 1;  // the first object is the executable itself
      },
      &id);
  return id;
}

// Rows of processed reports are committed every kBatch reports (see nightly.h).
constexpr size_t kBatch = 64;

}  // namespace

std::string content_hash(std::string_view bytes) {
  return hex128(XXH3_128bits(bytes.data(), bytes.size()));
}

std::string fingerprint(const std::string& patterns_dir) {
  XXH3_state_t* st = XXH3_createState();
  XXH3_128bits_reset(st);
  auto add = [&](std::string_view s) {
    uint64_t n = s.size();
    XXH3_128bits_update(st, &n, sizeof n);  // lengths keep the concatenation unambiguous
    XXH3_128bits_update(st, s.data(), s.size());
  };
  add("rpt " RPT_VERSION " digest-state " + std::to_string(kDigestStateVersion));
  std::string id = build_id();
  if (!id.empty()) {
    add("build-id");
    add(id);
  } else {
    try {
      add(read_file("/proc/self/exe"));
    } catch (const DataError&) {
      add("no /proc/self/exe");  // then only the version and patterns say what rpt this is
    }
  }
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(patterns_dir))
    if (e.is_regular_file()) files.push_back(fs::relative(e.path(), patterns_dir).string());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    add(f);
    add(read_file(patterns_dir + "/" + f));
  }
  std::string h = hex128(XXH3_128bits_digest(st));
  XXH3_freeState(st);
  return h;
}

int run_nightly(const NightlyConfig& cfg) {
  if (cfg.inputs.empty()) throw UsageError("name the report directories (or files) to digest");
  for (const auto& i : cfg.inputs)
    if (i == "-") throw UsageError("rpt nightly reads report files, not stdin");
  if (cfg.state_dir.empty()) throw UsageError("--state DIR is required");
  std::error_code ec;
  fs::create_directories(cfg.state_dir, ec);
  if (ec) throw DataError({cfg.state_dir}, "cannot create the state directory: " + ec.message());

  RunLock lock(cfg.state_dir + "/lock");
  if (!lock.held()) {
    std::cerr << "rpt nightly: " << cfg.state_dir << " is in use by another run (pid "
              << lock.holder() << ", holding " << cfg.state_dir
              << "/lock); nothing done (exit status " << kExitLocked << ")\n";
    return kExitLocked;
  }

  cli::Diagnostics diag("rpt nightly", cfg.common);
  cli::Progress progress("rpt nightly", cfg.common);
  std::string patterns = cli::patterns_dir(cfg.patterns);
  std::string fp = fingerprint(patterns);
  StateStore store(cfg.state_dir + "/state.sqlite");

  // The digest to compare with, checked before any work: a bad one is an error to see at once.
  std::optional<std::string> previous;
  std::string previous_name = cfg.previous;
  if (!cfg.previous.empty()) {
    previous = read_previous_digest(cfg.previous);
    if (!previous)
      diag.warn(cfg.previous +
                ": no previous digest yet (a first run?): the digest has no changes");
  } else {
    previous = store.last_digest();
    previous_name = cfg.state_dir + "/state.sqlite (the last digest published)";
  }
  if (previous) DigestState().digest(&*previous, previous_name, cfg.top_topics);

  WalkReport walk;
  std::vector<InputFile> files = expand_inputs(cfg.inputs, walk);
  for (const auto& w : walk.warnings) diag.warn(w);
  for (const auto& e : walk.errors) diag.reject(DataError({}, e));
  if (walk.skipped_other_files)
    diag.warn(std::to_string(walk.skipped_other_files) +
              " file(s) in directories skipped: not .txt, .html or .jsonl");

  const std::map<std::string, ReportKey> known = store.keys();
  PipelinePool pool(patterns);
  DigestState merged;
  std::set<std::string> keep;
  size_t read = 0, reused = 0, unstored = 0, pending = 0;
  uint64_t bytes = 0, records = 0;

  store.begin();
  auto consume = [&](Job& job) {
    bytes += job.bytes;
    if (job.error) {
      diag.reject(*job.error);
      return;
    }
    keep.insert(job.path);
    if (job.reused) {
      std::optional<ReportRow> row = store.find(job.path);
      if (!row) throw DataError({cfg.state_dir + "/state.sqlite"}, "row vanished: " + job.path);
      merged.merge(
          DigestState::from_json(row->partial, {cfg.state_dir + "/state.sqlite: " + job.path}));
      records += row->records;
      ++reused;
    } else {
      ReportResult& r = *job.result;
      for (const auto& w : r.warnings) diag.warn(w);
      for (const auto& [e, raw] : r.rejects) diag.reject(e, raw);
      merged.merge(r.state);
      records += r.records;
      ++read;
      // A report with bad parts is not stored: it is read again (and its errors said again) on
      // every run until it is fixed.
      if (r.rejects.empty()) {
        store.put(job.path, {job.hash, fp, r.records, r.state.to_json()});
        if (++pending == kBatch) store.commit(), store.begin(), pending = 0;
      } else {
        ++unstored;
      }
    }
    progress.update(bytes, read + reused, records);
  };
  OrderedRunner<Job> runner(cfg.jobs ? cfg.jobs : 1, consume);
  for (const InputFile& f : files) {
    runner.submit([&known, &pool, &fp, path = f.path] {
      Job job;
      job.path = path;
      std::string content;
      try {
        content = read_file(path);
      } catch (const DataError& e) {
        job.error = e;
        return job;
      }
      job.bytes = content.size();
      job.hash = content_hash(content);
      auto k = known.find(path);
      if (k != known.end() && k->second.hash == job.hash && k->second.fingerprint == fp) {
        job.reused = true;
        return job;
      }
      auto pipeline = pool.take();
      job.result = pipeline->run(path, content);
      pool.give(std::move(pipeline));
      return job;
    });
  }
  runner.finish();
  progress.finish(bytes, read + reused, records);
  size_t dropped = store.drop_others(keep);

  // Publish, then commit: killed in between, the next run finds the state as before this run
  // (plus the committed rows) and redoes the same digest.
  std::string digest =
      merged.digest(previous ? &*previous : nullptr, previous_name, cfg.top_topics);
  Output out(cfg.common.output);
  out.write(digest);
  out.commit();
  if (!cfg.common.output.empty() && cfg.common.output != "-") sync_directory_of(cfg.common.output);
  store.set_last_digest(digest);
  store.commit();

  if (!cfg.common.quiet) {
    std::cerr << "rpt nightly: " << files.size() << " report file(s): " << read << " read, "
              << reused << " reused, " << dropped << " dropped; " << merged.documents()
              << " documents, " << merged.segments() << " segments";
    if (unstored) std::cerr << "; " << unstored << " with errors not stored (read again next run)";
    std::cerr << "\n";
  }
  diag.finish();
  return diag.exit_status();
}

}  // namespace rpt::nightly
