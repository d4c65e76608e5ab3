// End-to-end: the `seatsync serve` binary on a loopback port — 503 then 200, SIGHUP reloads,
// SIGTERM drains and exits 0; bad options exit 2 before listening.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <regex>
#include <thread>

#include "serve_process.hpp"
#include "service_fixture.hpp"

using namespace seatsync::test;
using ::testing::HasSubstr;

TEST(ServeCli, ServesReloadsOnSighupAndDrainsOnSigterm) {
  const auto& w = service_world();
  TempDir tmp;
  ServeProcess serve({"--data", w.data_dir.string(), "--port", "0", "--as-of", w.as_of.str(), "--registry",
                      w.registry_dir.string()},
                     tmp / "serve.log");
  HttpClient c(serve.port());
  int status = 0;
  for (int i = 0; i < 600 && (status = c.get("/health").status) != 200; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_EQ(status, 200) << serve.log();
  auto score = c.post("/score", score_body().dump());
  EXPECT_EQ(score.status, 200) << score.body;
  EXPECT_THAT(serve.log(), HasSubstr("sha256"));  // the model's checksum, logged at start
  serve.signal(SIGHUP);
  serve.wait_for_log(std::regex(R"(SIGHUP: reloading[\s\S]*snapshot as of)"));
  EXPECT_EQ(c.get("/health").status, 200);
  serve.signal(SIGTERM);
  EXPECT_EQ(serve.wait(), 0) << serve.log();
  EXPECT_THAT(serve.log(), HasSubstr("stopped"));
}

TEST(ServeCli, BadOptionsExitTwoAndBadDataExitsNonZero) {
  auto port = run_seatsync({"serve", "--data", service_world().data_dir.string(), "--port", "70000"});
  EXPECT_EQ(port.exit_code, 2) << port.err;
  auto as_of = run_seatsync({"serve", "--data", service_world().data_dir.string(), "--as-of", "someday"});
  EXPECT_EQ(as_of.exit_code, 2);
  EXPECT_THAT(as_of.err, HasSubstr("--as-of"));
  TempDir empty;
  auto missing = run_seatsync({"serve", "--data", (empty / "nothing").string(), "--port", "0"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_THAT(missing.err, HasSubstr("nothing"));
}
