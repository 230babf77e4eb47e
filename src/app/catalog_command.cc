// SPDX-License-Identifier: Apache-2.0
#include "app/catalog_command.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "catalog/catalog.h"
#include "catalog/explanations.h"
#include "catalog/translate.h"
#include "i18n/i18n.h"
#include "observatory/explanation_store.h"
#include "report/catalog_export.h"
#include "report/checks_contract.h"
#include "report/comply_or_explain.h"
#include "store/store.h"

namespace baseline::app {
namespace {

// Writes `text` to `path` (stdout when empty). Returns the exit status.
int write_output(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::cout << text;
    return 0;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out || !(out << text) || !out.flush()) {
    std::cerr << "baseline: " << i18n::trf("cannot write {file}", fmt::arg("file", path)) << "\n";
    return 2;
  }
  std::cerr << "baseline: " << i18n::trf("wrote {file}", fmt::arg("file", path)) << "\n";
  return 0;
}

int run_catalog(const CatalogCommands& c, const catalog::Catalog& catalog) {
  std::ostringstream out;
  if (c.show->parsed()) {
    const auto* standard = catalog.find(c.standard_id);
    if (standard == nullptr) {
      std::cerr << "baseline: "
                << i18n::trf(
                       "no standard '{standard}' in catalogue {version}; `baseline catalog "
                       "list` shows them all",
                       fmt::arg("standard", c.standard_id), fmt::arg("version", catalog.version))
                << "\n";
      return 2;
    }
    report::write_standard_text(out, catalog, *standard);
  } else if (c.export_list->parsed()) {
    if (c.format == "json") {
      out << report::catalog_to_json(catalog).dump(2) << "\n";
    } else if (c.format == "html") {
      report::write_catalog_html(out, catalog);
    } else if (c.format == "checks-md") {
      report::write_checks_markdown(out);
    } else if (c.format == "lab-checks") {
      report::write_lab_check_lists(out);
    } else if (c.format == "readme-checks") {
      report::write_readme_check_tables(out);
    } else {
      report::write_catalog_markdown(out, catalog);
    }
    return write_output(c.output, out.str());
  } else {
    report::write_catalog_list(out, catalog);
  }
  std::cout << out.str();
  return 0;
}

int run_explain_export(const CatalogCommands& c, const catalog::Catalog& catalog) {
  std::stringstream text;
  if (c.input == "-") {
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(c.input, std::ios::binary);
    if (!in) {
      std::cerr << "baseline: " << i18n::trf("cannot read {file}", fmt::arg("file", c.input))
                << "\n";
      return 2;
    }
    text << in.rdbuf();
  }
  auto results = nlohmann::json::parse(text.str(), nullptr, false);
  if (results.is_discarded()) {
    std::cerr << "baseline: " << c.input
              << " is not JSON; write it with `baseline test DOMAIN --json`\n";
    return 2;
  }
  auto out = report::explanation_template(results, catalog, c.input);
  if (!out) {
    std::cerr << "baseline: " << out.error().message << "\n";
    return 2;
  }
  return write_output(c.output, *out);
}

// `explain import FILE --db URL`: into the store that scan, report and serve read, as the
// command line's explanations (owner 0), all or nothing.
int import_into_database(const CatalogCommands& c, const catalog::ExplanationBook& incoming) {
  auto opened = store::open_store(c.database);
  if (!opened) {
    std::cerr << "baseline: " << opened.error().message << " " << i18n::tr("(nothing was recorded)")
              << "\n";
    return 1;
  }
  const auto today = catalog::format_date(catalog::day_of(std::chrono::system_clock::now()));
  auto recorded = observatory::import_explanations(**opened, 0, incoming, today);
  if (!recorded) {
    std::cerr << "baseline: " << recorded.error().message << " "
              << i18n::tr("(nothing was recorded)") << "\n";
    return 1;
  }
  for (const auto& e : incoming.entries()) {
    std::cout << i18n::trf("recorded: {domain} {standard} explained until {date}",
                           fmt::arg("domain", e.domain), fmt::arg("standard", e.standard),
                           fmt::arg("date", catalog::format_date(e.until)))
              << "\n";
  }
  std::cout << i18n::trf("{count} explanation(s) recorded in {store}", fmt::arg("count", *recorded),
                         fmt::arg("store", c.database))
            << "\n";
  return 0;
}

int run_explain_import(const CatalogCommands& c, const catalog::Catalog& catalog) {
  auto incoming = catalog::load_explanations_file(c.input, catalog);
  if (!incoming) {
    std::cerr << "baseline: " << incoming.error().message << " "
              << i18n::tr("(nothing was recorded)") << "\n";
    return 2;
  }
  if (!c.database.empty()) return import_into_database(c, *incoming);
  catalog::ExplanationBook store;
  if (std::ifstream(c.store).good()) {
    auto existing = catalog::load_explanations_file(c.store, catalog);
    if (!existing) {
      std::cerr << "baseline: "
                << i18n::trf("the store is damaged: {reason} (nothing was recorded)",
                             fmt::arg("reason", existing.error().message))
                << "\n";
      return 2;
    }
    store = *std::move(existing);
  }
  const auto today = catalog::format_date(catalog::day_of(std::chrono::system_clock::now()));
  catalog::ExplanationBook stamped;
  for (auto e : incoming->entries()) {
    if (e.recorded.empty()) e.recorded = today;
    stamped.add(std::move(e));
  }
  store.merge(stamped);
  if (auto saved = catalog::save_explanations_file(c.store, store); !saved) {
    std::cerr << "baseline: " << saved.error().message << " " << i18n::tr("(nothing was recorded)")
              << "\n";
    return 1;
  }
  for (const auto& e : stamped.entries()) {
    std::cout << i18n::trf("recorded: {domain} {standard} explained until {date}",
                           fmt::arg("domain", e.domain), fmt::arg("standard", e.standard),
                           fmt::arg("date", catalog::format_date(e.until)))
              << "\n";
  }
  std::cout << i18n::trf("{count} explanation(s) recorded in {store} ({total} in total)",
                         fmt::arg("count", stamped.entries().size()), fmt::arg("store", c.store),
                         fmt::arg("total", store.entries().size()))
            << "\n";
  return 0;
}

int run_explain_list(const CatalogCommands& c, const catalog::Catalog& catalog) {
  if (!std::ifstream(c.store).good()) {
    std::cout << i18n::trf("no explanations recorded ({file} does not exist)",
                           fmt::arg("file", c.store))
              << "\n";
    return 0;
  }
  auto store = catalog::load_explanations_file(c.store, catalog);
  if (!store) {
    std::cerr << "baseline: " << store.error().message << "\n";
    return 2;
  }
  const auto today = catalog::day_of(std::chrono::system_clock::now());
  for (const auto& e : store->entries()) {
    std::cout << e.domain << "  " << e.standard << "  "
              << (today <= e.until ? "explained until " : "EXPIRED on ")
              << catalog::format_date(e.until) << "  " << e.text << "\n";
  }
  return 0;
}

}  // namespace

