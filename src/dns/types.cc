// SPDX-License-Identifier: Apache-2.0
#include "dns/types.h"

#include <array>
#include <string_view>
#include <utility>

namespace baseline::dns {
namespace {

// IANA "Resource Record (RR) TYPEs" registry, the types one meets in practice.
constexpr std::array<std::pair<std::uint16_t, std::string_view>, 61> kTypeNames{{
    {1, "A"},       {2, "NS"},        {3, "MD"},          {4, "MF"},          {5, "CNAME"},
    {6, "SOA"},     {7, "MB"},        {8, "MG"},          {9, "MR"},          {10, "NULL"},
    {11, "WKS"},    {12, "PTR"},      {13, "HINFO"},      {14, "MINFO"},      {15, "MX"},
    {16, "TXT"},    {17, "RP"},       {18, "AFSDB"},      {19, "X25"},        {20, "ISDN"},
    {21, "RT"},     {24, "SIG"},      {25, "KEY"},        {26, "PX"},         {28, "AAAA"},
    {29, "LOC"},    {30, "NXT"},      {33, "SRV"},        {35, "NAPTR"},      {36, "KX"},
    {37, "CERT"},   {39, "DNAME"},    {41, "OPT"},        {42, "APL"},        {43, "DS"},
    {44, "SSHFP"},  {45, "IPSECKEY"}, {46, "RRSIG"},      {47, "NSEC"},       {48, "DNSKEY"},
    {49, "DHCID"},  {50, "NSEC3"},    {51, "NSEC3PARAM"}, {52, "TLSA"},       {53, "SMIMEA"},
    {55, "HIP"},    {59, "CDS"},      {60, "CDNSKEY"},    {61, "OPENPGPKEY"}, {62, "CSYNC"},
    {63, "ZONEMD"}, {64, "SVCB"},     {65, "HTTPS"},      {99, "SPF"},        {249, "TKEY"},
    {250, "TSIG"},  {251, "IXFR"},    {252, "AXFR"},      {255, "ANY"},       {256, "URI"},
    {257, "CAA"},
}};

// IANA "DNS RCODEs" registry. 17-22 are TSIG/TKEY errors that never appear as a message RCODE,
// and 16 is BADVERS there (BADSIG only inside TSIG).
constexpr std::array<std::pair<std::uint16_t, std::string_view>, 14> kRcodeNames{{
    {0, "NOERROR"},
    {1, "FORMERR"},
    {2, "SERVFAIL"},
    {3, "NXDOMAIN"},
    {4, "NOTIMP"},
    {5, "REFUSED"},
    {6, "YXDOMAIN"},
    {7, "YXRRSET"},
    {8, "NXRRSET"},
    {9, "NOTAUTH"},
    {10, "NOTZONE"},
    {11, "DSOTYPENI"},
    {16, "BADVERS"},
    {23, "BADCOOKIE"},
}};

template <std::size_t N>
std::string lookup(const std::array<std::pair<std::uint16_t, std::string_view>, N>& table,
                   std::uint16_t value, std::string_view fallback_prefix) {
  for (const auto& [number, name] : table) {
    if (number == value) return std::string(name);
  }
  return std::string(fallback_prefix) + std::to_string(value);
}

}  // namespace

std::string type_name(std::uint16_t type) {
  return lookup(kTypeNames, type, "TYPE");
}

std::string rcode_name(std::uint16_t rcode) {
  return lookup(kRcodeNames, rcode, "RCODE");
}

}  // namespace baseline::dns
