// SPDX-License-Identifier: Apache-2.0
#include "batch/domain_list.h"

#include <algorithm>

namespace baseline::batch {
namespace {

// Longer than any domain name can be, even in Unicode (253 octets of A-labels); checked before
// IDNA so that a huge string costs nothing.
constexpr std::size_t kMaxInputBytes = 1024;

std::string_view strip(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

std::string shown(std::string_view input) {
  if (input.size() <= kMaxShownInput) return std::string(input);
  // Cut on a UTF-8 boundary so that the JSON reply stays valid.
  std::size_t cut = kMaxShownInput;
  while (cut > 0 && (static_cast<unsigned char>(input[cut]) & 0xC0) == 0x80) --cut;
  return std::string(input.substr(0, cut)) + "…";
}

}  // namespace

DomainList normalise_domains(const std::vector<std::string>& inputs) {
  DomainList out;
  for (const auto& input : inputs) {
    const auto stripped = strip(input);
    if (stripped.empty()) {
      out.rejected.push_back({shown(input), "empty"});
      continue;
    }
    if (stripped.size() > kMaxInputBytes) {
      out.rejected.push_back({shown(input), "longer than any domain name"});
      continue;
    }
    // DomainName::parse lowercases and converts Unicode to A-labels (IDNA2008).
    auto name = core::DomainName::parse(stripped);
    if (!name) {
      out.rejected.push_back({shown(input), name.error().message});
      continue;
    }
    out.domains.push_back(*std::move(name));
  }
  std::sort(out.domains.begin(), out.domains.end());
  out.domains.erase(std::unique(out.domains.begin(), out.domains.end()), out.domains.end());
  return out;
}

}  // namespace baseline::batch
