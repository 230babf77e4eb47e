// SPDX-License-Identifier: Apache-2.0
// A notice as an Internet message (RFC 5322): multipart/alternative with a plain-text and an HTML
// part (UTF-8, quoted-printable), Date, Message-ID, List-Unsubscribe with the one-click
// List-Unsubscribe-Post (RFC 8058), Auto-Submitted (RFC 3834).
//
// Header injection is impossible by construction: a header value is written as it is only when
// it is printable ASCII without CR or LF; anything else becomes RFC 2047 encoded-words, and the
// addresses were checked (address.h) before they got here. Outside text in the bodies (check
// summaries, catalogue texts, the mandate) is cleaned of invalid UTF-8 and control characters,
// bounded, and HTML-escaped in the HTML part.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace baseline::notices {

struct NoticeContent {
  std::string language = "en";
  std::string domain;   // the tested domain (A-label form)
  std::string tested;   // YYYY-MM-DD of the test
  std::string mandate;  // who sends it and why, in the list owner's words
  std::string sender;   // checked address
  std::string sender_name;
  std::string reply_to;          // checked address, or empty
  std::string recipient;         // checked address; empty: "undisclosed-recipients:;" (for review)
  std::string why_this_address;  // one sentence: where the address came from
  std::string permalink;
  std::string optout_url;
  int period_days = 30;
  struct Finding {
    std::string standard_id;
    std::string name;
    std::string failure;  // catalogue: what failing means, in plain words
    std::string fix;      // catalogue: how to fix it
    bool regressed = false;
    std::vector<std::string> evidence;  // "check (target): summary" lines
  };
  std::vector<Finding> findings;
};

struct ComposedMessage {
  std::string message_id;  // without <>
  std::string data;        // the whole message, CRLF line ends
};

// The headers of any message Baseline writes (notices, digests). `from`, `to`: checked
// addresses (`to` empty: "undisclosed-recipients:;"); `subject`, `from_name`: outside text,
// encoded when not plain ASCII; `unsubscribe_url`: a List-Unsubscribe one-click link, or empty.
struct MailHeaders {
  std::string from;
  std::string from_name;
  std::string to;
  std::string reply_to;
  std::string subject;
  std::string language = "en";
  std::string unsubscribe_url;
  std::string kind = "notice";  // in the Message-ID: unique.KIND@sender-domain
};

// multipart/alternative of `text` and `html` (UTF-8, quoted-printable) under `headers`.
// Fails when an address, URL or `unique` is not safe to write.
core::Result<ComposedMessage> compose_alternative(const MailHeaders& headers,
                                                  const std::string& text, const std::string& html,
                                                  std::int64_t now_unix, const std::string& unique);

// `unique`: random hex for the Message-ID and the MIME boundary. Fails when an address or URL
// is not safe to write (it should have been checked before).
core::Result<ComposedMessage> compose(const NoticeContent& content, std::int64_t now_unix,
                                      const std::string& unique);

// Pieces, public for tests and the fuzz target.
std::string header_line(std::string_view name, std::string_view value);  // folded, CRLF-ended
std::string rfc5322_date(std::int64_t unix_seconds);
std::string quoted_printable(std::string_view utf8_text);  // "\n" line ends become CRLF
// Invalid UTF-8 and control characters (but \n) become U+FFFD; at most `limit` bytes.
std::string clean_text(std::string_view text, std::size_t limit);
// Standard base64 (RFC 4648 section 4, with padding), for encoded words and AUTH PLAIN.
std::string base64(std::string_view bytes);
std::string random_hex(std::size_t bytes);
// An http(s) URL safe to put in a header and a link: printable ASCII, no spaces or quotes.
bool safe_url(std::string_view url);

}  // namespace baseline::notices
