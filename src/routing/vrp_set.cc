// SPDX-License-Identifier: Apache-2.0
#include "routing/vrp_set.h"
#include "i18n/finding.h"

namespace baseline::routing {

std::string_view to_string(RouteValidity validity) {
  switch (validity) {
    case RouteValidity::kValid:
      return "valid";
    case RouteValidity::kInvalid:
      return "invalid";
    case RouteValidity::kNotFound:
      return "not-found";
  }
  return "?";
}

void VrpSet::add(const Vrp& vrp) {
  trie_.insert(vrp.prefix, Entry{vrp.asn, static_cast<std::uint8_t>(vrp.max_length)},
               [](const Entry& a, const Entry& b) {
                 return a.asn == b.asn && a.max_length == b.max_length;
               });
}

namespace {

bool matches(std::uint32_t vrp_asn, int vrp_max_length, int route_length, std::uint32_t origin) {
  return vrp_asn != 0 && origin != kNoSingleOrigin && vrp_asn == origin &&
         route_length <= vrp_max_length;
}

}  // namespace

RouteValidity VrpSet::validity(const IpPrefix& route, std::uint32_t origin) const {
  bool covered = false;
  bool matched = false;
  trie_.for_each_covering(route, [&](int, const Entry& e) {
    covered = true;
    matched = matched || matches(e.asn, e.max_length, route.length(), origin);
  });
  return matched   ? RouteValidity::kValid
         : covered ? RouteValidity::kInvalid
                   : RouteValidity::kNotFound;
}

RouteValidation VrpSet::validate(const IpPrefix& route, std::uint32_t origin) const {
  RouteValidation out;
  bool origin_seen = false;  // a covering VRP names the origin, but its maxLength is too short
  int longest_allowed = -1;
  trie_.for_each_covering(route, [&](int length, const Entry& e) {
    out.covering.push_back(Vrp{route.truncated(length), e.max_length, e.asn});
    if (matches(e.asn, e.max_length, route.length(), origin)) {
      out.validity = RouteValidity::kValid;
    } else if (e.asn == origin && e.asn != 0) {
      origin_seen = true;
      longest_allowed = std::max<int>(longest_allowed, e.max_length);
    }
  });
  if (out.validity == RouteValidity::kValid) return out;
  if (out.covering.empty()) {
    out.validity = RouteValidity::kNotFound;
    out.reason = i18n::finding("no VRP covers {prefix}", fmt::arg("prefix", route.to_string()));
    return out;
  }
  out.validity = RouteValidity::kInvalid;
  if (origin == kNoSingleOrigin) {
    out.reason =
        i18n::finding("the AS_PATH ends in an AS_SET, so the route has no single origin to authorise");
  } else if (origin_seen) {
    out.reason = i18n::finding("/{length} is longer than the maxLength {max_length} authorised for {asn}",
                               fmt::arg("length", route.length()), fmt::arg("max_length", longest_allowed),
                               fmt::arg("asn", asn_text(origin)));
  } else {
    out.reason = i18n::finding("origin {asn} is not authorised by any covering VRP",
                               fmt::arg("asn", asn_text(origin)));
  }
  return out;
}

std::vector<Vrp> VrpSet::covering(const IpPrefix& address_or_prefix) const {
  std::vector<Vrp> out;
  trie_.for_each_covering(address_or_prefix, [&](int length, const Entry& e) {
    out.push_back(Vrp{address_or_prefix.truncated(length), e.max_length, e.asn});
  });
  return out;
}

}  // namespace baseline::routing
