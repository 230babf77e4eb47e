// SPDX-License-Identifier: Apache-2.0
#include "server/scan_service.h"

#include <spdlog/spdlog.h>

#include "core/version.h"
#include "observatory/server_scans.h"
#include "scan/event_loops.h"
#include "scan/store_loop.h"

namespace baseline::server {

namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

runtime::Families families_of(const std::string& scan_type) {
  if (scan_type == "web") return {true, false};
  if (scan_type == "mail") return {false, true};
  return {true, true};
}

}  // namespace

ScanService::ScanService(const runtime::Runtime& runtime, ScanServiceOptions options)
    : runtime_(runtime), options_(std::move(options)) {}

ScanService::~ScanService() {
  stop();
}

void ScanService::start() {
  thread_ = std::thread([this] { run(); });
}

void ScanService::stop() {
  stopping_.store(true);
  if (thread_.joinable()) thread_.join();
}

void ScanService::run() {
  auto opened = store::open_store(options_.database);
  if (!opened) {
    spdlog::error("observatory scans: {}", opened.error().message);
    return;
  }
  store::Store& store = **opened;
  if (store.kind() == "sqlite") {
    // One server owns a SQLite store: the leases of a killed run are stale.
    if (auto released = store.sql(
            "UPDATE scan_domains SET state = 0, worker = '' WHERE state = 1 AND scan_id IN "
            "(SELECT ss.scan_id FROM server_scans ss JOIN scans s ON s.id = ss.scan_id "
            "WHERE s.finished IS NULL)");
        !released) {
      spdlog::error("observatory scans: {}", released.error().message);
    }
  }
  const auto& catalog_version = runtime_.catalog().version;
  while (!stopping_.load()) {
    auto started =
        observatory::start_due_scans(store, unix_now(), core::kToolVersion, catalog_version);
    if (!started) spdlog::error("schedules: {}", started.error().message);
    for (const auto& s : started ? *started : std::vector<observatory::StartedScan>{}) {
      spdlog::info("scheduled scan {} of list '{}' started", s.scan, s.list);
    }
    auto next = observatory::next_unfinished_server_scan(store);
    if (!next) spdlog::error("observatory scans: {}", next.error().message);
    if (next && *next) {
      const auto scan = **next;
      const bool ran = run_scan(store, scan.scan, scan.scan_type);
      if (stopping_.load()) break;
      if (!ran) {
        std::this_thread::sleep_for(options_.poll);  // the store fails: do not spin
        continue;
      }
      auto claimed = observatory::finish_and_claim_after_scan(store, scan.scan);
      if (!claimed) {
        spdlog::error("scan {}: {}", scan.scan, claimed.error().message);
      } else if (*claimed) {
        spdlog::info("scan {} of list '{}' complete", scan.scan, scan.list);
        const FinishedScan finished{scan.scan, scan.list_id, scan.list, scan.origin};
        for (const auto& action : options_.after_scan) {
          if (auto done = action(store, finished); !done) {
            spdlog::error("after scan {}: {}", scan.scan, done.error().message);
          }
        }
      }
      continue;
    }
    const auto wake = std::chrono::steady_clock::now() + options_.poll;
    while (!stopping_.load() && std::chrono::steady_clock::now() < wake) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

bool ScanService::run_scan(store::Store& store, std::int64_t scan, const std::string& scan_type) {
  const auto families = families_of(scan_type);
  scan::LoopFactory factory{
      [this](boost::asio::io_context& io) { return runtime_.make_resolver(io); },
      [this, families](dns::Resolver& resolver) {
        return runtime_.make_environment(resolver, families);
      }};
  scan::LoopOptions loops;
  loops.threads = std::max(1, options_.threads);
  loops.concurrency = std::max(1, options_.concurrency);
  scan::StoreLoopOptions store_options;
  store_options.scan = scan;
  store_options.worker = options_.worker;
  store_options.claim_chunk = std::max(16, options_.concurrency);
  // As `baseline scan`: only a dead worker's domains are taken over, never a slow one's.
  store_options.lease =
      std::chrono::seconds(static_cast<long>(runtime_.options().timeout_seconds * 1.5) + 10);
  scan::WorkQueue queue;
  std::atomic<std::size_t> stored{0};
  std::thread loop_thread(
      [&] { scan::run_event_loops(queue, factory, loops, runtime_.catalog()); });
  auto outcome = scan::run_store_loop(store, queue, store_options, stopping_, stored);
  loop_thread.join();
  if (auto failure = queue.failure()) {
    spdlog::error("scan {}: {}", scan, *failure);
    return false;
  }
  spdlog::info("scan {}: {} domains stored by this server{}", scan, stored.load(),
               outcome.complete ? ", scan complete" : "");
  return true;
}

}  // namespace baseline::server
