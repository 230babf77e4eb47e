// SPDX-License-Identifier: Apache-2.0
#include "mail/spf/spf_evaluator.h"

#include <algorithm>
#include <chrono>

#include "dns/rdata.h"
#include "dns/types.h"
#include "i18n/finding.h"
#include "mail/spf/spf_record.h"

namespace baseline::mail::spf {
namespace asio = boost::asio;
namespace rr_type = dns::rr_type;

namespace {

constexpr int kMaxDepth = 20;  // nested include/redirect, a guard beside the term limit

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// An IPv4-mapped IPv6 client is an IPv4 client (§5, footnote on "ip6").
asio::ip::address effective(const asio::ip::address& ip) {
  if (ip.is_v6() && ip.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, ip.to_v6());
  }
  return ip;
}

bool in_network(const asio::ip::address& ip, const asio::ip::address& network, int prefix) {
  if (ip.is_v4() != network.is_v4()) return false;
  auto compare = [prefix](const auto& a, const auto& b) {
    int bits = prefix;
    for (std::size_t i = 0; i < a.size() && bits > 0; ++i, bits -= 8) {
      const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
      if ((a[i] & mask) != (b[i] & mask)) return false;
    }
    return true;
  };
  if (ip.is_v4()) return compare(ip.to_v4().to_bytes(), network.to_v4().to_bytes());
  return compare(ip.to_v6().to_bytes(), network.to_v6().to_bytes());
}

std::string reverse_name(const asio::ip::address& ip) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  if (ip.is_v4()) {
    auto b = ip.to_v4().to_bytes();
    for (int i = 3; i >= 0; --i) out += std::to_string(b[static_cast<std::size_t>(i)]) + ".";
    return out + "in-addr.arpa";
  }
  auto b = ip.to_v6().to_bytes();
  for (int i = 15; i >= 0; --i) {
    out += kHex[b[static_cast<std::size_t>(i)] & 0xf];
    out += '.';
    out += kHex[b[static_cast<std::size_t>(i)] >> 4];
    out += '.';
  }
  return out + "ip6.arpa";
}

SpfResult from_qualifier(Qualifier q) {
  switch (q) {
    case Qualifier::kPass:
      return SpfResult::kPass;
    case Qualifier::kFail:
      return SpfResult::kFail;
    case Qualifier::kSoftFail:
      return SpfResult::kSoftFail;
    case Qualifier::kNeutral:
      return SpfResult::kNeutral;
  }
  return SpfResult::kNeutral;
}

}  // namespace

std::string_view to_string(SpfResult result) {
  switch (result) {
    case SpfResult::kNone:
      return "none";
    case SpfResult::kNeutral:
      return "neutral";
    case SpfResult::kPass:
      return "pass";
    case SpfResult::kFail:
      return "fail";
    case SpfResult::kSoftFail:
      return "softfail";
    case SpfResult::kTempError:
      return "temperror";
    case SpfResult::kPermError:
      return "permerror";
  }
  return "permerror";
}

bool is_checkable_domain(std::string_view name) {
  if (name.empty() || name.size() > 253 || name.front() == '[') return false;
  if (name.back() == '.') name.remove_suffix(1);
  std::size_t labels = 0;
  std::size_t start = 0;
  for (;;) {
    auto dot = name.find('.', start);
    auto label =
        name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63) return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2;
}

struct Evaluator::Lookup {
  enum class Status { kFound, kEmpty, kError } status = Status::kEmpty;
  std::vector<dns::ResourceRecord> records;
  std::string problem;
};

struct Evaluator::Verdict {
  SpfResult result = SpfResult::kNeutral;
  std::string reason;
  std::string explanation;
};

