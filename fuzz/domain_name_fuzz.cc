// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: domain names as users type them (ASCII or UTF-8 IDN). Whatever parse
// accepts must be a well-formed A-label name that parses again to itself.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/domain_name.h"
#include "core/limits.h"

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using baseline::core::DomainName;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto name = DomainName::parse(input);
  (void)DomainName::from_dns(input);
  if (!name) return 0;

  const std::string& ascii = name->ascii();
  if (ascii.empty() || ascii.size() > baseline::core::kMaxDomainNameLength) std::abort();
  for (char c : ascii) {
    if (static_cast<unsigned char>(c) >= 0x80 || (c >= 'A' && c <= 'Z')) std::abort();
  }
  auto again = DomainName::parse(ascii);
  if (!again || again->ascii() != ascii) std::abort();  // idempotent
  (void)name->unicode();
  for (DomainName up = *name; !up.is_root(); up = up.parent()) {
    if (!name->is_subdomain_of(up)) std::abort();
  }
  return 0;
}