void add_catalog_commands(CLI::App& app, CatalogCommands& c) {
  c.catalog =
      app.add_subcommand("catalog", i18n::tr("The list of standards: list, show ID, export"));
  c.catalog->add_option(
      "--catalog", c.catalog_file,
      i18n::tr("Read the catalogue from this YAML file instead of the built-in one"));
  c.list = c.catalog->add_subcommand("list", i18n::tr("One line per standard (the default)"));
  c.show = c.catalog->add_subcommand(
      "show", i18n::tr("Everything about one standard, with its procurement clause"));
  c.show->add_option("id", c.standard_id, i18n::tr("Standard ID, e.g. dmarc"))->required();
  c.export_list = c.catalog->add_subcommand(
      "export",
      i18n::tr("The whole list as Markdown, HTML or JSON; or the files generated from the checks"));
  c.export_list
      ->add_option("--format", c.format,
                   i18n::tr("md, html or json; checks-md (docs/checks.md), lab-checks "
                            "(lab/scenarios/checks.toml) or readme-checks (the README's check "
                            "tables)"))
      ->check(CLI::IsMember({"md", "html", "json", "checks-md", "lab-checks", "readme-checks"}))
      ->capture_default_str();
  c.export_list->add_option("--output,-o", c.output,
                            i18n::tr("Write to this file instead of stdout"));
  c.catalog->require_subcommand(0, 1);
  // `--catalog FILE` may also follow the subcommand: `baseline catalog show dmarc --catalog F`.
  for (auto* command : {c.list, c.show, c.export_list}) command->fallthrough();

  c.explain = app.add_subcommand("explain",
                                 i18n::tr("Comply or explain: record why standards are not met"));
  c.explain->add_option("--catalog", c.catalog_file,
                        i18n::tr("Catalogue YAML file (default: built in)"));
  c.explain_export = c.explain->add_subcommand(
      "export",
      i18n::tr("From `baseline test --json` output, list unmet standards with room to explain"));
  c.explain_export
      ->add_option("results", c.input, i18n::tr("JSON test result file, or - for stdin"))
      ->required();
  c.explain_export->add_option("--output,-o", c.output,
                               i18n::tr("Write to this file instead of stdout"));
  c.explain_import = c.explain->add_subcommand(
      "import",
      i18n::tr("Check an explanations file and record it in the store that `baseline test` reads"));
  c.explain_import->add_option("file", c.input, i18n::tr("Filled-in explanations file"))
      ->required();
  c.explain_list = c.explain->add_subcommand("list", i18n::tr("Show the recorded explanations"));
  for (auto* command : {c.explain_import, c.explain_list}) {
    command->add_option("--store", c.store, i18n::tr("The explanations store"))
        ->capture_default_str();
  }
  c.explain_import->add_option(
      "--db", c.database,
      i18n::tr("Record in this database (sqlite:FILE or postgresql://…), where "
               "scan, report and serve read explanations, instead of --store"));
  c.explain->require_subcommand(1);
  for (auto* command : {c.explain_export, c.explain_import, c.explain_list}) command->fallthrough();
}

int run_catalog_commands(const CatalogCommands& c) {
  if (!c.catalog->parsed() && !c.explain->parsed()) return -1;
  auto catalog = catalog::load_catalog(c.catalog_file);
  if (!catalog) {
    std::cerr << "baseline: " << catalog.error().message << "\n";
    return 2;
  }
  if (c.catalog->parsed()) {
    catalog::translate(*catalog);  // `catalog show` and the exports speak the run's language
    return run_catalog(c, *catalog);
  }
  if (c.explain_export->parsed()) return run_explain_export(c, *catalog);
  if (c.explain_import->parsed()) return run_explain_import(c, *catalog);
  return run_explain_list(c, *catalog);
}

}  // namespace baseline::app
