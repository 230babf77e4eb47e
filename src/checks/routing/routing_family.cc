// SPDX-License-Identifier: Apache-2.0
#include "checks/routing/routing_family.h"

#include <algorithm>
#include <map>

#include "checks/domain_facts.h"
#include "checks/registry.h"
#include "core/limits.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "i18n/finding.h"

namespace baseline::checks {
namespace asio = boost::asio;
using core::Verdict;

namespace routing_family {

void AddressSet::add(const asio::ip::address& address, AddressUse use) {
  for (auto& a : addresses) {
    if (a.address == address) {
      for (const auto& u : a.uses) {
        if (u.host == use.host && u.role == use.role) return;
      }
      a.uses.push_back(std::move(use));
      return;
    }
  }
  addresses.push_back(TestedAddress{address, {std::move(use)}});
}

namespace {

constexpr dns::LookupOptions kRaw{.validate = false};

std::string vrp_text(const routing::Vrp& v) {
  return v.prefix.to_string() + "-" + std::to_string(v.max_length) + " " + routing::asn_text(v.asn);
}

std::string origin_text(std::uint32_t origin) {
  return origin == routing::kNoSingleOrigin ? "an AS_SET" : routing::asn_text(origin);
}

std::string hosts_text(const TestedAddress& a) {
  if (a.uses.size() == 1) return a.uses.front().host;
  return i18n::finding("{host} (+{count} more)", fmt::arg("host", a.uses.front().host),
                       fmt::arg("count", a.uses.size() - 1));
}

nlohmann::json uses_json(const TestedAddress& a) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& u : a.uses) out.push_back({{"host", u.host}, {"role", u.role}});
  return out;
}

nlohmann::json vrps_json(const std::vector<routing::Vrp>& vrps) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : vrps) {
    out.push_back({{"prefix", v.prefix.to_string()},
                   {"max_length", v.max_length},
                   {"asn", routing::asn_text(v.asn)}});
  }
  return out;
}

core::CheckResult whole_domain(CheckId id, const std::string& domain, Verdict verdict,
                               const std::string& summary) {
  return make_result(id, domain, verdict, summary);
}

}  // namespace

