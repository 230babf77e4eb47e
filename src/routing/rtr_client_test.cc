// SPDX-License-Identifier: Apache-2.0
// The RTR client against small RTR caches on loopback: one that speaks the protocol (Reset Query →
// Cache Response, prefixes, End of Data), and misbehaving ones.
#include "routing/rtr_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>
#include <vector>

namespace baseline::routing {
namespace {

enum class CacheMode { kProtocol, kGarbage, kHangUp };

// A one-connection-at-a-time RTR cache on 127.0.0.1 serving a fixed VRP list.
class FakeRtrCache {
 public:
  explicit FakeRtrCache(CacheMode mode) : mode_(mode) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // A constructor cannot ASSERT: a cache that cannot listen leaves port 0, which the tests'
    // endpoint() then fails to reach.
    if (bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        listen(listener_, 4) != 0) {
      return;
    }
    socklen_t size = sizeof address;
    if (getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size) != 0) return;
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeRtrCache() {
    stop_ = true;
    shutdown(listener_, SHUT_RDWR);
    close(listener_);
    if (thread_.joinable()) thread_.join();
  }
  std::string endpoint() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  static void put16(std::vector<std::uint8_t>& o, unsigned v) {
    o.push_back(static_cast<std::uint8_t>(v >> 8));
    o.push_back(static_cast<std::uint8_t>(v));
  }
  static void put32(std::vector<std::uint8_t>& o, std::uint32_t v) {
    put16(o, v >> 16);
    put16(o, v & 0xFFFF);
  }
  void serve() {
    while (!stop_) {
      int connection = accept(listener_, nullptr, nullptr);
      if (connection < 0) return;
      timeval limit{2, 0};
      setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
      std::uint8_t query[8];
      if (recv(connection, query, sizeof query, MSG_WAITALL) == 8) respond(connection, query[0]);
      close(connection);
    }
  }
  void respond(int connection, std::uint8_t version) {
    std::vector<std::uint8_t> out;
    if (mode_ == CacheMode::kGarbage) {
      out.assign(64, 0xEE);
    } else if (mode_ == CacheMode::kProtocol) {
      const unsigned session = 4242;
      out = {version, 3};  // Cache Response
      put16(out, session);
      put32(out, 8);
      // IPv4 Prefix: flags announce, 198.18.30.0/27 max 27 AS64500
      out.insert(out.end(), {version, 4, 0, 0});
      put32(out, 20);
      out.insert(out.end(), {1, 27, 27, 0, 198, 18, 30, 0});
      put32(out, 64500);
      // IPv6 Prefix: 2001:db8:30::/120 max 124 AS64500
      out.insert(out.end(), {version, 6, 0, 0});
      put32(out, 32);
      out.insert(out.end(),
                 {1, 120, 124, 0, 0x20, 0x01, 0x0d, 0xb8, 0, 0x30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
      put32(out, 64500);
      // End of Data, serial 7 (version 0 has no timing fields)
      out.insert(out.end(), {version, 7});
      put16(out, session);
      put32(out, version == 0 ? 12 : 24);
      put32(out, 7);
      if (version != 0) {
        put32(out, 3600);
        put32(out, 600);
        put32(out, 7200);
      }
    }
    if (!out.empty()) send(connection, out.data(), out.size(), MSG_NOSIGNAL);
    if (mode_ == CacheMode::kProtocol) {
      std::uint8_t more[64];
      recv(connection, more, sizeof more, 0);  // keep the session until the client closes
    }
  }

  CacheMode mode_;
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST(RtrEndpoint, Parses) {
  auto v4 = parse_rtr_endpoint("198.18.30.250:8282");
  ASSERT_TRUE(v4.ok());
  EXPECT_EQ(v4->host, "198.18.30.250");
  EXPECT_EQ(v4->port, "8282");
  auto v6 = parse_rtr_endpoint("[2001:db8:30::250]:323");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "2001:db8:30::250");
  EXPECT_TRUE(parse_rtr_endpoint("rtr.example:323").ok());
  for (const char* bad : {"198.18.30.250", "2001:db8::1:323", ":323", "host:0", "host:70000",
                          "host:x", "[2001:db8::1]", "[2001:db8::1]x"}) {
    EXPECT_FALSE(parse_rtr_endpoint(bad).ok()) << bad;
  }
}

TEST(RtrClient, FetchesTheCachesVrps) {
  FakeRtrCache cache(CacheMode::kProtocol);
  VrpSet vrps;
  auto stats =
      fetch_rtr_vrps(*parse_rtr_endpoint(cache.endpoint()), std::chrono::seconds(10), vrps);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(stats->vrps, 2u);
  EXPECT_EQ(stats->session_id, 4242u);
  EXPECT_EQ(stats->serial, 7u);
  EXPECT_EQ(vrps.validity(*IpPrefix::parse("198.18.30.0/27"), 64500), RouteValidity::kValid);
  EXPECT_EQ(vrps.validity(*IpPrefix::parse("198.18.30.0/27"), 64666), RouteValidity::kInvalid);
  EXPECT_EQ(vrps.validity(*IpPrefix::parse("2001:db8:30::/124"), 64500), RouteValidity::kValid);
  EXPECT_EQ(vrps.validity(*IpPrefix::parse("2001:db8:30::/125"), 64500), RouteValidity::kInvalid);
}

// `fragments`: what the error must say (never empty: every failure test says what it expects).
void expect_failure(const std::string& endpoint, std::vector<std::string> fragments) {
  ASSERT_FALSE(fragments.empty());
  VrpSet vrps;
  const auto started = std::chrono::steady_clock::now();
  auto stats = fetch_rtr_vrps(*parse_rtr_endpoint(endpoint), std::chrono::seconds(5), vrps);
  ASSERT_FALSE(stats.ok());
  const auto& message = stats.error().message;
  EXPECT_EQ(message.rfind("RTR " + endpoint + ": ", 0), 0u) << message;
  for (const auto& fragment : fragments) {
    ASSERT_FALSE(fragment.empty());
    EXPECT_NE(message.find(fragment), std::string::npos) << fragment << " not in " << message;
  }
  EXPECT_NE(message.find("state"), std::string::npos) << message;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(8));
  EXPECT_EQ(vrps.size(), 0u);
}

// RTRlib reaches the synchronising state, reads the nonsense (a PDU "too big") and gives up: a
// fatal session error, not a timeout.
TEST(RtrClient, GarbageFromTheCacheIsAnErrorWithTheSessionState) {
  FakeRtrCache cache(CacheMode::kGarbage);
  expect_failure(cache.endpoint(), {"the session failed in state RTR_",
                                    "(states: RTR_RESET → RTR_SYNC → RTR_ERROR_FATAL"});
}

// The cache closes after the Reset Query without a Cache Response: fatal in the synchronising
// state.
TEST(RtrClient, ACacheThatHangsUpIsAnError) {
  FakeRtrCache cache(CacheMode::kHangUp);
  expect_failure(cache.endpoint(), {"the session failed in state RTR_",
                                    "(states: RTR_RESET → RTR_SYNC → RTR_ERROR_FATAL"});
}

// The port stays bound (without listen) for the whole test, so that no other process can take
// it: a connection to it is refused, and nothing else can answer in between.
TEST(RtrClient, NothingListeningIsAnError) {
  const int held = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(held, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(held, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t size = sizeof address;
  ASSERT_EQ(getsockname(held, reinterpret_cast<sockaddr*>(&address), &size), 0);
  const auto port = ntohs(address.sin_port);
  ASSERT_NE(port, 0);
  // The transport fails at once: no Reset Query is ever sent.
  expect_failure("127.0.0.1:" + std::to_string(port),
                 {"the session failed in state RTR_", "(states: RTR_ERROR_TRANSPORT"});
  close(held);
}

}  // namespace
}  // namespace baseline::routing
