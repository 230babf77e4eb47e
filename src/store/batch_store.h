// SPDX-License-Identifier: Apache-2.0
// The batch API's tables (schema version 4): requests and their domains, each domain run as a
// test of the web front's queue (web_tests), and, once a request is generated, each domain's
// rendered results kept as text so that a results call for 10,000 domains is a concatenation.
// Every method that a route calls takes the account and filters on it in SQL: another account's
// request is not found, exactly like one that does not exist. The lifecycle methods (register,
// finished, generated) are the server's own and take no account.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/batch_record.h"
#include "store/sql_connection.h"

namespace baseline::store {

// One domain's rendered output, as the results routes send it.
struct BatchDomainText {
  std::string key;   // the reply's key (the Unicode name)
  std::string json;  // the domain's object, serialised
};

// One domain to generate: its test's state and result.
struct BatchDomainTest {
  std::string domain;
  std::string test_id;
  std::string state;   // the web test's: done, error (or empty when it vanished)
  std::string result;  // the baseline/test-result/1 text when done
};

// The unfinished statuses, as stored.
inline constexpr const char* kUnfinishedStatuses = "('registering', 'running', 'generating')";

class BatchStore {
 public:
  explicit BatchStore(SqlConnection& sql) : sql_(sql) {}

  // The account's requests that are registering, running or generating.
  core::Result<std::int64_t> unfinished(std::int64_t account_id);
  // Stores a new request (status registering) with its normalised domains.
  core::Result<bool> add(std::int64_t account_id, const store::BatchRequest& request,
                         const std::vector<std::string>& domains);
  // Newest first, at most `limit` (0: all), with progress.
  core::Result<std::vector<store::BatchRequest>> list(std::int64_t account_id, std::size_t limit);
  core::Result<std::optional<store::BatchRequest>> find(std::int64_t account_id,
                                                        const std::string& id);
  // Cancels an unfinished request; queued tests that only it waits for leave the queue.
  // False when the request was already finished (or is not the account's).
  core::Result<bool> cancel(std::int64_t account_id, const std::string& id, std::int64_t now_us);
  // Each domain's rendered results (technical: results_technical), in domain order.
  core::Result<std::vector<BatchDomainText>> outputs(std::int64_t account_id, const std::string& id,
                                                     bool technical);

  // ---- The lifecycle, run by the server ----
  // Requests in `status`, oldest first, with their type.
  core::Result<std::vector<store::BatchRequest>> in_status(store::RequestStatus status,
                                                           std::size_t limit);
  // registering → running: each domain joins a queued or running test of the same domain and
  // families, or gets a new queued test; in one transaction. False when the request was not
  // registering any more (cancelled meanwhile).
  core::Result<bool> register_tests(const std::string& id, const std::string& families,
                                    std::int64_t now_unix);
  // Domains whose test is still queued or running.
  core::Result<std::int64_t> waiting(const std::string& id);
  // Moves `id` from one status to another; false when it was not in `from`.
  core::Result<bool> move(const std::string& id, store::RequestStatus from, store::RequestStatus to,
                          std::optional<std::int64_t> finished_us = std::nullopt);
  // Up to `limit` domains not yet generated, with their tests; with `finished_only`, only those
  // whose test is done or in error (rendered while the rest still run).
  core::Result<std::vector<BatchDomainTest>> ungenerated(const std::string& id, std::size_t limit,
                                                         bool finished_only = false);
  core::Result<bool> set_output(const std::string& id, const std::string& domain,
                                const BatchDomainText& results, const std::string& technical);
  // Deletes finished requests older than their account's retention (or `default_hours`).
  core::Result<std::int64_t> expire(std::int64_t now_us, std::int64_t default_hours);

 private:
  SqlConnection& sql_;
};

}  // namespace baseline::store
