// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: what people type into the web front's form or send to its API as a domain
// (URLs, ports, brackets, Unicode). Whatever is accepted must be a domain name that parses again
// to itself; a refusal must carry one of the stable codes.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "server/domain_input.h"

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto parsed = baseline::server::parse_domain_input(input);
  if (auto* problem = std::get_if<baseline::server::InputProblem>(&parsed)) {
    if (problem->code != "empty-domain" && problem->code != "invalid-domain" &&
        problem->code != "ip-address") {
      std::abort();
    }
    if (problem->message.size() > 4096) std::abort();  // bounded, whatever the input
    return 0;
  }
  const auto& domain = std::get<baseline::core::DomainName>(parsed);
  auto again = baseline::core::DomainName::parse(domain.ascii());
  if (!again || again->ascii() != domain.ascii()) std::abort();
  return 0;
}
