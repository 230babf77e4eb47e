// SPDX-License-Identifier: Apache-2.0
#include "mail/smtp/machine_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <cstdlib>
#include <filesystem>

namespace baseline::mail::smtp {
namespace asio = boost::asio;

namespace {

// Short enough to add little to a connection that costs several round trips, long enough to cost
// nothing in CPU while another process holds a server for seconds.
constexpr auto kPoll = std::chrono::milliseconds(10);

int open_lock_file(const std::string& directory, const std::string& name) {
  const std::string path = directory + "/" + name + ".lock";
  return ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
}

}  // namespace

MachineLock& MachineLock::operator=(MachineLock&& other) noexcept {
  if (this != &other) {
    release();
    fds_ = std::exchange(other.fds_, {});
  }
  return *this;
}

MachineLock::~MachineLock() {
  release();
}

void MachineLock::release() {
  // Closing the descriptor drops its flock.
  for (int fd : fds_) ::close(fd);
  fds_.clear();
}

std::string default_lock_directory() {
  std::string base = "/run/baseline/mail-servers";
  if (const char* dir = std::getenv("BASELINE_LOCK_DIR"); dir && *dir) base = dir;
  // One address is another server in another network namespace (the labs of several checkouts
  // side by side use the same addresses): the namespace is part of the key.
  struct stat ns {};
  if (::stat("/proc/self/ns/net", &ns) == 0) base += "/net-" + std::to_string(ns.st_ino);
  return base;
}

asio::awaitable<std::pair<MachineLock, bool>> lock_mail_server(
    std::vector<asio::ip::address> addresses, std::string directory,
    net::Clock::time_point deadline) {
  MachineLock lock;
  std::vector<std::string> names;
  names.reserve(addresses.size());
  for (const auto& a : addresses) names.push_back(a.to_string());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (const auto& name : names) {
    const int fd = open_lock_file(directory, name);
    if (fd < 0) continue;  // not ours to fix: the process-wide gate still holds
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      if ((errno != EWOULDBLOCK && errno != EINTR) || net::Clock::now() + kPoll >= deadline) {
        ::close(fd);
        lock.release();
        co_return std::pair{std::move(lock), false};
      }
      timer.expires_after(kPoll);
      co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    lock.fds_.push_back(fd);
  }
  co_return std::pair{std::move(lock), true};
}

}  // namespace baseline::mail::smtp
