// SPDX-License-Identifier: Apache-2.0
#include "app/scan_command.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "catalog/catalog.h"
#include "core/list_file.h"
#include "core/version.h"
#include "i18n/i18n.h"
#include "runtime/runtime.h"
#include "scan/event_loops.h"
#include "scan/progress_meter.h"
#include "scan/store_loop.h"
#include "server/test_runner.h"
#include "store/store.h"

namespace baseline::app {

namespace {

// A worker waits this long for a scan to appear before giving up.
constexpr std::chrono::seconds kWorkerWaitForScan{60};
// A lease outlives the domain deadline by this much plus half of it: only a dead worker's domains
// are taken over, never a slow one's.
constexpr std::chrono::seconds kLeaseMargin{10};

std::atomic<bool> interrupted{false};
extern "C" void on_signal(int) {
  interrupted.store(true);
}

std::string default_list_name(const std::string& file) {
  if (file == "-") return "stdin";
  return std::filesystem::path(file).stem().string();
}

std::string worker_name() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(getpid());
}

// Reads and stores the list; prints each problem line. Returns false when nothing is usable.
bool import_list(const ScanOptions& options, const std::string& name, store::Store& store,
                 int& status) {
  core::DomainList list;
  if (options.list_file == "-") {
    list = core::parse_domain_list(std::cin);
  } else {
    std::ifstream in(options.list_file, std::ios::binary);
    if (!in) {
      std::cerr << "baseline: "
                << i18n::trf("cannot open list file {file}", fmt::arg("file", options.list_file))
                << "\n";
      status = 2;
      return false;
    }
    list = core::parse_domain_list(in);
  }
  for (const auto& p : list.problems) {
    std::cerr << "baseline: " << options.list_file << ":" << p.line << ": " << p.message << " "
              << i18n::tr("(skipped)") << "\n";
  }
  if (list.problem_count > list.problems.size()) {
    std::cerr << "baseline: "
              << i18n::trf("… and {count} more lines skipped",
                           fmt::arg("count", list.problem_count - list.problems.size()))
              << "\n";
  }
  if (list.entries.empty()) {
    std::cerr << "baseline: "
              << i18n::trf("{file} holds no valid domain", fmt::arg("file", options.list_file))
              << "\n";
    status = 2;
    return false;
  }
  auto saved = store.save_list(name, list.entries);
  if (!saved) {
    std::cerr << "baseline: "
              << i18n::trf("cannot store the list: {reason}",
                           fmt::arg("reason", saved.error().message))
              << "\n";
    status = 1;
    return false;
  }
  std::cerr << "baseline: "
            << i18n::trf("list '{list}': {count} domains", fmt::arg("list", name),
                         fmt::arg("count", list.entries.size()))
            << (list.problem_count
                    ? i18n::trf(", {count} lines skipped", fmt::arg("count", list.problem_count))
                    : std::string())
            << "\n";
  return true;
}

// The scan this run works on: a new one, the unfinished one (--resume), or the one to join.
core::Result<std::int64_t> choose_scan(const ScanOptions& options, const std::string& list,
                                       const catalog::Catalog& catalog, store::Store& store) {
  if (options.worker) {
    const auto give_up = std::chrono::steady_clock::now() + kWorkerWaitForScan;
    while (!interrupted.load()) {
      auto scan = store.unfinished_scan(list);
      if (!scan) return scan.error();
      if (*scan) return (*scan)->id;
      if (std::chrono::steady_clock::now() > give_up) break;
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    return core::make_error("no unfinished scan" +
                            (list.empty() ? std::string() : " of list '" + list + "'") +
                            " to join");
  }
  auto unfinished = store.unfinished_scan(list);
  if (!unfinished) return unfinished.error();
  if (options.resume && *unfinished) {
    const auto& scan = **unfinished;
    std::cerr << "baseline: "
              << i18n::trf("resuming scan {scan} of '{list}' ({done} of {count} domains done)",
                           fmt::arg("scan", scan.id), fmt::arg("list", list),
                           fmt::arg("done", scan.done), fmt::arg("count", scan.domains))
              << "\n";
    if (store.kind() == "sqlite") {
      // One process owns a SQLite scan: the leases of the killed run are stale.
      if (auto released = store.release_leases(scan.id); !released) return released.error();
    }
    return scan.id;
  }
  if (options.resume)
    std::cerr << "baseline: "
              << i18n::trf("no unfinished scan of '{list}'; starting one", fmt::arg("list", list))
              << "\n";
  if (!options.resume && *unfinished) {
    std::cerr << "baseline: "
              << i18n::trf("note: scan {scan} of '{list}' is unfinished; --resume continues it",
                           fmt::arg("scan", (*unfinished)->id), fmt::arg("list", list))
              << "\n";
  }
  return store.create_scan(list, core::kToolVersion, catalog.version);
}

bool show_bar(const std::string& mode) {
  if (mode == "bar") return true;
  if (mode == "lines" || mode == "none") return false;
  return isatty(STDERR_FILENO) != 0;
}

}  // namespace

namespace {

// `scan --worker --web-queue`: tests submitted through `baseline serve`, taken from the shared
// PostgreSQL queue, until interrupted.
int run_web_queue_worker(const ScanOptions& options, const runtime::Runtime& runtime) {
  auto opened = store::open_store(options.database);
  if (!opened) {
    std::cerr << "baseline: " << opened.error().message << "\n";
    return 1;
  }
  if ((*opened)->kind() != "postgresql") {
    std::cerr << "baseline: "
              << i18n::tr(
                     "--web-queue needs a PostgreSQL store (a SQLite store's queue is run "
                     "by its `baseline serve`)")
              << "\n";
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  server::LockedStore store(std::move(*opened));
  server::TestRunner runner(
      runtime, store,
      {options.threads > 0 ? options.threads : 1, options.concurrency, worker_name() + ":web", {}});
  runner.start();
  std::cerr << "baseline: " << i18n::tr("running the web test queue; Ctrl-C stops") << "\n";
  while (!interrupted.load()) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  runner.stop();
  return 0;
}

}  // namespace

int run_scan_command(const ScanOptions& options) {
  if (options.list_file.empty() && !options.worker) {
    std::cerr << "baseline: " << i18n::tr("scan needs a LISTFILE (or --worker to join a scan)")
              << "\n";
    return 2;
  }
  if (options.concurrency < 1) {
    std::cerr << "baseline: " << i18n::tr("--concurrency must be at least 1") << "\n";
    return 2;
  }
  auto setup = runtime::Runtime::load(options.network, options.catalog);
  if (!setup) {
    std::cerr << "baseline: " << setup.error().message << "\n";
    return 2;
  }
  const auto* catalogue = &(*setup)->catalog();
  if (options.web_queue) {
    if (!options.worker) {
      std::cerr << "baseline: " << i18n::tr("--web-queue goes with --worker") << "\n";
      return 2;
    }
    return run_web_queue_worker(options, **setup);
  }
  auto store = store::open_store(options.database);
  if (!store) {
    std::cerr << "baseline: " << store.error().message << "\n";
    return 1;
  }
  const std::string list = options.list_name.empty() && !options.list_file.empty()
                               ? default_list_name(options.list_file)
                               : options.list_name;
  int status = 0;
  if (!options.list_file.empty() && !import_list(options, list, **store, status)) return status;

  // A server closing while we write must fail that write, not kill a scan of thousands.
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  auto scan_id = choose_scan(options, list, *catalogue, **store);
  if (!scan_id) {
    std::cerr << "baseline: " << scan_id.error().message << "\n";
    return 1;
  }
  auto before = (*store)->progress(*scan_id);
  if (!before) {
    std::cerr << "baseline: " << before.error().message << "\n";
    return 1;
  }

  const auto families = runtime::Families::from_flags(options.web, options.mail);
  const runtime::Runtime& environment = **setup;
  scan::LoopFactory factory{
      [&](boost::asio::io_context& io) { return environment.make_resolver(io); },
      [&](dns::Resolver& resolver) {
        return environment.make_environment(resolver, families, options.dkim_selectors);
      }};
  scan::LoopOptions loop_options;
  loop_options.threads = options.threads > 0
                             ? options.threads
                             : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  loop_options.concurrency = options.concurrency;

  scan::StoreLoopOptions store_options;
  store_options.scan = *scan_id;
  store_options.worker = worker_name();
  store_options.claim_chunk = std::max(16, options.concurrency);
  store_options.lease =
      std::chrono::seconds(static_cast<long>(options.network.timeout_seconds * 1.5)) + kLeaseMargin;

  scan::WorkQueue queue;
  std::atomic<std::size_t> stored{0};
  std::atomic<bool> store_done{false};
  scan::StoreLoopOutcome outcome;
  const auto started = std::chrono::steady_clock::now();
  std::thread store_thread([&] {
    outcome = scan::run_store_loop(**store, queue, store_options, interrupted, stored);
    store_done.store(true);
  });
  std::thread loop_thread([&] { scan::run_event_loops(queue, factory, loop_options, *catalogue); });

  scan::ProgressMeter meter(std::cerr, show_bar(options.progress),
                            static_cast<std::size_t>(before->total),
                            static_cast<std::size_t>(before->done));
  while (!store_done.load()) {
    if (options.progress != "none") meter.update(stored.load());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  store_thread.join();
  loop_thread.join();
  if (options.progress != "none") meter.finish(stored.load());

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (auto failure = queue.failure()) {
    std::cerr << "baseline: "
              << i18n::trf("scan {scan} stopped: {reason}", fmt::arg("scan", *scan_id),
                           fmt::arg("reason", *failure))
              << "\nbaseline: "
              << i18n::trf("the {count} domains stored before are kept; `--resume` continues",
                           fmt::arg("count", stored.load()))
              << "\n";
    return 1;
  }
  if (outcome.complete) {
    if (auto finished = (*store)->finish_scan(*scan_id); !finished) {
      std::cerr << "baseline: " << finished.error().message << "\n";
      return 1;
    }
  }
  std::cerr << "baseline: "
            << i18n::trf(
                   "scan {scan} of '{list}': {count} domains tested in {seconds} s ({rate} "
                   "domains/s)",
                   fmt::arg("scan", *scan_id), fmt::arg("list", list),
                   fmt::arg("count", stored.load()), fmt::arg("seconds", i18n::decimal(seconds, 1)),
                   fmt::arg(
                       "rate",
                       i18n::decimal(
                           seconds > 0 ? static_cast<double>(stored.load()) / seconds : 0.0, 1)))
            << (outcome.complete ? i18n::tr(", scan complete") : i18n::tr(", scan not complete"))
            << "\n";
  if (interrupted.load()) {
    std::cerr << "baseline: " << i18n::tr("interrupted; `--resume` continues") << "\n";
    return 1;
  }
  return 0;
}

}  // namespace baseline::app
