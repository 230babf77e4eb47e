// SPDX-License-Identifier: Apache-2.0
#include "app/test_command.h"

#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/catalog_command.h"
#include "catalog/catalog.h"
#include "catalog/explanations.h"
#include "catalog/scoring.h"
#include "checks/mail/mail_servers.h"
#include "engine/domain_run.h"
#include "i18n/i18n.h"
#include "net/async.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/terminal_report.h"
#include "routing/routing_data.h"
#include "runtime/runtime.h"

namespace baseline::app {
namespace asio = boost::asio;

namespace {

bool use_colour(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr;
}

// The explanations to apply: --explanations FILE, else the default store when it exists.
core::Result<catalog::ExplanationBook> load_explanations(const TestOptions& options,
                                                         const catalog::Catalog& catalog,
                                                         std::string& used) {
  used = options.explanations_file;
  if (used.empty()) {
    if (!std::filesystem::exists(kDefaultExplanationsStore)) return catalog::ExplanationBook{};
    used = kDefaultExplanationsStore;
  }
  return catalog::load_explanations_file(used, catalog);
}

}  // namespace

int run_test_command(const TestOptions& options) {
  std::vector<core::DomainName> domains;
  for (const auto& text : options.domains) {
    auto domain = core::DomainName::parse(text);
    if (!domain) {
      std::cerr << "baseline: "
                << i18n::trf("invalid domain '{domain}': {reason}", fmt::arg("domain", text),
                             fmt::arg("reason", domain.error().message))
                << "\n";
      return 2;
    }
    domains.push_back(*domain);
  }

  // The catalogue, the network options and the explanations are read before anything touches
  // the network: a mistake in any is bad input.
  auto setup = runtime::Runtime::load(options.network, options.catalog);
  if (!setup) {
    std::cerr << "baseline: " << setup.error().message << "\n";
    return 2;
  }
  const auto* catalogue = &(*setup)->catalog();
  std::string explanations_source;
  auto explanations = load_explanations(options, *catalogue, explanations_source);
  if (!explanations) {
    std::cerr << "baseline: " << explanations.error().message << "\n";
    return 2;
  }

  std::ofstream html;
  if (!options.html_file.empty()) {
    html.open(options.html_file, std::ios::binary | std::ios::trunc);
    if (!html) {
      std::cerr << "baseline: "
                << i18n::trf("cannot write {file}", fmt::arg("file", options.html_file)) << "\n";
      return 2;
    }
  }
  asio::io_context io;
  auto resolver = (*setup)->make_resolver(io);
  if (!resolver) {
    std::cerr << "baseline: " << resolver.error().message << "\n";
    return 2;
  }
  auto environment = (*setup)->make_environment(
      **resolver, runtime::Families::from_flags(options.web, options.mail), options.dkim_selectors);
  checks::mail_family::MailServerCache mail_servers;  // a mail host shared by domains: probed once
  environment.mail_servers = &mail_servers;

  std::vector<engine::DomainReport> reports;
  std::exception_ptr failure;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        std::vector<asio::awaitable<engine::DomainReport>> tests;
        tests.reserve(domains.size());
        for (const auto& d : domains) tests.push_back(engine::run_domain(environment, d));
        reports = co_await net::gather(std::move(tests));
      },
      [&](std::exception_ptr e) { failure = e; });
  io.run();
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      std::cerr << "baseline: internal error: " << e.what() << "\n";
    }
    return 1;
  }

  std::vector<catalog::Scorecard> cards;
  cards.reserve(reports.size());
  for (const auto& r : reports) {
    cards.push_back(catalog::score_domain(*catalogue, r.results, r.domain.ascii(), &*explanations,
                                          catalog::day_of(r.started)));
  }

  if (!options.html_file.empty()) {
    std::vector<report::ScoredDomain> scored;
    scored.reserve(reports.size());
    for (std::size_t i = 0; i < reports.size(); ++i) scored.push_back({reports[i], cards[i]});
    report::write_html(html, scored, *catalogue, {explanations_source});
    if (!html.flush()) {
      std::cerr << "baseline: "
                << i18n::trf("cannot write {file}", fmt::arg("file", options.html_file)) << "\n";
      return 2;
    }
  }
  if (options.json) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < reports.size(); ++i) {
      out.push_back(report::to_json(reports[i], *catalogue, cards[i]));
    }
    if (out.size() == 1) out = out[0];
    // Strings from the network (CAA values, validator reasons) may be invalid UTF-8: replace,
    // never throw.
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    const bool colour = use_colour(options.colour);
    for (std::size_t i = 0; i < reports.size(); ++i) {
      report::write_terminal(std::cout, reports[i], *catalogue, cards[i], colour);
    }
    if (!options.html_file.empty()) {
      std::cout << i18n::trf("HTML report: {file}", fmt::arg("file", options.html_file)) << "\n";
    }
  }
  return 0;
}

}  // namespace baseline::app
