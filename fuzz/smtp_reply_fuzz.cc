// SPDX-License-Identifier: Apache-2.0
// Fuzzes the SMTP reply reader with bytes as a server might send them, cut into chunks at
// places the input chooses: every reply it yields is well-formed, and what it buffers stays
// within the line bound.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "mail/smtp/reply.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using baseline::mail::smtp::ReplyReader;
  if (size < 1) return 0;
  const std::size_t chunk = 1 + data[0] % 64;  // the first byte picks the read size
  std::span<const std::uint8_t> rest(data + 1, size - 1);
  ReplyReader reader;
  while (!rest.empty()) {
    const auto piece = rest.first(std::min(chunk, rest.size()));
    rest = rest.subspan(piece.size());
    auto state = reader.feed(piece);
    while (state == ReplyReader::State::kDone) {
      auto reply = reader.take();
      if (reply.code < 200 || reply.code > 599 || reply.lines.empty() ||
          reply.lines.size() > baseline::mail::smtp::kMaxReplyLines) {
        std::abort();
      }
      state = reader.feed({});
    }
    if (state == ReplyReader::State::kInvalid) return 0;
    if (reader.buffered() > baseline::mail::smtp::kMaxReplyLineLength + 64) std::abort();
  }
  return 0;
}
