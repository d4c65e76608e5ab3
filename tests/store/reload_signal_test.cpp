// The reload generation replicas share: counted once per announce, whoever announces and
// however many at once — on each backend.
#include <gtest/gtest.h>

#include <thread>

#include "seatsync/reload_signal.hpp"
#include "store_backends.hpp"

namespace seatsync::test {
namespace {

TEST_P(StoreBackendTest, ReloadSignal_StartsAtZeroAndCountsEachAnnounce) {
  auto a = open_reload_signal(location());
  auto b = open_reload_signal(location());
  EXPECT_EQ(a->generation(), 0);
  EXPECT_EQ(a->announce(), 1);
  EXPECT_EQ(b->generation(), 1);  // another connection sees it
  EXPECT_EQ(b->announce(), 2);
  EXPECT_EQ(a->generation(), 2);
}

TEST_P(StoreBackendTest, ReloadSignal_ConcurrentAnnouncesAreEachCountedOnce) {
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::thread> threads;
  std::vector<std::vector<std::int64_t>> seen(kThreads);
  const std::string where = location();  // made once: location() is not for several threads
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      auto signal = open_reload_signal(where);
      for (int i = 0; i < kEach; ++i) seen[t].push_back(signal->announce());
    });
  for (auto& t : threads) t.join();
  std::vector<std::int64_t> all;
  for (const auto& s : seen) all.insert(all.end(), s.begin(), s.end());
  std::sort(all.begin(), all.end());
  // Every announce got its own generation: 1 … N, none twice, none skipped.
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], static_cast<std::int64_t>(i) + 1);
  EXPECT_EQ(open_reload_signal(location())->generation(), kThreads * kEach);
}

}  // namespace
}  // namespace seatsync::test
