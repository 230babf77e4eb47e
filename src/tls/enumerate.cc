// SPDX-License-Identifier: Apache-2.0
#define OPENSSL_SUPPRESS_DEPRECATED
#include "tls/enumerate.h"

#include <openssl/bn.h>
#include <openssl/dh.h>
#include <openssl/obj_mac.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <memory>

#include "i18n/finding.h"
#include "net/async.h"
#include "tls/cipher_suites.h"
#include "tls/groups.h"
#include "tls/guideline.h"
#include "tls/key_shares.h"

namespace baseline::tls {
namespace asio = boost::asio;

namespace {

std::vector<std::uint16_t> tls13_suites() {
  std::vector<std::uint16_t> out;
  for (const auto& s : all_suites()) {
    if (s.tls13) out.push_back(s.id);
  }
  return out;
}

std::vector<std::uint16_t> legacy_suites() {
  std::vector<std::uint16_t> out;
  for (const auto& s : all_suites()) {
    if (!s.tls13) out.push_back(s.id);
  }
  return out;
}

std::vector<std::uint16_t> group_ids(bool tls13) {
  std::vector<std::uint16_t> out;
  for (const auto& g : all_groups()) {
    if (tls13 || (!g.tls13_only && !g.ffdhe)) out.push_back(g.id);
  }
  return out;
}

void erase(std::vector<std::uint16_t>& list, std::uint16_t value) {
  list.erase(std::remove(list.begin(), list.end(), value), list.end());
}

bool contains(const std::vector<std::uint16_t>& list, std::uint16_t value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

class Enumerator {
 public:
  explicit Enumerator(ProbeTarget target) : target_(std::move(target)) {}

  // `log`: where the probe's line goes (a branch run beside another keeps its own, so that the
  // lines come out in the same order however the branches interleave).
  asio::awaitable<ProbeOutcome> send(ClientHelloSpec hello, bool want_kex = false,
                                     std::vector<std::string>* log = nullptr) {
    ++result_.connections;
    std::string line = version_name(hello.version) + " " + std::to_string(hello.suites.size()) +
                       " suites " + std::to_string(hello.groups.size()) + " groups " +
                       std::to_string(hello.key_shares.size()) + " shares -> ";
    auto outcome = co_await probe(target_, std::move(hello), want_kex);
    if (outcome.kind == ProbeOutcome::Kind::kReply) {
      const auto& r = outcome.reply;
      line += r.kind == ServerReply::Kind::kAlert
                  ? "alert " + alert_name(r.alert_description)
                  : std::string(r.kind == ServerReply::Kind::kHelloRetryRequest ? "HRR " : "SH ") +
                        version_name(r.version) + " " + std::to_string(r.suite) +
                        (r.group ? " group " + group_name(*r.group) : "");
    } else {
      line += outcome.kind == ProbeOutcome::Kind::kClosed ? "closed" : "error " + outcome.error;
    }
    (log ? *log : result_.probes).push_back(std::move(line));
    if (outcome.kind == ProbeOutcome::Kind::kError) {
      ++errors_;
      if (!first_error_) first_error_ = core::make_error(outcome.error_code, outcome.error);
    }
    co_return outcome;
  }

  ClientHelloSpec hello(std::uint16_t version, std::vector<std::uint16_t> suites) const {
    ClientHelloSpec spec;
    spec.version = version;
    spec.suites = std::move(suites);
    spec.groups = group_ids(version >= kTls13);
    spec.signature_algorithms = all_signature_algorithms();
    if (version >= kTls13) spec.key_shares = {kX25519};
    return spec;
  }

  void note_reply(const ServerReply& reply) {
    if (reply.version < kTls13) {
      if (reply.compression != 0)
        result_.compression = true;
      else if (!result_.compression)
        result_.compression = false;
    }
  }

  // Accepted suites of one version, starting from a reply that already chose one.
  // `first_speaks_compression`: whether the first reply answered an offer of compression.
  asio::awaitable<void> suites_of(std::uint16_t version, std::vector<std::uint16_t> offer,
                                  std::optional<ServerReply> first,
                                  bool first_speaks_compression = true) {
    auto& found = result_.suites[version];
    std::optional<ServerReply> reply = std::move(first);
    bool offered_compression = first_speaks_compression;
    for (int guard = 0; guard < 200; ++guard) {
      if (!reply) {
        if (offer.empty()) break;
        auto outcome = co_await send(hello(version, offer));
        if (!outcome.accepted() || outcome.reply.version != version) break;
        reply = outcome.reply;
        offered_compression = true;
      }
      if (offered_compression) note_reply(*reply);
      const auto chosen = reply->suite;
      if (!contains(offer, chosen)) {
        result_.notes.push_back("the server chose suite " + std::to_string(chosen) +
                                " that was not offered");
        break;
      }
      found.push_back(chosen);
      erase(offer, chosen);
      reply.reset();
    }
  }

  bool accepted13(const ProbeOutcome& o) const { return o.accepted() && o.reply.version == kTls13; }

  // Records what a TLS 1.3 ServerHello / HelloRetryRequest chose; false if it chose something
  // that was not offered.
  bool record13(const ServerReply& reply, std::vector<std::uint16_t>& suites,
                std::vector<std::uint16_t>& groups) {
    if (!contains(suites, reply.suite)) {
      result_.notes.emplace_back("TLS 1.3: the server chose a suite that was not offered");
      return false;
    }
    result_.suites[kTls13].push_back(reply.suite);
    erase(suites, reply.suite);
    if (reply.group && contains(groups, *reply.group)) {
      result_.groups.push_back(*reply.group);
      erase(groups, *reply.group);
    }
    return true;
  }

  // TLS 1.3 suites and groups together. Each probe offers the suites not found yet and every
  // group: those not found yet first, each with a key share where Baseline makes one, then those
  // found. A server that has one of the new groups answers in it (OpenSSL takes the client's
  // first share it supports), so the probe finds a suite and a group; one that has none of them
  // asks for a known group by HelloRetryRequest, which still names its suite. A known group is
  // always offered, so a refusal means no further suite — never "either the suites or the
  // groups ran out", which would take a probe of each to tell apart. The groups left are then
  // asked with the known suites until one is refused.
  asio::awaitable<void> enumerate13(ServerReply first, std::vector<std::string>* log) {
    auto suites = tls13_suites();
    auto groups = group_ids(true);  // not found yet
    if (!record13(first, suites, groups)) co_return;
    while (!suites.empty()) {
      auto spec = hello(kTls13, suites);
      spec.groups = groups;
      spec.key_shares.clear();
      std::copy_if(groups.begin(), groups.end(), std::back_inserter(spec.key_shares),
                   makes_key_share);
      spec.groups.insert(spec.groups.end(), result_.groups.begin(), result_.groups.end());
      auto o = co_await send(std::move(spec), false, log);
      if (!accepted13(o) || !record13(o.reply, suites, groups)) break;
    }
    while (!groups.empty()) {
      auto spec = hello(kTls13, result_.suites[kTls13]);
      spec.groups = groups;
      spec.key_shares.clear();  // the server names the group it takes by HelloRetryRequest
      auto o = co_await send(std::move(spec), false, log);
      if (!accepted13(o) || !o.reply.group || !contains(groups, *o.reply.group)) break;
      result_.groups.push_back(*o.reply.group);
      erase(groups, *o.reply.group);
    }
  }

  asio::awaitable<core::Result<Enumeration>> run(bool parallel) {
    // TLS 1.3 with an X25519 key share: a ServerHello, or a HelloRetryRequest naming another
    // group when the server has no X25519; a refusal means no TLS 1.3.
    auto first = co_await send(hello(kTls13, tls13_suites()));
    // A server that cannot even answer this (refused, silent, garbage) is not probed further.
    if (first.kind == ProbeOutcome::Kind::kError)
      co_return core::make_error(first.error_code, first.error);
    // The rest of TLS 1.3 and the versions below it are independent: side by side when the
    // target allows two connections at once (a web server; never a mail server).
    std::vector<std::string> probes13;
    speaks13_ = accepted13(first);
    if (accepted13(first)) {
      std::vector<asio::awaitable<int>> branches;
      branches.push_back(branch13(first.reply, parallel ? &probes13 : nullptr));
      if (parallel) {
        branches.push_back(below13());
        co_await net::gather(std::move(branches));
      } else {
        co_await std::move(branches.front());
        co_await below13();
      }
    } else {
      co_await below13();
    }
    // The TLS 1.3 branch's lines after the first probe, as a sequential run would list them.
    result_.probes.insert(result_.probes.begin() + 1, probes13.begin(), probes13.end());
    if (result_.versions.empty()) {
      if (first_error_) co_return *first_error_;
      co_return core::make_error(
          i18n::finding("the server accepted no TLS or SSL version offered"));
    }
    // Highest first, whichever branch found its version first.
    std::sort(result_.versions.begin(), result_.versions.end(), std::greater<>());
    co_await order();
    co_await groups();
    co_await kex_hashes();
    co_return std::move(result_);
  }

  asio::awaitable<int> branch13(ServerReply first, std::vector<std::string>* log) {
    result_.versions.push_back(kTls13);
    co_await enumerate13(std::move(first), log);
    co_return 0;
  }

  // TLS 1.2 and below: ask for a version; the answer names the highest one the server has
  // at or below it (RFC 5246 E.1), and its first suite. A refusal means none below either.
  asio::awaitable<int> below13() {
    std::uint16_t ask = kTls12;
    // The caller's certificate handshake, when it has one, is the first question below 1.3:
    // what it negotiated is the highest version and one accepted suite, as the first probe's
    // answer would be (RFC 5246 E.1).
    std::optional<Negotiated> seed;
    if (target_.below13_handshake) {
      ++result_.connections;
      const auto answer = co_await target_.below13_handshake(speaks13_);
      const auto legacy = legacy_suites();
      std::string line = "TLSv1.2 certificate handshake (OpenSSL) -> ";
      if (answer.completed) {
        line += "SH " + version_name(answer.version) + " " + std::to_string(answer.suite);
        if (answer.version > kTls12 || answer.version < kSsl3 || !contains(legacy, answer.suite)) {
          line += " (not used)";
        } else {
          seed = answer;
        }
      } else if (answer.version_refused) {
        line += "alert protocol_version";
        ask = kTls11;  // as a refused TLS 1.2 probe: the older versions are still asked
      } else {
        line += "failed";
      }
      result_.probes.push_back(std::move(line));
    }
    if (seed) {
      const std::uint16_t got = seed->version;
      result_.ems = seed->extended_master_secret;
      result_.secure_renegotiation = seed->secure_renegotiation;
      result_.versions.push_back(got);
      announce(got);
      ServerReply first;
      first.kind = ServerReply::Kind::kServerHello;
      first.version = got;
      first.suite = seed->suite;
      // OpenSSL offered no compression: this answer says nothing about it.
      co_await suites_of(got, legacy_suites(), first, false);
      ask = static_cast<std::uint16_t>(got - 1);
    }
    while (ask >= kSsl3) {
      auto outcome = co_await send(hello(ask, legacy_suites()));
      if (!outcome.accepted() || outcome.reply.version > ask || outcome.reply.version < kSsl3) {
        if (ask == kTls12) {  // some servers refuse a 1.2 hello yet speak older versions badly
          --ask;
          continue;
        }
        break;
      }
      const std::uint16_t got = outcome.reply.version;
      if (!result_.ems) {
        result_.ems = outcome.reply.extended_master_secret;
        result_.secure_renegotiation = outcome.reply.secure_renegotiation;
      }
      result_.versions.push_back(got);
      announce(got);  // the first answer names the highest version below 1.3
      co_await suites_of(got, legacy_suites(), outcome.reply);
      ask = static_cast<std::uint16_t>(got - 1);
    }
    // Compression is asked by the probes' hellos (OpenSSL's offered none); when none of them was
    // accepted below 1.3, one more.
    if (seed && !result_.compression) {
      const auto version = seed->version;
      auto outcome = co_await send(hello(version, result_.suites[version]));
      if (outcome.accepted() && outcome.reply.version == version) note_reply(outcome.reply);
    }
    // No version at all: the enumeration fails, and the caller's handshake tries everything.
    if (speaks13_) announce(0);
    co_return 0;
  }

  void announce(std::uint16_t highest_below_13) {
    if (announced_ || !target_.on_versions) return;
    announced_ = true;
    target_.on_versions(speaks13_, highest_below_13);
  }

  asio::awaitable<void> order() {
    const auto version = result_.highest_below_13();
    if (!version) co_return;
    auto accepted = result_.suites[version];
    if (accepted.size() < 2) co_return;
    // Classes per the run's TLS guideline, so the probe offers that guideline's worst first.
    const auto& guideline = active_guideline();
    const auto classify = [&](const CipherSuite& suite) {
      return guideline.suite_class(suite.name);
    };
    auto sorted = accepted;
    std::stable_sort(sorted.begin(), sorted.end(), [&](auto a, auto b) {
      return worse(classify(*find_suite(a)), classify(*find_suite(b)));
    });
    if (classify(*find_suite(sorted.front())) == classify(*find_suite(sorted.back()))) co_return;
    // Worst first: a server that prefers better suites picks one of the best class anyway.
    auto outcome = co_await send(hello(version, sorted));
    if (!outcome.accepted()) co_return;
    result_.order_probe_choice = outcome.reply.suite;
    const auto best = classify(*find_suite(sorted.back()));
    const auto worst = classify(*find_suite(sorted.front()));
    const auto* chosen = find_suite(outcome.reply.suite);
    if (!chosen) co_return;
    result_.server_order = outcome.reply.suite != sorted.front();
    if (best != worst) result_.prefers_better = classify(*chosen) == best;
  }

  asio::awaitable<void> groups() {
    const auto version = result_.highest_below_13();
    if (!version) co_return;
    std::vector<std::uint16_t> ecdhe, dhe;
    for (auto id : result_.suites[version]) {
      const auto* s = find_suite(id);
      if (s->ecdhe) ecdhe.push_back(id);
      if (s->dhe) dhe.push_back(id);
    }
    if (!ecdhe.empty()) {
      std::vector<std::uint16_t> offer;
      for (auto g : group_ids(false)) {
        if (!contains(result_.groups, g)) offer.push_back(g);
      }
      for (int guard = 0; guard < 40 && !offer.empty(); ++guard) {
        auto spec = hello(version, ecdhe);
        spec.groups = offer;
        auto outcome = co_await send(spec, true);
        if (!outcome.accepted() || !outcome.reply.group || !contains(offer, *outcome.reply.group))
          break;
        result_.groups.push_back(*outcome.reply.group);
        erase(offer, *outcome.reply.group);
      }
    }
    if (!dhe.empty()) {
      auto outcome = co_await send(hello(version, dhe), true);
      if (outcome.accepted() && !outcome.reply.dh_prime.empty()) {
        result_.dh_groups.push_back(
            {dh_bits(outcome.reply.dh_prime), dh_group_name(outcome.reply.dh_prime)});
      }
    }
  }

  static std::size_t dh_bits(const std::vector<std::uint8_t>& p) {
    std::size_t i = 0;
    while (i < p.size() && p[i] == 0) ++i;
    if (i == p.size()) return 0;
    std::size_t bits = (p.size() - i) * 8;
    for (std::uint8_t top = p[i]; !(top & 0x80); top = static_cast<std::uint8_t>(top << 1)) --bits;
    return bits;
  }

  asio::awaitable<void> kex_hashes() {
    if (!result_.speaks(kTls12)) co_return;
    std::vector<std::uint16_t> signed_kex;
    for (auto id : result_.suites[kTls12]) {
      const auto* s = find_suite(id);
      if ((s->ecdhe || s->dhe) && s->name.find("anon") == std::string_view::npos) {
        signed_kex.push_back(id);
      }
    }
    if (signed_kex.empty()) co_return;
    std::vector<std::uint16_t> sha1{0x0201, 0x0203, 0x0202};
    std::vector<std::uint16_t> sha224{0x0301, 0x0303, 0x0302};
    std::vector<std::uint16_t> both = sha224;
    both.insert(both.end(), sha1.begin(), sha1.end());
    // One probe when both are refused (the usual case); a second only to tell them apart.
    const auto chosen = co_await signing_scheme(signed_kex, both);
    if (!chosen) {
      result_.sha1_kex = result_.sha224_kex = false;
    } else if (contains(sha1, *chosen)) {
      result_.sha1_kex = true;
    } else {
      result_.sha224_kex = true;
      const auto sha1_choice = co_await signing_scheme(signed_kex, sha1);
      result_.sha1_kex = sha1_choice.has_value();
    }
  }

  // The scheme the server signs its key exchange with when offered only `schemes`, if any.
  asio::awaitable<std::optional<std::uint16_t>> signing_scheme(std::vector<std::uint16_t> suites,
                                                               std::vector<std::uint16_t> schemes) {
    auto spec = hello(kTls12, std::move(suites));
    spec.signature_algorithms = schemes;
    auto outcome = co_await send(spec, true);
    if (outcome.accepted() && outcome.reply.key_exchange_seen && outcome.reply.kex_signature &&
        contains(schemes, *outcome.reply.kex_signature)) {
      co_return outcome.reply.kex_signature;
    }
    co_return std::nullopt;
  }

 private:
  ProbeTarget target_;
  Enumeration result_;
  bool speaks13_ = false;
  bool announced_ = false;
  int errors_ = 0;
  std::optional<core::Error> first_error_;
};

}  // namespace

bool Enumeration::speaks(std::uint16_t version) const {
  return std::find(versions.begin(), versions.end(), version) != versions.end();
}

std::uint16_t Enumeration::highest_below_13() const {
  std::uint16_t best = 0;
  for (auto v : versions) {
    if (v < kTls13 && v > best) best = v;
  }
  return best;
}

std::string dh_group_name(const std::vector<std::uint8_t>& prime) {
  struct Known {
    int nid;
    const char* name;
  };
  static const Known kKnown[] = {{NID_ffdhe2048, "ffdhe2048"},
                                 {NID_ffdhe3072, "ffdhe3072"},
                                 {NID_ffdhe4096, "ffdhe4096"},
                                 {NID_ffdhe6144, "ffdhe6144"},
                                 {NID_ffdhe8192, "ffdhe8192"}};
  std::unique_ptr<BIGNUM, decltype(&BN_free)> p(
      BN_bin2bn(prime.data(), static_cast<int>(prime.size()), nullptr), &BN_free);
  if (!p) return "custom";
  for (const auto& [nid, name] : kKnown) {
    std::unique_ptr<DH, decltype(&DH_free)> dh(DH_new_by_nid(nid), &DH_free);
    if (!dh) continue;
    const BIGNUM* known = nullptr;
    DH_get0_pqg(dh.get(), &known, nullptr, nullptr);
    if (known && BN_cmp(known, p.get()) == 0) return name;
  }
  return "custom";
}

asio::awaitable<core::Result<Enumeration>> enumerate(ProbeTarget target) {
  const bool parallel = target.parallel;
  Enumerator enumerator(std::move(target));
  co_return co_await enumerator.run(parallel);
}

}  // namespace baseline::tls
