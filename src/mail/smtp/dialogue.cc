// SPDX-License-Identifier: Apache-2.0
#include "mail/smtp/dialogue.h"

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "i18n/finding.h"
#include "net/async.h"

namespace baseline::mail::smtp {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

struct ReadOutcome {
  std::optional<Reply> reply;
  std::string error;
};

// Reads until the reader holds one complete reply. Reads stop at the reply's end only as far as
// the bytes allow; what came after stays in the reader.
asio::awaitable<ReadOutcome> read_reply(tcp::socket& socket, ReplyReader& reader,
                                        std::string_view waiting_for) {
  ReadOutcome out;
  auto state = reader.feed({});
  std::array<std::uint8_t, 4096> buffer;  // filled by the reads: no clearing
  while (state == ReplyReader::State::kNeedMore) {
    auto [ec, n] = co_await socket.async_read_some(asio::buffer(buffer), kUseTuple);
    if (n > 0) state = reader.feed(std::span<const std::uint8_t>(buffer.data(), n));
    if (state != ReplyReader::State::kNeedMore) break;
    if (ec) {
      out.error =
          ec == asio::error::eof
              ? i18n::finding("the server closed the connection while we waited for {what}",
                              fmt::arg("what", waiting_for))
              : i18n::finding(
                    "the server closed the connection while we waited for {what} ({reason})",
                    fmt::arg("what", waiting_for), fmt::arg("reason", ec.message()));
      co_return out;
    }
  }
  if (state == ReplyReader::State::kInvalid) {
    out.error = i18n::finding("garbage instead of {what}: {reason}", fmt::arg("what", waiting_for),
                              fmt::arg("reason", reader.error()));
    co_return out;
  }
  out.reply = reader.take();
  co_return out;
}

asio::awaitable<bool> send_line(tcp::socket& socket, std::string line) {
  line += "\r\n";
  auto [ec, n] = co_await asio::async_write(socket, asio::buffer(line), kUseTuple);
  co_return !ec;
}

// EHLO replies the server gives when it does not know EHLO at all (RFC 5321 §4.1.4): no ESMTP,
// so no STARTTLS; anything else in 4xx/5xx is a refusal of us.
bool ehlo_not_understood(int code) {
  return code == 500 || code == 502 || code == 504;
}

// Fills `d` as the dialogue goes, so that a timeout still tells how far it came (`stage`).
asio::awaitable<int> converse(tcp::socket& socket, std::string ehlo_name, bool upgrade, Dialogue& d,
                              std::string& stage) {
  ReplyReader reader;
  stage = i18n::finding("the banner");
  auto banner = co_await read_reply(socket, reader, stage);
  if (!banner.reply) {
    d.error = banner.error;
    co_return 0;
  }
  d.banner = banner.reply;
  if (d.banner->code != 220) {
    d.end = Dialogue::End::kRefused;
    d.refusal = d.banner;
    co_return 0;
  }
  stage = i18n::finding("the EHLO reply");
  std::string ehlo_command = "EHLO " + ehlo_name;
  const bool ehlo_sent = co_await send_line(socket, ehlo_command);
  if (!ehlo_sent) {
    d.error = i18n::finding("the connection broke while sending EHLO");
    co_return 0;
  }
  auto ehlo = co_await read_reply(socket, reader, stage);
  if (!ehlo.reply) {
    d.error = ehlo.error;
    co_return 0;
  }
  d.ehlo = ehlo.reply;
  if (!d.ehlo->positive()) {
    if (ehlo_not_understood(d.ehlo->code)) {
      d.end = Dialogue::End::kNoStartTls;
    } else {
      d.end = Dialogue::End::kRefused;
      d.refusal = d.ehlo;
    }
    co_return 0;
  }
  d.starttls_offered = d.ehlo->has_extension("STARTTLS");
  if (!d.starttls_offered || !upgrade) {
    d.end = d.starttls_offered ? Dialogue::End::kOffered : Dialogue::End::kNoStartTls;
    std::string quit = "QUIT";
    co_await send_line(socket, quit);  // polite; the answer does not matter
    co_return 0;
  }
  stage = i18n::finding("the STARTTLS reply");
  std::string starttls_command = "STARTTLS";
  const bool starttls_sent = co_await send_line(socket, starttls_command);
  if (!starttls_sent) {
    d.error = i18n::finding("the connection broke while sending STARTTLS");
    co_return 0;
  }
  auto starttls = co_await read_reply(socket, reader, stage);
  if (!starttls.reply) {
    d.error = starttls.error;
    co_return 0;
  }
  d.starttls = starttls.reply;
  if (d.starttls->code != 220) {
    d.end = Dialogue::End::kRefused;
    d.refusal = d.starttls;
    co_return 0;
  }
  d.bytes_before_tls = reader.buffered();
  d.end = Dialogue::End::kReadyForTls;
  co_return 0;
}

}  // namespace

std::string Dialogue::describe() const {
  switch (end) {
    case End::kReadyForTls:
      return i18n::finding("STARTTLS accepted");
    case End::kNoStartTls:
      return ehlo && !ehlo->positive()
                 ? i18n::finding("EHLO not understood ({reply})", fmt::arg("reply", ehlo->text()))
                 : i18n::finding("STARTTLS not offered after EHLO");
    case End::kOffered:
      return i18n::finding("STARTTLS offered");
    case End::kRefused:
      return i18n::finding("the server refused us: {reply}",
                           fmt::arg("reply", refusal ? refusal->text() : std::string("?")));
    case End::kBroken:
      return error;
  }
  return error;
}

asio::awaitable<Dialogue> run_dialogue(tcp::socket& socket, std::string ehlo_name, bool upgrade,
                                       std::chrono::milliseconds limit) {
  Dialogue d;
  std::string stage;
  auto finished =
      co_await net::with_timeout(converse(socket, std::move(ehlo_name), upgrade, d, stage), limit);
  if (!finished) {
    d = Dialogue{.banner = d.banner, .ehlo = d.ehlo};
    d.timed_out = true;
    // One whole sentence per stage, so that each translates as a whole.
    // fmt::arg keeps a reference: the count must outlive it.
    const auto limit_ms = limit.count();
    const auto ms = fmt::arg("ms", limit_ms);
    d.error = stage == "the banner" ? i18n::finding("no complete banner within {ms} ms", ms)
              : stage == "the EHLO reply"
                  ? i18n::finding("no complete EHLO reply within {ms} ms", ms)
                  : i18n::finding("no complete STARTTLS reply within {ms} ms", ms);
  }
  co_return d;
}

}  // namespace baseline::mail::smtp
