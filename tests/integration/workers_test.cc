// SPDX-License-Identifier: Apache-2.0
// Three `baseline scan` processes share one scan through PostgreSQL, the work queue: one creates
// the scan and works on it, two join with --worker. One worker is killed with SIGKILL mid-scan;
// its leases expire and the others finish its domains. Every domain ends with exactly one result
// set. The test runs its own PostgreSQL server (initdb into a temp dir, a unix socket only, run as
// the `postgres` user) and stops it by PID.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "tests/integration/lab_harness.h"
#include "tests/integration/process.h"

namespace baseline::integration {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPgBin = "/usr/lib/postgresql/15/bin";
constexpr const char* kPort = "54329";
constexpr int kDomains = 240;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs a command to completion (as `user` through runuser when given); returns its exit status.
int run_as(const std::string& user, std::vector<std::string> command, const fs::path& log) {
  if (!user.empty()) command.insert(command.begin(), {"-u", user, "--"});
  Process p(user.empty() ? command.front() : "/usr/sbin/runuser",
            user.empty() ? std::vector<std::string>(command.begin() + 1, command.end()) : command,
            log);
  return p.wait();
}

// The PostgreSQL server of one test: a fresh cluster in a temp dir, listening on a unix socket.
class PostgresServer {
 public:
  bool start(const fs::path& dir) {
    dir_ = dir;
    const passwd* user = getpwnam("postgres");
    if (!user) {
      problem_ = "no postgres user (install postgresql-15)";
      return false;
    }
    fs::create_directories(dir_ / "data");
    for (const auto& p : {dir_, dir_ / "data"}) {
      if (chown(p.c_str(), user->pw_uid, user->pw_gid) != 0) {
        problem_ = "cannot chown " + p.string();
        return false;
      }
    }
    chmod(dir_.c_str(), 0755);
    if (run_as("postgres",
               {std::string(kPgBin) + "/initdb", "-D", (dir_ / "data").string(), "-A", "trust",
                "-U", "postgres", "--no-sync"},
               dir_ / "initdb.log") != 0) {
      problem_ = "initdb failed: " + read_file(dir_ / "initdb.log");
      return false;
    }
    const std::string options = "-k " + dir_.string() + " -c listen_addresses='' -p " + kPort +
                                " -c fsync=off -c max_connections=50";
    if (run_as("postgres",
               {std::string(kPgBin) + "/pg_ctl", "-D", (dir_ / "data").string(), "-l",
                (dir_ / "server.log").string(), "-o", options, "-w", "-t", "60", "start"},
               dir_ / "pg_ctl.log") != 0) {
      problem_ =
          "pg_ctl start failed: " + read_file(dir_ / "pg_ctl.log") + read_file(dir_ / "server.log");
      return false;
    }
    std::istringstream pid_file(read_file(dir_ / "data" / "postmaster.pid"));
    pid_file >> pid_;
    return pid_ > 0;
  }
  // Fast shutdown by PID (SIGINT), waiting for the postmaster to go; SIGKILL after 30 s.
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGINT);
    for (int i = 0; i < 300 && ::kill(pid_, 0) == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (::kill(pid_, 0) == 0) ::kill(pid_, SIGKILL);
    pid_ = 0;
  }
  ~PostgresServer() { stop(); }
  std::string url() const {
    return "postgresql:///postgres?host=" + dir_.string() + "&port=" + kPort + "&user=postgres";
  }
  const std::string& problem() const { return problem_; }

 private:
  fs::path dir_;
  pid_t pid_ = 0;
  std::string problem_;
};

std::int64_t query_number(PGconn* connection, const std::string& sql) {
  PGresult* result = PQexec(connection, sql.c_str());
  std::int64_t value = -1;
  if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1) {
    value = std::stoll(PQgetvalue(result, 0, 0));
  }
  PQclear(result);
  return value;
}

