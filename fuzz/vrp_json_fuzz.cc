// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the VRP JSON (rpki-client / Routinator export) SAX reader.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "routing/vrp_json.h"

using namespace baseline::routing;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  VrpSet vrps;
  auto stats = parse_vrp_json(std::string_view(reinterpret_cast<const char*>(data), size),
                              "fuzz.json", vrps);
  if (stats) (void)vrps.validate(*IpPrefix::parse("198.18.30.0/27"), 64500);
  return 0;
}
