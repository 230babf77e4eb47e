// SPDX-License-Identifier: Apache-2.0
#include "app/serve_command.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <iostream>
#include <thread>

#include "accounts/login_throttle.h"
#include "catalog/catalog.h"
#include "i18n/i18n.h"
#include "i18n/scoped_language.h"
#include "notices/address.h"
#include "notices/after_scan.h"
#include "notices/digest_after_scan.h"
#include "runtime/run_catalog.h"
#include "runtime/runtime.h"
#include "server/account_authenticator.h"
#include "server/batch_lifecycle.h"
#include "server/http_server.h"
#include "server/privileges.h"
#include "server/scan_service.h"
#include "server/test_runner.h"
#include "server/web_front.h"
#include "store/store.h"

namespace baseline::app {

namespace {

std::string worker_name() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(getpid()) + ":serve";
}

std::unique_ptr<notices::Transport> notices_transport(const ServeOptions& options) {
  if (options.notices_smtp.empty()) return notices::sendmail_transport(options.notices_sendmail);
  notices::SmtpSettings smtp;
  smtp.host = options.notices_smtp;
  if (auto colon = options.notices_smtp.rfind(':');
      colon != std::string::npos && options.notices_smtp.front() != '[') {
    smtp.host = options.notices_smtp.substr(0, colon);
    smtp.port = options.notices_smtp.substr(colon + 1);
  }
  smtp.ca_file = options.notices_ca_file;
  return notices::smtp_transport(smtp);
}

// The scan service's after-scan call point for notices: one call per complete scan of a list.
server::AfterScanAction notices_action(const ServeOptions& options,
                                       const catalog::Catalog& catalog) {
  return [&options, &catalog](store::Store& store,
                              const server::FinishedScan& scan) -> core::Result<bool> {
    notices::AfterScanSettings settings;
    settings.directory = options.notices_dir;
    settings.transport = [&options] { return notices_transport(options); };
    settings.now_unix = [] {
      return std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
    auto outcome = notices::notices_after_scan(store, catalog, scan.list, scan.scan, settings);
    if (!outcome) return outcome.error();
    spdlog::info("{}", notices::after_scan_line(scan.list, scan.scan, *outcome));
    return true;
  };
}

// The digest to the list's owner, after scheduled scans only ("scan now" is watched live).
server::AfterScanAction digest_action(const ServeOptions& options, std::string public_url) {
  return [&options, public_url](store::Store& store,
                                const server::FinishedScan& scan) -> core::Result<bool> {
    if (scan.origin != "schedule") return true;
    notices::DigestSettings settings;
    settings.sender = options.digest_from;
    settings.public_url = public_url;
    settings.transport = [&options] { return notices_transport(options); };
    settings.now_unix = [] {
      return std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
    auto outcome = notices::digest_after_scan(store, scan.list, scan.scan, settings);
    if (!outcome) return outcome.error();
    spdlog::info("{}", notices::digest_line(scan.list, scan.scan, *outcome));
    return true;
  };
}

}  // namespace

int run_serve_command(const ServeOptions& options) {
  if (options.threads < 0 || options.concurrency < 1 || options.reuse_minutes < 0 ||
      options.per_address < 1 || options.per_prefix < 1 || options.max_queued < 1 ||
      options.batch_max_domains < 1 || options.batch_max_running < 1 ||
      options.batch_keep_days < 1) {
    std::cerr << "baseline: "
              << i18n::tr(
                     "--threads, --concurrency, the limits and --max-queued must be at "
                     "least 1, --reuse at least 0")
              << "\n";
    return 2;
  }
  if (!options.digest_from.empty() && !notices::check_address(options.digest_from)) {
    std::cerr << "baseline: " << i18n::tr("--digest-from is not a plain address (local@domain)")
              << "\n";
    return 2;
  }
  auto setup = runtime::Runtime::load(options.network, options.catalog);
  if (!setup) {
    std::cerr << "baseline: " << setup.error().message << "\n";
    return 2;
  }
  auto opened = store::open_store(options.database);
  if (!opened) {
    std::cerr << "baseline: " << opened.error().message << "\n";
    return 1;
  }
  if ((*opened)->kind() == "sqlite") {
    // One server owns a SQLite store: tests that were running when it stopped are run again.
    auto requeued = (*opened)->requeue_running_tests();
    if (!requeued) {
      std::cerr << "baseline: " << requeued.error().message << "\n";
      return 1;
    }
    if (*requeued > 0)
      std::cerr << "baseline: " << *requeued << " interrupted tests queued again\n";
  }
  server::LockedStore store(std::move(*opened));
  server::RateLimiter limiter({options.per_address, options.per_prefix});
  server::ProgressBoard progress;
  server::WebFront front{**setup, store, limiter, {options.reuse_minutes, options.max_queued}};
  front.progress = &progress;
  // Pages are written in each visitor's language: the catalogue once per shipped language.
  for (const auto& language : i18n::shipped_languages()) {
    const i18n::ScopedLanguage in_language(language);
    if (i18n::language() != language) continue;  // no translations installed for it
    auto translated = runtime::load_run_catalog(options.catalog);
    if (translated) front.page_catalogs.emplace(language, std::move(*translated));
  }
  accounts::LoginThrottle throttle;
  server::AccountAuthenticator authenticator(store, throttle);
  front.accounts = &authenticator;
  front.batch_limits.max_domains_per_request = static_cast<std::size_t>(options.batch_max_domains);
  front.batch_limits.max_running_requests = static_cast<std::size_t>(options.batch_max_running);
  front.batch_limits.keep_results = std::chrono::hours(options.batch_keep_days * 24);
  // 5000 names of up to 253 octets, quoted and Unicode-escaped in the worst case.
  front.batch_limits.max_body_bytes = std::max<std::size_t>(
      front.batch_limits.max_body_bytes, static_cast<std::size_t>(options.batch_max_domains) * 400);
  const auto routes = server::make_routes(front);

  std::signal(SIGPIPE, SIG_IGN);
  boost::asio::io_context io;
  server::HttpServer http(io, routes, server::ServerLimits{});
  auto endpoint = http.listen(options.listen);
  if (!endpoint) {
    std::cerr << "baseline: " << endpoint.error().message << "\n";
    return 2;
  }
  if (!options.user.empty()) {
    if (auto dropped = server::drop_privileges(options.user); !dropped) {
      std::cerr << "baseline: " << dropped.error().message << "\n";
      return 1;
    }
  } else if (geteuid() == 0) {
    std::cerr << "baseline: "
              << i18n::tr(
                     "warning: serving as root; --user NAME drops to NAME once the socket "
                     "is open")
              << "\n";
  }

  const int threads = options.threads > 0
                          ? options.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  server::TestRunner runner(**setup, store,
                            {threads, options.concurrency, worker_name(), {}, &progress});
  // Notices to domain owners after each scan, in the recipients' languages: with the catalogue's
  // English texts, which the notices translate per recipient.
  auto notices_catalog = catalog::load_catalog(options.catalog.catalog_file);
  if (!notices_catalog) {
    std::cerr << "baseline: " << notices_catalog.error().message << "\n";
    return 2;
  }
  if (options.run_tests) runner.start();
  const auto shown_address = endpoint->address().is_v6()
                                 ? "[" + endpoint->address().to_string() + "]"
                                 : endpoint->address().to_string();
  const auto public_url = options.public_url.empty()
                              ? "http://" + shown_address + ":" + std::to_string(endpoint->port())
                              : options.public_url;
  server::BatchLifecycle batches(store, {public_url, front.batch_limits});
  batches.start();
  server::ScanService scans(
      **setup, {options.database,
                threads,
                options.concurrency,
                worker_name() + ":scan",
                std::chrono::milliseconds(5000),
                {notices_action(options, *notices_catalog), digest_action(options, public_url)}});
  // With --no-tests the observatory's scans, like the tests, are left to workers; the schedules
  // are then started by another server.
  if (options.run_tests) scans.start();
  http.start();
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) { io.stop(); });
  const auto shown = endpoint->address().is_v6() ? "[" + endpoint->address().to_string() + "]"
                                                 : endpoint->address().to_string();
  std::cerr << "baseline: serving http://" << shown << ":" << endpoint->port() << "/ (store "
            << options.database << ")\n";
  io.run();
  std::cerr << "baseline: "
            << i18n::tr("stopping; running tests are queued again at the next start") << "\n";
  batches.stop();
  runner.stop();
  scans.stop();
  return 0;
}

}  // namespace baseline::app
