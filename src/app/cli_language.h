// SPDX-License-Identifier: Apache-2.0
// CLI11's own words in --help (section labels, the help and version flags, the group names) in the
// language of the run, through the hooks CLI11 offers; its parse errors stay English (changing
// them needs a patched CLI11).
#pragma once

#include <CLI/CLI.hpp>

namespace baseline::app {

// Before any option or subcommand is added: the labels, the default option group and the help
// and version flags (subcommands copy these from their parent).
void translate_cli_framework(CLI::App& app, const std::string& version);

// After every subcommand is added: their group heading ("Subcommands") and the group of their
// help flag, at every depth.
void translate_subcommand_groups(CLI::App& app);

}  // namespace baseline::app
