// SPDX-License-Identifier: Apache-2.0
// `baseline schedule`: the rescans of a list that `baseline serve` runs.
//   baseline schedule --list NAME --every weekly|monthly|quarterly|'CRON'
//   baseline schedule list
//   baseline schedule remove NAME
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace baseline::app {

struct ScheduleCommands {
  std::string database = "sqlite:baseline.db";
  std::string list;   // --list NAME (set) or remove NAME
  std::string every;  // --every

  CLI::App* schedule = nullptr;
  CLI::App* show = nullptr;
  CLI::App* remove = nullptr;
};

void add_schedule_commands(CLI::App& app, ScheduleCommands& commands);
// The exit status (0 done, 2 bad input, 1 store failure), or -1 when `schedule` was not given.
int run_schedule_commands(const ScheduleCommands& commands);

}  // namespace baseline::app
