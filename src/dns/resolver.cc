// SPDX-License-Identifier: Apache-2.0
#include "dns/resolver.h"

#include <set>

#include "core/limits.h"
#include "dns/rdata.h"
#include "dns/types.h"

namespace baseline::dns {

std::string_view to_string(Security security) {
  switch (security) {
    case Security::kSecure:
      return "secure";
    case Security::kInsecure:
      return "insecure";
    case Security::kBogus:
      return "bogus";
    case Security::kIndeterminate:
      return "indeterminate";
  }
  return "indeterminate";
}

namespace {

// The owner names of the answer section's chain: the question name, then each CNAME target.
std::set<std::string> chain_names(const Message& message) {
  std::set<std::string> names;
  if (message.questions.empty()) return names;
  std::string current = message.questions.front().name;
  names.insert(current);
  for (int hop = 0; hop < core::kMaxCnameChain; ++hop) {
    bool moved = false;
    for (const auto& rr : message.answers) {
      if (rr.type != rr_type::kCname || rr.owner != current) continue;
      std::size_t offset = 0;
      auto target = decode_name(rr.rdata, offset);
      if (!target.ok() || names.count(*target) != 0) break;
      current = *target;
      names.insert(current);
      moved = true;
      break;
    }
    if (!moved) break;
  }
  return names;
}

}  // namespace

std::vector<ResourceRecord> Answer::records(std::uint16_t type) const {
  auto names = chain_names(message);
  std::vector<ResourceRecord> out;
  for (const auto& rr : message.answers) {
    if (rr.type == type && names.count(rr.owner) != 0) out.push_back(rr);
  }
  return out;
}

std::vector<ResourceRecord> Answer::signatures(std::uint16_t type) const {
  auto names = chain_names(message);
  std::vector<ResourceRecord> out;
  for (const auto& rr : message.answers) {
    // type covered: first two octets of RRSIG RDATA
    if (rr.type != rr_type::kRrsig || rr.rdata.size() < 2 || names.count(rr.owner) == 0) continue;
    std::uint16_t covered = static_cast<std::uint16_t>((rr.rdata[0] << 8) | rr.rdata[1]);
    if (covered == type) out.push_back(rr);
  }
  return out;
}

std::vector<std::string> Answer::txt_strings() const {
  std::vector<std::string> out;
  for (const auto& rr : records(rr_type::kTxt)) {
    if (auto joined = parse_txt_joined(rr); joined.ok()) out.push_back(std::move(joined).value());
  }
  return out;
}

}  // namespace baseline::dns
