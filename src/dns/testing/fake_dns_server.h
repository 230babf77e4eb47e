// SPDX-License-Identifier: Apache-2.0
// A misbehaving-on-demand DNS server on loopback for tests of everything that talks to name
// servers: it answers authoritatively, refuses, stays silent, sends garbage, truncates, or lies
// about the ID — over UDP and TCP on the same port.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace baseline::dns::testing {

enum class ServerMode {
  kAnswer,              // authoritative SOA for any question name
  kRefuse,              // REFUSED
  kSilent,              // reads and never answers
  kGarbage,             // random bytes
  kWrongId,             // a well-formed answer with another ID
  kTruncateThenAnswer,  // TC=1 over UDP, the answer over TCP
  kTruncateThenClose,   // TC=1 over UDP; TCP announces 512 bytes, sends 10 and closes
  kNotAuthoritative,    // answer without the AA bit
};

class FakeDnsServer {
 public:
  FakeDnsServer(boost::asio::io_context& io, ServerMode mode,
                const std::string& address = "127.0.0.1", std::uint16_t port = 0);
  ~FakeDnsServer();
  std::uint16_t port() const { return port_; }
  int queries() const { return queries_; }

 private:
  std::vector<std::uint8_t> respond(const std::vector<std::uint8_t>& query, bool over_tcp) const;
  boost::asio::ip::udp::socket udp_;
  boost::asio::ip::tcp::acceptor tcp_;
  ServerMode mode_;
  std::uint16_t port_ = 0;
  int queries_ = 0;
};

// One name server's two addresses: 127.0.0.1 and ::1 on one port.
struct DualStackDnsServers {
  std::unique_ptr<FakeDnsServer> v4;
  std::unique_ptr<FakeDnsServer> v6;
};
// Tries ports until both addresses are free for UDP and TCP (tests run side by side).
DualStackDnsServers dual_stack_dns_servers(boost::asio::io_context& io, ServerMode mode);

// A response to `query` (its ID and question echoed) with the flags and one SOA answer.
std::vector<std::uint8_t> make_response(const std::vector<std::uint8_t>& query, std::uint16_t rcode,
                                        bool authoritative, bool truncated, bool with_soa);

}  // namespace baseline::dns::testing
