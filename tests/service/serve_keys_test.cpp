// API keys end to end (issue 19 §5): `seatsync keys new` and `keys hash` make the stored line,
// `seatsync serve` accepts the key behind it (and a plain-text key from before, with a warning
// naming the line), and no key, right or wrong, ever appears in the log or the audit trail —
// even at --log-level debug, which logs every request.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdio>
#include <regex>

#include "serve_process.hpp"
#include "service_fixture.hpp"

using namespace seatsync::test;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

// `echo KEY | seatsync keys hash`: the key goes in on stdin, never on a command line.
std::string hash_by_cli(const std::string& key) {
  const std::string command = std::string("echo '") + key + "' | '" + SEATSYNC_BINARY + "' keys hash";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return "";
  std::string out;
  char buf[256];
  while (std::fgets(buf, sizeof buf, pipe)) out += buf;
  pclose(pipe);
  return out;
}

std::string everything_under(const std::filesystem::path& dir) {
  std::string all;
  if (std::filesystem::exists(dir))
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
      if (e.is_regular_file()) all += read_file(e.path());
  return all;
}

}  // namespace

TEST(ServeKeys, HashedKeysWorkAndNoKeyIsEverLoggedOrAudited) {
  const auto made = run_seatsync({"keys", "new"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(made.out, m, std::regex("key: ([0-9a-f]{64})\nline: (sha256:[0-9a-f]{64})\n")))
      << made.out;
  const std::string key = m[1], line = m[2];
  EXPECT_EQ(hash_by_cli(key), line + "\n");
  EXPECT_NE(run_seatsync({"keys", "hash"}).exit_code, 0);  // an empty key is refused

  const auto& w = service_world();
  TempDir tmp;
  const std::string legacy = "legacy-plain-key-0123456789", wrong = "wrong-guess-key-0123456789";
  write_file(tmp / "keys", "# service keys\n" + line + "\n" + legacy + "\n");
  {
    ServeProcess serve({"--data", w.data_dir.string(), "--port", "0", "--as-of", w.as_of.str(), "--registry",
                        w.registry_dir.string(), "--api-keys", (tmp / "keys").string(), "--audit",
                        (tmp / "audit").string(), "--log-level", "debug"},
                       tmp / "serve.log");
    ASSERT_TRUE(serve.wait_ready()) << serve.log();
    HttpClient c(serve.port());
    auto with = [](const std::string& k) { return std::map<std::string, std::string>{{"Authorization", "Bearer " + k}}; };
    EXPECT_EQ(c.post("/admin/reload", "", with(wrong)).status, 401);
    EXPECT_EQ(c.post("/admin/reload", "", with(line)).status, 401);  // the stored line is no key
    EXPECT_EQ(c.post("/admin/reload", "", with(key)).status, 200);
    EXPECT_EQ(c.post("/admin/reload", "", with(legacy)).status, 200);
    EXPECT_EQ(c.post("/score", score_body().dump(), with(key)).status, 200);  // audited, with its header
    EXPECT_EQ(c.post("/score", score_body().dump(), with(wrong)).status, 200);
    serve.signal(SIGTERM);
    EXPECT_EQ(serve.wait(), 0) << serve.log();
    const std::string log = serve.log();
    EXPECT_THAT(log, HasSubstr("keys:3: 1 API key(s) stored in plain text"));
    EXPECT_THAT(log, HasSubstr("POST /admin/reload -> 401"));  // debug logging was on
    for (const auto& secret : {key, legacy, wrong}) EXPECT_THAT(log, Not(HasSubstr(secret)));
  }
  const std::string audit = everything_under(tmp / "audit");
  EXPECT_THAT(audit, HasSubstr(w.game_id));  // the /score answers were recorded
  for (const auto& secret : {key, legacy, wrong}) EXPECT_THAT(audit, Not(HasSubstr(secret)));
}
