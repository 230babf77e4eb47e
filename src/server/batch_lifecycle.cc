// SPDX-License-Identifier: Apache-2.0
#include "server/batch_lifecycle.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "batch/domain_results.h"
#include "batch/technical_results.h"
#include "server/test_runner.h"
#include "store/batch_store.h"
#include "store/store.h"

namespace baseline::server {

namespace {

using batch::RequestStatus;

constexpr std::size_t kRequestsPerRound = 20;
constexpr std::chrono::minutes kExpiryInterval{10};

std::int64_t now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string families_of(batch::RequestType type) {
  return TestRunner::families_text(type == batch::RequestType::kWeb
                                       ? runtime::Families{true, false}
                                       : runtime::Families{false, true});
}

// Runs `body` on the store's plain SQL connection.
template <class Body>
auto with_batches(LockedStore& store, Body&& body) {
  return store.with([&](store::Store& s) {
    auto* sql = s.sql();
    if (sql == nullptr) throw std::runtime_error("this store keeps no batch requests");
    store::BatchStore batches(*sql);
    return body(batches, *sql);
  });
}

}  // namespace

BatchLifecycle::BatchLifecycle(LockedStore& store, BatchLifecycleOptions options)
    : store_(store), options_(std::move(options)) {}

BatchLifecycle::~BatchLifecycle() {
  stop();
}

void BatchLifecycle::start() {
  thread_ = std::thread([this] {
    while (!stopping_) {
      std::size_t moved = 0;
      try {
        moved = step();
      } catch (const std::exception& e) {
        spdlog::error("batch requests: {}", e.what());
      }
      if (moved > 0) continue;  // more may be ready at once (a large request renders in chunks)
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, options_.poll, [this] { return stopping_.load(); });
    }
  });
}

void BatchLifecycle::stop() {
  stopping_ = true;
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::size_t BatchLifecycle::step() {
  expire();
  return register_requests() + finish_running() + generate();
}

std::size_t BatchLifecycle::register_requests() {
  auto waiting = with_batches(store_, [](store::BatchStore& b, store::SqlConnection&) {
    return b.in_status(RequestStatus::kRegistering, kRequestsPerRound);
  });
  if (!waiting) throw std::runtime_error(waiting.error().message);
  std::size_t moved = 0;
  for (const auto& request : *waiting) {
    auto registered = with_batches(store_, [&](store::BatchStore& b, store::SqlConnection&) {
      return b.register_tests(request.id, families_of(request.type), now_us() / 1000000);
    });
    if (!registered) {
      spdlog::error("batch request {}: {}", request.id, registered.error().message);
      (void)with_batches(store_, [&](store::BatchStore& b, store::SqlConnection&) {
        return b.move(request.id, RequestStatus::kRegistering, RequestStatus::kError, now_us());
      });
      continue;
    }
    moved += *registered ? 1 : 0;
  }
  return moved;
}

std::size_t BatchLifecycle::finish_running() {
  auto running = with_batches(store_, [](store::BatchStore& b, store::SqlConnection&) {
    return b.in_status(RequestStatus::kRunning, 1000);
  });
  if (!running) throw std::runtime_error(running.error().message);
  std::size_t moved = 0;
  for (const auto& request : *running) {
    // Rendered while the rest run, so that little is left for `generating`.
    moved += render_chunk(request, true).value_or(0);
    auto done = with_batches(
        store_, [&](store::BatchStore& b, store::SqlConnection&) -> core::Result<bool> {
          auto waiting = b.waiting(request.id);
          if (!waiting) return waiting.error();
          if (*waiting > 0) return false;
          return b.move(request.id, RequestStatus::kRunning, RequestStatus::kGenerating);
        });
    if (!done) throw std::runtime_error(done.error().message);
    moved += *done ? 1 : 0;
  }
  return moved;
}

std::size_t BatchLifecycle::generate() {
  auto generating = with_batches(store_, [](store::BatchStore& b, store::SqlConnection&) {
    return b.in_status(RequestStatus::kGenerating, kRequestsPerRound);
  });
  if (!generating) throw std::runtime_error(generating.error().message);
  std::size_t rendered = 0;
  for (const auto& request : *generating) {
    if (auto count = render_chunk(request, false)) {
      rendered += *count;
      continue;
    }
    auto moved = with_batches(store_, [&](store::BatchStore& b, store::SqlConnection&) {
      return b.move(request.id, RequestStatus::kGenerating, RequestStatus::kDone, now_us());
    });
    if (!moved) throw std::runtime_error(moved.error().message);
    rendered += *moved ? 1 : 0;
  }
  return rendered;
}

std::optional<std::size_t> BatchLifecycle::render_chunk(const batch::BatchRequest& request,
                                                        bool finished_only) {
  auto chunk = with_batches(store_, [&](store::BatchStore& b, store::SqlConnection&) {
    return b.ungenerated(request.id, options_.generate_chunk, finished_only);
  });
  if (!chunk) throw std::runtime_error(chunk.error().message);
  if (chunk->empty()) return std::nullopt;
  // Rendered outside the store's lock: parsing results is the slow part.
  struct Output {
    std::string domain;
    store::BatchDomainText results;
    std::string technical;
  };
  std::vector<Output> outputs;
  outputs.reserve(chunk->size());
  for (const auto& d : *chunk) {
    const auto stored =
        d.state == "done" ? nlohmann::json::parse(d.result, nullptr, false) : nlohmann::json();
    const auto usable = stored.is_discarded() ? nlohmann::json() : stored;
    const auto url = options_.public_url + "/test/" + d.test_id;
    outputs.push_back({d.domain,
                       {batch::domain_key(usable, d.domain),
                        batch::domain_results(usable, request.type, url)
                            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)},
                       batch::technical_results(usable, request.type)
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
  }
  auto stored = with_batches(store_, [&](store::BatchStore& b, store::SqlConnection& sql) {
    return store::in_transaction(sql, [&]() -> core::Result<bool> {
      for (const auto& o : outputs) {
        if (auto set = b.set_output(request.id, o.domain, o.results, o.technical); !set)
          return set.error();
      }
      return true;
    });
  });
  if (!stored) throw std::runtime_error(stored.error().message);
  return outputs.size();
}

void BatchLifecycle::expire() {
  const auto now = std::chrono::steady_clock::now();
  if (now < next_expiry_) return;
  next_expiry_ = now + kExpiryInterval;
  auto removed = with_batches(store_, [&](store::BatchStore& b, store::SqlConnection&) {
    return b.expire(now_us(), options_.limits.keep_results.count());
  });
  if (!removed) {
    spdlog::error("batch requests: {}", removed.error().message);
  } else if (*removed > 0) {
    spdlog::info("batch requests: {} past their retention deleted", *removed);
  }
}

}  // namespace baseline::server