std::vector<core::CheckResult> judge(std::string_view family, const std::string& domain,
                                     const AddressSet& set, const routing::RoutingData* routing) {
  const CheckId exists_id = CheckId::named(std::string(family) + ".rpki.exists");
  const CheckId valid_id = CheckId::named(std::string(family) + ".rpki.valid");
  std::vector<core::CheckResult> out;
  if (!set.problem.empty()) {
    out.push_back(whole_domain(exists_id, domain, Verdict::kError, set.problem));
    out.push_back(whole_domain(valid_id, domain, Verdict::kError, set.problem));
    return out;
  }
  if (set.addresses.empty()) {
    out.push_back(whole_domain(exists_id, domain, Verdict::kNotApplicable, set.none_reason));
    out.push_back(whole_domain(valid_id, domain, Verdict::kNotApplicable, set.none_reason));
    return out;
  }
  const std::string no_data =
      i18n::finding("no routing data was given (--vrps FILE or --rtr HOST:PORT, and --rib FILE)");
  const bool have_vrps = routing && routing->vrps.has_value();
  const bool have_routes = routing && routing->routes.has_value();
  if (!have_vrps) {
    const std::string why = routing ? routing->vrp_problem : no_data;
    out.push_back(whole_domain(exists_id, domain, Verdict::kError, why));
    out.push_back(whole_domain(valid_id, domain, Verdict::kError, why));
    return out;
  }

  std::vector<core::CheckResult> valid_results;
  for (const auto& tested : set.addresses) {
    const std::string target = tested.address.to_string();
    auto assessment = routing::assess_address(
        *routing->vrps, have_routes ? &*routing->routes : nullptr, tested.address);
    // exists: some VRP's prefix contains the address.
    {
      const auto& covering = assessment.covering_vrps;
      const std::string where = hosts_text(tested);
      std::string summary =
          covering.empty() ? i18n::finding("{where}: no ROA (VRP) covers {address}",
                                           fmt::arg("where", where), fmt::arg("address", target))
          : covering.size() == 1
              ? i18n::finding("{where}: covered by {vrp}", fmt::arg("where", where),
                              fmt::arg("vrp", vrp_text(covering.back())))
              : i18n::finding("{where}: covered by {vrp} and {count} more VRP(s)",
                              fmt::arg("where", where), fmt::arg("vrp", vrp_text(covering.back())),
                              fmt::arg("count", covering.size() - 1));
      auto result = make_result(exists_id, target,
                                covering.empty() ? Verdict::kFail : Verdict::kPass, summary);
      result.details = {{"hosts", uses_json(tested)},
                        {"covering_vrps", vrps_json(covering)},
                        {"vrp_source", routing->vrp_source}};
      out.push_back(std::move(result));
    }
    // valid: RFC 6811 validation of every origin of the most specific covering route.
    if (!have_routes) {
      valid_results.push_back(make_result(valid_id, target, Verdict::kError, routing->rib_problem));
      continue;
    }
    nlohmann::json announced = nlohmann::json::array();
    for (const auto& p : assessment.announced) {
      nlohmann::json origins = nlohmann::json::array();
      for (auto o : p.origins) origins.push_back(origin_text(o));
      announced.push_back({{"prefix", p.prefix.to_string()}, {"origins", origins}});
    }
    core::CheckResult result;
    if (!assessment.route) {
      result = make_result(
          valid_id, target, Verdict::kNotApplicable,
          i18n::finding("{where}: {address} is not announced (no route in the RIB covers it)",
                        fmt::arg("where", hosts_text(tested)), fmt::arg("address", target)));
    } else {
      bool all_valid = true;
      std::string verdicts;
      nlohmann::json validations = nlohmann::json::array();
      for (const auto& o : assessment.origins) {
        const auto& v = o.validation;
        all_valid = all_valid && v.validity == routing::RouteValidity::kValid;
        if (!verdicts.empty()) verdicts += "; ";
        // RFC 6811's states (valid, invalid, not-found) are technical terms.
        const std::string state(routing::to_string(v.validity));
        verdicts +=
            v.validity == routing::RouteValidity::kValid
                ? i18n::finding("from {origin} {state}", fmt::arg("origin", origin_text(o.origin)),
                                fmt::arg("state", state))
                : i18n::finding("from {origin} {state} ({reason})",
                                fmt::arg("origin", origin_text(o.origin)), fmt::arg("state", state),
                                fmt::arg("reason", v.reason));
        validations.push_back({{"origin", origin_text(o.origin)},
                               {"validity", routing::to_string(v.validity)},
                               {"reason", v.reason},
                               {"covering_vrps", vrps_json(v.covering)}});
      }
      result = make_result(
          valid_id, target, all_valid ? Verdict::kPass : Verdict::kFail,
          i18n::finding("{where}: {route} {findings}", fmt::arg("where", hosts_text(tested)),
                        fmt::arg("route", assessment.route->to_string()),
                        fmt::arg("findings", verdicts)));
      result.details["route"] = assessment.route->to_string();
      result.details["validations"] = validations;
    }
    result.details["hosts"] = uses_json(tested);
    result.details["announced"] = announced;
    result.details["vrp_source"] = routing->vrp_source;
    result.details["rib_source"] = routing->rib_source;
    valid_results.push_back(std::move(result));
  }
  for (auto& r : valid_results) out.push_back(std::move(r));
  if (!set.bounds_hit.empty()) {
    for (auto& r : out) r.details["bounds_hit"] = set.bounds_hit;
  }
  return out;
}

