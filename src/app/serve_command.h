// SPDX-License-Identifier: Apache-2.0
// `baseline serve`: the web front (pages and /api/v1/) over the store, running the tests that
// people submit on the same engine as `test` and `scan`.
#pragma once

#include <string>

#include "runtime/network_setup.h"
#include "runtime/run_catalog.h"

namespace baseline::app {

struct ServeOptions {
  std::string database = "sqlite:baseline.db";
  std::string listen = "127.0.0.1:8080";
  int reuse_minutes = 10;
  int threads = 0;       // event loops running tests; 0: one per core (as scan)
  int concurrency = 8;   // tests at once
  int per_address = 10;  // tests per minute per client address
  int per_prefix = 30;   // tests per minute per IPv6 /64
  std::int64_t max_queued = 2000;
  std::string user;        // drop to this user once the socket is open
  std::string public_url;  // where people reach this server (batch report.url); default: --listen
  std::int64_t batch_max_domains = 5000;  // per batch request (accounts may have their own)
  std::int64_t batch_max_running = 4;     // batch requests unfinished at once per account
  std::int64_t batch_keep_days = 13;      // a finished batch request is deleted after this
  bool run_tests = true;                  // false: only `scan --worker --web-queue` runs tests
  runtime::CatalogChoice catalog;         // --catalog, --profile, --tls-guideline
  runtime::NetworkOptions network;
  // Notices after each scan the server runs (src/notices/after_scan.h).
  std::string notices_dir;  // dry runs and review notices; "" writes none
  std::string notices_sendmail = "/usr/sbin/sendmail";
  std::string notices_smtp;  // HOST[:PORT]: SMTP submission with STARTTLS instead of sendmail
  std::string notices_ca_file;
  // Digests to lists' owners after scheduled scans (src/notices/digest_after_scan.h), sent the
  // notices' way; "" sends none.
  std::string digest_from;
};

int run_serve_command(const ServeOptions& options);

}  // namespace baseline::app
