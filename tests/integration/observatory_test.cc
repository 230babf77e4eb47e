// SPDX-License-Identifier: Apache-2.0
// The observatory against the lab: `baseline scan` of a tagged CSV list into SQLite, three scans
// with the lab's routing data changed between them, and `baseline report` showing the trend
// (three points), the regressions and the per-sector bars; a scan killed with SIGKILL and
// resumed, which loses and repeats no finished domain.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "tests/integration/lab_harness.h"
#include "tests/integration/process.h"

namespace baseline::integration {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A single-value query against the scan's SQLite database.
std::int64_t query_number(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  std::int64_t value = -1;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(handle, 5000);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      value = sqlite3_column_int64(statement, 0);
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(handle);
  return value;
}

// One text column of every row.
std::set<std::string> query_strings(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  std::set<std::string> out;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(handle, 5000);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
      while (sqlite3_step(statement) == SQLITE_ROW) {
        out.insert(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
      }
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(handle);
  return out;
}

class ObservatoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    settings_ = read_lab_settings();
    char dir[] = "/tmp/baseline-observatory-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }

  std::vector<std::string> scan_args(const fs::path& list, const std::vector<std::string>& more) {
    std::vector<std::string> args{
        "scan",      list.string(), "--db",       "sqlite:" + (dir_ / "obs.db").string(),
        "--timeout", "20",          "--progress", "lines"};
    auto lab = lab_resolver_args(settings_);
    args.insert(args.end(), lab.begin(), lab.end());
    args.insert(args.end(), more.begin(), more.end());
    return args;
  }

  LabSettings settings_;
  fs::path dir_;
};

// VRPs authorising every announced route of the lab's RIB (text form: PREFIX ORIGIN_AS).
void write_vrps_for_every_route(const std::string& rib_text, const fs::path& out) {
  std::ifstream in(rib_text);
  std::string line, prefix, origin;
  nlohmann::json roas = nlohmann::json::array();
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    if (line.empty() || line[0] == '#' || !(fields >> prefix >> origin)) continue;
    if (origin.rfind("AS", 0) == 0) origin = origin.substr(2);
    const auto length = std::stoi(prefix.substr(prefix.find('/') + 1));
    roas.push_back({{"prefix", prefix}, {"maxLength", length}, {"asn", std::stoll(origin)}});
  }
  std::ofstream(out) << nlohmann::json{{"roas", roas}}.dump();
}

