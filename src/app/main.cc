// SPDX-License-Identifier: Apache-2.0
// baseline: tests domains against the urgent Internet security standards.
// The composition root: parses the command line and hands over to one command.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "app/catalog_command.h"
#include "app/cli_language.h"
#include "app/notices_command.h"
#include "app/profile_setup.h"
#include "app/report_command.h"
#include "app/scan_command.h"
#include "app/schedule_command.h"
#include "app/serve_command.h"
#include "app/test_command.h"
#include "app/users_command.h"
#include "core/version.h"
#include "i18n/i18n.h"

namespace {

namespace i18n = baseline::i18n;

// Many lookups in flight need many sockets; take what the hard limit allows.
void raise_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

void add_network_options(CLI::App& command, baseline::runtime::NetworkOptions& options) {
  command.add_option(
      "--resolver", options.resolver,
      i18n::tr("Use this validating recursive resolver (ADDR[:PORT]) and trust its AD bit, "
               "instead of resolving from the root"));
  command.add_option("--root-hints", options.root_hints,
                     i18n::tr("Root hints file for the built-in resolver"));
  command.add_option("--trust-anchor", options.trust_anchor,
                     i18n::tr("Trust anchor file (DS or DNSKEY) for the built-in resolver"));
  command.add_option("--ca-file", options.ca_file,
                     i18n::tr("Also trust this CA bundle (PEM) when validating certificates"));
  command.add_flag(
      "--allow-private", options.allow_private,
      i18n::tr("Allow contacting private, loopback, documentation and other reserved addresses"));
  command
      .add_option("--timeout", options.timeout_seconds,
                  i18n::tr("Upper bound in seconds for a whole domain test"))
      ->capture_default_str();
  command
      .add_option("--probe-timeout", options.probe_timeout_seconds,
                  i18n::tr("Seconds to wait for one query to one server"))
      ->capture_default_str();
  command.add_option(
      "--vrps", options.vrps,
      i18n::tr("Route origin authorisations: a validator's JSON export (rpki-client, Routinator)"));
  command.add_option(
      "--rtr", options.rtr,
      i18n::tr("Route origin authorisations from an RTR cache (RFC 8210), HOST:PORT"));
  command.add_option(
      "--rib", options.rib,
      i18n::tr("Announced routes: MRT TABLE_DUMP_V2 (RIS, RouteViews) or 'PREFIX ORIGIN_AS' "
               "lines; gzip and bzip2 are read directly"));
}

// The value of --lang (or --lang=X) anywhere on the command line, read before CLI11 parses it:
// the help texts are set up in that language. The last one wins, as CLI11 would have it.
std::string language_option(int argc, char** argv) {
  std::string found;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg == "--") break;
    if (arg == "--lang" && i + 1 < argc) found = argv[++i];
    if (arg.starts_with("--lang=")) found = arg.substr(7);
  }
  return found;
}

