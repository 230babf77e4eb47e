// SPDX-License-Identifier: Apache-2.0
#include "batch/technical_results.h"

#include <algorithm>
#include <map>
#include <set>

#include "batch/domain_results.h"
#include "batch/json_access.h"
#include "batch/test_mapping.h"

namespace baseline::batch {
namespace {

using json = nlohmann::json;

const json& details_of(const json& result) {
  return field(result, "details");
}

bool is_v6(std::string_view address) {
  return address.find(':') != std::string_view::npos;
}

// The stored results, indexed the ways the technical object needs them.
class StoredChecks {
 public:
  explicit StoredChecks(const json& checks) {
    for (const auto& r : checks) {
      if (!text(r, "id").empty()) all_.push_back(&r);
    }
  }

  std::vector<const json*> with_id(std::string_view id) const {
    std::vector<const json*> out;
    for (const auto* r : all_) {
      if (text(*r, "id") == id) out.push_back(r);
    }
    return out;
  }
  const json* first(std::string_view id) const {
    auto all = with_id(id);
    return all.empty() ? nullptr : all.front();
  }
  // Results of `id` whose target is this address (with or without a port).
  std::vector<const json*> at_address(std::string_view id, std::string_view address) const {
    std::vector<const json*> out;
    for (const auto* r : with_id(id)) {
      if (address_of_target(text(*r, "target")) == address) out.push_back(r);
    }
    return out;
  }
  // Every result of the checks that decide no Internet.nl test (MTA-STS, TLS-RPT, DNSSEC
  // algorithms, ...), of checks whose ID starts with one of `families`.
  json beyond_internetnl(std::initializer_list<std::string_view> families) const {
    json out = json::array();
    for (auto id : checks_beyond_internetnl()) {
      const bool wanted = std::any_of(families.begin(), families.end(),
                                      [&](std::string_view f) { return id.starts_with(f); });
      if (!wanted) continue;
      for (const auto* r : with_id(id)) out.push_back(summary(*r));
    }
    return out;
  }

  static json summary(const json& r) {
    return {{"id", text(r, "id")},
            {"target", text(r, "target")},
            {"verdict", text(r, "verdict")},
            {"summary", text(r, "summary")},
            {"details", details_of(r)}};
  }

  // Every result about this address, of checks whose ID starts with one of `families`.
  json baseline_checks(std::string_view address,
                       std::initializer_list<std::string_view> families) const {
    json out = json::array();
    for (const auto* r : all_) {
      const auto id = text(*r, "id");
      const bool wanted = std::any_of(families.begin(), families.end(),
                                      [&](std::string_view f) { return id.starts_with(f); });
      if (!wanted || address_of_target(text(*r, "target")) != address) continue;
      out.push_back(summary(*r));
    }
    return out;
  }

