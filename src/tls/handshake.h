// SPDX-License-Identifier: Apache-2.0
// The one full OpenSSL handshake per address (plus the short follow-ups it needs): the presented
// chain and its trust (system store plus --ca-file), the name (RFC 6125), key and signature of
// every certificate, expiry, the stapled OCSP response, client-initiated renegotiation (up to 11
// attempts) and 0-RTT (resume with early data; accepted without 425 fails). OpenSSL is driven
// through memory BIOs over an Asio socket, so everything stays on the event loop. Not thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "tls/connector.h"
#include "tls/openssl_handles.h"
#include "tls/probe.h"

namespace baseline::tls {

struct CertificateFacts {
  std::string subject;
  std::string issuer;
  std::string key_type;  // "RSA", "EC", "ED25519", "ED448", "DSA", ...
  int key_bits = 0;
  std::string curve;           // for EC: "prime256v1", ...
  std::string signature;       // signature algorithm, e.g. "ecdsa-with-SHA256"
  std::string signature_hash;  // "SHA256", "SHA1", "MD5", "" for EdDSA
  bool self_signed = false;
  long long not_before = 0;  // Unix seconds
  long long not_after = 0;
  std::vector<std::uint8_t> der;
  std::vector<std::uint8_t> spki_der;  // SubjectPublicKeyInfo, for DANE selector 1
};

struct HandshakeFacts {
  std::string version;  // "TLSv1.3"
  std::string cipher;
  std::uint16_t version_id = 0;  // as on the wire: 0x0303 for TLS 1.2
  std::uint16_t suite_id = 0;    // IANA cipher suite number
  bool extended_master_secret = false;
  bool secure_renegotiation = false;
  std::vector<CertificateFacts> chain;  // as presented, leaf first
  bool trusted = false;
  std::string trust_error;  // the verifier's reason when not trusted
  int trusted_depth = -1;   // index in `chain` of the first certificate a trust
                            // anchor vouches for (or chain.size() when the anchor
                            // is not presented)
  bool name_matches = false;
  std::string name_checked;
  // OCSP: nullopt = nothing stapled
  std::optional<bool> ocsp_valid;
  std::string ocsp_detail;
  // Client renegotiation: nullopt = could not be tried (TLS 1.3 only)
  std::optional<int> renegotiations_allowed;
  std::string renegotiation_detail;
  // 0-RTT: nullopt = not tried (no TLS 1.3)
  std::optional<bool> early_data_offered;   // the ticket allowed early data
  std::optional<bool> early_data_accepted;  // the server accepted our early data
  std::optional<int> early_data_status;     // HTTP status of the early request
  int connections = 0;
};

struct HandshakeTarget {
  boost::asio::ip::tcp::endpoint endpoint;
  std::string host;                         // SNI and the name checked
  std::string ca_file;                      // extra trust anchors; may be empty
  std::chrono::milliseconds timeout{5000};  // per connection
  bool try_renegotiation = true;            // a TLS <= 1.2 version is accepted
  bool try_early_data = true;               // TLS 1.3 is accepted
  Connector connect;                        // empty: plain TCP to `endpoint`
};

boost::asio::awaitable<core::Result<HandshakeFacts>> full_handshake(HandshakeTarget target);

// The two parts of full_handshake, for callers that use the first one's answer before the
// second runs (the enumeration takes its negotiated version and suite as a data point):
// the certificate handshake with renegotiation (offered at most TLS 1.2 when
// `try_renegotiation`), and the 0-RTT probe (TLS 1.3 connections of its own).
boost::asio::awaitable<core::Result<HandshakeFacts>> certificate_handshake(HandshakeTarget target);
// `ticket`: a resumable TLS 1.3 session of this name and address from another connection (the
// HTTPS requests'), read after its first response so that it holds the server's ticket; without
// one the probe connects for a ticket first.
boost::asio::awaitable<void> early_data_probe(HandshakeTarget target, HandshakeFacts& facts,
                                              SslSessionPtr ticket = nullptr);

// What a certificate handshake tells the enumeration (see ProbeTarget::below13_handshake).
Negotiated negotiated(const core::Result<HandshakeFacts>& handshake);

// Does `host` match the certificate (SAN dNSName, RFC 6125 wildcards: leftmost label only)?
bool certificate_matches(const std::vector<std::uint8_t>& der, const std::string& host);

}  // namespace baseline::tls
