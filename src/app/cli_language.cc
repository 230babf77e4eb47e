// SPDX-License-Identifier: Apache-2.0
#include "app/cli_language.h"

#include "i18n/i18n.h"

namespace baseline::app {

using i18n::tr;

void translate_cli_framework(CLI::App& app, const std::string& version) {
  auto formatter = app.get_formatter();
  // The labels CLI11's formatter looks up (CLI/Formatter.hpp); the type names (TEXT, INT) are
  // metavariables and stay as they are.
  for (const char* label :
       {i18n::N_("Usage"), i18n::N_("OPTIONS"), i18n::N_("SUBCOMMAND"), i18n::N_("SUBCOMMANDS"),
        i18n::N_("Positionals"), i18n::N_("REQUIRED"), i18n::N_("Needs"), i18n::N_("Excludes")}) {
    formatter->label(label, tr(label));
  }
  app.option_defaults()->group(tr("Options"));
  // Made again after the default group changed, so that they sit in the translated group.
  app.set_help_flag("-h,--help", tr("Print this help message and exit"));
  app.set_version_flag("--version", version, tr("Display program version information and exit"));
}

void translate_subcommand_groups(CLI::App& app) {
  for (auto* command : app.get_subcommands({})) {
    if (command->get_name().empty()) continue;  // an option group, not a command
    command->group(tr("Subcommands"));
    // A subcommand copies its help flag before the default option group (CLI11 2.1), so the
    // flag would stand alone under the English "Options".
    if (auto* help = command->get_help_ptr(); help != nullptr) help->group(tr("Options"));
    translate_subcommand_groups(*command);
  }
}

}  // namespace baseline::app