asio::awaitable<Evaluator::Lookup> Evaluator::lookup(const std::string& name, std::uint16_t type,
                                                     bool counts_as_void) {
  Lookup out;
  if (!is_checkable_domain(name) && type != rr_type::kPtr) {
    out.status = Lookup::Status::kEmpty;  // a malformed target name exists nowhere
  } else {
    auto answer = co_await resolver_.lookup(name, type, {.validate = false});
    if (!answer.ok()) {
      out.status = Lookup::Status::kError;
      out.problem = i18n::finding("DNS lookup of {name} {type} failed: {reason}",
                                  fmt::arg("name", name), fmt::arg("type", dns::type_name(type)),
                                  fmt::arg("reason", answer.error().message));
      co_return out;
    }
    if (answer->rcode != dns::rcode::kNoError && answer->rcode != dns::rcode::kNxDomain) {
      out.status = Lookup::Status::kError;
      out.problem = i18n::finding("DNS lookup of {name} {type}: {rcode}", fmt::arg("name", name),
                                  fmt::arg("type", dns::type_name(type)),
                                  fmt::arg("rcode", dns::rcode_name(answer->rcode)));
      co_return out;
    }
    out.records = answer->records(type);
    out.status = out.records.empty() ? Lookup::Status::kEmpty : Lookup::Status::kFound;
  }
  if (out.status == Lookup::Status::kEmpty && counts_as_void) ++void_lookups_;
  co_return out;
}

// %{p} and the ptr mechanism (§5.5): names from the PTR lookup whose addresses include the client.
asio::awaitable<std::string> Evaluator::validated_name(const MacroContext& context,
                                                       const std::string& target) {
  const auto ip = effective(context.ip);
  auto names = co_await lookup(reverse_name(ip), rr_type::kPtr, false);
  std::vector<std::string> validated;
  int considered = 0;
  for (const auto& rr : names.records) {
    if (++considered > kMaxNamesPerLookup) break;
    auto name = dns::parse_name_rdata(rr);
    if (!name.ok()) continue;
    auto addresses = co_await lookup(*name, ip.is_v4() ? rr_type::kA : rr_type::kAaaa, false);
    for (const auto& a : addresses.records) {
      if (auto address = dns::parse_address(a); address.ok() && *address == ip) {
        validated.push_back(lower(*name));
        break;
      }
    }
  }
  const std::string want = lower(target);
  for (const auto& n : validated) {
    if (n == want) co_return n;
  }
  for (const auto& n : validated) {
    if (n.size() > want.size() && n.ends_with("." + want)) co_return n;
  }
  co_return validated.empty() ? std::string() : validated.front();
}

asio::awaitable<std::string> Evaluator::explain(std::string spec, MacroContext context) {
  MacroContext with_p = context;
  if (uses_validated_name(spec)) {
    auto name = co_await validated_name(context, context.domain);
    with_p.validated_name = name.empty() ? "unknown" : name;
  }
  const std::string target = expand_domain(spec, with_p);
  auto txt = co_await lookup(target, rr_type::kTxt, false);
  if (txt.status != Lookup::Status::kFound || txt.records.size() != 1)
    co_return kDefaultExplanation;
  auto joined = dns::parse_txt_joined(txt.records.front());
  if (!joined.ok()) co_return kDefaultExplanation;
  const std::string text = *joined;
  if (macro_string_problem(text, true)) co_return kDefaultExplanation;
  if (uses_validated_name(text) && with_p.validated_name == "unknown") {
    auto name = co_await validated_name(context, context.domain);
    if (!name.empty()) with_p.validated_name = name;
  }
  co_return expand_macros(text, with_p);
}

