// SPDX-License-Identifier: Apache-2.0
// The scan's event loops: one thread per core, each with its own io_context, resolver and domain
// test environment (libunbound and the probes are single-threaded per loop), each running its
// share of `concurrency` runners. A runner takes a domain from the WorkQueue, tests it under the
// domain deadline (engine::run_domain), scores it and hands the record back.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>

#include "catalog/catalog.h"
#include "core/result.h"
#include "dns/resolver.h"
#include "engine/domain_run.h"
#include "scan/work_queue.h"

namespace baseline::scan {

// What each loop builds for itself, on its own thread.
struct LoopFactory {
  std::function<core::Result<std::unique_ptr<dns::Resolver>>(boost::asio::io_context&)> resolver;
  std::function<engine::TestEnvironment(dns::Resolver&)> environment;
};

struct LoopOptions {
  int threads = 1;
  int concurrency = 100;  // domain tests in flight across all loops
  // Records waiting for the store beyond this make runners pause (the store is slow or stuck).
  std::size_t max_backlog = 2000;
};

// Blocks until every runner has stopped: the queue is closed and drained, or it failed (then the
// loops are stopped at once, abandoning the tests in flight).
void run_event_loops(WorkQueue& queue, const LoopFactory& factory, const LoopOptions& options,
                     const catalog::Catalog& catalog);

}  // namespace baseline::scan
