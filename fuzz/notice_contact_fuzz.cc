// SPDX-License-Identifier: Apache-2.0
// Fuzzes what notices take from outside: security.txt Contact values (parse_contact) and every
// outside string of a notice (compose). Beyond not crashing: an accepted mailto: address is a
// checked address without control characters, and a composed message has only Baseline's own
// header fields, CRLF line ends, no line over 998 octets, whatever the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "notices/address.h"
#include "notices/message.h"

namespace {

void check_message(const std::string& data) {
  static const std::set<std::string> kHeaders{"From",
                                              "To",
                                              "Reply-To",
                                              "Subject",
                                              "Date",
                                              "Message-ID",
                                              "MIME-Version",
                                              "Content-Language",
                                              "Auto-Submitted",
                                              "List-Unsubscribe",
                                              "List-Unsubscribe-Post",
                                              "Content-Type"};
  const auto end_of_head = data.find("\r\n\r\n");
  if (end_of_head == std::string::npos) std::abort();
  std::size_t at = 0;
  while (at < data.size()) {
    const auto end = data.find("\r\n", at);
    if (end == std::string::npos) std::abort();  // every line ends in CRLF
    const std::string_view line(data.data() + at, end - at);
    if (line.size() > 998) std::abort();
    for (char c : line) {
      if (c == '\r' || c == '\n') std::abort();  // no bare CR or LF
    }
    if (at < end_of_head && !line.empty() && line[0] != ' ') {
      const auto colon = line.find(':');
      if (colon == std::string_view::npos || !kHeaders.count(std::string(line.substr(0, colon)))) {
        std::abort();  // a header field that Baseline did not write
      }
    }
    at = end + 2;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto contact = baseline::notices::parse_contact(input);
  if (contact && contact->kind == baseline::notices::Contact::Kind::kMailto) {
    auto again = baseline::notices::check_address(contact->value);
    if (!again || *again != contact->value) std::abort();
    for (char c : contact->value) {
      if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e)
        std::abort();
    }
  }
  // The same bytes, split in four, as the outside strings of a notice.
  baseline::notices::NoticeContent c;
  const auto quarter = size / 4;
  c.domain = std::string(input.substr(0, quarter));
  c.sender_name = std::string(input.substr(quarter, quarter));
  c.mandate = std::string(input.substr(2 * quarter, quarter));
  c.findings.push_back({"x",
                        std::string(input.substr(3 * quarter)),
                        "fix {domain}",
                        "fail",
                        false,
                        {std::string(input)}});
  c.sender = "notices@cert.example";
  c.recipient = contact && contact->kind == baseline::notices::Contact::Kind::kMailto
                    ? contact->value
                    : "security@a.example";
  c.permalink = "https://baseline.example/scan/1/a.example";
  c.optout_url = "https://baseline.example/notices/optout/00";
  c.tested = std::string(input.substr(0, std::min<std::size_t>(size, 40)));
  auto message = baseline::notices::compose(c, 1795000000, "0a1b");
  if (!message) std::abort();  // every outside string is encoded or cleaned, never refused
  check_message(message->data);
  return 0;
}