TEST(Workers, ThreeWorkersShareAScanAndSurviveAKilledOne) {
  const auto settings = read_lab_settings();
  char dir[] = "/tmp/baseline-workers-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  const fs::path root = dir;
  chmod(dir, 0755);  // the postgres user must reach its cluster below
  PostgresServer server;
  ASSERT_TRUE(server.start(root / "pg")) << server.problem();

  std::ifstream names(std::string(LAB_RUN_DIR) + "/names.txt");
  std::ofstream list(root / "bulk.txt");
  std::string name;
  for (int i = 0; i < kDomains && std::getline(names, name); ++i) list << name << "\n";
  list.close();

  std::vector<std::string> common{"--db", server.url(),    "--list", "shared",     "--timeout",
                                  "10",   "--concurrency", "10",     "--progress", "lines"};
  auto lab = lab_resolver_args(settings);
  common.insert(common.end(), lab.begin(), lab.end());
  auto with = [&](std::vector<std::string> first) {
    first.insert(first.end(), common.begin(), common.end());
    return first;
  };
  const auto started = std::chrono::steady_clock::now();
  Process creator(BASELINE_BINARY, with({"scan", (root / "bulk.txt").string()}), root / "w0.log");
  Process victim(BASELINE_BINARY, with({"scan", "--worker"}), root / "w1.log");
  Process survivor(BASELINE_BINARY, with({"scan", "--worker"}), root / "w2.log");

  PGconn* connection = PQconnectdb(("dbname=postgres host=" + (root / "pg").string() +
                                    " port=" + kPort + " user=postgres connect_timeout=10")
                                       .c_str());
  ASSERT_EQ(PQstatus(connection), CONNECTION_OK) << PQerrorMessage(connection);
  // Kill one worker once it has stored some domains and the scan is far from done.
  const std::string victim_name = "%:" + std::to_string(victim.pid());
  std::int64_t victim_done = 0, total_done = 0;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < give_up) {
    victim_done = query_number(connection,
                               "SELECT COUNT(*) FROM scan_domains WHERE state = 2 AND "
                               "worker LIKE '" +
                                   victim_name + "'");
    total_done = query_number(connection, "SELECT COUNT(*) FROM scan_domains WHERE state = 2");
    if (victim_done >= 5) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  victim.kill(SIGKILL);
  victim.wait();
  const auto victim_leased = query_number(
      connection,
      "SELECT COUNT(*) FROM scan_domains WHERE state = 1 AND worker LIKE '" + victim_name + "'");
  ASSERT_GE(victim_done, 5) << read_file(root / "w1.log");
  ASSERT_LT(total_done, kDomains) << "the scan ended before the kill";

  EXPECT_EQ(creator.wait(), 0) << read_file(root / "w0.log");
  EXPECT_EQ(survivor.wait(), 0) << read_file(root / "w2.log");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  EXPECT_EQ(query_number(connection, "SELECT COUNT(*) FROM scans"), 1);
  EXPECT_EQ(query_number(connection, "SELECT COUNT(*) FROM scans WHERE finished IS NOT NULL"), 1);
  EXPECT_EQ(query_number(connection, "SELECT COUNT(*) FROM scan_domains WHERE state = 2"),
            kDomains);
  EXPECT_EQ(query_number(connection, "SELECT COUNT(DISTINCT domain) FROM results"), kDomains);
  EXPECT_EQ(query_number(connection,
                         "SELECT COUNT(*) FROM (SELECT 1 FROM results GROUP BY domain, "
                         "check_id, target HAVING COUNT(*) > 1) AS twice"),
            0);
  EXPECT_EQ(query_number(connection,
                         "SELECT COUNT(*) FROM (SELECT 1 FROM standard_results GROUP BY "
                         "domain, standard_id HAVING COUNT(*) > 1) AS twice"),
            0);
  // The surviving processes took over what the dead one held.
  const auto workers = query_number(connection, "SELECT COUNT(DISTINCT worker) FROM scan_domains");
  EXPECT_EQ(workers, 3);
  std::cout << "three workers: " << kDomains << " domains in " << seconds
            << " s; worker killed after " << victim_done << " stored (" << total_done
            << " in all), holding " << victim_leased
            << " leases that expired and were taken over\n";
  PGresult* per_worker = PQexec(
      connection, "SELECT worker, COUNT(*) FROM scan_domains GROUP BY worker ORDER BY worker");
  for (int i = 0; i < PQntuples(per_worker); ++i) {
    std::cout << "  " << PQgetvalue(per_worker, i, 0) << ": " << PQgetvalue(per_worker, i, 1)
              << " domains\n";
  }
  PQclear(per_worker);

  // The report reads PostgreSQL too.
  auto report = run_baseline({"report", "--db", server.url(), "--json"});
  EXPECT_EQ(report.exit_status, 0) << report.err;
  EXPECT_EQ(nlohmann::json::parse(report.out)["scans"][0]["domains"], kDomains);
  PQfinish(connection);
  server.stop();
  if (!HasFailure()) fs::remove_all(root);
}

}  // namespace
}  // namespace baseline::integration

namespace baseline::integration {
namespace {

// The notices' store tests (src/notices/notices_store_test.cc) against a PostgreSQL server of
// their own: the same rules on the second dialect.
TEST(Workers, NoticesStoreTestsOnPostgresql) {
  char dir[] = "/tmp/baseline-notices-pg-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  const fs::path root = dir;
  chmod(dir, 0755);
  PostgresServer server;
  ASSERT_TRUE(server.start(root / "pg")) << server.problem();
  setenv("BASELINE_TEST_POSTGRESQL", server.url().c_str(), 1);
  const int status =
      run_as("", {NOTICES_TEST_BINARY, "--gtest_filter=*postgresql*"}, root / "notices.log");
  unsetenv("BASELINE_TEST_POSTGRESQL");
  const auto log = read_file(root / "notices.log");
  EXPECT_EQ(status, 0) << log;
  // Every PostgreSQL case ran (none skipped for want of the server), and there are some.
  EXPECT_EQ(log.find("SKIPPED"), std::string::npos) << log;
  const auto passed = log.find("[  PASSED  ] ");
  ASSERT_NE(passed, std::string::npos) << log;
  EXPECT_GE(std::atoi(log.c_str() + passed + 13), 5) << log;
  server.stop();
  if (!::testing::Test::HasFailure()) fs::remove_all(root);
}

}  // namespace
}  // namespace baseline::integration
