#include "parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>

namespace rpt {
namespace {

// Results come back in submission order whatever the threads, and with one thread no worker runs.
TEST(Parallel, ResultsInSubmissionOrder) {
  for (size_t threads : {1, 2, 4}) {
    std::vector<int> seen;
    OrderedRunner<int> run(
        threads, [&](int& r) { seen.push_back(r); }, 3);
    for (int i = 0; i < 200; ++i)
      run.submit([i] {
        // Later jobs finish first: the order must still be the input's.
        std::this_thread::sleep_for(std::chrono::microseconds((200 - i) % 7 * 50));
        return i;
      });
    run.finish();
    ASSERT_EQ(seen.size(), 200u) << threads;
    for (int i = 0; i < 200; ++i) EXPECT_EQ(seen[size_t(i)], i) << threads;
  }
}

TEST(Parallel, TheWindowBoundsJobsInFlight) {
  std::atomic<int> running{0}, most{0};
  int consumed = 0;
  OrderedRunner<int> run(
      4, [&](int&) { ++consumed; }, 5);
  for (int i = 0; i < 100; ++i)
    run.submit([&] {
      int now = ++running;
      int m = most.load();
      while (now > m && !most.compare_exchange_weak(m, now)) {
      }
      std::this_thread::sleep_for(std::chrono::microseconds(100));
      --running;
      return 0;
    });
  run.finish();
  EXPECT_EQ(consumed, 100);
  EXPECT_LE(most.load(), 5);
}

TEST(Parallel, AJobsExceptionSurfacesInOrder) {
  for (size_t threads : {1, 2}) {
    std::vector<int> seen;
    OrderedRunner<int> run(
        threads, [&](int& r) { seen.push_back(r); }, 4);
    try {
      for (int i = 0; i < 10; ++i)
        run.submit([i]() -> int {
          if (i == 5) throw std::runtime_error("bad job 5");
          return i;
        });
      run.finish();
      FAIL() << "no exception";
    } catch (const std::runtime_error& e) {
      EXPECT_EQ(std::string(e.what()), "bad job 5");
    }
    EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3, 4})) << threads;
  }
}

}  // namespace
}  // namespace rpt
