// SPDX-License-Identifier: Apache-2.0
// A TCP server for tests on loopback addresses, on a port the kernel chooses (bound to port 0
// and read back; the other addresses are bound to the same port, or all are tried again). Each
// connection is handed to the handler on a thread of its own, as a blocking socket with read and
// write timeouts, so no thread waits forever; the server closes it when the handler returns.
// Counts connections and the most open at once, as the client sees it (a connection the client
// closed no longer counts, even before its handler has read the end). The destructor stops
// accepting, shuts open connections down and joins every thread. Thread-safe.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace baseline::tls::testing {

class LoopbackServer {
 public:
  // Gets the connected socket's descriptor; must not close it.
  using Handler = std::function<void(int fd)>;

  explicit LoopbackServer(Handler handler, std::vector<std::string> addresses = {"127.0.0.1"});
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  std::uint16_t port() const { return port_; }
  // The endpoint on the first address.
  boost::asio::ip::tcp::endpoint endpoint() const;
  int connections() const { return connections_; }
  int most_open() const { return most_open_; }
  // Waits until every handler has returned (the clients hung up), at most `limit`: then what the
  // handlers counted is complete. False when some are still running.
  bool wait_idle(std::chrono::milliseconds limit = std::chrono::seconds(5));

 private:
  void accept_loop(int listener);
  void serve(int fd);

  Handler handler_;
  std::vector<std::string> addresses_;
  std::uint16_t port_ = 0;
  std::vector<int> listeners_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::atomic<int> most_open_{0};
  std::mutex mutex_;
  std::set<int> open_fds_;
  std::vector<std::thread> accepting_;
  std::vector<std::thread> serving_;
};

}  // namespace baseline::tls::testing
