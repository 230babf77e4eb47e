// baseline: tests domains against the urgent Internet security standards.
// The composition root: parses the command line and hands over to one command.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/catalog_command.h"
#include "app/test_command.h"
#include "core/version.h"

namespace {

// Many lookups in flight need many sockets; take what the hard limit allows.
void raise_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

void add_network_options(CLI::App& command, baseline::app::NetworkOptions& options) {
  command.add_option("--resolver", options.resolver,
                     "Use this validating recursive resolver (ADDR[:PORT]) and trust its AD bit, "
                     "instead of resolving from the root");
  command.add_option("--root-hints", options.root_hints,
                     "Root hints file for the built-in resolver");
  command.add_option("--trust-anchor", options.trust_anchor,
                     "Trust anchor file (DS or DNSKEY) for the built-in resolver");
  command.add_option("--ca-file", options.ca_file,
                     "Also trust this CA bundle (PEM) when validating certificates");
  command.add_flag("--allow-private", options.allow_private,
                   "Allow contacting private, loopback, documentation and other reserved addresses");
  command.add_option("--timeout", options.timeout_seconds,
                     "Upper bound in seconds for a whole domain test")
      ->capture_default_str();
  command.add_option("--probe-timeout", options.probe_timeout_seconds,
                     "Seconds to wait for one query to one server")
      ->capture_default_str();
  command.add_option("--vrps", options.vrps,
                     "Route origin authorisations: a validator's JSON export (rpki-client, Routinator)");
  command.add_option("--rtr", options.rtr,
                     "Route origin authorisations from an RTR cache (RFC 8210), HOST:PORT");
  command.add_option("--rib", options.rib,
                     "Announced routes: MRT TABLE_DUMP_V2 (RIS, RouteViews) or 'PREFIX ORIGIN_AS' "
                     "lines; gzip and bzip2 are read directly");
}

}  // namespace

int main(int argc, char** argv) {
  raise_file_limit();
  CLI::App app{"baseline: tests domains against the urgent Internet security standards"};
  app.set_version_flag("--version", baseline::core::kToolVersion);
  app.require_subcommand(1);

  baseline::app::TestOptions test;
  auto* test_command = app.add_subcommand("test", "Test one or a few domains and report");
  test_command->add_option("domain", test.domains, "Domain names to test")->required();
  test_command->add_flag("--json", test.json, "Write the result as JSON (schema baseline/test-result/1)");
  test_command->add_flag("--web", test.web, "Run the website checks (with neither --web nor --mail: all)");
  test_command->add_flag("--mail", test.mail, "Run the mail checks (with neither --web nor --mail: all)");
  test_command->add_option("--color,--colour", test.colour, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  test_command->add_option("--dkim-selector", test.dkim_selectors,
                            "Also look for a DKIM key at this selector (repeatable)");
  test_command->add_option("--html", test.html_file,
                           "Also write a self-contained HTML report (for print) to this file");
  test_command->add_option("--catalog", test.catalog_file,
                           "Read the catalogue of standards from this YAML file");
  test_command->add_option("--explanations", test.explanations_file,
                           "Comply-or-explain store to apply (default: " +
                               std::string(baseline::app::kDefaultExplanationsStore) +
                               " when it exists)");
  add_network_options(*test_command, test.network);

  baseline::app::CatalogCommands catalog_commands;
  baseline::app::add_catalog_commands(app, catalog_commands);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (test_command->parsed()) return baseline::app::run_test_command(test);
  if (int status = baseline::app::run_catalog_commands(catalog_commands); status >= 0)
    return status;
  return 2;
}
