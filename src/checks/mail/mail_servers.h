// SPDX-License-Identifier: Apache-2.0
// The SMTP side of the mail test, per MX address: TCP 25, the STARTTLS dialogue, the TLS
// enumeration and the one full handshake over STARTTLS, all through the politeness gate of the
// mail server the address belongs to (mail/smtp/server_gate.h).
// MailServerCache shares these facts across the domain tests of one run, on every event loop of
// the process: an address is probed once, and a mail server (every address of an MX host, and
// every MX host that shares one of them) sees one connection at a time. The probes run on the
// cache's own thread (the "mail prober"), so the gates need no locks and a probe never depends on
// the event loop that asked for it; get() is thread-safe and may be called from any loop. Other
// Baseline processes on the machine are kept out by lock files (mail/smtp/machine_lock.h).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "checks/context.h"
#include "core/result.h"
#include "mail/smtp/dialogue.h"
#include "tls/enumerate.h"
#include "tls/handshake.h"

namespace baseline::mail::smtp {
class ServerGate;
}

namespace baseline::checks::mail_family {

struct MailServerFacts {
  boost::asio::ip::address address;
  std::uint16_t port = 25;             // SMTP (tests point the cache at fakes on other ports)
  std::string probed_as;               // the MX name used for SNI on the first probe
  std::optional<std::string> refused;  // by the address guard (--allow-private)
  bool reached = false;                // TCP 25 accepted a connection
  std::string reach_error;
  std::optional<mail::smtp::Dialogue> dialogue;  // the first banner/EHLO/STARTTLS exchange
  std::optional<core::Result<tls::Enumeration>> enumeration;
  std::optional<core::Result<tls::HandshakeFacts>> handshake;
  // The server accepted STARTTLS and then the TLS failed (alert, close, garbage): what a sending
  // server experiences as "no TLS". Not set for timeouts: those are ours to report as errors.
  std::optional<std::string> tls_failure;
  // The server stopped accepting us part-way (after pauses and retries): its reply. The TLS
  // results are then incomplete and reported as errors rather than guessed.
  std::optional<std::string> refused_midway;
  // The address refused every retry (or the server passed the refusal cap): its reply.
  std::optional<std::string> refused_for_good;
  int connections = 0;                // to this address
  int server_connections = 0;         // to every address of its server during the run, so far
  std::vector<std::string> refusals;  // every temporary refusal of this address, in order

  std::string target() const;  // "192.0.2.1:25", "[2001:db8::1]:25"
  bool starttls_ready() const {
    return dialogue && dialogue->end == mail::smtp::Dialogue::End::kReadyForTls;
  }
  int temporary_refusals() const { return static_cast<int>(refusals.size()); }
};

class MailServerCache {
 public:
  // `smtp_port`: where the mail servers are asked; 25 but in tests against loopback fakes.
  explicit MailServerCache(std::uint16_t smtp_port = 25);
  ~MailServerCache();  // stops the prober; probes still running are abandoned
  MailServerCache(const MailServerCache&) = delete;
  MailServerCache& operator=(const MailServerCache&) = delete;

  // The facts of `address` (probed as `mx_name` the first time), probed once per cache.
  // `server_addresses` are all addresses of the MX host: the address shares a politeness gate
  // with them. Null only when the caller was cancelled while waiting.
  boost::asio::awaitable<std::shared_ptr<const MailServerFacts>> get(
      const CheckContext& context, boost::asio::ip::address address, std::string mx_name,
      std::vector<boost::asio::ip::address> server_addresses);
  std::size_t probed() const;

 private:
  struct Entry;
  std::shared_ptr<mail::smtp::ServerGate> gate_for(
      const std::vector<boost::asio::ip::address>& addresses, const CheckContext& context);

  std::uint16_t smtp_port_;
  // Lock files of mail server addresses, shared by every Baseline process of the machine.
  std::string lock_directory_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Entry>> entries_;  // by address
  // By address: every address of a server maps to its gate. Touched under mutex_; the gates
  // themselves only on the prober thread.
  std::map<std::string, std::shared_ptr<mail::smtp::ServerGate>> gates_;
  boost::asio::io_context prober_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::thread thread_;  // started with the first probe
};

}  // namespace baseline::checks::mail_family
