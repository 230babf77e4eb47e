// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: DNS messages from hostile servers. Parses the input and, when it parses, runs
// every typed RDATA parser on every record (each must fail cleanly on the wrong type or bad data)
// and checks that every name survives a presentation -> wire -> presentation round trip.
// The input is also tried as a presentation-form name for encode_name.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "dns/message.h"
#include "dns/rdata.h"
#include "dns/types.h"

namespace {

using baseline::dns::ResourceRecord;

void check_name_round_trip(const std::string& name) {
  auto wire = baseline::dns::encode_name(name);
  if (!wire) std::abort();  // a name the parser produced must be encodable
  std::size_t offset = 0;
  auto back = baseline::dns::decode_name(*wire, offset);
  if (!back || *back != name || offset != wire->size()) std::abort();
}

void run_all_parsers(const ResourceRecord& rr) {
  using namespace baseline::dns;
  (void)parse_address(rr);
  (void)parse_name_rdata(rr);
  (void)parse_soa(rr);
  (void)parse_mx(rr);
  (void)parse_txt(rr);
  if (auto key = parse_dnskey(rr)) (void)key->rsa_modulus_bits();
  (void)parse_ds(rr);
  (void)parse_rrsig(rr);
  (void)parse_nsec3(rr);
  (void)parse_nsec3param(rr);
  (void)parse_caa(rr);
}

void run_parsers(const ResourceRecord& rr) {
  using namespace baseline::dns;
  check_name_round_trip(rr.owner);
  (void)type_name(rr.type);
  run_all_parsers(rr);  // the matching parser, and the others' wrong-type paths
  // Pretend the RDATA belongs to each judged type, so every parser sees every byte pattern.
  ResourceRecord as = rr;
  as.type = rr_type::kA;
  (void)parse_address(as);
  as.type = rr_type::kAaaa;
  (void)parse_address(as);
  as.type = rr_type::kNs;
  if (auto name = parse_name_rdata(as)) check_name_round_trip(*name);
  as.type = rr_type::kSoa;
  (void)parse_soa(as);
  as.type = rr_type::kMx;
  (void)parse_mx(as);
  as.type = rr_type::kTxt;
  (void)parse_txt(as);
  as.type = rr_type::kDnskey;
  if (auto key = parse_dnskey(as)) (void)key->rsa_modulus_bits();
  as.type = rr_type::kDs;
  (void)parse_ds(as);
  as.type = rr_type::kRrsig;
  (void)parse_rrsig(as);
  as.type = rr_type::kNsec3;
  (void)parse_nsec3(as);
  as.type = rr_type::kNsec3param;
  (void)parse_nsec3param(as);
  as.type = rr_type::kCaa;
  (void)parse_caa(as);
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The same bytes as a presentation-form name: whatever encodes must decode to a name that
  // encodes to the same wire form.
  if (auto wire = baseline::dns::encode_name(std::string(data, data + size))) {
    std::size_t offset = 0;
    auto text = baseline::dns::decode_name(*wire, offset);
    if (!text) std::abort();
    auto again = baseline::dns::encode_name(*text);
    if (!again || *again != *wire) std::abort();
  }

  auto message = baseline::dns::parse_message(std::span<const std::uint8_t>(data, size));
  if (!message) return 0;
  (void)baseline::dns::rcode_name(message->header.rcode);
  for (const auto& q : message->questions) check_name_round_trip(q.name);
  for (const auto* section : {&message->answers, &message->authority, &message->additional}) {
    for (const auto& rr : *section) run_parsers(rr);
  }
  return 0;
}
