// SPDX-License-Identifier: Apache-2.0
// Server time of the observatory's report pages for a large list: a SQLite store with two
// finished scans of N domains (default 10,000; every catalogue standard, a tenth of the verdicts
// changed between the scans, tags), then through the web front's route table as a signed-in
// owner: the report page, the same with the comparison, the CSV and the XLSX export, each timed
// from request to response (best and median of five). Targets (issue 13): report and comparison
// under 1 s, XLSX under 5 s.
//
//   build/bench/observatory_report_bench [DOMAINS]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "observatory/list_owner.h"
#include "server/web_front.h"

namespace {

using namespace baseline;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kOwner = 1;

std::vector<store::DomainRecord> records(const catalog::Catalog& catalog, int domains,
                                         unsigned seed) {
  std::mt19937 random(seed);
  const char* verdicts[] = {"pass", "pass", "pass", "fail", "error", "not_applicable"};
  std::vector<store::DomainRecord> out;
  out.reserve(static_cast<std::size_t>(domains));
  for (int i = 0; i < domains; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "d%06d.fleet.lab", i);
    store::DomainRecord r{name, "2026-12-01T10:00:00Z", 900, static_cast<int>(random() % 100)};
    for (const auto& s : catalog.standards) {
      r.standards.push_back({s.id, verdicts[random() % 6]});
    }
    for (const char* check : {"dns.dnssec.valid", "web.tls.version", "mail.dmarc"}) {
      core::CheckResult c;
      c.id = check;
      c.target = name;
      c.verdict = random() % 4 ? core::Verdict::kPass : core::Verdict::kFail;
      c.summary = "synthetic";
      r.results.push_back(c);
    }
    out.push_back(std::move(r));
  }
  return out;
}

double time_request(server::RouteTable& routes, const std::string& target, std::size_t& bytes) {
  server::Request r{server::http::verb::get, target, 11};
  r.set("X-Bench-Account", "1");
  const auto start = Clock::now();
  auto response = routes.dispatch(r, boost::asio::ip::make_address("127.0.0.1"));
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (response.result() != server::http::status::ok) {
    std::fprintf(stderr, "%s: HTTP %d\n", target.c_str(), static_cast<int>(response.result_int()));
    std::exit(1);
  }
  bytes = response.body().size();
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const int domains = argc > 1 ? std::atoi(argv[1]) : 10000;
  char dir[] = "/tmp/baseline-report-bench-XXXXXX";
  if (mkdtemp(dir) == nullptr) return 1;
  auto runtime = runtime::Runtime::load({}, {});
  if (!runtime) return 1;
  const auto& catalog = (*runtime)->catalog();
  auto opened = store::open_store(std::string("sqlite:") + dir + "/bench.db");
  if (!opened) return 1;
  auto& db = **opened;
  std::vector<core::ListEntry> entries;
  for (int i = 0; i < domains; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "d%06d.fleet.lab", i);
    entries.push_back(
        {name, i % 3 ? "health" : "government", "NL", "Organisation " + std::to_string(i / 10)});
  }
  const auto fill_start = Clock::now();
  auto list = db.save_list("1:fleet", entries);
  if (!list || !observatory::set_list_settings(db, *list, kOwner, "all")) return 1;
  std::vector<std::int64_t> scans;
  for (unsigned seed : {1u, 2u}) {
    auto scan = db.create_scan("1:fleet", "bench", catalog.version);
    if (!scan) return 1;
    auto all = records(catalog, domains, seed);
    for (std::size_t i = 0; i < all.size(); i += 500) {
      std::vector<store::DomainRecord> batch(
          all.begin() + static_cast<long>(i),
          all.begin() + static_cast<long>(std::min(i + 500, all.size())));
      if (!db.save(*scan, batch)) return 1;
    }
    if (!db.finish_scan(*scan)) return 1;
    scans.push_back(*scan);
  }
  std::printf("store: %d domains x 2 scans written in %.1f s\n", domains,
              std::chrono::duration<double>(Clock::now() - fill_start).count());

  server::LockedStore store(std::move(*opened));
  server::RateLimiter limiter({10, 30});
  std::unique_ptr<server::WebFront> front(new server::WebFront{**runtime, store, limiter, {}});
  auto routes = server::make_routes(*front);
  routes.set_authenticator(
      [](const server::Request& r, const boost::asio::ip::address&) -> server::Authentication {
        if (r["X-Bench-Account"].empty()) return {};
        return {server::Caller{kOwner, "bench", true, "token"}, {}};
      });
  const auto report = "/scans/" + std::to_string(scans[1]);
  const std::vector<std::pair<std::string, std::string>> targets{
      {"report page", report},
      {"comparison page", report + "?compare=" + std::to_string(scans[0])},
      {"filtered + sorted",
       report + "?compare=" + std::to_string(scans[0]) + "&change=regressed&sort=score"},
      {"CSV export", report + ".csv"},
      {"XLSX export", report + ".xlsx?compare=" + std::to_string(scans[0])}};
  for (const auto& [name, target] : targets) {
    std::vector<double> times;
    std::size_t bytes = 0;
    for (int i = 0; i < 5; ++i) times.push_back(time_request(routes, target, bytes));
    std::sort(times.begin(), times.end());
    std::printf("%-18s best %6.3f s  median %6.3f s  (%zu bytes)\n", name.c_str(), times[0],
                times[2], bytes);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
