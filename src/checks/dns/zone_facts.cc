// SPDX-License-Identifier: Apache-2.0
#include "checks/dns/zone_facts.h"

#include <algorithm>
#include <set>

#include "core/limits.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "i18n/finding.h"

namespace baseline::checks::dns_family {
namespace asio = boost::asio;
using core::make_error;
using core::Result;
namespace rr_type = dns::rr_type;

bool ZoneFacts::has_dnskey() const {
  return dnskey.has_records(rr_type::kDnskey);
}

Result<std::vector<std::string>> follow_cnames(const dns::Answer& answer) {
  std::vector<std::string> chain;
  if (answer.message.questions.empty()) return chain;
  std::string current = answer.message.questions.front().name;
  std::set<std::string> seen{current};
  std::string path = current;
  for (;;) {
    auto next = std::find_if(answer.message.answers.begin(), answer.message.answers.end(),
                             [&](const dns::ResourceRecord& rr) {
                               return rr.type == rr_type::kCname && rr.owner == current;
                             });
    if (next == answer.message.answers.end()) return chain;
    auto target = dns::parse_name_rdata(*next);
    if (!target.ok())
      return make_error(i18n::finding("malformed CNAME at {name}: {reason}",
                                      fmt::arg("name", current),
                                      fmt::arg("reason", target.error().message)));
    path += " → " + *target;
    if (!seen.insert(*target).second)
      return make_error(i18n::finding("CNAME loop: {path}", fmt::arg("path", path)));
    if (static_cast<int>(chain.size()) >= core::kMaxCnameChain) {
      return make_error(i18n::finding("CNAME chain longer than {hops} hops: {path}",
                                      fmt::arg("hops", core::kMaxCnameChain),
                                      fmt::arg("path", path)));
    }
    chain.push_back(*target);
    current = *target;
  }
}

namespace {

constexpr dns::LookupOptions kRaw{.validate = false};
constexpr dns::LookupOptions kValidated{.validate = true};

// The zone apex from an SOA answer: the SOA owner in the answer or, for NODATA/NXDOMAIN, in the
// authority section.
std::optional<std::string> apex_from(const dns::Answer& answer) {
  for (const auto& rr : answer.records(rr_type::kSoa)) return rr.owner;
  for (const auto& rr : answer.message.authority) {
    if (rr.type == rr_type::kSoa) return rr.owner;
  }
  return std::nullopt;
}

asio::awaitable<NameServer> resolve_name_server(dns::Resolver& resolver, std::string name) {
  NameServer ns;
  ns.name = name;
  auto v4 = co_await resolver.lookup(name, rr_type::kA, kRaw);
  auto v6 = co_await resolver.lookup(name, rr_type::kAaaa, kRaw);
  auto collect = [&ns](const Result<dns::Answer>& answer, std::uint16_t type,
                       std::vector<asio::ip::address>& into) {
    if (!answer.ok()) {
      ns.problem +=
          i18n::finding("{type} lookup failed: {reason}", fmt::arg("type", dns::type_name(type)),
                        fmt::arg("reason", answer.error().message)) +
          "; ";
      return;
    }
    if (answer->rcode != dns::rcode::kNoError) {
      ns.problem += i18n::finding("{type} lookup: {rcode}", fmt::arg("type", dns::type_name(type)),
                                  fmt::arg("rcode", dns::rcode_name(answer->rcode))) +
                    "; ";
    }
    for (const auto& rr : answer->records(type)) {
      if (into.size() >= core::kMaxAddressesPerHost) break;
      if (auto address = dns::parse_address(rr); address.ok()) into.push_back(*address);
    }
  };
  collect(v4, rr_type::kA, ns.ipv4);
  collect(v6, rr_type::kAaaa, ns.ipv6);
  co_return ns;
}

}  // namespace

asio::awaitable<Result<ZoneFacts>> gather_zone_facts(const CheckContext& context) {
  ZoneFacts facts;
  facts.domain = context.domain.ascii();
  auto& resolver = context.resolver;

  auto soa = co_await resolver.lookup(facts.domain, rr_type::kSoa, kRaw);
  if (!soa.ok())
    co_return make_error(i18n::finding("the domain could not be resolved: {reason}",
                                       fmt::arg("reason", soa.error().message)));
  auto chain = follow_cnames(*soa);
  if (!chain.ok()) co_return chain.error();
  if (soa->rcode == dns::rcode::kNxDomain) {
    co_return make_error(i18n::finding("the domain does not exist (NXDOMAIN)"));
  }
  if (soa->rcode != dns::rcode::kNoError) {
    co_return make_error(
        i18n::finding("the domain does not resolve: the name servers' answer ends in {rcode}",
                      fmt::arg("rcode", dns::rcode_name(soa->rcode))));
  }
  facts.cname_chain = std::move(chain).value();
  facts.canonical = facts.cname_chain.empty() ? facts.domain : facts.cname_chain.back();
  auto apex = apex_from(*soa);
  if (!apex)
    co_return make_error(i18n::finding("no SOA record found for the zone of {name}",
                                       fmt::arg("name", facts.canonical)));
  facts.apex = *apex;
  facts.soa = std::move(soa).value();

  auto validated = co_await resolver.lookup(facts.domain, rr_type::kSoa, kValidated);
  if (!validated.ok()) {
    co_return make_error(i18n::finding("validated lookup of the SOA failed: {reason}",
                                       fmt::arg("reason", validated.error().message)));
  }
  facts.validated_soa = std::move(validated).value();

  auto dnskey = co_await resolver.lookup(facts.apex, rr_type::kDnskey, kRaw);
  if (!dnskey.ok())
    co_return make_error(i18n::finding("DNSKEY lookup failed: {reason}",
                                       fmt::arg("reason", dnskey.error().message)));
  facts.dnskey = std::move(dnskey).value();
  auto ds = co_await resolver.lookup(facts.apex, rr_type::kDs, kRaw);
  if (!ds.ok())
    co_return make_error(
        i18n::finding("DS lookup failed: {reason}", fmt::arg("reason", ds.error().message)));
  facts.ds = std::move(ds).value();

  auto ns = co_await resolver.lookup(facts.apex, rr_type::kNs, kRaw);
  if (!ns.ok())
    co_return make_error(
        i18n::finding("NS lookup failed: {reason}", fmt::arg("reason", ns.error().message)));
  std::vector<std::string> names;
  for (const auto& rr : ns->records(rr_type::kNs)) {
    if (auto name = dns::parse_name_rdata(rr); name.ok()) names.push_back(*name);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  if (names.size() > core::kMaxNameServers) {
    names.resize(core::kMaxNameServers);
    facts.name_servers_truncated = true;
  }
  std::vector<asio::awaitable<NameServer>> lookups;
  lookups.reserve(names.size());
  for (const auto& name : names) lookups.push_back(resolve_name_server(resolver, name));
  facts.name_servers = co_await net::gather(std::move(lookups));
  co_return facts;
}

}  // namespace baseline::checks::dns_family
