// SPDX-License-Identifier: Apache-2.0
// Words for people that every report shares, in the run's language.
#pragma once

#include <string_view>

#include "core/verdict.h"

namespace baseline::report {

// "required", "recommended", "optional", translated.
std::string_view level_word(core::Level level);

}  // namespace baseline::report