asio::awaitable<Evaluator::Verdict> Evaluator::evaluate(std::string domain, MacroContext context,
                                                        std::vector<std::string> chain) {
  context.domain = domain;
  if (std::find(chain.begin(), chain.end(), lower(domain)) != chain.end()) {
    std::string path;
    for (const auto& d : chain) path += d + " → ";
    co_return Verdict{SpfResult::kPermError, i18n::finding("include/redirect loop: {path}",
                                                           fmt::arg("path", path + lower(domain)))};
  }
  chain.push_back(lower(domain));
  if (static_cast<int>(chain.size()) > kMaxDepth) {
    co_return Verdict{SpfResult::kPermError, i18n::finding("include/redirect nesting too deep")};
  }

  // §4.4-4.5: the record.
  auto txt = co_await lookup(domain, rr_type::kTxt, false);
  if (txt.status == Lookup::Status::kError) co_return Verdict{SpfResult::kTempError, txt.problem};
  std::vector<std::string> records;
  for (const auto& rr : txt.records) {
    auto joined = dns::parse_txt_joined(rr);
    if (joined.ok() && is_spf_record(*joined)) records.push_back(*joined);
  }
  if (records.empty())
    co_return Verdict{SpfResult::kNone,
                      i18n::finding("no SPF record at {domain}", fmt::arg("domain", domain))};
  if (records.size() > 1) {
    co_return Verdict{SpfResult::kPermError,
                      i18n::finding("{count} SPF records at {domain}",
                                    fmt::arg("count", records.size()), fmt::arg("domain", domain))};
  }
  auto record = parse_record(records.front());
  if (!record)
    co_return Verdict{
        SpfResult::kPermError,
        i18n::finding("syntax error at {domain}: {reason}", fmt::arg("domain", domain),
                      fmt::arg("reason", record.error().message))};

  const auto ip = effective(context.ip);
  auto fill_validated_name = [&](std::string_view spec) -> asio::awaitable<void> {
    if (uses_validated_name(spec) && context.validated_name == "unknown") {
      auto name = co_await validated_name(context, domain);
      if (!name.empty()) context.validated_name = name;
    }
  };
  auto over_limit = [&]() -> std::optional<Verdict> {
    if (dns_terms_ > kMaxDnsTerms) {
      return Verdict{SpfResult::kPermError,
                     i18n::finding("more than 10 DNS-querying terms (RFC 7208 §4.6.4)")};
    }
    return std::nullopt;
  };
  auto void_limit = [&]() -> std::optional<Verdict> {
    if (void_lookups_ > kMaxVoidLookups) {
      return Verdict{SpfResult::kPermError,
                     i18n::finding("more than 2 void lookups (RFC 7208 §4.6.4)")};
    }
    return std::nullopt;
  };

  for (const auto& m : record->mechanisms) {
    if (queries_dns(m.kind)) {
      ++dns_terms_;
      if (auto stop = over_limit()) co_return *stop;
    }
    co_await fill_validated_name(m.domain_spec);
    const std::string target =
        m.domain_spec.empty() ? domain : expand_domain(m.domain_spec, context);
    bool match = false;
    switch (m.kind) {
      case MechanismKind::kAll:
        match = true;
        break;
      case MechanismKind::kIp4:
      case MechanismKind::kIp6:
        match =
            in_network(ip, m.network, m.kind == MechanismKind::kIp4 ? m.ip4_prefix : m.ip6_prefix);
        break;
      case MechanismKind::kA: {
        auto addresses = co_await lookup(target, ip.is_v4() ? rr_type::kA : rr_type::kAaaa, true);
        if (addresses.status == Lookup::Status::kError)
          co_return Verdict{SpfResult::kTempError, addresses.problem};
        if (auto stop = void_limit()) co_return *stop;
        for (const auto& rr : addresses.records) {
          auto a = dns::parse_address(rr);
          if (a.ok() && in_network(ip, *a, ip.is_v4() ? m.ip4_prefix : m.ip6_prefix)) match = true;
        }
        break;
      }
      case MechanismKind::kMx: {
        auto exchanges = co_await lookup(target, rr_type::kMx, true);
        if (exchanges.status == Lookup::Status::kError)
          co_return Verdict{SpfResult::kTempError, exchanges.problem};
        if (auto stop = void_limit()) co_return *stop;
        if (static_cast<int>(exchanges.records.size()) > kMaxNamesPerLookup) {
          co_return Verdict{
              SpfResult::kPermError,
              i18n::finding("more than 10 MX records for {domain}", fmt::arg("domain", target))};
        }
        for (const auto& rr : exchanges.records) {
          auto mx = dns::parse_mx(rr);
          if (!mx.ok() || mx->exchange.empty()) continue;
          auto addresses =
              co_await lookup(mx->exchange, ip.is_v4() ? rr_type::kA : rr_type::kAaaa, false);
          if (addresses.status == Lookup::Status::kError)
            co_return Verdict{SpfResult::kTempError, addresses.problem};
          for (const auto& a_rr : addresses.records) {
            auto a = dns::parse_address(a_rr);
            if (a.ok() && in_network(ip, *a, ip.is_v4() ? m.ip4_prefix : m.ip6_prefix))
              match = true;
          }
          if (match) break;
        }
        break;
      }
      case MechanismKind::kPtr: {
        auto name = co_await validated_name(context, target);
        match = !name.empty() && (name == lower(target) || name.ends_with("." + lower(target)));
        break;
      }
      case MechanismKind::kExists: {
        auto addresses = co_await lookup(target, rr_type::kA, true);
        if (addresses.status == Lookup::Status::kError)
          co_return Verdict{SpfResult::kTempError, addresses.problem};
        if (auto stop = void_limit()) co_return *stop;
        match = addresses.status == Lookup::Status::kFound;
        break;
      }
      case MechanismKind::kInclude: {
        auto inner = co_await evaluate(target, context, chain);
        switch (inner.result) {
          case SpfResult::kPass:
            match = true;
            break;
          case SpfResult::kFail:
          case SpfResult::kSoftFail:
          case SpfResult::kNeutral:
            break;
          case SpfResult::kTempError:
            co_return inner;
          case SpfResult::kPermError:
            co_return inner;
          case SpfResult::kNone:
            co_return Verdict{
                SpfResult::kPermError,
                i18n::finding("include:{domain} has no SPF record", fmt::arg("domain", target))};
        }
        break;
      }
    }
    if (match) {
      Verdict verdict{from_qualifier(m.qualifier),
                      i18n::finding("matched '{term}' at {domain}", fmt::arg("term", m.text),
                                    fmt::arg("domain", domain))};
      if (verdict.result == SpfResult::kFail) {
        verdict.explanation = kDefaultExplanation;
        if (record->explanation) {
          std::string explanation = co_await explain(*record->explanation, context);
          verdict.explanation = explanation;
        }
      }
      co_return verdict;
    }
  }

  if (record->redirect) {
    ++dns_terms_;
    if (auto stop = over_limit()) co_return *stop;
    co_await fill_validated_name(*record->redirect);
    const std::string target = expand_domain(*record->redirect, context);
    if (!is_checkable_domain(target)) {
      co_return Verdict{
          SpfResult::kPermError,
          i18n::finding("redirect={domain} is not a valid domain", fmt::arg("domain", target))};
    }
    auto redirected = co_await evaluate(target, context, chain);
    if (redirected.result == SpfResult::kNone) {
      co_return Verdict{SpfResult::kPermError, i18n::finding("redirect={domain} has no SPF record",
                                                             fmt::arg("domain", target))};
    }
    co_return redirected;
  }
  co_return Verdict{SpfResult::kNeutral,
                    i18n::finding("no mechanism matched at {domain}", fmt::arg("domain", domain))};
}

