// SPDX-License-Identifier: Apache-2.0
#include "report/words.h"

#include "i18n/i18n.h"

namespace baseline::report {

std::string_view level_word(core::Level level) {
  using i18n::tr;
  switch (level) {
    case core::Level::kRequired:
      return tr("required");
    case core::Level::kRecommended:
      return tr("recommended");
    case core::Level::kOptional:
      return tr("optional");
  }
  return "?";
}

}  // namespace baseline::report
