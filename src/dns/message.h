// SPDX-License-Identifier: Apache-2.0
// DNS messages in wire format (RFC 1035, EDNS RFC 6891, Extended DNS Errors RFC 8914):
// a parser for bytes from the network and a builder for queries.
// The parser treats its input as hostile: every read is bounds-checked, compression pointers must
// point backwards and are followed at most a fixed number of times, and counts in the header are
// never trusted for allocation.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace baseline::dns {

struct Header {
  std::uint16_t id = 0;
  bool qr = false, aa = false, tc = false, rd = false, ra = false, ad = false, cd = false;
  std::uint8_t opcode = 0;
  std::uint16_t rcode = 0;  // 12-bit: header RCODE plus the OPT record's extended bits
};

struct Question {
  std::string name;  // presentation form, lowercase, no trailing dot ("" is the root)
  std::uint16_t type = 0;
  std::uint16_t klass = 0;
};

struct ResourceRecord {
  std::string owner;  // presentation form, lowercase, no trailing dot
  std::uint16_t type = 0;
  std::uint16_t klass = 0;
  std::uint32_t ttl = 0;
  // RDATA with any compressed names of the types RFC 3597 §4 allows to be compressed (NS, CNAME,
  // SOA, MX, PTR, SRV, …) expanded, so typed parsers in rdata.h never see compression pointers.
  std::vector<std::uint8_t> rdata;
};

struct ExtendedError {
  std::uint16_t info_code = 0;
  std::string extra_text;
};

struct Edns {
  std::uint16_t udp_size = 0;
  std::uint8_t version = 0;
  bool do_bit = false;
  std::vector<ExtendedError> extended_errors;
};

struct Message {
  Header header;
  std::vector<Question> questions;
  std::vector<ResourceRecord> answers;
  std::vector<ResourceRecord> authority;
  std::vector<ResourceRecord> additional;  // without the OPT record, which becomes `edns`
  std::optional<Edns> edns;
};

// With TC=1, a message cut off mid-question or mid-record returns what was read in full; without
// TC any cut-off is an error. Malformed data is an error either way.
core::Result<Message> parse_message(std::span<const std::uint8_t> wire);

struct QueryOptions {
  bool recursion_desired = false;
  bool checking_disabled = false;
  bool dnssec_ok = true;          // sets the EDNS DO bit
  std::uint16_t udp_size = 1232;  // advertised EDNS buffer size (DNS flag day 2020)
};

// A query for one name and type. Fails for names that are not encodable (label > 63 octets,
// name > 255 octets on the wire, empty label).
core::Result<std::vector<std::uint8_t>> build_query(std::uint16_t id, const std::string& name,
                                                    std::uint16_t type,
                                                    const QueryOptions& options);

// Name <-> wire helpers shared by the parsers. Names are lowercased; bytes outside LDH and '_'
// are written as \DDD escapes, and a '.' inside a label as "\.".
core::Result<std::vector<std::uint8_t>> encode_name(const std::string& name);
// Reads an uncompressed name at `offset` of `data`, advancing offset.
core::Result<std::string> decode_name(std::span<const std::uint8_t> data, std::size_t& offset);

}  // namespace baseline::dns
