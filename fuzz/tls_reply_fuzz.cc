// SPDX-License-Identifier: Apache-2.0
// Fuzzes the ServerHello / HelloRetryRequest / ServerKeyExchange record parser with arbitrary
// bytes fed in arbitrary chunks. Beyond not crashing: a finished parse names a kind, and the
// parser never reports more bytes seen than it was given.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "tls/wire.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  baseline::tls::ReplyParser parser((data[0] & 1) != 0);
  const std::size_t chunk = 1 + data[1] % 64;
  std::size_t fed = 0;
  auto state = baseline::tls::ReplyParser::State::kNeedMore;
  for (std::size_t at = 2; at < size; at += chunk) {
    const std::size_t n = std::min(chunk, size - at);
    state = parser.feed(std::span<const std::uint8_t>(data + at, n));
    fed += n;
    if (state != baseline::tls::ReplyParser::State::kNeedMore) break;
  }
  if (parser.bytes_seen() > fed) std::abort();
  if (state == baseline::tls::ReplyParser::State::kInvalid && parser.error().empty()) std::abort();
  return 0;
}
