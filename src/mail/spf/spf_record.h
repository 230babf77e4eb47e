// SPDX-License-Identifier: Apache-2.0
// SPF records (RFC 7208 §4.5, §12 ABNF): selecting the record among a name's TXT strings, and
// parsing it into terms. Syntax is checked completely here, macros included, so that evaluation
// only meets well-formed terms; any violation is a permerror with its reason.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace baseline::mail::spf {

enum class Qualifier { kPass, kFail, kSoftFail, kNeutral };

enum class MechanismKind { kAll, kInclude, kA, kMx, kPtr, kIp4, kIp6, kExists };

struct Mechanism {
  Qualifier qualifier = Qualifier::kPass;
  MechanismKind kind = MechanismKind::kAll;
  std::string domain_spec;           // macro-string; empty = the current domain (a, mx, ptr)
  boost::asio::ip::address network;  // ip4 / ip6
  int ip4_prefix = 32;               // ip4, a, mx
  int ip6_prefix = 128;              // ip6, a, mx
  std::string text;                  // the term as written, for reports
};

struct Record {
  std::vector<Mechanism> mechanisms;
  std::optional<std::string> redirect;     // domain-spec
  std::optional<std::string> explanation;  // domain-spec of exp=
  std::vector<std::string> unknown_modifiers;
};

// True when `text` is an SPF version 1 record: "v=spf1" then a space or the end (§4.5).
bool is_spf_record(std::string_view text);

core::Result<Record> parse_record(std::string_view text);

// Checks a macro-string (§7.1); `explanation` allows the c, r and t macro letters.
std::optional<std::string> macro_string_problem(std::string_view text, bool explanation);

std::string_view to_string(MechanismKind kind);
bool queries_dns(MechanismKind kind);  // include, a, mx, ptr, exists (§4.6.4)

}  // namespace baseline::mail::spf
