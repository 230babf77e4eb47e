// SPDX-License-Identifier: Apache-2.0
#include "checks/web/headers/header_check.h"

namespace baseline::checks::web_headers {

std::optional<std::string_view> HeaderFields::first(std::string_view name) const {
  for (const auto& [field, value] : fields) {
    if (field == name) return value;
  }
  return std::nullopt;
}

}  // namespace baseline::checks::web_headers
