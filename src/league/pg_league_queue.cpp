// LeagueQueue on PostgreSQL. Claims take the oldest claimable row with FOR UPDATE SKIP LOCKED,
// so workers claiming at once never wait for each other nor take the same job; every change of
// a claimed job names its attempt, so a worker whose lease was taken over cannot overwrite the
// new attempt's outcome.
#include <stdexcept>

#include "data/pg_connection.hpp"
#include "data/pg_migrations.hpp"
#include "seatsync/league.hpp"
#include "seatsync/store.hpp"

namespace seatsync {
namespace {

// Schemas holding a seatsync dataset (a params row), except the league's own.
constexpr const char* kTeamSchemas =
    "SELECT n.nspname FROM pg_namespace n JOIN pg_class c ON c.relnamespace = n.oid "
    "WHERE c.relname = 'params' AND c.relkind = 'r' AND n.nspname <> current_schema() "
    "ORDER BY n.nspname COLLATE \"C\"";

constexpr const char* kFailExhausted =
    "UPDATE league_jobs SET status = 'failed', finished_at = now(), lease_until = NULL, "
    "error = 'its worker was lost (lease ran out) on each of ' || attempts || ' attempt(s)' "
    "WHERE status = 'running' AND lease_until < now() AND attempts >= max_attempts";

constexpr const char* kClaim =
    "WITH next AS (SELECT id FROM league_jobs "
    "  WHERE (status = 'queued' OR (status = 'running' AND lease_until < now())) AND attempts < max_attempts "
    "  ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) "
    "UPDATE league_jobs j SET status = 'running', attempts = j.attempts + 1, worker = $1, "
    "  lease_until = now() + make_interval(secs => $2), started_at = now(), error = NULL "
    "FROM next WHERE j.id = next.id RETURNING j.id, j.run, j.team, j.as_of, j.out_dir, j.attempts";

constexpr const char* kExtend =
    "UPDATE league_jobs SET lease_until = now() + make_interval(secs => $3) "
    "WHERE id = $1 AND attempts = $2 AND status = 'running'";

constexpr const char* kFinish =
    "UPDATE league_jobs SET status = $3, result = $4, error = $5, finished_at = now(), lease_until = NULL "
    "WHERE id = $1 AND attempts = $2 AND status = 'running'";

class PgLeagueQueue final : public LeagueQueue {
 public:
  explicit PgLeagueQueue(std::string url) : url_(std::move(url)), c_(pg::connect(url_)) {
    pg::apply_migrations(*c_, url_, pg::store_migrations());
    c_->prepare("claim", kClaim);
    c_->prepare("extend", kExtend);
    c_->prepare("finish", kFinish);
  }

  std::vector<std::string> teams() override {
    std::vector<std::string> out;
    guarded("listing the teams", [&] {
      pqxx::read_transaction tx(*c_);
      for (const auto& row : tx.exec(kTeamSchemas)) {
        const std::string schema = row[0].as<std::string>();
        if (!tx.exec("SELECT 1 FROM " + tx.quote_name(schema) + ".params").empty()) out.push_back(schema);
      }
    });
    return out;
  }

  std::string enqueue(const std::vector<std::string>& teams, Date as_of, const std::string& out_dir,
                      int max_attempts) override {
    if (teams.empty()) throw std::invalid_argument("no teams to enqueue: import each team's data into its own schema first (--db URL?schema=TEAM)");
    if (max_attempts < 1) throw std::invalid_argument("max attempts must be at least 1");
    for (const auto& t : teams) check_schema_name(t);
    std::string run;
    guarded("enqueueing the league run", [&] {
      pqxx::work tx(*c_);
      // Numbering runs needs one enqueuer at a time; claims (row locks) are not blocked by it.
      tx.exec("LOCK TABLE league_jobs IN SHARE ROW EXCLUSIVE MODE");
      const auto n = tx.exec("SELECT COUNT(DISTINCT run) + 1 FROM league_jobs")[0][0].as<long long>();
      run = as_of.str() + "#" + std::to_string(n);
      for (const auto& team : teams)
        tx.exec_params("INSERT INTO league_jobs (run, team, as_of, out_dir, status, max_attempts) VALUES ($1, $2, $3, $4, 'queued', $5)",
                       run, team, as_of.str(), out_dir, max_attempts);
      tx.commit();
    });
    return run;
  }