 private:
  std::vector<const json*> all_;
};

// Internet.nl's routing list for an address, from the rpki.valid result about it.
std::optional<json> routing(const StoredChecks& checks, std::string_view id,
                            std::string_view address) {
  const auto found = checks.at_address(id, address);
  if (found.empty()) return std::nullopt;
  const json& r = *found.front();
  const std::string verdict = text(r, "verdict");
  if (verdict == "not_applicable") return json::array();  // not announced: no route
  const auto& details = details_of(r);
  if (!field(details, "validations").is_array()) return std::nullopt;
  json out = json::array();
  for (const auto& v : array_field(details, "validations")) {
    std::string state = text(v, "validity");
    if (state == "invalid") state += " (" + text(v, "reason") + ")";
    out.push_back(
        {{"origin", text(v, "origin")}, {"route", text(details, "route")}, {"rov_state", state}});
  }
  return out;
}

// One Addr: {"address", "reachable"?, "routing"?} (+ Baseline's results for it).
json addr(const StoredChecks& checks, const std::string& address, std::optional<bool> reachable,
          std::string_view rpki_valid_id, std::initializer_list<std::string_view> families) {
  json out = {{"address", address}};
  if (reachable) out["reachable"] = *reachable;
  if (auto r = routing(checks, rpki_valid_id, address)) out["routing"] = *r;
  out["baseline_checks"] = checks.baseline_checks(address, families);
  return out;
}

// Reachability from a per-address check: pass is reachable, fail is not; else unknown.
std::optional<bool> reached(const StoredChecks& checks, std::string_view id,
                            std::string_view address) {
  std::optional<bool> out;
  for (const auto* r : checks.at_address(id, address)) {
    const auto v = text(*r, "verdict");
    if (v == "pass") return true;
    if (v == "fail") out = false;
  }
  return out;
}

json dnssec_status(const StoredChecks& checks) {
  const json* valid = checks.first("dns.dnssec.valid");
  if (valid == nullptr) return nullptr;
  const auto state = text(details_of(*valid), "state");
  if (state == "secure" || state == "insecure" || state == "bogus") return {{"status", state}};
  return {{"status", "error"}};
}

// Name servers of the domain: names and IPv6 addresses from dns.ns.ipv6, every address from the
// per-address reach checks, and the addresses the routing checks used.
json name_servers(const StoredChecks& checks) {
  std::map<std::string, std::set<std::string>> by_name;
  if (const json* ns = checks.first("dns.ns.ipv6")) {
    for (const auto& s : array_field(details_of(*ns), "name_servers")) {
      auto& addresses = by_name[text(s, "name")];
      for (const auto& a : array_field(s, "ipv6")) {
        if (a.is_string()) addresses.insert(a.get<std::string>());
      }
    }
  }
  for (const char* id : {"dns.ns.ipv4_reach", "dns.ns.ipv6_reach"}) {
    for (const auto* r : checks.with_id(id)) {
      const auto name = text(details_of(*r), "name_server");
      if (!name.empty()) by_name[name].insert(address_of_target(text(*r, "target")));
    }
  }
  for (const auto* r : checks.with_id("dns.rpki.exists")) {
    for (const auto& h : array_field(details_of(*r), "hosts")) {
      if (text(h, "role").starts_with("name server of")) {
        by_name[text(h, "host")].insert(text(*r, "target"));
      }
    }
  }
  json out = json::object();
  for (const auto& [name, addresses] : by_name) {
    if (name.empty()) continue;
    json v4 = json::array(), v6 = json::array();
    for (const auto& a : addresses) {
      const bool six = is_v6(a);
      (six ? v6 : v4)
          .push_back(addr(checks, a,
                          reached(checks, six ? "dns.ns.ipv6_reach" : "dns.ns.ipv4_reach", a),
                          "dns.rpki.valid", {"dns.ns.", "dns.rpki."}));
    }
    out[name] = {{"ipv4", {{"addresses", v4}}}, {"ipv6", {{"addresses", v6}}}};
  }
  return out;
}

// Name servers of the MX hosts' zones, as the mail routing checks found them.
json mx_name_servers(const StoredChecks& checks) {
  std::map<std::string, std::set<std::string>> by_name;
  for (const auto* r : checks.with_id("mail.rpki.exists")) {
    for (const auto& h : array_field(details_of(*r), "hosts")) {
      if (text(h, "role").starts_with("name server of MX zone")) {
        by_name[text(h, "host")].insert(text(*r, "target"));
      }
    }
  }
  json out = json::object();
  for (const auto& [name, addresses] : by_name) {
    json v4 = json::array(), v6 = json::array();
    for (const auto& a : addresses) {
      (is_v6(a) ? v6 : v4)
          .push_back(addr(checks, a, std::nullopt, "mail.rpki.valid", {"mail.rpki."}));
    }
    out[name] = {{"ipv4", {{"addresses", v4}}}, {"ipv6", {{"addresses", v6}}}};
  }
  return out;
}

json protocols_bad(const std::vector<const json*>& version_results) {
  std::set<std::string> bad;
  for (const auto* r : version_results) {
    for (const auto& v : array_field(details_of(*r), "accepted")) {
      if (!v.is_string()) continue;
      const auto name = v.get<std::string>();
      if (name != "TLSv1.2" && name != "TLSv1.3") bad.insert(name);
    }
  }
  return bad;
}

// The web server's details, from the results about its addresses of one family.
json web_details(const StoredChecks& checks, const std::vector<std::string>& addresses) {
  std::vector<const json*> versions, hsts, trust;
  for (const auto& a : addresses) {
    for (const auto* r : checks.at_address("web.tls.version", a)) versions.push_back(r);
    for (const auto* r : checks.at_address("web.hsts", a)) hsts.push_back(r);
    for (const auto* r : checks.at_address("web.cert.trust", a)) trust.push_back(r);
  }
  json out = json::object();
  if (!versions.empty()) out["protocols_bad"] = protocols_bad(versions);
  if (!hsts.empty()) {
    bool all = true;
    json policies = json::array();
    for (const auto* r : hsts) {
      all = all && text(*r, "verdict") == "pass";
      const auto header = text(details_of(*r), "header");
      if (!header.empty() &&
          std::find(policies.begin(), policies.end(), header) == policies.end()) {
        policies.push_back(header);
      }
    }
    out["hsts"] = all;
    out["hsts_policies"] = policies;
  }
  if (!trust.empty()) {
    bool all = true;
    for (const auto* r : trust) all = all && text(*r, "verdict") == "pass";
    out["cert_trusted"] = all;
    json chain = json::array();
    for (const auto& c : array_field(details_of(*trust.front()), "chain")) {
      chain.push_back(text(c, "subject"));
    }
    out["cert_chain"] = chain;
  }
  if (const json* caa = checks.first("dns.caa")) {
    const auto& d = details_of(*caa);
    json records = json::array();
    for (const auto& c : array_field(d, "records")) {
      records.push_back(std::to_string(number(c, "flags")) + " " + text(c, "tag") + " \"" +
                        text(c, "value") + "\"");
    }
    out["caa_enabled"] = !records.empty();
    out["caa_records"] = records;
    if (field(d, "found_at").is_string()) out["caa_found_on_domain"] = field(d, "found_at");
  }
  return out;
}

json web_servers(const StoredChecks& checks, const std::string& domain) {
  // The domain's own addresses (Internet.nl tests the domain; Baseline also www., listed under
  // "baseline_www"), in the order Baseline tested them.
  auto family_object = [&](const std::string& host, bool six) {
    std::vector<std::string> addresses;
    for (const auto* r : checks.with_id("web.https.available")) {
      if (text(details_of(*r), "host") != host) continue;
      const auto a = address_of_target(text(*r, "target"));
      if (a.empty() || is_v6(a) != six) continue;
      if (std::find(addresses.begin(), addresses.end(), a) == addresses.end())
        addresses.push_back(a);
    }
    json list = json::array();
    bool any_reachable = false;
    for (const auto& a : addresses) {
      const auto reachable = reached(checks, "web.https.available", a);
      any_reachable |= reachable.value_or(false);
      list.push_back(addr(checks, a, reachable, "web.rpki.valid", {"web."}));
    }
    json out = {{"addresses", list}};
    if (addresses.empty()) return out;
    out["tested_address"] = addresses.front();
    out["server_reachable"] = any_reachable;
    out["https_enabled"] = any_reachable;  // web.https.available passes only with a TLS handshake
    if (any_reachable) out["details"] = web_details(checks, addresses);
    return out;
  };
  json out = {{"ipv4", family_object(domain, false)}, {"ipv6", family_object(domain, true)}};
  const std::string www = "www." + domain;
  json www_object = {{"ipv4", family_object(www, false)}, {"ipv6", family_object(www, true)}};
  if (!www_object["ipv4"]["addresses"].empty() || !www_object["ipv6"]["addresses"].empty()) {
    out["baseline_www"] = www_object;
  }
  // ip_similarity only when both families answer (as Internet.nl).
  if (out["ipv4"].value("server_reachable", false) &&
      out["ipv6"].value("server_reachable", false)) {
    bool similar = true, judged = false;
    for (const auto* r : checks.with_id("web.ipv6.same_site")) {
      if (text(*r, "target") != domain) continue;
      const auto v = text(*r, "verdict");
      if (v == "pass" || v == "warn") {
        judged = true;
        similar = similar && v == "pass";
      }
    }
    if (judged) out["ip_similarity"] = similar;
  }
  return out;
}

json mail_domain(const StoredChecks& checks, const std::string& domain) {
  json out = json::object();
  if (auto d = dnssec_status(checks); !d.is_null()) out["dnssec"] = d;
  if (const json* dkim = checks.first("mail.dkim")) {
    const auto& d = details_of(*dkim);
    if (field(d, "domainkey_node").is_boolean()) {
      out["dkim"] = {{"discovered", field(d, "domainkey_node")}};
    }
  }
  if (const json* dmarc = checks.first("mail.dmarc")) {
    const auto& d = details_of(*dmarc);
    json records = json::array();
    if (!text(d, "record").empty()) records.push_back(text(d, "record"));
    json dmarc_out = {{"records", records}};
    const auto at = text(d, "found_at");
    if (!records.empty()) {
      const std::string own = "_dmarc." + domain;
      dmarc_out["record_org_domain"] = at.empty() || at == own || at == domain
                                           ? json(nullptr)
                                           : json(at.starts_with("_dmarc.") ? at.substr(7) : at);
      if (const json* policy = checks.first("mail.dmarc.policy")) {
        const auto v = text(*policy, "verdict");
        const bool parsed = details_of(*policy).contains("policy");
        if (v == "pass")
          dmarc_out["policy_status"] = "valid";
        else if (v == "warn")
          dmarc_out["policy_status"] = "invalid_external";
        else if (v == "fail")
          dmarc_out["policy_status"] = parsed ? "invalid_p_sp" : "invalid_syntax";
      }
    }
    out["dmarc"] = dmarc_out;
  }
  if (const json* spf = checks.first("mail.spf")) {
    const auto& d = details_of(*spf);
    json records = json::array();
    if (!text(d, "record").empty()) records.push_back(text(d, "record"));
    for (const auto& r : array_field(d, "records")) {
      if (r.is_string()) records.push_back(r);
    }
    json spf_out = {{"records", records}};
    if (records.size() == 1) {
      const auto syntax = text(*spf, "verdict");
      const json* policy = checks.first("mail.spf.policy");
      if (syntax == "fail") {
        spf_out["policy_status"] = "invalid_syntax";
      } else if (policy != nullptr) {
        const auto v = text(*policy, "verdict");
        const auto& pd = details_of(*policy);
        const auto result = text(pd, "result_for_unauthorised_sender");
        if (v == "pass") {
          spf_out["policy_status"] = "valid";
        } else if (v == "fail" && number(pd, "dns_querying_terms") > 10) {
          spf_out["policy_status"] = "max_dns_lookups";
        } else if (v == "fail" && result != "fail" && result != "softfail" &&
                   result != "permerror" && result != "temperror") {
          spf_out["policy_status"] = "invalid_all";
        }
        // Other failures (a missing include or redirect target, loops) are in baseline_checks.
      }
    }
    out["spf"] = spf_out;
  }
  return out;
}

json receiving_mail_servers(const StoredChecks& checks) {
  json out = json::object();
  const json* mx = checks.first("mail.mx");
  if (mx == nullptr) return out;
  for (const auto& h : array_field(details_of(*mx), "hosts")) {
    const auto name = text(h, "name");
    if (name.empty()) continue;
    std::vector<const json*> starttls;
    for (const auto* r : checks.with_id("mail.starttls")) {
      if (text(details_of(*r), "host") == name) starttls.push_back(r);
    }
    auto reachable_at = [&](const std::string& a) -> std::optional<bool> {
      for (const auto* r : starttls) {
        if (address_of_target(text(*r, "target")) != a) continue;
        const auto v = text(*r, "verdict");
        if (v == "pass" || v == "fail") return true;
        if (field(details_of(*r), "reached") == false) return false;  // no TCP connection
      }
      return std::nullopt;
    };
    json addresses = json::object();
    std::vector<std::string> all;
    for (const char* family : {"ipv4", "ipv6"}) {
      json list = json::array();
      for (const auto& a : array_field(h, family)) {
        if (!a.is_string()) continue;
        const auto address = a.get<std::string>();
        all.push_back(address);
        list.push_back(addr(checks, address, reachable_at(address), "mail.rpki.valid", {"mail."}));
      }
      addresses[family] = list;
    }
    json server = {{"addresses", addresses}};
    if (!text(h, "dnssec").empty()) {
      const auto state = text(h, "dnssec");
      server["dnssec"] = {{"status", state == "indeterminate" ? "error" : state}};
    }
    if (!starttls.empty()) {
      bool reachable = false, enabled = false, testable = true;
      for (const auto* r : starttls) {
        const auto v = text(*r, "verdict");
        reachable |= v == "pass" || v == "fail";
        enabled |= v == "pass";
        testable = testable && v != "error";
      }
      server["server_reachable"] = reachable;
      server["starttls_enabled"] = enabled;
      server["server_testable"] = testable;
      if (enabled) {
        json details = json::object();
        std::vector<const json*> versions;
        for (const auto& a : all) {
          for (const auto* r : checks.at_address("mail.tls.version", a)) versions.push_back(r);
        }
        if (!versions.empty()) details["protocols_bad"] = protocols_bad(versions);
        for (const auto* r : checks.with_id("mail.dane.rollover")) {
          if (text(*r, "target") == name || text(details_of(*r), "host") == name) {
            details["dane_rollover"] = text(*r, "verdict") == "pass";
          }
        }
        server["details"] = details;
      }
    }
    out[name] = server;
  }
  return out;
}

}  // namespace

std::string address_of_target(std::string_view target) {
  if (target.starts_with("[")) {
    const auto close = target.find(']');
    return close == std::string_view::npos ? std::string()
                                           : std::string(target.substr(1, close - 1));
  }
  const auto colon = target.find(':');
  if (colon != std::string_view::npos && target.find(':', colon + 1) == std::string_view::npos) {
    return std::string(target.substr(0, colon));  // a.b.c.d:port
  }
  return std::string(target);  // an address without a port, or a name
}

json technical_results(const json& stored, RequestType type) {
  if (!is_test_result(stored)) return {{"status", "error"}};
  const StoredChecks checks(field(stored, "checks"));
  const std::string domain = text(stored, "domain");
  json out = {{"status", "ok"}};
  if (type == RequestType::kWeb) {
    json domain_object = json::object();
    if (auto d = dnssec_status(checks); !d.is_null()) domain_object["dnssec"] = d;
    domain_object["baseline_checks"] = checks.beyond_internetnl({"dns.", "web."});
    out["domain"] = domain_object;
    out["nameservers"] = name_servers(checks);
    out["webservers"] = web_servers(checks, domain);
  } else {
    out["domain"] = mail_domain(checks, domain);
    out["domain"]["baseline_checks"] = checks.beyond_internetnl({"dns.", "mail."});
    out["nameservers"] = name_servers(checks);
    out["mx_nameservers"] = mx_name_servers(checks);
    out["receiving_mailservers"] = receiving_mail_servers(checks);
  }
  return out;
}

}  // namespace baseline::batch