asio::awaitable<Outcome> Evaluator::check_host(const Transaction& transaction) {
  dns_terms_ = 0;
  void_lookups_ = 0;
  MacroContext context;
  context.ip = transaction.client_ip;
  context.helo = transaction.helo;
  context.timestamp = core::unix_seconds(clock_);
  // §4.3 and §2.4: MAIL FROM's domain, or postmaster@HELO for the null sender.
  std::string mail_from = transaction.mail_from;
  if (mail_from.empty()) mail_from = "postmaster@" + transaction.helo;
  auto at = mail_from.rfind('@');
  if (at == std::string::npos) {
    context.local_part = "postmaster";
    context.sender_domain = mail_from;
  } else {
    context.local_part = at == 0 ? "postmaster" : mail_from.substr(0, at);
    context.sender_domain = mail_from.substr(at + 1);
  }
  Outcome outcome;
  if (!is_checkable_domain(context.sender_domain)) {
    outcome.result = SpfResult::kNone;
    outcome.reason = i18n::finding("'{domain}' is not a domain SPF can be checked for",
                                   fmt::arg("domain", context.sender_domain));
    co_return outcome;
  }
  auto verdict = co_await evaluate(context.sender_domain, context, {});
  outcome.result = verdict.result;
  outcome.reason = verdict.reason;
  outcome.explanation = verdict.explanation;
  outcome.dns_terms = dns_terms_;
  outcome.void_lookups = void_lookups_;
  co_return outcome;
}

}  // namespace baseline::mail::spf
