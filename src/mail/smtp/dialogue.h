// SPDX-License-Identifier: Apache-2.0
// The SMTP client side of STARTTLS (RFC 5321, RFC 3207) over an already connected socket: wait
// for the banner, EHLO, and, when asked and offered, STARTTLS, so that the socket is left ready
// for the TLS ClientHello. Every read is bounded (ReplyReader) and the whole dialogue has one
// deadline. Not thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "mail/smtp/reply.h"

namespace baseline::mail::smtp {

struct Dialogue {
  enum class End {
    kReadyForTls,  // STARTTLS answered 220: the next bytes on the socket are TLS
    kNoStartTls,   // EHLO answered, STARTTLS not among the extensions (or EHLO not understood)
    kOffered,      // STARTTLS offered, not taken (upgrade == false); QUIT was sent
    kRefused,      // the server answered 4xx/5xx where we needed 2xx/3xx: `refusal` says what
    kBroken,       // no answer in time, garbage, the connection closed: `error` says which
  };
  End end = End::kBroken;
  std::optional<Reply> banner;
  std::optional<Reply> ehlo;
  std::optional<Reply> starttls;
  std::optional<Reply> refusal;  // the reply that refused us (for kRefused)
  std::string error;             // for kBroken
  bool timed_out = false;        // kBroken because the server did not finish a reply in time
  bool starttls_offered = false;
  // Bytes the server sent after its 220 to STARTTLS and before our ClientHello: a server that
  // does this may be open to command injection (CVE-2011-0411 family).
  std::size_t bytes_before_tls = 0;

  // One line for summaries: "refused: 421 …", "no banner within 10000 ms", …
  std::string describe() const;
  // A refusal the server may lift later (RFC 5321 4xx): worth a retry after a pause.
  bool transient_refusal() const { return end == End::kRefused && refusal && refusal->transient(); }
};

// `ehlo_name` is what we call ourselves; `upgrade` sends STARTTLS when offered.
boost::asio::awaitable<Dialogue> run_dialogue(boost::asio::ip::tcp::socket& socket,
                                              std::string ehlo_name, bool upgrade,
                                              std::chrono::milliseconds limit);

}  // namespace baseline::mail::smtp
