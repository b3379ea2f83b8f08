// parallel: ordered parallelism for the tools' -j N. Jobs (a document, a batch of records) run on N
// worker threads; their results are handed back on the calling thread in the order the jobs were
// given, so output is byte-identical whatever N is.
//
// Invariants:
// - consume() sees results in submission order, always on the thread that calls submit()/finish():
//   writers, counters and diagnostics need no locks.
// - At most `window` jobs are in flight (submitted, not yet consumed): memory is bounded by the
//   window times the largest job, whatever the input size.
// - With one thread, jobs run inline in submit(): -j 1 is the sequential program, no thread at all.
// - A Pool hands each job a worker state (a Tagger's scratch, a splitter) no other job holds.
// - An exception thrown by a job is rethrown from the submit()/finish() that consumes its result,
//   after the results before it were consumed: errors surface in input order too.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace rpt {

// The number of cores to use by default (hardware_concurrency, at least 1).
size_t default_jobs();

// A fixed pool of worker threads running tasks from one queue.
class ThreadPool {
 public:
  explicit ThreadPool(size_t threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;
  void post(std::function<void()> task);
  size_t size() const { return workers_.size(); }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

template <class Result>
class OrderedRunner {
 public:
  using Consume = std::function<void(Result&)>;
  OrderedRunner(size_t threads, Consume consume, size_t window = 0)
      : consume_(std::move(consume)), window_(window ? window : 4 * (threads ? threads : 1)) {
    if (threads > 1) pool_ = std::make_unique<ThreadPool>(threads);
  }
  ~OrderedRunner() {
    // Results still in flight belong to a run that is being abandoned (an exception): wait for
    // the workers so they do not outlive what their jobs refer to.
    for (auto& f : pending_)
      if (f.valid()) f.wait();
  }

  void submit(std::function<Result()> job) {
    if (!pool_) {
      Result r = job();
      consume_(r);
      return;
    }
    auto task = std::make_shared<std::packaged_task<Result()>>(std::move(job));
    pending_.push_back(task->get_future());
    pool_->post([task] { (*task)(); });
    while (pending_.size() >= window_) pop();
  }

  // Consumes every result still pending.
  void finish() {
    while (!pending_.empty()) pop();
  }

 private:
  void pop() {
    std::future<Result> f = std::move(pending_.front());
    pending_.pop_front();
    Result r = f.get();  // rethrows a job's exception here, in order
    consume_(r);
  }

  Consume consume_;
  size_t window_;
  std::unique_ptr<ThreadPool> pool_;
  std::deque<std::future<Result>> pending_;
};

// Worker states (scratch a job may not share), made on demand, handed to one job at a time: with
// N threads at most N are ever made.
template <class T>
class Pool {
 public:
  explicit Pool(std::function<std::unique_ptr<T>()> make) : make_(std::move(make)) {}
  // A state for this job, returned to the pool when the Lease goes.
  class Lease {
   public:
    Lease(Pool& p, std::unique_ptr<T> t) : pool_(p), t_(std::move(t)) {}
    ~Lease() { pool_.give(std::move(t_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    T& operator*() { return *t_; }
    T* operator->() { return t_.get(); }

   private:
    Pool& pool_;
    std::unique_ptr<T> t_;
  };
  Lease take() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        std::unique_ptr<T> t = std::move(free_.back());
        free_.pop_back();
        return Lease(*this, std::move(t));
      }
    }
    return Lease(*this, make_());
  }

 private:
  void give(std::unique_ptr<T> t) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(t));
  }
  std::function<std::unique_ptr<T>()> make_;
  std::mutex mu_;
  std::vector<std::unique_ptr<T>> free_;
};

}  // namespace rpt