TEST_F(ObservatoryTest, ThreeScansWithChangedRoutingDataMakeATrend) {
  // The routing scenarios and a few others, tagged by scenario family; one invalid line and one
  // duplicate, which are reported and skipped.
  std::ofstream list(dir_ / "lab.csv");
  list << "domain,sector,country,organisation\n";
  std::set<std::string> routing;
  for (const auto& [domain, checks] : read_expectations()) {
    if (checks.count("web.rpki.valid")) {
      routing.insert(domain);
      list << domain << ",routing,NL,\"Hoster, " << domain << "\"\n";
    }
  }
  list << "secure.lab,dns,NL,Secure\nunsigned.lab,dns,NL,Unsigned\nnot_a..name,dns,NL,x\nsecure."
          "lab,dns,NL,dup\n";
  list.close();
  ASSERT_GE(routing.size(), 5u);

  // The lab's routing data changes between scans: every route authorised, the lab's own ROAs,
  // then no ROA at all.
  write_vrps_for_every_route(settings_.rib_text, dir_ / "all.json");
  std::ofstream(dir_ / "none.json") << R"({"roas": []})";
  const std::vector<std::string> vrps{(dir_ / "all.json").string(), settings_.vrps,
                                      (dir_ / "none.json").string()};
  for (const auto& file : vrps) {
    auto run = run_baseline(scan_args(
        dir_ / "lab.csv", {"--vrps", file, "--rib", settings_.rib_text, "--concurrency", "64"}));
    ASSERT_EQ(run.exit_status, 0) << run.err;
    EXPECT_NE(run.err.find("scan complete"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("lab.csv:"), std::string::npos)
        << "invalid lines are named: " << run.err;
    EXPECT_NE(run.err.find("duplicate of line"), std::string::npos) << run.err;
  }

  auto json_run =
      run_baseline({"report", "--db", "sqlite:" + (dir_ / "obs.db").string(), "--json"});
  ASSERT_EQ(json_run.exit_status, 0) << json_run.err;
  const auto report = nlohmann::json::parse(json_run.out);
  ASSERT_EQ(report["scans"].size(), 3u);
  std::vector<double> rpki;
  for (const auto& scan : report["scans"]) {
    EXPECT_EQ(scan["domains"], routing.size() + 2);
    rpki.push_back(scan["standards"]["rpki"]["percent"].get<double>());
  }
  EXPECT_GT(rpki[0], rpki[1]) << "authorising every route raises RPKI adoption";
  EXPECT_GT(rpki[1], rpki[2]) << "without ROAs nothing is RPKI-valid";
  EXPECT_EQ(rpki[2], 0.0);
  // The last two scans: whoever met RPKI before regressed, on RPKI only; nobody improved.
  ASSERT_TRUE(report.contains("comparison"));
  EXPECT_FALSE(report["comparison"]["regressed"].empty());
  for (const auto& change : report["comparison"]["regressed"]) {
    EXPECT_EQ(change["standard"], "rpki") << change;
  }
  EXPECT_TRUE(report["comparison"]["improved"].empty());
  std::cout << "RPKI adoption over the three scans: " << rpki[0] << "% " << rpki[1] << "% "
            << rpki[2] << "%; " << report["comparison"]["regressed"].size()
            << " domains regressed\n";
  EXPECT_TRUE(report["scans"][2]["by_tag"]["sector"].contains("routing"));

  auto html_run =
      run_baseline({"report", "--db", "sqlite:" + (dir_ / "obs.db").string(), "--html",
                    (dir_ / "html").string(), "--csv", (dir_ / "adoption.csv").string()});
  ASSERT_EQ(html_run.exit_status, 0) << html_run.err;
  const auto html = read_file(dir_ / "html" / "index.html");
  // The RPKI chart has one point per scan.
  const auto chart = html.find("data-standard=\"rpki\"");
  ASSERT_NE(chart, std::string::npos);
  const auto chart_end = html.find("</svg>", chart);
  const auto rpki_chart = html.substr(chart, chart_end - chart);
  std::set<std::string> points;
  for (auto at = rpki_chart.find("data-scan=\""); at != std::string::npos;
       at = rpki_chart.find("data-scan=\"", at + 1)) {
    points.insert(rpki_chart.substr(at + 11, rpki_chart.find('"', at + 11) - at - 11));
  }
  EXPECT_EQ(points.size(), 3u);
  EXPECT_NE(html.find("Per sector"), std::string::npos);
  EXPECT_NE(html.find("Regressed"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  const auto csv = read_file(dir_ / "adoption.csv");
  EXPECT_NE(csv.find(",sector,routing,standard,rpki,"), std::string::npos);
  const auto changes = read_file(dir_ / "adoption-changes.csv");
  EXPECT_NE(changes.find(",rpki,pass,fail,regressed"), std::string::npos) << changes;
}

TEST_F(ObservatoryTest, KilledScanResumesWithoutLosingOrRepeatingADomain) {
  // 300 names of the lab's bulk zone, read from stdin.
  std::ifstream names(std::string(LAB_RUN_DIR) + "/names.txt");
  std::ofstream list(dir_ / "bulk.txt");
  std::string name;
  for (int i = 0; i < 300 && std::getline(names, name); ++i) list << name << "\n";
  list.close();
  const fs::path db = dir_ / "obs.db";
  auto args = scan_args(dir_ / "bulk.txt", {"--concurrency", "20", "--list", "bulk"});

  Process first(BASELINE_BINARY, args, dir_ / "first.log");
  // Kill it once some domains are stored and some are not.
  std::int64_t stored = 0;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < give_up) {
    stored = query_number(db, "SELECT COUNT(*) FROM scan_domains WHERE state = 2");
    if (stored >= 40) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  first.kill(SIGKILL);
  ASSERT_GE(stored, 40) << read_file(dir_ / "first.log");
  const auto done_at_kill = query_number(db, "SELECT COUNT(*) FROM scan_domains WHERE state = 2");
  ASSERT_LT(done_at_kill, 300) << "the scan finished before it was killed";
  const auto results_at_kill = query_number(db, "SELECT COUNT(*) FROM results");
  // What was finished, with its test time and duration: none of it may change (nothing redone).
  const std::string stamp_sql =
      "SELECT domain || ' ' || tested || ' ' || duration_ms FROM scan_domains WHERE state = 2";
  const auto finished_at_kill = query_strings(db, stamp_sql);
  ASSERT_EQ(finished_at_kill.size(), static_cast<std::size_t>(done_at_kill));

  args.push_back("--resume");
  auto second = run_baseline(args);
  ASSERT_EQ(second.exit_status, 0) << second.err;
  EXPECT_NE(second.err.find("resuming scan 1"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("scan complete"), std::string::npos) << second.err;

  EXPECT_EQ(query_number(db, "SELECT COUNT(*) FROM scans"), 1);
  EXPECT_EQ(query_number(db, "SELECT COUNT(*) FROM scan_domains WHERE state = 2"), 300);
  EXPECT_EQ(query_number(db, "SELECT COUNT(*) FROM scans WHERE finished IS NOT NULL"), 1);
  // Every domain has results, and no (domain, check, target) twice.
  EXPECT_EQ(query_number(db, "SELECT COUNT(DISTINCT domain) FROM results"), 300);
  EXPECT_EQ(query_number(db,
                         "SELECT COUNT(*) FROM (SELECT 1 FROM results GROUP BY domain, check_id, "
                         "target HAVING COUNT(*) > 1)"),
            0);
  EXPECT_EQ(query_number(db,
                         "SELECT COUNT(*) FROM (SELECT 1 FROM standard_results GROUP BY domain, "
                         "standard_id HAVING COUNT(*) > 1)"),
            0);
  EXPECT_GT(query_number(db, "SELECT COUNT(*) FROM results"), results_at_kill);
  const auto finished_after = query_strings(db, stamp_sql);
  for (const auto& stamp : finished_at_kill) {
    EXPECT_TRUE(finished_after.count(stamp)) << "redone or lost: " << stamp;
  }
  std::cout << "kill/resume: " << done_at_kill << " of 300 domains stored at SIGKILL; resumed run: "
            << second.err.substr(second.err.rfind("baseline: scan")) << std::flush;
}

TEST_F(ObservatoryTest, BadListAndUnwritableDatabaseAreClearErrors) {
  std::ofstream(dir_ / "empty.txt") << "# nothing\nnot a domain\n";
  auto empty = run_baseline(scan_args(dir_ / "empty.txt", {}));
  EXPECT_EQ(empty.exit_status, 2);
  EXPECT_NE(empty.err.find("empty.txt:2: "), std::string::npos) << empty.err;
  EXPECT_NE(empty.err.find("holds no valid domain"), std::string::npos) << empty.err;

  std::ofstream(dir_ / "one.txt") << "secure.lab\n";
  auto args = scan_args(dir_ / "one.txt", {});
  args[3] = "sqlite:/nonexistent-dir/obs.db";
  auto unwritable = run_baseline(args);
  EXPECT_EQ(unwritable.exit_status, 1);
  EXPECT_NE(unwritable.err.find("cannot open database /nonexistent-dir/obs.db"), std::string::npos)
      << unwritable.err;
}

}  // namespace
}  // namespace baseline::integration
