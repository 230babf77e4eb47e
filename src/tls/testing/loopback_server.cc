// SPDX-License-Identifier: Apache-2.0
#include "tls/testing/loopback_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

namespace baseline::tls::testing {

namespace {

constexpr int kBindAttempts = 50;
constexpr timeval kIoTimeout{10, 0};

// A listening socket on `address`:`port` (0: the kernel chooses), or -1 with errno set.
int listen_on(const std::string& address, std::uint16_t port) {
  sockaddr_storage storage{};
  socklen_t size = 0;
  int family = AF_INET;
  if (address.find(':') != std::string::npos) {
    family = AF_INET6;
    auto* six = reinterpret_cast<sockaddr_in6*>(&storage);
    six->sin6_family = AF_INET6;
    six->sin6_port = htons(port);
    if (inet_pton(AF_INET6, address.c_str(), &six->sin6_addr) != 1) return -1;
    size = sizeof *six;
  } else {
    auto* four = reinterpret_cast<sockaddr_in*>(&storage);
    four->sin_family = AF_INET;
    four->sin_port = htons(port);
    if (inet_pton(AF_INET, address.c_str(), &four->sin_addr) != 1) return -1;
    size = sizeof *four;
  }
  const int fd = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (family == AF_INET6) {
    const int only = 1;
    ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &only, sizeof only);
  }
  if (::bind(fd, reinterpret_cast<sockaddr*>(&storage), size) != 0 || ::listen(fd, 16) != 0) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

std::uint16_t bound_port(int fd) {
  sockaddr_storage storage{};
  socklen_t size = sizeof storage;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &size) != 0) return 0;
  if (storage.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port);
  }
  return ntohs(reinterpret_cast<sockaddr_in*>(&storage)->sin_port);
}

}  // namespace

LoopbackServer::LoopbackServer(Handler handler, std::vector<std::string> addresses)
    : handler_(std::move(handler)), addresses_(std::move(addresses)) {
  if (addresses_.empty()) throw std::invalid_argument("LoopbackServer needs an address");
  // OpenSSL writes to sockets with write(2): a client that hung up must not kill the test.
  std::signal(SIGPIPE, SIG_IGN);
  // The kernel picks the first address's port; the others take the same one. Should another
  // socket hold it on one of them, everything is let go and the kernel picks again.
  for (int attempt = 0; attempt < kBindAttempts && listeners_.empty(); ++attempt) {
    std::vector<int> bound;
    const int first = listen_on(addresses_.front(), 0);
    if (first < 0) {
      throw std::runtime_error("cannot listen on " + addresses_.front() + ": " +
                               std::strerror(errno));
    }
    bound.push_back(first);
    const std::uint16_t port = bound_port(first);
    bool all = port != 0;
    for (std::size_t i = 1; all && i < addresses_.size(); ++i) {
      const int fd = listen_on(addresses_[i], port);
      if (fd < 0) {
        if (errno != EADDRINUSE) {
          const std::string why = std::strerror(errno);
          for (int b : bound) ::close(b);
          throw std::runtime_error("cannot listen on " + addresses_[i] + ": " + why);
        }
        all = false;
      } else {
        bound.push_back(fd);
      }
    }
    if (!all) {
      for (int b : bound) ::close(b);
      continue;
    }
    listeners_ = std::move(bound);
    port_ = port;
  }
  if (listeners_.empty()) throw std::runtime_error("no port free on every loopback address");
  for (int listener : listeners_) {
    accepting_.emplace_back([this, listener]() { accept_loop(listener); });
  }
}

LoopbackServer::~LoopbackServer() {
  stopping_ = true;
  // Wakes accept() (EINVAL on a shut-down listening socket) and every blocked read.
  for (int listener : listeners_) ::shutdown(listener, SHUT_RDWR);
  for (auto& t : accepting_) t.join();
  for (int listener : listeners_) ::close(listener);
  {
    std::lock_guard lock(mutex_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
  }
  for (auto& t : serving_) t.join();
}

bool LoopbackServer::wait_idle(std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (open_fds_.empty()) return true;
    }
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

boost::asio::ip::tcp::endpoint LoopbackServer::endpoint() const {
  return {boost::asio::ip::make_address(addresses_.front()), port_};
}

void LoopbackServer::accept_loop(int listener) {
  while (!stopping_) {
    const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      return;
    }
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &kIoTimeout, sizeof kIoTimeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &kIoTimeout, sizeof kIoTimeout);
    std::lock_guard lock(mutex_);
    if (stopping_) {
      ::close(fd);
      return;
    }
    ++connections_;
    // Open as the client sees it: a connection whose client has closed (or shut down writing)
    // does not count, though its handler may not have read the end yet.
    int now = 1;
    for (int other : open_fds_) {
      pollfd state{other, POLLRDHUP, 0};
      if (::poll(&state, 1, 0) == 1 && (state.revents & (POLLRDHUP | POLLHUP | POLLERR))) continue;
      ++now;
    }
    if (now > most_open_) most_open_ = now;
    open_fds_.insert(fd);
    serving_.emplace_back([this, fd]() { serve(fd); });
  }
}

void LoopbackServer::serve(int fd) {
  handler_(fd);
  {
    std::lock_guard lock(mutex_);
    open_fds_.erase(fd);
  }
  ::close(fd);
}

}  // namespace baseline::tls::testing
