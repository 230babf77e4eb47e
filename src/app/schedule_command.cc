// SPDX-License-Identifier: Apache-2.0
#include "app/schedule_command.h"

#include <chrono>
#include <iostream>

#include "i18n/i18n.h"
#include "observatory/recurrence.h"
#include "observatory/server_scans.h"
#include "store/store.h"

namespace baseline::app {

namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int set(store::Store& store, const ScheduleCommands& c) {
  auto every = observatory::Recurrence::parse(c.every);
  if (!every) {
    std::cerr << "baseline: " << every.error().message << "\n";
    return 2;
  }
  auto schedule = observatory::set_schedule(store, c.list, *every, unix_now());
  if (!schedule) {
    std::cerr << "baseline: " << schedule.error().message << "\n";
    return 2;
  }
  std::cout << i18n::trf(
                   "list '{list}' is scanned {every}; next run {time} (run by `baseline "
                   "serve` on this database)",
                   fmt::arg("list", schedule->list), fmt::arg("every", schedule->every),
                   fmt::arg("time", store::iso_time(schedule->next_due)))
            << "\n";
  return 0;
}

int show(store::Store& store) {
  auto all = observatory::schedules(store);
  if (!all) {
    std::cerr << "baseline: " << all.error().message << "\n";
    return 1;
  }
  if (all->empty()) std::cout << i18n::tr("no schedules") << "\n";
  for (const auto& s : *all) {
    std::cout << s.list << "\t" << s.every << "\t"
              << i18n::trf("next {time}", fmt::arg("time", store::iso_time(s.next_due))) << "\n";
  }
  return 0;
}

int remove(store::Store& store, const ScheduleCommands& c) {
  auto removed = observatory::remove_schedule(store, c.list);
  if (!removed) {
    std::cerr << "baseline: " << removed.error().message << "\n";
    return 1;
  }
  if (!*removed) {
    std::cerr << "baseline: "
              << i18n::trf("list '{list}' has no schedule", fmt::arg("list", c.list)) << "\n";
    return 2;
  }
  std::cout << i18n::trf("list '{list}' is no longer scanned on a schedule",
                         fmt::arg("list", c.list))
            << "\n";
  return 0;
}

}  // namespace

void add_schedule_commands(CLI::App& app, ScheduleCommands& c) {
  c.schedule = app.add_subcommand(
      "schedule",
      i18n::tr("Rescans of a list that `baseline serve` runs: --list NAME --every PERIOD, "
               "list, remove NAME"));
  c.schedule->add_option("--db", c.database, i18n::tr("sqlite:FILE or postgresql://…"))
      ->capture_default_str();
  c.schedule->add_option("--list", c.list, i18n::tr("The list to scan on a schedule"));
  c.schedule->add_option(
      "--every", c.every,
      i18n::tr("weekly, monthly, quarterly or a cron expression (5 fields, UTC), e.g. "
               "'0 3 * * 1'; each list runs at its own moment of the period"));
  c.show = c.schedule->add_subcommand("list", i18n::tr("Every schedule with its next run"));
  c.remove = c.schedule->add_subcommand("remove", i18n::tr("Stop scanning a list on a schedule"));
  c.remove->add_option("name", c.list, i18n::tr("The list"))->required();
  for (auto* command : {c.show, c.remove}) command->fallthrough();
  c.schedule->require_subcommand(0, 1);
}

int run_schedule_commands(const ScheduleCommands& c) {
  if (!c.schedule->parsed()) return -1;
  const bool setting = !c.show->parsed() && !c.remove->parsed();
  if (setting && (c.list.empty() || c.every.empty())) {
    std::cerr << "baseline: "
              << i18n::tr(
                     "schedule needs --list NAME and --every PERIOD (or `list`, "
                     "`remove NAME`)")
              << "\n";
    return 2;
  }
  if (!setting && !c.every.empty()) {
    std::cerr << "baseline: " << i18n::tr("--every goes with --list NAME, not with list or remove")
              << "\n";
    return 2;
  }
  auto opened = store::open_store(c.database);
  if (!opened) {
    std::cerr << "baseline: " << opened.error().message << "\n";
    return 1;
  }
  if (c.show->parsed()) return show(**opened);
  if (c.remove->parsed()) return remove(**opened, c);
  return set(**opened, c);
}

}  // namespace baseline::app
