// SPDX-License-Identifier: Apache-2.0
// SMTP replies (RFC 5321 §4.2): a three-digit code and one or more text lines, "250-…" for every
// line but the last, "250 …" for the last. ReplyReader takes bytes as they arrive and yields one
// complete reply at a time, with hard bounds so that a server that sends endless continuation
// lines or one endless line costs bounded memory and ends in an error, not a hang.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace baseline::mail::smtp {

struct Reply {
  int code = 0;
  std::vector<std::string> lines;  // the text after "NNN-" / "NNN ", without the line end

  bool positive() const { return code >= 200 && code < 400; }
  bool transient() const { return code >= 400 && code < 500; }
  bool permanent() const { return code >= 500; }
  // The reply as the server sent it, lines joined by " / " (for summaries).
  std::string text() const;
  // EHLO keyword lines: whether one of them (after the first, the greeting) names `keyword`.
  bool has_extension(std::string_view keyword) const;
};

inline constexpr std::size_t kMaxReplyLineLength = 2048;  // RFC 5321 asks for 512; be lenient
inline constexpr std::size_t kMaxReplyLines = 100;

class ReplyReader {
 public:
  enum class State { kNeedMore, kDone, kInvalid };

  // Consumes bytes up to the end of the first complete reply; the rest stays buffered for the
  // next reply. After kDone, take() the reply and call feed({}) to parse what was buffered.
  State feed(std::span<const std::uint8_t> bytes);
  Reply take();
  const std::string& error() const { return error_; }
  std::size_t buffered() const { return buffer_.size(); }  // bytes after the last reply

 private:
  State parse_buffer();
  State fail(std::string why);

  std::string buffer_;
  Reply current_;
  std::optional<Reply> done_;
  std::string error_;
  bool invalid_ = false;
};

}  // namespace baseline::mail::smtp
