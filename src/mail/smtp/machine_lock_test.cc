// SPDX-License-Identifier: Apache-2.0
// The machine-wide mail politeness lock: two processes testing one mail server never have a
// connection open to it at the same time, a holder killed with SIGKILL frees the server, and an
// unusable lock directory leaves only the process-wide gate.
#include "mail/smtp/machine_lock.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <csignal>
#include <cstdlib>
#include <filesystem>

#include "dns/testing/run.h"

namespace baseline::mail::smtp {
namespace {
namespace asio = boost::asio;
using namespace std::chrono_literals;

std::string temporary_directory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "machine-lock-XXXXXX").string();
  return ::mkdtemp(pattern.data()) ? pattern : std::string();
}

std::vector<asio::ip::address> server_addresses(bool reversed) {
  std::vector<asio::ip::address> out{asio::ip::make_address("192.0.2.25"),
                                     asio::ip::make_address("2001:db8::25")};
  if (reversed) std::reverse(out.begin(), out.end());
  return out;
}

struct Shared {
  int open = 0;
  int most_open = 0;
  int connections = 0;
};

// One process's probes: take the server, connect, hold the connection a moment, close, release.
void probe_repeatedly(const std::string& directory, bool reversed, int listen_port,
                      Shared* shared) {
  asio::io_context io;
  for (int i = 0; i < 10; ++i) {
    auto [lock, locked] = dns::testing::run(
        io, lock_mail_server(server_addresses(reversed), directory, net::Clock::now() + 10s));
    if (!locked || lock.held() != 2) _exit(2);
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(listen_port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) _exit(3);
    const int now_open = __atomic_add_fetch(&shared->open, 1, __ATOMIC_SEQ_CST);
    int most = __atomic_load_n(&shared->most_open, __ATOMIC_SEQ_CST);
    while (now_open > most &&
           !__atomic_compare_exchange_n(&shared->most_open, &most, now_open, false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
    }
    __atomic_add_fetch(&shared->connections, 1, __ATOMIC_SEQ_CST);
    ::usleep(5000);
    __atomic_sub_fetch(&shared->open, 1, __ATOMIC_SEQ_CST);
    ::close(fd);  // before the lock goes: the next holder's connection starts after this one ends
  }
  _exit(0);
}

TEST(MachineLock, TwoProcessesNeverConnectToOneServerAtOnce) {
  const auto directory = temporary_directory();
  ASSERT_FALSE(directory.empty());
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in at{};
  at.sin_family = AF_INET;
  at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&at), sizeof at), 0);
  ASSERT_EQ(::listen(listener, 64), 0);  // the kernel completes the handshakes; nothing accepts
  socklen_t size = sizeof at;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&at), &size);
  auto* shared = static_cast<Shared*>(
      ::mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  ASSERT_NE(shared, MAP_FAILED);
  *shared = Shared{};
  std::vector<pid_t> children;
  for (bool reversed : {false, true}) {  // the two know the addresses in a different order
    const pid_t pid = ::fork();
    if (pid == 0) probe_repeatedly(directory, reversed, ntohs(at.sin_port), shared);
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  }
  EXPECT_EQ(shared->connections, 20);
  EXPECT_EQ(shared->most_open, 1);
  ::munmap(shared, sizeof(Shared));
  ::close(listener);
  std::filesystem::remove_all(directory);
}

TEST(MachineLock, AHolderKilledWithSigkillFreesTheServer) {
  const auto directory = temporary_directory();
  ASSERT_FALSE(directory.empty());
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t holder = ::fork();
  if (holder == 0) {
    asio::io_context io;
    auto held = dns::testing::run(
        io, lock_mail_server(server_addresses(false), directory, net::Clock::now() + 10s));
    if (!held.second) _exit(2);
    (void)!::write(ready[1], "x", 1);
    ::pause();  // holds the lock until killed
    _exit(0);
  }
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  asio::io_context io;
  auto busy = dns::testing::run(
      io, lock_mail_server(server_addresses(true), directory, net::Clock::now() + 100ms));
  EXPECT_FALSE(busy.second);  // gave up at its deadline, holding nothing
  EXPECT_EQ(busy.first.held(), 0u);
  ::kill(holder, SIGKILL);
  ::waitpid(holder, nullptr, 0);
  auto freed = dns::testing::run(
      io, lock_mail_server(server_addresses(true), directory, net::Clock::now() + 2s));
  EXPECT_TRUE(freed.second);
  EXPECT_EQ(freed.first.held(), 2u);
  ::close(ready[0]);
  ::close(ready[1]);
  std::filesystem::remove_all(directory);
}

TEST(MachineLock, AnUnusableDirectoryLeavesTheProcessGateAlone) {
  asio::io_context io;
  auto result = dns::testing::run(
      io, lock_mail_server(server_addresses(false), "/proc/no-such-place/baseline",
                           net::Clock::now() + 1s));
  EXPECT_TRUE(result.second);
  EXPECT_EQ(result.first.held(), 0u);
}

}  // namespace
}  // namespace baseline::mail::smtp
