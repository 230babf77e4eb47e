// SPDX-License-Identifier: Apache-2.0
#include "dns/testing/fake_dns_server.h"

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <memory>

#include "dns/message.h"
#include "dns/testing/records.h"
#include "dns/types.h"

namespace baseline::dns::testing {
namespace asio = boost::asio;
using asio::ip::tcp;
using asio::ip::udp;

namespace {
constexpr int kBindAttempts = 50;
}  // namespace

std::vector<std::uint8_t> make_response(const std::vector<std::uint8_t>& query, std::uint16_t rcode,
                                        bool authoritative, bool truncated, bool with_soa) {
  auto parsed = parse_message(query);
  if (!parsed.ok() || parsed->questions.empty()) return {};
  const auto& question = parsed->questions.front();
  std::vector<std::uint8_t> out(query.begin(), query.begin() + 12);
  out[2] = static_cast<std::uint8_t>(0x80 | (authoritative ? 0x04 : 0) | (truncated ? 0x02 : 0));
  out[3] = static_cast<std::uint8_t>(rcode & 0x0f);
  const bool answer = with_soa && rcode == rcode::kNoError && !truncated;
  out[4] = 0;
  out[5] = 1;  // QDCOUNT
  out[6] = 0;
  out[7] = answer ? 1 : 0;
  out[8] = out[9] = out[10] = out[11] = 0;
  auto name = encode_name(question.name);
  out.insert(out.end(), name->begin(), name->end());
  out.insert(out.end(), {static_cast<std::uint8_t>(question.type >> 8),
                         static_cast<std::uint8_t>(question.type & 0xff), 0, 1});
  if (answer) {
    auto record = soa(question.name);
    out.insert(out.end(), name->begin(), name->end());
    out.insert(out.end(),
               {0, 6, 0, 1, 0, 0, 1, 44, static_cast<std::uint8_t>(record.rdata.size() >> 8),
                static_cast<std::uint8_t>(record.rdata.size() & 0xff)});
    out.insert(out.end(), record.rdata.begin(), record.rdata.end());
  }
  return out;
}

std::vector<std::uint8_t> FakeDnsServer::respond(const std::vector<std::uint8_t>& query,
                                                 bool over_tcp) const {
  switch (mode_) {
    case ServerMode::kAnswer:
      return make_response(query, 0, true, false, true);
    case ServerMode::kRefuse:
      return make_response(query, rcode::kRefused, false, false, false);
    case ServerMode::kNotAuthoritative:
      return make_response(query, 0, false, false, true);
    case ServerMode::kWrongId: {
      auto r = make_response(query, 0, true, false, true);
      if (!r.empty()) r[0] ^= 0x5a;
      return r;
    }
    case ServerMode::kGarbage:
      return {0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02};
    case ServerMode::kTruncateThenAnswer:
    case ServerMode::kTruncateThenClose:
      return over_tcp ? make_response(query, 0, true, false, true)
                      : make_response(query, 0, true, true, false);
    case ServerMode::kSilent:
      return {};
  }
  return {};
}

FakeDnsServer::FakeDnsServer(asio::io_context& io, ServerMode mode, const std::string& address,
                             std::uint16_t port)
    : udp_(io), tcp_(io), mode_(mode) {
  const auto ip = asio::ip::make_address(address);
  // With port 0 the kernel picks a free UDP port, which a test running beside this one may hold
  // for TCP: then another port is tried.
  for (int attempt = 1;; ++attempt) {
    try {
      udp_.open(ip.is_v4() ? udp::v4() : udp::v6());
      udp_.bind(udp::endpoint(ip, port));
      port_ = udp_.local_endpoint().port();
      tcp_.open(ip.is_v4() ? tcp::v4() : tcp::v6());
      tcp_.set_option(tcp::acceptor::reuse_address(true));
      tcp_.bind(tcp::endpoint(ip, port_));
      tcp_.listen();
      break;
    } catch (const boost::system::system_error&) {
      boost::system::error_code ignored;
      udp_.close(ignored);
      tcp_.close(ignored);
      if (port != 0 || attempt == kBindAttempts) throw;
    }
  }

  asio::co_spawn(
      io,
      [this]() -> asio::awaitable<void> {
        std::array<std::uint8_t, 4096> buffer{};
        for (;;) {
          udp::endpoint peer;
          auto [ec, n] = co_await udp_.async_receive_from(asio::buffer(buffer), peer,
                                                          asio::as_tuple(asio::use_awaitable));
          if (ec) co_return;
          ++queries_;
          auto reply = respond({buffer.begin(), buffer.begin() + static_cast<long>(n)}, false);
          if (!reply.empty()) {
            co_await udp_.async_send_to(asio::buffer(reply), peer,
                                        asio::as_tuple(asio::use_awaitable));
          }
        }
      },
      asio::detached);

  asio::co_spawn(
      io,
      [this]() -> asio::awaitable<void> {
        for (;;) {
          auto [ec, socket] = co_await tcp_.async_accept(asio::as_tuple(asio::use_awaitable));
          if (ec) co_return;
          std::array<std::uint8_t, 2> prefix{};
          auto [e1, n1] = co_await asio::async_read(socket, asio::buffer(prefix),
                                                    asio::as_tuple(asio::use_awaitable));
          if (e1) continue;
          std::vector<std::uint8_t> query((prefix[0] << 8) | prefix[1]);
          auto [e2, n2] = co_await asio::async_read(socket, asio::buffer(query),
                                                    asio::as_tuple(asio::use_awaitable));
          if (e2) continue;
          ++queries_;
          if (mode_ == ServerMode::kTruncateThenClose) {
            std::vector<std::uint8_t> partial{0x02, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
            co_await asio::async_write(socket, asio::buffer(partial),
                                       asio::as_tuple(asio::use_awaitable));
            continue;  // the socket closes when it goes out of scope
          }
          auto reply = respond(query, true);
          if (reply.empty()) continue;
          std::vector<std::uint8_t> framed{static_cast<std::uint8_t>(reply.size() >> 8),
                                           static_cast<std::uint8_t>(reply.size() & 0xff)};
          framed.insert(framed.end(), reply.begin(), reply.end());
          co_await asio::async_write(socket, asio::buffer(framed),
                                     asio::as_tuple(asio::use_awaitable));
        }
      },
      asio::detached);
}

DualStackDnsServers dual_stack_dns_servers(boost::asio::io_context& io, ServerMode mode) {
  for (int attempt = 1;; ++attempt) {
    auto v4 = std::make_unique<FakeDnsServer>(io, mode, "127.0.0.1");
    try {
      auto v6 = std::make_unique<FakeDnsServer>(io, mode, "::1", v4->port());
      return {std::move(v4), std::move(v6)};
    } catch (const boost::system::system_error&) {
      // The port is free on 127.0.0.1 but taken on ::1 by a test running beside this one.
      if (attempt == kBindAttempts) throw;
    }
  }
}

FakeDnsServer::~FakeDnsServer() {
  boost::system::error_code ignored;
  udp_.close(ignored);
  tcp_.close(ignored);
}

}  // namespace baseline::dns::testing
