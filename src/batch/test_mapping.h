// SPDX-License-Identifier: Apache-2.0
// THE mapping table: every test and category of Internet.nl's batch API (v2.7.0, reference
// section A "Category and test names") and the Baseline checks that decide it. One table, here;
// results, metadata and docs/internetnl-batch-api.md are all built from it.
//
// How a test is decided: the worst verdict (core::worst: error > fail > warn > pass > info >
// not_applicable) over every result of its checks — every address, every host, every MX — that
// passes its target filter. A test with no Baseline check is `not_tested`, never guessed.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "batch/batch_request.h"
#include "core/verdict.h"

namespace baseline::batch {

// Which results of the mapped checks count for the test.
enum class TargetFilter {
  kAll,
  kMxHosts,            // mail.rpki.*: addresses used as an MX host
  kMxZoneNameServers,  // mail.rpki.*: addresses of the name servers of an MX host's zone
  kMxZoneSigned,       // mail.dnssec.mx read for "signed" only: secure or bogus means signed
};

struct TestMapping {
  std::string_view test;      // Internet.nl test name, e.g. "web_ipv6_ns_address"
  std::string_view category;  // Internet.nl category, e.g. "web_ipv6"
  std::string_view section;   // a group of tests under the category (as the reference groups
                              // them); empty: directly under the category
  std::span<const std::string_view> checks;  // Baseline check IDs; empty: not tested
  TargetFilter filter = TargetFilter::kAll;
  std::string_view note;  // what differs from Internet.nl (for the docs)
};

struct CategoryMapping {
  std::string_view category;
  RequestType type;
};

std::span<const CategoryMapping> categories();
std::span<const TestMapping> tests();
std::vector<const TestMapping*> tests_of(RequestType type);
std::vector<const TestMapping*> tests_in(std::string_view category);
const TestMapping* find_test(std::string_view test);
const CategoryMapping* find_category(std::string_view category);

// Baseline's checks that decide no Internet.nl test (Baseline tests more: they are in its own
// report and in results_technical's baseline_checks), in registry order.
std::vector<std::string_view> checks_beyond_internetnl();

// The Internet.nl requirement level of a mapped test: the level of its deciding Baseline check
// (checks.md follows Internet.nl's levels); nullopt for a test Baseline does not run.
std::optional<core::Level> test_level(const TestMapping& test);

}  // namespace baseline::batch
