// SPDX-License-Identifier: Apache-2.0
#include "checks/dns/name_server_checks.h"

#include "dns/direct_query.h"
#include "dns/types.h"

namespace baseline::checks::dns_family {
namespace asio = boost::asio;
using core::Verdict;

core::CheckResult check_ns_ipv6(const ZoneFacts& facts) {
  std::vector<std::string> with_ipv6;
  std::vector<std::string> without_ipv6;
  nlohmann::json servers = nlohmann::json::array();
  for (const auto& ns : facts.name_servers) {
    (ns.ipv6.empty() ? without_ipv6 : with_ipv6).push_back(ns.name);
    nlohmann::json v6 = nlohmann::json::array();
    for (const auto& a : ns.ipv6) v6.push_back(a.to_string());
    servers.push_back({{"name", ns.name}, {"ipv6", v6}});
  }
  const Verdict verdict = with_ipv6.size() >= 2 ? Verdict::kPass : Verdict::kFail;
  std::string summary = std::to_string(with_ipv6.size()) + " of " +
                        std::to_string(facts.name_servers.size()) +
                        " name servers have an IPv6 address";
  if (verdict == Verdict::kFail) {
    summary += with_ipv6.size() == 1 ? " (at least two are needed)" : "";
    if (!without_ipv6.empty()) {
      summary += "; without IPv6:";
      for (const auto& n : without_ipv6) summary += " " + n;
    }
  }
  auto result = make_result("dns.ns.ipv6", facts.domain, verdict, summary);
  result.details = {{"zone", facts.apex}, {"name_servers", servers}};
  if (facts.name_servers_truncated) result.details["bound_hit"] = "name servers";
  return result;
}

namespace {

std::string endpoint_text(const asio::ip::address& address) {
  return address.is_v6() ? "[" + address.to_string() + "]:53" : address.to_string() + ":53";
}

asio::awaitable<core::CheckResult> probe(const CheckContext& context, CheckId id, std::string zone,
                                         std::string ns_name, asio::ip::address address) {
  const std::string target = endpoint_text(address);
  if (auto refusal = context.guard.refusal(address)) {
    co_return make_result(id, target, Verdict::kError, *refusal);
  }
  dns::DirectQueryOptions options;
  options.query.recursion_desired = false;
  options.query.dnssec_ok = false;
  options.timeout = context.probe_budget();
  options.port = context.dns_port;
  auto response = co_await dns::query_server(address, zone, dns::rr_type::kSoa, options);
  core::CheckResult result;
  if (!response.ok()) {
    result = make_result(id, target, Verdict::kFail, ns_name + " does not answer: " +
                                                         response.error().message);
  } else {
    const auto& header = response->message.header;
    const bool has_soa = std::any_of(
        response->message.answers.begin(), response->message.answers.end(),
        [&](const dns::ResourceRecord& rr) { return rr.type == dns::rr_type::kSoa && rr.owner == zone; });
    if (header.rcode == dns::rcode::kNoError && header.aa && has_soa) {
      result = make_result(id, target, Verdict::kPass,
                           ns_name + " answers authoritatively in " +
                               std::to_string(response->round_trip.count()) + " ms" +
                               (response->via_tcp ? " (over TCP)" : ""));
    } else {
      std::string what = header.rcode != dns::rcode::kNoError ? dns::rcode_name(header.rcode)
                         : !header.aa ? "a non-authoritative answer (lame delegation)"
                                      : "an answer without the zone's SOA";
      result = make_result(id, target, Verdict::kFail, ns_name + " answers with " + what);
    }
    result.details["round_trip_ms"] = response->round_trip.count();
    result.details["transport"] = response->via_tcp ? "tcp" : "udp";
    result.details["rcode"] = dns::rcode_name(header.rcode);
    result.details["authoritative"] = header.aa;
  }
  result.details["name_server"] = ns_name;
  result.details["zone"] = zone;
  co_return result;
}

}  // namespace

asio::awaitable<std::vector<core::CheckResult>> check_ns_reach(const CheckContext& context,
                                                               const ZoneFacts& facts,
                                                               AddressFamily family) {
  const CheckId id =
      family == AddressFamily::kIpv6 ? CheckId("dns.ns.ipv6_reach") : CheckId("dns.ns.ipv4_reach");
  std::vector<asio::awaitable<core::CheckResult>> probes;
  for (const auto& ns : facts.name_servers) {
    for (const auto& address : family == AddressFamily::kIpv6 ? ns.ipv6 : ns.ipv4) {
      probes.push_back(probe(context, id, facts.apex, ns.name, address));
    }
  }
  if (probes.empty()) {
    const char* which = family == AddressFamily::kIpv6 ? "IPv6" : "IPv4";
    std::vector<core::CheckResult> none;
    none.push_back(make_result(id, facts.domain, Verdict::kNotApplicable,
                               std::string("no name server has an ") + which + " address"));
    co_return none;
  }
  co_return co_await net::gather(std::move(probes));
}

}  // namespace baseline::checks::dns_family
