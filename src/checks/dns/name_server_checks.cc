// SPDX-License-Identifier: Apache-2.0
#include "checks/dns/name_server_checks.h"

#include "dns/direct_query.h"
#include "dns/types.h"
#include "i18n/finding.h"

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
  std::string summary =
      verdict == Verdict::kFail && with_ipv6.size() == 1
          ? i18n::finding(
                "{count} of {total} name servers have an IPv6 address (at least two are "
                "needed)",
                fmt::arg("count", with_ipv6.size()), fmt::arg("total", facts.name_servers.size()))
          : i18n::finding("{count} of {total} name servers have an IPv6 address",
                          fmt::arg("count", with_ipv6.size()),
                          fmt::arg("total", facts.name_servers.size()));
  if (verdict == Verdict::kFail && !without_ipv6.empty()) {
    summary += "; " + i18n::finding("without IPv6: {hosts}",
                                    fmt::arg("hosts", fmt::join(without_ipv6, " ")));
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
    result =
        make_result(id, target, Verdict::kFail,
                    i18n::finding("{host} does not answer: {reason}", fmt::arg("host", ns_name),
                                  fmt::arg("reason", response.error().message)));
  } else {
    const auto& header = response->message.header;
    const bool has_soa =
        std::any_of(response->message.answers.begin(), response->message.answers.end(),
                    [&](const dns::ResourceRecord& rr) {
                      return rr.type == dns::rr_type::kSoa && rr.owner == zone;
                    });
    if (header.rcode == dns::rcode::kNoError && header.aa && has_soa) {
      result = make_result(
          id, target, Verdict::kPass,
          response->via_tcp ? i18n::finding("{host} answers authoritatively in {ms} ms (over TCP)",
                                            fmt::arg("host", ns_name),
                                            fmt::arg("ms", response->round_trip.count()))
                            : i18n::finding("{host} answers authoritatively in {ms} ms",
                                            fmt::arg("host", ns_name),
                                            fmt::arg("ms", response->round_trip.count())));
    } else {
      std::string summary =
          header.rcode != dns::rcode::kNoError
              ? i18n::finding("{host} answers with {rcode}", fmt::arg("host", ns_name),
                              fmt::arg("rcode", dns::rcode_name(header.rcode)))
          : !header.aa
              ? i18n::finding("{host} answers with a non-authoritative answer (lame delegation)",
                              fmt::arg("host", ns_name))
              : i18n::finding("{host} answers with an answer without the zone's SOA",
                              fmt::arg("host", ns_name));
      result = make_result(id, target, Verdict::kFail, summary);
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
    none.push_back(make_result(
        id, facts.domain, Verdict::kNotApplicable,
        i18n::finding("no name server has an {family} address", fmt::arg("family", which))));
    co_return none;
  }
  co_return co_await net::gather(std::move(probes));
}

}  // namespace baseline::checks::dns_family