namespace {

std::string bound_text(const char* what, std::size_t bound, const std::string& where) {
  return std::string(what) + " (" + std::to_string(bound) + ")" + (where.empty() ? "" : " at ") +
         where;
}

// Adds the A and AAAA addresses of `host`; returns a problem text if a lookup failed outright.
asio::awaitable<std::string> add_host_addresses(dns::Resolver& resolver, const std::string& host,
                                                const std::string& role, AddressSet& set) {
  std::string problem;
  std::size_t added = 0;
  for (auto type : {dns::rr_type::kA, dns::rr_type::kAaaa}) {
    auto answer = co_await resolver.lookup(host, type, kRaw);
    if (!answer) {
      problem = i18n::finding("{type} lookup of {host} failed: {reason}",
                              fmt::arg("type", dns::type_name(type)), fmt::arg("host", host),
                              fmt::arg("reason", answer.error().message));
      continue;
    }
    if (answer->rcode != dns::rcode::kNoError && answer->rcode != dns::rcode::kNxDomain) {
      problem =
          i18n::finding("{type} lookup of {host}: {rcode}", fmt::arg("type", dns::type_name(type)),
                        fmt::arg("host", host), fmt::arg("rcode", dns::rcode_name(answer->rcode)));
      continue;
    }
    for (const auto& rr : answer->records(type)) {
      if (added >= core::kMaxAddressesPerHost) {
        set.bounds_hit.push_back(
            bound_text("addresses per host", core::kMaxAddressesPerHost, host));
        break;
      }
      if (auto address = dns::parse_address(rr); address.ok()) {
        set.add(*address, AddressUse{host, role});
        ++added;
      }
    }
  }
  co_return problem;
}

// The addresses the web family probes (the domain and www.domain, bounded as it bounds them).
asio::awaitable<AddressSet> web_addresses(const CheckContext& context, DomainFacts& facts) {
  const web_family::WebHosts& hosts = *co_await facts.web_hosts();
  AddressSet set;
  for (const auto& host : hosts.hosts) {
    if (host.lookup_error) {
      set.problem = i18n::finding("{host}: {reason}", fmt::arg("host", host.name),
                                  fmt::arg("reason", *host.lookup_error));
      co_return set;
    }
    if (host.truncated)
      set.bounds_hit.push_back(
          bound_text("addresses per host", core::kMaxAddressesPerHost, host.name));
    for (const auto* list : {&host.ipv4, &host.ipv6}) {
      for (const auto& a : *list) set.add(a, AddressUse{host.name, "web host"});
    }
  }
  if (set.addresses.empty())
    set.none_reason = i18n::finding("neither {domain} nor www.{domain} has an address",
                                    fmt::arg("domain", context.domain.ascii()));
  co_return set;
}

// The zone's name servers as the DNS family found them.
asio::awaitable<AddressSet> name_server_addresses(DomainFacts& facts) {
  const auto& zone = *co_await facts.zone();
  AddressSet set;
  if (!zone) {
    set.problem = zone.error().message;
    co_return set;
  }
  if (zone->name_servers_truncated) {
    set.bounds_hit.push_back(bound_text("name servers", core::kMaxNameServers, ""));
  }
  for (const auto& ns : zone->name_servers) {
    for (const auto* list : {&ns.ipv4, &ns.ipv6}) {
      for (const auto& a : *list) set.add(a, AddressUse{ns.name, "name server of " + zone->apex});
    }
  }
  if (set.addresses.empty())
    set.none_reason =
        i18n::finding("no name server of {zone} has an address", fmt::arg("zone", zone->apex));
  co_return set;
}

// The zone that holds `host` (from the SOA in the answer or the authority section) and its NS.
asio::awaitable<std::string> add_zone_name_servers(dns::Resolver& resolver, const std::string& host,
                                                   AddressSet& set) {
  auto soa = co_await resolver.lookup(host, dns::rr_type::kSoa, kRaw);
  if (!soa)
    co_return i18n::finding("SOA lookup of {host} failed: {reason}", fmt::arg("host", host),
                            fmt::arg("reason", soa.error().message));
  std::string apex;
  for (const auto& rr : soa->records(dns::rr_type::kSoa)) apex = rr.owner;
  if (apex.empty()) {
    for (const auto& rr : soa->message.authority) {
      if (rr.type == dns::rr_type::kSoa) apex = rr.owner;
    }
  }
  if (apex.empty())
    co_return i18n::finding("no zone found for MX host {host}", fmt::arg("host", host));
  auto ns = co_await resolver.lookup(apex, dns::rr_type::kNs, kRaw);
  if (!ns)
    co_return i18n::finding("NS lookup of {zone} failed: {reason}", fmt::arg("zone", apex),
                            fmt::arg("reason", ns.error().message));
  std::vector<std::string> names;
  for (const auto& rr : ns->records(dns::rr_type::kNs)) {
    if (auto name = dns::parse_name_rdata(rr); name.ok()) names.push_back(*name);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  if (names.size() > core::kMaxNameServers) {
    names.resize(core::kMaxNameServers);
    set.bounds_hit.push_back("name servers (" + std::to_string(core::kMaxNameServers) + ") of " +
                             apex);
  }
  for (const auto& name : names) {
    auto problem =
        co_await add_host_addresses(resolver, name, "name server of MX zone " + apex, set);
    if (!problem.empty()) co_return problem;
  }
  co_return std::string();
}

// The mail hosts the mail family selected (one MX selection: null MX, implicit MX, preference
// order, at most kMaxMailHosts), each with the name servers of its zone.
asio::awaitable<AddressSet> mail_addresses(const CheckContext& context, DomainFacts& facts) {
  const auto& mail = *co_await facts.mail_hosts();
  AddressSet set;
  if (!mail) {
    set.problem = mail.error().message;
    co_return set;
  }
  switch (mail->kind) {
    case mail_family::MxKind::kNull:
      set.none_reason = i18n::finding("null MX (RFC 7505): the domain accepts no mail");
      co_return set;
    case mail_family::MxKind::kNone:
      set.none_reason = i18n::finding("no MX record and no address: the domain receives no mail");
      co_return set;
    case mail_family::MxKind::kImplicit:
    case mail_family::MxKind::kExplicit:
      break;
  }
  if (mail->hosts_truncated) {
    set.bounds_hit.push_back(bound_text("MX hosts", mail_family::kMaxMailHosts, ""));
  }
  for (const auto& host : mail->hosts) {
    if (host.address_error) {
      set.problem = i18n::finding("{host}: {reason}", fmt::arg("host", host.name),
                                  fmt::arg("reason", *host.address_error));
      co_return set;
    }
    if (host.truncated)
      set.bounds_hit.push_back(
          bound_text("addresses per host", core::kMaxAddressesPerHost, host.name));
    const std::string role = mail->kind == mail_family::MxKind::kImplicit
                                 ? "implicit MX (RFC 5321 5.1: no MX, the domain's own address)"
                                 : "MX host (preference " + std::to_string(host.preference) + ")";
    for (const auto* list : {&host.ipv4, &host.ipv6}) {
      for (const auto& a : *list) set.add(a, AddressUse{host.name, role});
    }
    auto problem = co_await add_zone_name_servers(context.resolver, host.name, set);
    if (!problem.empty()) {
      set.problem = problem;
      co_return set;
    }
  }
  if (set.addresses.empty()) set.none_reason = i18n::finding("no MX host has an address");
  co_return set;
}

}  // namespace
}  // namespace routing_family

asio::awaitable<std::vector<core::CheckResult>> run_routing_checks(
    const CheckContext& context, DomainFacts& facts, const routing::RoutingData* routing) {
  using namespace routing_family;
  std::vector<asio::awaitable<AddressSet>> lookups;
  lookups.push_back(web_addresses(context, facts));
  lookups.push_back(name_server_addresses(facts));
  lookups.push_back(mail_addresses(context, facts));
  auto sets = co_await net::gather(std::move(lookups));
  const std::string domain = context.domain.ascii();
  std::vector<core::CheckResult> results;
  const char* families[] = {"web", "dns", "mail"};
  for (std::size_t i = 0; i < 3; ++i) {
    for (auto& r : judge(families[i], domain, sets[i], routing)) results.push_back(std::move(r));
  }
  co_return results;
}

}  // namespace baseline::checks
