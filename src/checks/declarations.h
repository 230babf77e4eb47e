// SPDX-License-Identifier: Apache-2.0
// Every check Baseline runs, declared once: its stable ID (shared/spec/checks.md and the
// generated docs/checks.md), level, title for people, family and group, what one result is
// about, and the catalogue standard it proves. Everything else that lists checks — the
// registry's lookups, CheckId's compile-time check, each family's error paths, the catalogue's
// check lists, the lab's expectations and docs/checks.md — is derived from these arrays.
//
// Adding a check: one line here (and its catalogue standard), its judge in its family, a lab
// scenario. Titles are extracted for translation by scripts/update-po.
#pragma once

#include <array>
#include <string_view>

#include "core/verdict.h"

namespace baseline::checks {

enum class Family { kDns, kWeb, kMail, kRouting };

// Which facts a check is judged from; a family's "every check gets a result" paths name groups.
enum class Group {
  kDnssec,
  kNameServers,
  kCaa,
  kIpv6,
  kHttps,
  kHsts,
  kTlsEnumeration,  // decided by the enumeration of versions, suites and groups
  kTlsHandshake,    // decided by a full OpenSSL handshake
  kCertificate,
  kDane,
  kHeaders,
  kSecurityTxt,
  kMxRecords,  // the MX set from DNS
  kSmtp,       // an SMTP conversation
  kSpf,
  kDmarc,
  kDkim,
  kMtaSts,
  kTlsRpt,
  kRpki,
};

// What one result of the check is about (its `target`), when the check has something to judge.
enum class AppliesTo {
  kDomain,      // the domain as a whole
  kEachHost,    // each web or mail host name
  kEachAddress  // each address (and port) of the hosts
};

struct CheckSpec {
  std::string_view id;
  core::Level level;
  std::string_view title;
  Family family = Family::kDns;
  Group group = Group::kDnssec;
  AppliesTo applies_to = AppliesTo::kDomain;
  std::string_view standard;        // the catalogue standard (catalog/standards.yaml) it proves
  bool beyond_internet_nl = false;  // Internet.nl does not test this (docs/checks.md marks it)
  std::string_view what;            // what is tested, for docs/checks.md
  std::string_view rule;            // how the verdict is decided
};

namespace declared {
inline constexpr auto kRequired = core::Level::kRequired;
inline constexpr auto kRecommended = core::Level::kRecommended;
inline constexpr auto kOptional = core::Level::kOptional;
inline constexpr auto kDns = Family::kDns;
inline constexpr auto kWeb = Family::kWeb;
inline constexpr auto kMail = Family::kMail;
inline constexpr auto kRouting = Family::kRouting;

// clang-format off
inline constexpr std::array kDnsChecks{
    CheckSpec{.id = "dns.dnssec.signed", .level = kRequired, .title = "Zone is signed with DNSSEC",
              .family = kDns, .group = Group::kDnssec, .applies_to = AppliesTo::kDomain,
              .standard = "dnssec", .beyond_internet_nl = false,
              .what = "The domain's zone is signed (DNSKEY present, answers carry RRSIG); follows CNAMEs",
              .rule = "pass / fail"},
    CheckSpec{.id = "dns.dnssec.valid", .level = kRequired, .title = "DNSSEC validates from the root",
              .family = kDns, .group = Group::kDnssec, .applies_to = AppliesTo::kDomain,
              .standard = "dnssec", .beyond_internet_nl = false,
              .what = "Validation state of the domain's SOA via a validating resolver",
              .rule = "pass = secure; fail = insecure or bogus (reason: the validator's explanation or Extended DNS Error)"},
    CheckSpec{.id = "dns.dnssec.algorithms", .level = kRecommended, .title = "DNSSEC algorithms and DS digests",
              .family = kDns, .group = Group::kDnssec, .applies_to = AppliesTo::kDomain,
              .standard = "dnssec", .beyond_internet_nl = true,
              .what = "DNSKEY and DS algorithms and digests (RFC 8624)",
              .rule = "pass: 8, 13, 14, 15, 16 with DS digest 2/4; warn: RSA keys < 2048 bits, DS digest 1 alongside 2; fail: algorithms 1, 3, 5, 6, 7, 12 or only SHA-1 DS"},
    CheckSpec{.id = "dns.dnssec.nsec3", .level = kRecommended, .title = "NSEC3 parameters (RFC 9276)",
              .family = kDns, .group = Group::kDnssec, .applies_to = AppliesTo::kDomain,
              .standard = "dnssec", .beyond_internet_nl = true,
              .what = "NSEC3 parameters (RFC 9276)",
              .rule = "pass: NSEC, or NSEC3 with 0 extra iterations and empty salt; warn: iterations 1–100 or salt; fail: > 100"},
    CheckSpec{.id = "dns.ns.ipv6", .level = kRequired, .title = "At least two name servers have IPv6",
              .family = kDns, .group = Group::kNameServers, .applies_to = AppliesTo::kDomain,
              .standard = "ipv6", .beyond_internet_nl = false,
              .what = "At least two name servers have an AAAA",
              .rule = "pass / fail (one only is fail)"},
    CheckSpec{.id = "dns.ns.ipv6_reach", .level = kRequired, .title = "Name servers answer over IPv6",
              .family = kDns, .group = Group::kNameServers, .applies_to = AppliesTo::kEachAddress,
              .standard = "ipv6", .beyond_internet_nl = false,
              .what = "Every NS IPv6 address answers a query for the zone (UDP, TCP fallback)",
              .rule = "pass: all; fail: some or none (list which)"},
    CheckSpec{.id = "dns.ns.ipv4_reach", .level = kRecommended, .title = "Name servers answer over IPv4",
              .family = kDns, .group = Group::kNameServers, .applies_to = AppliesTo::kEachAddress,
              .standard = "ipv6", .beyond_internet_nl = true,
              .what = "Every NS IPv4 address answers",
              .rule = "pass / fail"},
    CheckSpec{.id = "dns.caa", .level = kRecommended, .title = "CAA restricts certificate issuance",
              .family = kDns, .group = Group::kCaa, .applies_to = AppliesTo::kDomain,
              .standard = "caa", .beyond_internet_nl = false,
              .what = "CAA found by tree-climbing (RFC 8659): syntax valid, at least one issue tag; iodef is mailto: or https:",
              .rule = "pass / warn"},
};

inline constexpr std::array kWebChecks{
    CheckSpec{.id = "web.ipv6.address", .level = kRequired, .title = "Web server has an IPv6 address",
              .family = kWeb, .group = Group::kIpv6, .applies_to = AppliesTo::kEachHost,
              .standard = "ipv6", .beyond_internet_nl = false,
              .what = "The web host has an AAAA",
              .rule = "pass / fail"},
    CheckSpec{.id = "web.ipv6.reach", .level = kRequired, .title = "Web server answers over IPv6",
              .family = kWeb, .group = Group::kIpv6, .applies_to = AppliesTo::kEachHost,
              .standard = "ipv6", .beyond_internet_nl = false,
              .what = "Every AAAA accepts TCP on each port that works over IPv4 (80, 443)",
              .rule = "pass / fail (list failures)"},
    CheckSpec{.id = "web.ipv6.same_site", .level = kRecommended, .title = "Same website over IPv4 and IPv6",
              .family = kWeb, .group = Group::kIpv6, .applies_to = AppliesTo::kEachHost,
              .standard = "ipv6", .beyond_internet_nl = false,
              .what = "/ over IPv4 and IPv6: same status and same content (first 500 KB, ignoring nonces) within 10 %",
              .rule = "pass / warn"},
    CheckSpec{.id = "web.https.available", .level = kRequired, .title = "HTTPS is available",
              .family = kWeb, .group = Group::kHttps, .applies_to = AppliesTo::kEachAddress,
              .standard = "https-hsts", .beyond_internet_nl = false,
              .what = "HTTPS reachable on every address",
              .rule = "pass / fail"},
    CheckSpec{.id = "web.https.redirect", .level = kRequired, .title = "HTTP redirects to HTTPS",
              .family = kWeb, .group = Group::kHttps, .applies_to = AppliesTo::kEachAddress,
              .standard = "https-hsts", .beyond_internet_nl = false,
              .what = "http://host/ redirects, first hop, to https:// on the same host; no later hop downgrades to http:// (beyond)",
              .rule = "pass / fail; no HTTP listener at all = pass"},
    CheckSpec{.id = "web.hsts", .level = kRequired, .title = "HSTS for at least a year",
              .family = kWeb, .group = Group::kHsts, .applies_to = AppliesTo::kEachAddress,
              .standard = "https-hsts", .beyond_internet_nl = false,
              .what = "Strict-Transport-Security on the HTTPS response to / (first response, per address)",
              .rule = "pass: max-age ≥ 31536000; fail: shorter, missing or unparsable; includeSubDomains/preload reported as info"},
    CheckSpec{.id = "web.tls.version", .level = kRequired, .title = "Only TLS 1.2 and 1.3",
              .family = kWeb, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = false,
              .what = "Protocol versions the server accepts",
              .rule = "pass: only TLS 1.3 and/or 1.2; fail: SSL 2/3, TLS 1.0 or 1.1 accepted"},
    CheckSpec{.id = "web.tls.ciphers", .level = kRequired, .title = "Cipher suites per NCSC-NL",
              .family = kWeb, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = false,
              .what = "Cipher suites accepted (all versions)",
              .rule = "pass: only good/sufficient (table below); warn: any phase-out; fail: any insufficient (list them)"},
    CheckSpec{.id = "web.tls.cipher_order", .level = kRequired, .title = "Server prefers the better cipher suites",
              .family = kWeb, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = false,
              .what = "On the highest version below 1.3, the server prefers better suites over phase-out ones",
              .rule = "pass / fail; not_applicable for TLS-1.3-only"},
    CheckSpec{.id = "web.tls.key_exchange", .level = kRequired, .title = "Key-exchange groups per NCSC-NL",
              .family = kWeb, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = false,
              .what = "ECDHE groups and DHE groups accepted",
              .rule = "pass: X25519, X448, secp256r1/384r1/521r1, brainpool; warn: secp224r1, ffdhe3072+; fail: ffdhe2048 or custom DH groups"},
    CheckSpec{.id = "web.tls.kex_hash", .level = kRequired, .title = "Key-exchange signature hash",
              .family = kWeb, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = false,
              .what = "Signature hashes accepted for key exchange (TLS 1.2)",
              .rule = "fail: SHA-1; warn: SHA-224; pass otherwise"},
    CheckSpec{.id = "web.tls.compression", .level = kRequired, .title = "No TLS compression",
              .family = kWeb, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = false,
              .what = "TLS compression",
              .rule = "fail if enabled"},
    CheckSpec{.id = "web.tls.secure_renegotiation", .level = kRequired, .title = "Secure renegotiation (RFC 5746)",
              .family = kWeb, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = false,
              .what = "RFC 5746 support",
              .rule = "fail if absent"},
    CheckSpec{.id = "web.tls.client_renegotiation", .level = kOptional, .title = "Client-initiated renegotiation",
              .family = kWeb, .group = Group::kTlsHandshake, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = false,
              .what = "Client-initiated renegotiation",
              .rule = "pass: refused; info: allowed ≤ 10 times; fail: > 10"},
    CheckSpec{.id = "web.tls.zero_rtt", .level = kRequired, .title = "No 0-RTT early data",
              .family = kWeb, .group = Group::kTlsHandshake, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = false,
              .what = "0-RTT early data accepted without 425",
              .rule = "fail if accepted"},
    CheckSpec{.id = "web.tls.ems", .level = kRequired, .title = "Extended Master Secret (RFC 7627)",
              .family = kWeb, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = false,
              .what = "Extended Master Secret (RFC 7627) on TLS 1.2",
              .rule = "fail if absent; not_applicable for TLS-1.3-only"},
    CheckSpec{.id = "web.tls.ocsp_stapling", .level = kOptional, .title = "OCSP stapling",
              .family = kWeb, .group = Group::kTlsHandshake, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = false,
              .what = "Stapled OCSP response",
              .rule = "pass: stapled and valid; info: not stapled; warn: stapled but invalid"},
    CheckSpec{.id = "web.tls.post_quantum", .level = kOptional, .title = "Post-quantum hybrid key exchange",
              .family = kWeb, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = true,
              .what = "Hybrid key exchange X25519MLKEM768 accepted",
              .rule = "pass / info"},
    CheckSpec{.id = "web.cert.trust", .level = kRequired, .title = "Certificate chain is trusted",
              .family = kWeb, .group = Group::kCertificate, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = false,
              .what = "Chain validates to a trusted root (system store plus --ca-file)",
              .rule = "pass / fail"},
    CheckSpec{.id = "web.cert.name", .level = kRequired, .title = "Certificate matches the host name",
              .family = kWeb, .group = Group::kCertificate, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = false,
              .what = "Certificate matches the host name (wildcards per RFC 6125)",
              .rule = "pass / fail"},
    CheckSpec{.id = "web.cert.pubkey", .level = kRequired, .title = "Certificate key strength",
              .family = kWeb, .group = Group::kCertificate, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = false,
              .what = "Key strength of each certificate in the chain below the root",
              .rule = "pass: RSA ≥ 3072, EC P-256/384/521, Ed25519/448; warn: RSA 2048–3071, P-224; fail: RSA < 2048"},
    CheckSpec{.id = "web.cert.signature", .level = kRequired, .title = "Certificate signature hash",
              .family = kWeb, .group = Group::kCertificate, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = false,
              .what = "Signature hash of each certificate below the root",
              .rule = "pass: SHA-256/384/512, EdDSA; warn: SHA-224; fail: SHA-1, MD5"},
    CheckSpec{.id = "web.cert.expiry", .level = kRequired, .title = "Certificate is not about to expire",
              .family = kWeb, .group = Group::kCertificate, .applies_to = AppliesTo::kEachAddress,
              .standard = "tls", .beyond_internet_nl = true,
              .what = "Days until the leaf expires",
              .rule = "pass > 30; warn 1–30; fail expired or not yet valid"},
    CheckSpec{.id = "web.dane.exists", .level = kOptional, .title = "DANE TLSA record for the web server",
              .family = kWeb, .group = Group::kDane, .applies_to = AppliesTo::kEachHost,
              .standard = "dane", .beyond_internet_nl = false,
              .what = "TLSA at _443._tcp.host, DNSSEC-secure",
              .rule = "pass / info (absent) / fail (bogus)"},
    CheckSpec{.id = "web.dane.valid", .level = kRecommended, .title = "DANE TLSA matches the web certificate",
              .family = kWeb, .group = Group::kDane, .applies_to = AppliesTo::kEachAddress,
              .standard = "dane", .beyond_internet_nl = false,
              .what = "TLSA matches the presented chain (RFC 6698, 7671)",
              .rule = "pass / fail"},
    CheckSpec{.id = "web.headers.x_frame_options", .level = kRecommended, .title = "X-Frame-Options",
              .family = kWeb, .group = Group::kHeaders, .applies_to = AppliesTo::kEachAddress,
              .standard = "security-headers", .beyond_internet_nl = false,
              .what = "DENY or SAMEORIGIN (or CSP frame-ancestors)",
              .rule = "pass / warn"},
    CheckSpec{.id = "web.headers.x_content_type_options", .level = kRecommended, .title = "X-Content-Type-Options",
              .family = kWeb, .group = Group::kHeaders, .applies_to = AppliesTo::kEachAddress,
              .standard = "security-headers", .beyond_internet_nl = false,
              .what = "nosniff",
              .rule = "pass / warn"},
    CheckSpec{.id = "web.headers.csp", .level = kRecommended, .title = "Content-Security-Policy",
              .family = kWeb, .group = Group::kHeaders, .applies_to = AppliesTo::kEachAddress,
              .standard = "security-headers", .beyond_internet_nl = false,
              .what = "Content-Security-Policy header: no unsafe-inline/unsafe-eval/unsafe-hashes, no * or bare scheme sources, default-src 'none' or 'self', frame-ancestors, base-uri, form-action set",
              .rule = "pass / warn (list each finding)"},
    CheckSpec{.id = "web.headers.referrer_policy", .level = kRecommended, .title = "Referrer-Policy",
              .family = kWeb, .group = Group::kHeaders, .applies_to = AppliesTo::kEachAddress,
              .standard = "security-headers", .beyond_internet_nl = false,
              .what = "pass: no-referrer, same-origin, strict-origin, strict-origin-when-cross-origin; warn: others or absent",
              .rule = "pass / warn"},
    CheckSpec{.id = "web.security_txt", .level = kRecommended, .title = "security.txt (RFC 9116)",
              .family = kWeb, .group = Group::kSecurityTxt, .applies_to = AppliesTo::kEachAddress,
              .standard = "security-txt", .beyond_internet_nl = false,
              .what = "RFC 9116 at /.well-known/security.txt over HTTPS: text/plain UTF-8, Contact present, one Expires in the future (≤ 1 year ahead recommended), known fields, valid Canonical if present",
              .rule = "pass / warn (each finding) / fail (absent)"},
};

inline constexpr std::array kMailChecks{
    CheckSpec{.id = "mail.mx", .level = kOptional, .title = "Mail servers (MX)",
              .family = kMail, .group = Group::kMxRecords, .applies_to = AppliesTo::kDomain,
              .standard = "starttls", .beyond_internet_nl = false,
              .what = "MX set in preference order; null MX (RFC 7505) recognised",
              .rule = "info; not_applicable for the rest of mail when null MX; no MX and no address: not_applicable"},
    CheckSpec{.id = "mail.ipv6.address", .level = kRequired, .title = "Mail servers have IPv6 addresses",
              .family = kMail, .group = Group::kMxRecords, .applies_to = AppliesTo::kEachHost,
              .standard = "ipv6", .beyond_internet_nl = false,
              .what = "Every MX host has an AAAA",
              .rule = "pass / fail"},
    CheckSpec{.id = "mail.ipv6.reach", .level = kRequired, .title = "Mail servers answer over IPv6",
              .family = kMail, .group = Group::kSmtp, .applies_to = AppliesTo::kEachAddress,
              .standard = "ipv6", .beyond_internet_nl = false,
              .what = "Every MX IPv6 address accepts TCP 25",
              .rule = "pass / fail"},
    CheckSpec{.id = "mail.dnssec.mx", .level = kRequired, .title = "Mail server names are DNSSEC-signed",
              .family = kMail, .group = Group::kMxRecords, .applies_to = AppliesTo::kEachHost,
              .standard = "dnssec", .beyond_internet_nl = false,
              .what = "Every MX host name resolves DNSSEC-secure",
              .rule = "pass / fail"},
    CheckSpec{.id = "mail.spf", .level = kRequired, .title = "SPF record",
              .family = kMail, .group = Group::kSpf, .applies_to = AppliesTo::kDomain,
              .standard = "spf", .beyond_internet_nl = false,
              .what = "Exactly one v=spf1 TXT, valid syntax (RFC 7208 ABNF)",
              .rule = "pass / fail"},
    CheckSpec{.id = "mail.spf.policy", .level = kRequired, .title = "SPF policy is strict and within limits",
              .family = kMail, .group = Group::kSpf, .applies_to = AppliesTo::kDomain,
              .standard = "spf", .beyond_internet_nl = false,
              .what = "Ends in -all or ~all (after following redirect=); at most 10 DNS-querying terms in total including nested includes; at most 2 void lookups; no include/redirect loops or missing targets",
              .rule = "pass / fail with the reason"},
    CheckSpec{.id = "mail.dmarc", .level = kRequired, .title = "DMARC record",
              .family = kMail, .group = Group::kDmarc, .applies_to = AppliesTo::kDomain,
              .standard = "dmarc", .beyond_internet_nl = false,
              .what = "Exactly one v=DMARC1 at _dmarc.domain, else at the organisational domain (Public Suffix List)",
              .rule = "pass / fail"},
    CheckSpec{.id = "mail.dmarc.policy", .level = kRequired, .title = "DMARC policy is quarantine or reject",
              .family = kMail, .group = Group::kDmarc, .applies_to = AppliesTo::kDomain,
              .standard = "dmarc", .beyond_internet_nl = false,
              .what = "Valid syntax (RFC 7489, including np, psd, t); effective policy quarantine or reject (sp when inherited); external rua/ruf destinations authorised (_report._dmarc)",
              .rule = "pass; warn: unauthorised external destination; fail: none or syntax error"},
    CheckSpec{.id = "mail.dkim", .level = kRequired, .title = "DKIM is deployed",
              .family = kMail, .group = Group::kDkim, .applies_to = AppliesTo::kDomain,
              .standard = "dkim", .beyond_internet_nl = false,
              .what = "DKIM deployed: _domainkey node exists (NOERROR/NODATA, not NXDOMAIN) and (beyond) a key found at any configured or well-known selector is parsed: RSA ≥ 1024 warn, ≥ 2048 pass, Ed25519 pass, revoked (p=) reported",
              .rule = "pass / warn / fail; not_applicable for a non-sending domain (v=spf1 -all and DMARC p=reject)"},
    CheckSpec{.id = "mail.starttls", .level = kRequired, .title = "Mail servers offer STARTTLS",
              .family = kMail, .group = Group::kSmtp, .applies_to = AppliesTo::kEachAddress,
              .standard = "starttls", .beyond_internet_nl = false,
              .what = "Every MX address offers STARTTLS after EHLO",
              .rule = "pass / fail; error (with the SMTP reply) when the server refuses us"},
    CheckSpec{.id = "mail.tls.version", .level = kRequired, .title = "Mail: only TLS 1.2 and 1.3",
              .family = kMail, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "starttls", .beyond_internet_nl = false,
              .what = "Same rule as web.tls.version, over STARTTLS on every MX address",
              .rule = "as web.tls.version"},
    CheckSpec{.id = "mail.tls.ciphers", .level = kRequired, .title = "Mail: cipher suites per NCSC-NL",
              .family = kMail, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "starttls", .beyond_internet_nl = false,
              .what = "Same rule as web.tls.ciphers, over STARTTLS on every MX address",
              .rule = "as web.tls.ciphers"},
    CheckSpec{.id = "mail.tls.cipher_order", .level = kRequired, .title = "Mail: server prefers better suites",
              .family = kMail, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "starttls", .beyond_internet_nl = false,
              .what = "Same rule as web.tls.cipher_order, over STARTTLS on every MX address",
              .rule = "as web.tls.cipher_order"},
    CheckSpec{.id = "mail.tls.key_exchange", .level = kRequired, .title = "Mail: key-exchange groups",
              .family = kMail, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "starttls", .beyond_internet_nl = false,
              .what = "Same rule as web.tls.key_exchange, over STARTTLS on every MX address",
              .rule = "as web.tls.key_exchange"},
    CheckSpec{.id = "mail.tls.kex_hash", .level = kRequired, .title = "Mail: key-exchange signature hash",
              .family = kMail, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "starttls", .beyond_internet_nl = false,
              .what = "Same rule as web.tls.kex_hash, over STARTTLS on every MX address",
              .rule = "as web.tls.kex_hash"},
    CheckSpec{.id = "mail.tls.compression", .level = kRequired, .title = "Mail: no TLS compression",
              .family = kMail, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "starttls", .beyond_internet_nl = false,
              .what = "Same rule as web.tls.compression, over STARTTLS on every MX address",
              .rule = "as web.tls.compression"},
    CheckSpec{.id = "mail.tls.secure_renegotiation", .level = kRequired, .title = "Mail: secure renegotiation",
              .family = kMail, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "starttls", .beyond_internet_nl = false,
              .what = "Same rule as web.tls.secure_renegotiation, over STARTTLS on every MX address",
              .rule = "as web.tls.secure_renegotiation"},
    CheckSpec{.id = "mail.tls.client_renegotiation", .level = kOptional, .title = "Mail: client renegotiation",
              .family = kMail, .group = Group::kTlsHandshake, .applies_to = AppliesTo::kEachAddress,
              .standard = "starttls", .beyond_internet_nl = false,
              .what = "Same rule as web.tls.client_renegotiation, over STARTTLS on every MX address",
              .rule = "as web.tls.client_renegotiation"},
    CheckSpec{.id = "mail.tls.ems", .level = kRequired, .title = "Mail: Extended Master Secret",
              .family = kMail, .group = Group::kTlsEnumeration, .applies_to = AppliesTo::kEachAddress,
              .standard = "starttls", .beyond_internet_nl = false,
              .what = "Same rule as web.tls.ems, over STARTTLS on every MX address",
              .rule = "as web.tls.ems"},
    CheckSpec{.id = "mail.cert.trust", .level = kOptional, .title = "Mail certificate chain is trusted",
              .family = kMail, .group = Group::kCertificate, .applies_to = AppliesTo::kEachAddress,
              .standard = "starttls", .beyond_internet_nl = false,
              .what = "As web, but info only (MX certificates are judged by DANE) except name becomes required when a DANE-TA (usage 2) TLSA exists",
              .rule = "info / pass / fail"},
    CheckSpec{.id = "mail.cert.name", .level = kOptional, .title = "Mail certificate matches the MX name",
              .family = kMail, .group = Group::kCertificate, .applies_to = AppliesTo::kEachAddress,
              .standard = "starttls", .beyond_internet_nl = false,
              .what = "As web, but info only (MX certificates are judged by DANE) except name becomes required when a DANE-TA (usage 2) TLSA exists",
              .rule = "info / pass / fail"},
    CheckSpec{.id = "mail.cert.pubkey", .level = kRequired, .title = "Mail certificate key strength",
              .family = kMail, .group = Group::kCertificate, .applies_to = AppliesTo::kEachAddress,
              .standard = "starttls", .beyond_internet_nl = false,
              .what = "As web",
              .rule = "as web"},
    CheckSpec{.id = "mail.cert.signature", .level = kRequired, .title = "Mail certificate signature hash",
              .family = kMail, .group = Group::kCertificate, .applies_to = AppliesTo::kEachAddress,
              .standard = "starttls", .beyond_internet_nl = false,
              .what = "As web",
              .rule = "as web"},
    CheckSpec{.id = "mail.dane.exists", .level = kRequired, .title = "DANE TLSA records for the mail servers",
              .family = kMail, .group = Group::kDane, .applies_to = AppliesTo::kEachHost,
              .standard = "dane", .beyond_internet_nl = false,
              .what = "TLSA at _25._tcp.mx, DNSSEC-secure; usages 0/1 ignored",
              .rule = "pass / fail (absent or bogus)"},
    CheckSpec{.id = "mail.dane.valid", .level = kRequired, .title = "DANE TLSA matches the mail certificate",
              .family = kMail, .group = Group::kDane, .applies_to = AppliesTo::kEachAddress,
              .standard = "dane", .beyond_internet_nl = false,
              .what = "TLSA matches the STARTTLS chain (RFC 7672)",
              .rule = "pass / fail; fail also when usable TLSA exists but the address offers no STARTTLS or the handshake fails (RFC 7672 §2.2: DANE senders defer); error only when Baseline could not find out"},
    CheckSpec{.id = "mail.dane.rollover", .level = kOptional, .title = "DANE allows a key rollover",
              .family = kMail, .group = Group::kDane, .applies_to = AppliesTo::kEachHost,
              .standard = "dane", .beyond_internet_nl = false,
              .what = "Two or more TLSA records that allow a key rollover (3 x x + 3 x x, or 3 x x + 2 x x)",
              .rule = "pass / info"},
    CheckSpec{.id = "mail.mta_sts", .level = kRecommended, .title = "MTA-STS policy (RFC 8461)",
              .family = kMail, .group = Group::kMtaSts, .applies_to = AppliesTo::kDomain,
              .standard = "mta-sts", .beyond_internet_nl = true,
              .what = "RFC 8461: _mta-sts TXT v=STSv1; id=…; policy at https://mta-sts.domain/.well-known/mta-sts.txt with a valid certificate; mode enforce (testing = warn, none = fail); every MX matches an mx: pattern and offers STARTTLS on every address with a certificate PKIX-valid for its name (RFC 8461 §4.2, §5.1; under testing such a finding is warn); max_age ≥ 86400",
              .rule = "pass / warn / fail (each finding) / info (absent)"},
    CheckSpec{.id = "mail.tls_rpt", .level = kRecommended, .title = "TLS reporting (RFC 8460)",
              .family = kMail, .group = Group::kTlsRpt, .applies_to = AppliesTo::kDomain,
              .standard = "tls-rpt", .beyond_internet_nl = true,
              .what = "RFC 8460: one v=TLSRPTv1 at _smtp._tls.domain with a valid rua",
              .rule = "pass / info (absent) / warn (invalid)"},
};

inline constexpr std::array kRoutingChecks{
    CheckSpec{.id = "web.rpki.exists", .level = kRequired, .title = "Web addresses are covered by a ROA",
              .family = kRouting, .group = Group::kRpki, .applies_to = AppliesTo::kEachAddress,
              .standard = "rpki", .beyond_internet_nl = false,
              .what = "Every web address is covered by a ROA (VRP)",
              .rule = "pass / fail"},
    CheckSpec{.id = "web.rpki.valid", .level = kRequired, .title = "Web routes are RPKI-valid",
              .family = kRouting, .group = Group::kRpki, .applies_to = AppliesTo::kEachAddress,
              .standard = "rpki", .beyond_internet_nl = false,
              .what = "Route origin validation (RFC 6811) of every web address's announced prefix and origin",
              .rule = "pass: all valid; fail: any invalid or not-found; not_applicable: not announced"},
    CheckSpec{.id = "dns.rpki.exists", .level = kRequired, .title = "Name-server addresses are covered by a ROA",
              .family = kRouting, .group = Group::kRpki, .applies_to = AppliesTo::kEachAddress,
              .standard = "rpki", .beyond_internet_nl = false,
              .what = "The same for every NS address",
              .rule = "as above"},
    CheckSpec{.id = "dns.rpki.valid", .level = kRequired, .title = "Name-server routes are RPKI-valid",
              .family = kRouting, .group = Group::kRpki, .applies_to = AppliesTo::kEachAddress,
              .standard = "rpki", .beyond_internet_nl = false,
              .what = "The same for every NS address",
              .rule = "as above"},
    CheckSpec{.id = "mail.rpki.exists", .level = kRequired, .title = "Mail-server addresses are covered by a ROA",
              .family = kRouting, .group = Group::kRpki, .applies_to = AppliesTo::kEachAddress,
              .standard = "rpki", .beyond_internet_nl = false,
              .what = "As web, for every MX address, and for the name servers of each MX domain",
              .rule = "as web"},
    CheckSpec{.id = "mail.rpki.valid", .level = kRequired, .title = "Mail-server routes are RPKI-valid",
              .family = kRouting, .group = Group::kRpki, .applies_to = AppliesTo::kEachAddress,
              .standard = "rpki", .beyond_internet_nl = false,
              .what = "As web, for every MX address, and for the name servers of each MX domain",
              .rule = "as web"},
};

// clang-format on

}  // namespace declared

// All checks in report order: DNS, web, mail, routing.
inline constexpr auto kAllChecks = [] {
  using namespace declared;
  std::array<CheckSpec,
             kDnsChecks.size() + kWebChecks.size() + kMailChecks.size() + kRoutingChecks.size()>
      all{};
  std::size_t i = 0;
  for (const auto& c : kDnsChecks) all[i++] = c;
  for (const auto& c : kWebChecks) all[i++] = c;
  for (const auto& c : kMailChecks) all[i++] = c;
  for (const auto& c : kRoutingChecks) all[i++] = c;
  return all;
}();

// The position of a declared ID in kAllChecks, or kUndeclared. An index, not a pointer: with the
// sanitizers GCC cannot compare an object's address with null in a constant expression.
inline constexpr std::size_t kUndeclared = static_cast<std::size_t>(-1);
constexpr std::size_t declared_index(std::string_view id) {
  for (std::size_t i = 0; i < kAllChecks.size(); ++i) {
    if (kAllChecks[i].id == id) return i;
  }
  return kUndeclared;
}

inline const CheckSpec* find_declared(std::string_view id) {
  const auto index = declared_index(id);
  return index == kUndeclared ? nullptr : &kAllChecks[index];
}

}  // namespace baseline::checks
