// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: MRT TABLE_DUMP_V2 and text RIB reading from untrusted bytes, then lookups in
// whatever table resulted.
#include <cstddef>
#include <cstdint>

#include "routing/rib_reader.h"

using namespace baseline::routing;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> bytes(data, size);
  {
    RouteTable table;
    MemorySource source(bytes, "fuzz.mrt");
    auto stats = read_mrt(source, table);
    if (stats) {
      VrpSet vrps;
      vrps.add(Vrp{*IpPrefix::parse("0.0.0.0/1"), 24, 64500});
      for (const char* address : {"198.18.30.1", "10.0.0.1", "2001:db8::1"}) {
        auto key = IpPrefix::from_address(boost::asio::ip::make_address(address));
        for (const auto& p : table.covering(key)) {
          for (auto origin : p.origins) (void)vrps.validate(p.prefix, origin);
        }
      }
    }
  }
  {
    RouteTable table;
    MemorySource source(bytes, "fuzz.txt");
    (void)read_rib_text(source, table);
  }
  return 0;
}
