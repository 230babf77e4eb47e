// The SMTP side of the mail test, per MX address: TCP 25, the STARTTLS dialogue, the TLS
// enumeration and the one full handshake over STARTTLS, all through one politeness gate per
// address (mail/smtp/server_gate.h). MailServerCache shares these facts across the domain tests
// of one run: a mail host serving many domains is probed once, and concurrent requests for it wait
// for that one probe (so there is never more than one connection to it at a time).
// One cache per event loop; not thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "checks/context.h"
#include "core/result.h"
#include "mail/smtp/dialogue.h"
#include "tls/enumerate.h"
#include "tls/handshake.h"

namespace baseline::checks::mail_family {

struct MailServerFacts {
  boost::asio::ip::address address;
  std::string probed_as;               // the MX name used for SNI on the first probe
  std::optional<std::string> refused;  // by the address guard (--allow-private)
  bool reached = false;                // TCP 25 accepted a connection
  std::string reach_error;
  std::optional<mail::smtp::Dialogue> dialogue;  // the first banner/EHLO/STARTTLS exchange
  std::optional<core::Result<tls::Enumeration>> enumeration;
  std::optional<core::Result<tls::HandshakeFacts>> handshake;
  // The server stopped accepting us part-way (after pauses and retries): its reply. The TLS
  // results are then incomplete and reported as errors rather than guessed.
  std::optional<std::string> refused_midway;
  int connections = 0;
  int temporary_refusals = 0;

  std::string target() const;  // "192.0.2.1:25", "[2001:db8::1]:25"
  bool starttls_ready() const {
    return dialogue && dialogue->end == mail::smtp::Dialogue::End::kReadyForTls;
  }
};

class MailServerCache {
 public:
  // The facts of `address` (probed as `mx_name` the first time), probed once per cache. Null only
  // when the caller was cancelled while waiting.
  boost::asio::awaitable<std::shared_ptr<const MailServerFacts>> get(
      const CheckContext& context, boost::asio::ip::address address, std::string mx_name);
  std::size_t probed() const { return entries_.size(); }

 private:
  struct Entry {
    std::shared_ptr<MailServerFacts> facts;
    bool done = false;
    std::unique_ptr<boost::asio::steady_timer> finished;  // cancelled when done
  };
  std::map<std::string, std::shared_ptr<Entry>> entries_;
};

}  // namespace baseline::checks::mail_family