int run_command_line(int argc, char** argv) {
  raise_file_limit();
  // The language first: descriptions, --help and Baseline's own errors are written in it.
  std::string warning;
  const auto chosen = i18n::choose_language(language_option(argc, argv), &warning);
  if (auto missing = i18n::set_language(chosen); !missing.empty() && warning.empty()) {
    warning = missing;
  }
  CLI::App app{i18n::tr("baseline: tests domains against the urgent Internet security standards")};
  baseline::app::translate_cli_framework(app, baseline::core::kToolVersion);
  app.require_subcommand(1);
  std::string language;
  app.add_option(
      "--lang", language,
      i18n::tr("Language of the reports: en, nl or pt-BR (default: from LANGUAGE, LC_ALL, "
               "LC_MESSAGES or LANG)"));
  app.fallthrough();  // --lang may also follow the subcommand

  baseline::app::TestOptions test;
  auto* test_command = app.add_subcommand("test", i18n::tr("Test one or a few domains and report"));
  test_command->add_option("domain", test.domains, i18n::tr("Domain names to test"))->required();
  test_command->add_flag("--json", test.json,
                         i18n::tr("Write the result as JSON (schema baseline/test-result/1)"));
  test_command->add_flag("--web", test.web,
                         i18n::tr("Run the website checks (with neither --web nor --mail: all)"));
  test_command->add_flag("--mail", test.mail,
                         i18n::tr("Run the mail checks (with neither --web nor --mail: all)"));
  test_command->add_option("--color,--colour", test.colour, i18n::tr("auto, always or never"))
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  test_command->add_option("--dkim-selector", test.dkim_selectors,
                           i18n::tr("Also look for a DKIM key at this selector (repeatable)"));
  test_command->add_option(
      "--html", test.html_file,
      i18n::tr("Also write a self-contained HTML report (for print) to this file"));
  test_command->add_option("--catalog", test.catalog.catalog_file,
                           i18n::tr("Read the catalogue of standards from this YAML file"));
  test_command->add_option("--explanations", test.explanations_file,
                           i18n::trf("Comply-or-explain store to apply (default: {file} when it "
                                     "exists)",
                                     fmt::arg("file", baseline::app::kDefaultExplanationsStore)));
  baseline::app::add_profile_options(*test_command, test.catalog);
  add_network_options(*test_command, test.network);

  baseline::app::ScanOptions scan;
  auto* scan_command = app.add_subcommand(
      "scan", i18n::tr("Test every domain of a list and store the results (SQLite or PostgreSQL)"));
  scan_command->add_option(
      "listfile", scan.list_file,
      i18n::tr("One domain per line (# comments), or CSV with a 'domain' column and "
               "optional sector, country, organisation columns; - reads stdin"));
  scan_command->add_option("--db", scan.database, i18n::tr("sqlite:FILE or postgresql://…"))
      ->capture_default_str();
  scan_command->add_option(
      "--list", scan.list_name,
      i18n::tr("Name of the list in the database (default: the file name without extension)"));
  scan_command
      ->add_option("--concurrency", scan.concurrency, i18n::tr("Domain tests in flight at once"))
      ->capture_default_str();
  scan_command->add_option("--threads", scan.threads,
                           i18n::tr("Event loops (default: one per core)"));
  scan_command->add_flag(
      "--resume", scan.resume,
      i18n::tr("Continue the newest unfinished scan of the list: finished domains are kept"));
  scan_command->add_flag(
      "--worker", scan.worker,
      i18n::tr("Join the newest unfinished scan (of --list) and work on it with others"));
  scan_command->add_flag(
      "--web-queue", scan.web_queue,
      i18n::tr("With --worker on PostgreSQL: run the tests submitted to `baseline serve`"));
  scan_command->add_flag("--web", scan.web,
                         i18n::tr("Run only the website checks (with --mail: both)"));
  scan_command->add_flag("--mail", scan.mail,
                         i18n::tr("Run only the mail checks (with --web: both)"));
  scan_command
      ->add_option("--progress", scan.progress,
                   i18n::tr("auto (a bar on a terminal, lines otherwise), bar, lines or none"))
      ->check(CLI::IsMember({"auto", "bar", "lines", "none"}))
      ->capture_default_str();
  scan_command->add_option("--catalog", scan.catalog.catalog_file,
                           i18n::tr("Read the catalogue from this YAML file"));
  scan_command->add_option("--dkim-selector", scan.dkim_selectors,
                           i18n::tr("Also look for a DKIM key at this selector (repeatable)"));
  baseline::app::add_profile_options(*scan_command, scan.catalog);
  add_network_options(*scan_command, scan.network);

  baseline::app::ReportOptions report;
  auto* report_command = app.add_subcommand(
      "report", i18n::tr("Adoption per standard, per tag and over time, from stored scans"));
  report_command->add_option("--db", report.database, i18n::tr("sqlite:FILE or postgresql://…"))
      ->default_str(baseline::app::kDefaultDatabase);
  report_command->add_option("--list", report.list_name,
                             i18n::tr("The list (default: the only one)"));
  report_command->add_option("--html", report.html_dir,
                             i18n::tr("Write DIR/index.html: trends, sectors, changes"));
  report_command->add_option(
      "--csv", report.csv_file,
      i18n::tr("Write adoption to FILE and the changes to FILE's stem + -changes.csv"));
  report_command->add_flag("--json", report.json,
                           i18n::tr("Write JSON (schema baseline/observatory/1) to stdout"));
  report_command
      ->add_option("--compare", report.compare,
                   i18n::tr("Two scan numbers to compare (default: the last two)"))
      ->expected(2);
  report_command->add_option("--catalog", report.catalog.catalog_file,
                             i18n::tr("Read the catalogue from this YAML file"));
  baseline::app::add_profile_options(*report_command, report.catalog);

  baseline::app::ServeOptions serve;
  auto* serve_command = app.add_subcommand(
      "serve",
      i18n::tr(
          "The web front: a page to test a domain, shareable results, the observatory, /api/v1/"));
  serve_command->add_option("--db", serve.database, i18n::tr("sqlite:FILE or postgresql://…"))
      ->capture_default_str();
  serve_command->add_option("--listen", serve.listen, i18n::tr("ADDR:PORT to listen on"))
      ->capture_default_str();
  serve_command
      ->add_option("--reuse", serve.reuse_minutes,
                   i18n::tr("Show a result younger than this many minutes instead of a new test"))
      ->capture_default_str();
  serve_command->add_option("--threads", serve.threads,
                            i18n::tr("Event loops running tests (default: one per core)"));
  serve_command->add_option("--concurrency", serve.concurrency, i18n::tr("Tests at once"))
      ->capture_default_str();
  serve_command
      ->add_option("--tests-per-minute", serve.per_address,
                   i18n::tr("Tests one client address may submit per minute"))
      ->capture_default_str();
  serve_command
      ->add_option("--tests-per-minute-64", serve.per_prefix,
                   i18n::tr("Tests one IPv6 /64 may submit per minute"))
      ->capture_default_str();
  serve_command
      ->add_option("--max-queued", serve.max_queued,
                   i18n::tr("Refuse new tests (503) while this many wait or run"))
      ->capture_default_str();
  serve_command->add_option(
      "--public-url", serve.public_url,
      i18n::tr("Where people reach this server, e.g. https://baseline.example "
               "(the batch API's report URLs; default: http://LISTEN)"));
  serve_command
      ->add_option("--batch-max-domains", serve.batch_max_domains,
                   i18n::tr("Domains per batch API request (per account: users limits)"))
      ->capture_default_str();
  serve_command
      ->add_option("--batch-max-running", serve.batch_max_running,
                   i18n::tr("Batch API requests unfinished at once per account"))
      ->capture_default_str();
  serve_command
      ->add_option("--batch-keep-days", serve.batch_keep_days,
                   i18n::tr("Days a finished batch API request is kept"))
      ->capture_default_str();
  serve_command->add_flag(
      "!--no-tests", serve.run_tests,
      i18n::tr("Run no tests here: `scan --worker --web-queue` processes run the queue"));
  serve_command->add_option(
      "--user", serve.user,
      i18n::tr("Drop to this user once the socket is open (when started as root)"));
  serve_command->add_option("--catalog", serve.catalog.catalog_file,
                            i18n::tr("Read the catalogue from this YAML file"));
  baseline::app::add_profile_options(*serve_command, serve.catalog);
  add_network_options(*serve_command, serve.network);
  serve_command->add_option(
      "--notices-dir", serve.notices_dir,
      i18n::tr("After each scan: the dry runs of lists whose notices are off, and "
               "the review notices of lists that send (DIR/LIST/scan-N)"));
  serve_command
      ->add_option("--notices-sendmail", serve.notices_sendmail,
                   i18n::tr("How the notices of lists that opted in leave (sendmail interface)"))
      ->capture_default_str();
  serve_command->add_option(
      "--notices-smtp", serve.notices_smtp,
      i18n::tr("HOST[:PORT]: SMTP submission with STARTTLS instead of sendmail"));
  serve_command->add_option("--notices-ca-file", serve.notices_ca_file,
                            i18n::tr("Also trust this CA for the SMTP relay's certificate"));
  serve_command->add_option(
      "--digest-from", serve.digest_from,
      i18n::tr("After each scheduled scan, e-mail the list's owner a digest from "
               "this address (sent like the notices: --notices-sendmail or "
               "--notices-smtp); without it no digest is sent"));

  report_command->add_option(
      "--overview", report.overview_file,
      i18n::tr("Comply or explain per organisation, domain and standard of the "
               "newest scan: CSV (organisation,domain,standard,status,until) and "
               "the same as HTML beside it"));
  report_command->add_option(
      "--xlsx", report.xlsx_file,
      i18n::tr("The newest scan's report as an XLSX workbook: every domain with its "
               "standards and change since the scan before, adoption, changes"));
  report_command->add_flag(
      "--hall-of-fame", report.hall_of_fame,
      i18n::tr("The hall of fame: domains meeting every required standard (per list "
               "and overall; text, or JSON with --json)"));

  baseline::app::CatalogCommands catalog_commands;
  baseline::app::add_catalog_commands(app, catalog_commands);
  baseline::app::NoticesOptions notices;
  baseline::app::add_notices_commands(app, notices);
  baseline::app::UsersOptions users;
  baseline::app::add_users_commands(app, users);
  baseline::app::ScheduleCommands schedule_commands;
  baseline::app::add_schedule_commands(app, schedule_commands);

  baseline::app::translate_subcommand_groups(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (!warning.empty()) std::cerr << "baseline: " << warning << "\n";
  if (test_command->parsed()) return baseline::app::run_test_command(test);
  if (scan_command->parsed()) return baseline::app::run_scan_command(scan);
  if (report_command->parsed()) return baseline::app::run_report_command(report);
  if (serve_command->parsed()) return baseline::app::run_serve_command(serve);
  if (int status = baseline::app::run_catalog_commands(catalog_commands); status >= 0)
    return status;
  if (int status = baseline::app::run_notices_commands(notices); status >= 0) return status;
  if (int status = baseline::app::run_users_commands(users); status >= 0) return status;
  if (int status = baseline::app::run_schedule_commands(schedule_commands); status >= 0)
    return status;
  return 2;
}

}  // namespace

// A bug may throw (docs/architecture.md, "Error policy"): whatever a command did not catch ends
// the run as an internal error with status 1, not as an abort from an exception leaving main.
int main(int argc, char** argv) {
  try {
    return run_command_line(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "baseline: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "baseline: internal error: an exception of unknown type\n";
  }
  return 1;
}
