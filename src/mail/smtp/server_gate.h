// ServerGate: how Baseline treats one mail server address during a run, because mail servers
// rate-limit and blocklist clients that hammer them (issue 4, "politeness"):
// - connections are opened one after another by the one task that owns the gate, never two at once;
// - at most `budget` connections in all;
// - a temporary refusal (421, 450, any 4xx at banner or EHLO) makes it pause and retry, doubling
//   the pause (1 s, 2 s, 4 s), within the test's deadline;
// - once the server has refused us for good, no further connection is made and every later
//   request gets the same error with the server's reply.
// open_for_tls() hands out sockets on which STARTTLS has been accepted, ready for a ClientHello;
// the TLS enumeration and the handshake use it as their connector. Not thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "core/result.h"
#include "mail/smtp/dialogue.h"
#include "net/async.h"

namespace baseline::mail::smtp {

struct GatePolicy {
  std::string ehlo_name = "baseline.invalid";
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds dialogue_timeout{10000};  // banner + EHLO + STARTTLS
  int budget = 32;                                    // connections per address per run
  int retries = 3;                                    // after a temporary refusal
  std::chrono::milliseconds first_pause{1000};
  net::Clock::time_point deadline = net::Clock::time_point::max();
};

class ServerGate {
 public:
  ServerGate(boost::asio::ip::tcp::endpoint endpoint, GatePolicy policy);

  // A socket after "220" to STARTTLS, or why there is none (connect failed, no STARTTLS,
  // refused, budget spent). The first dialogue of the run is kept (first_dialogue()).
  boost::asio::awaitable<core::Result<boost::asio::ip::tcp::socket>> open_for_tls();

  const boost::asio::ip::tcp::endpoint& endpoint() const { return endpoint_; }
  // Whether TCP ever connected, and the reason when it did not.
  bool ever_connected() const { return ever_connected_; }
  const std::string& connect_error() const { return connect_error_; }
  // The dialogue of the first connection that got one (for mail.starttls).
  const std::optional<Dialogue>& first_dialogue() const { return first_dialogue_; }
  // Set once the server refused us after the retries: its last reply.
  const std::optional<std::string>& refused() const { return refused_; }
  int connections() const { return connections_; }
  int temporary_refusals() const { return temporary_refusals_; }

 private:
  // One connection and dialogue, no retries.
  boost::asio::awaitable<core::Result<boost::asio::ip::tcp::socket>> attempt(Dialogue& dialogue);

  boost::asio::ip::tcp::endpoint endpoint_;
  GatePolicy policy_;
  bool ever_connected_ = false;
  std::string connect_error_;
  std::optional<Dialogue> first_dialogue_;
  std::optional<std::string> refused_;
  std::optional<std::string> final_error_;  // no STARTTLS: no point in asking again
  int connections_ = 0;
  int temporary_refusals_ = 0;
};

}  // namespace baseline::mail::smtp
