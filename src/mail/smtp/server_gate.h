// SPDX-License-Identifier: Apache-2.0
// How Baseline treats a mail server during a run, because mail servers rate-limit and blocklist
// clients that hammer them (issues 4 and 18, "politeness"). A mail server is one server whichever
// address we reach it on: ServerGate is shared by all addresses of an MX host (and by every domain
// of the run that names the host); AddressGate is one address of it.
// - One connection at a time to the server, not per address: a prober holds the server's Turn for
//   as long as it talks to any address of it, and opens its connections one after another.
// - At most `budget` connections per address that the server did not refuse. A temporary refusal
//   (421, 450, any 4xx at banner, EHLO or STARTTLS) makes the prober pause and retry, doubling
//   the pause (0.5 s, 1 s, 2 s); each refusal raises the budget by one, up to `refusal_cap`
//   refusals per server per run, so a server refusing a share of connections still gets a complete
//   test.
// - An address that refused every retry in a row, or a server past the refusal cap, gets no
//   further connection: every later request gets the error with the server's reply.
// open_for_tls() hands out sockets on which STARTTLS has been accepted, ready for a ClientHello;
// the TLS enumeration and the handshake use it as their connector. Both classes live on one
// executor (the mail prober's, checks/mail/mail_servers.h) and are not thread-safe.
#pragma once

#include <algorithm>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "mail/smtp/dialogue.h"
#include "net/async.h"

namespace baseline::mail::smtp {

struct GatePolicy {
  std::string ehlo_name = "baseline.invalid";
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds dialogue_timeout{10000};  // banner + EHLO + STARTTLS
  int budget = 32;       // connections per address that the server did not refuse
  int refusal_cap = 64;  // refused (and retried) connections per server per run
  int retries = 3;       // after a temporary refusal, in a row
  std::chrono::milliseconds first_pause{500};
  net::Clock::time_point deadline = net::Clock::time_point::max();
};

class ServerGate {
 public:
  explicit ServerGate(GatePolicy policy) : policy_(std::move(policy)) {}

  // Held by whoever talks to the server; released on destruction. FIFO among waiters.
  class Turn {
   public:
    explicit Turn(ServerGate* gate) : gate_(gate) {}
    Turn(Turn&& other) noexcept : gate_(std::exchange(other.gate_, nullptr)) {}
    Turn& operator=(Turn&&) = delete;
    // end_turn() throws only if cancelling a timer's waits fails, which Asio's reactor never
    // does; if it did, ending the program from this destructor would be right.
    // NOLINTNEXTLINE(bugprone-exception-escape)
    ~Turn() {
      if (gate_) gate_->end_turn();
    }

   private:
    ServerGate* gate_;
  };
  boost::asio::awaitable<Turn> take_turn();

  const GatePolicy& policy() const { return policy_; }
  int connections() const { return connections_; }  // to every address of the server
  int refusals() const { return refusals_; }

  // Bookkeeping by AddressGate.
  void count_connection() { ++connections_; }
  void count_refusal() { ++refusals_; }

 private:
  void end_turn();

  GatePolicy policy_;
  bool busy_ = false;
  std::deque<std::shared_ptr<boost::asio::steady_timer>> waiting_;
  int connections_ = 0;
  int refusals_ = 0;
};

class AddressGate {
 public:
  // `deadline`: the test's that asked for this address (the policy's when sooner).
  AddressGate(ServerGate& server, boost::asio::ip::tcp::endpoint endpoint,
              net::Clock::time_point deadline = net::Clock::time_point::max());

  // A socket after "220" to STARTTLS, or why there is none (connect failed, no STARTTLS,
  // refused, budget spent). The first dialogue of the run is kept (first_dialogue()). The caller
  // holds the server's Turn.
  boost::asio::awaitable<core::Result<boost::asio::ip::tcp::socket>> open_for_tls();

  const boost::asio::ip::tcp::endpoint& endpoint() const { return endpoint_; }
  // Whether TCP ever connected, and the reason when it did not.
  bool ever_connected() const { return ever_connected_; }
  const std::string& connect_error() const { return connect_error_; }
  // The dialogue of the first connection that got one, past temporary refusals (mail.starttls).
  const std::optional<Dialogue>& first_dialogue() const { return first_dialogue_; }
  // Set once the server refused us for good: its last reply.
  const std::optional<std::string>& refused() const { return refused_; }
  // Whether the latest connection got as far as STARTTLS accepted (what failed after that was
  // the TLS itself).
  bool last_reached_tls() const { return last_reached_tls_; }
  int connections() const { return connections_; }
  int temporary_refusals() const { return static_cast<int>(refusals_.size()); }
  // Every refusal of this address, in order: "connection 3: 421 4.7.0 …".
  const std::vector<std::string>& refusals() const { return refusals_; }

 private:
  // One connection and dialogue, no retries.
  boost::asio::awaitable<core::Result<boost::asio::ip::tcp::socket>> attempt(Dialogue& dialogue);

  ServerGate& server_;
  boost::asio::ip::tcp::endpoint endpoint_;
  net::Clock::time_point deadline_;
  bool ever_connected_ = false;
  bool last_reached_tls_ = false;
  std::string connect_error_;
  std::optional<Dialogue> first_dialogue_;
  std::optional<std::string> refused_;
  std::optional<std::string> final_error_;  // no STARTTLS: no point in asking again
  int connections_ = 0;
  std::vector<std::string> refusals_;
};

}  // namespace baseline::mail::smtp