  std::optional<LeagueJob> claim(const std::string& worker, std::chrono::seconds lease) override {
    std::optional<LeagueJob> job;
    guarded("claiming a job", [&] {
      pqxx::work tx(*c_);
      tx.exec(kFailExhausted);
      const auto r = tx.exec_prepared("claim", worker, static_cast<double>(lease.count()));
      tx.commit();
      if (r.empty()) return;
      const auto& row = r[0];
      job = LeagueJob{row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>(),
                      *Date::parse(row[3].as<std::string>()), row[4].as<std::string>(), row[5].as<int>()};
    });
    return job;
  }

  bool extend(const LeagueJob& job, std::chrono::seconds lease) override {
    bool ours = false;
    guarded("extending a lease", [&] {
      pqxx::work tx(*c_);
      ours = tx.exec_prepared("extend", job.id, job.attempt, static_cast<double>(lease.count())).affected_rows() == 1;
      tx.commit();
    });
    return ours;
  }

  bool finish(const LeagueJob& job, bool ok, const std::string& result_or_error) override {
    bool ours = false;
    guarded("finishing a job", [&] {
      pqxx::work tx(*c_);
      const std::optional<std::string> result = ok ? std::optional(result_or_error) : std::nullopt;
      const std::optional<std::string> error = ok ? std::nullopt : std::optional(result_or_error);
      ours = tx.exec_prepared("finish", job.id, job.attempt, std::string(ok ? "done" : "failed"), result, error)
                 .affected_rows() == 1;
      tx.commit();
    });
    return ours;
  }

  LeagueRunStatus status(const std::string& run) override {
    LeagueRunStatus s;
    guarded("reading the run's status", [&] {
      pqxx::read_transaction tx(*c_);
      const std::string id = run.empty() ? latest(tx) : run;
      for (const auto& row : tx.exec_params("SELECT status, COUNT(*) FROM league_jobs WHERE run = $1 GROUP BY status", id)) {
        const std::string status = row[0].as<std::string>();
        const auto n = row[1].as<std::size_t>();
        (status == "queued" ? s.queued : status == "running" ? s.running : status == "done" ? s.done : s.failed) = n;
      }
    });
    return s;
  }

  std::vector<LeagueJobRecord> jobs(const std::string& run) override {
    std::vector<LeagueJobRecord> out;
    guarded("reading the run's jobs", [&] {
      pqxx::read_transaction tx(*c_);
      for (const auto& row : tx.exec_params(
               "SELECT team, status, COALESCE(worker, ''), COALESCE(result, ''), COALESCE(error, ''), attempts, "
               "COALESCE(EXTRACT(EPOCH FROM finished_at - started_at), 0) FROM league_jobs WHERE run = $1 "
               "ORDER BY team COLLATE \"C\"",
               run))
        out.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                       row[3].as<std::string>(), row[4].as<std::string>(), row[5].as<int>(), row[6].as<double>()});
    });
    return out;
  }

  std::string latest_run() override {
    std::string run;
    guarded("reading the latest run", [&] {
      pqxx::read_transaction tx(*c_);
      run = latest(tx);
    });
    return run;
  }

  std::size_t open_jobs() override {
    std::size_t n = 0;
    guarded("counting open jobs", [&] {
      pqxx::read_transaction tx(*c_);
      n = tx.exec("SELECT COUNT(*) FROM league_jobs WHERE status IN ('queued', 'running')")[0][0].as<std::size_t>();
    });
    return n;
  }

 private:
  static std::string latest(pqxx::transaction_base& tx) {
    const auto r = tx.exec("SELECT run FROM league_jobs ORDER BY id DESC LIMIT 1");
    return r.empty() ? std::string() : r[0][0].as<std::string>();
  }

  template <typename Body>
  void guarded(const char* what, Body body) {
    pg::guarded(url_, what, body);
  }

  std::string url_;
  std::unique_ptr<pqxx::connection> c_;  // one thread per queue object
};

}  // namespace

std::unique_ptr<LeagueQueue> open_league_queue(const std::string& url) {
  if (!is_postgres_url(url))
    throw std::invalid_argument("a league runs on PostgreSQL (--db postgresql://…): " + redact_location(url) +
                                " is a SQLite file, which holds one team");
  return std::make_unique<PgLeagueQueue>(url);
}

}  // namespace seatsync
