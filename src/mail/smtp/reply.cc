// SPDX-License-Identifier: Apache-2.0
#include "mail/smtp/reply.h"

#include <algorithm>
#include <cctype>

#include "core/parse_number.h"
#include "i18n/finding.h"

namespace baseline::mail::smtp {

std::string Reply::text() const {
  std::string out = std::to_string(code);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += (i == 0 ? " " : " / ") + lines[i];
  }
  return out;
}

bool Reply::has_extension(std::string_view keyword) const {
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto& line = lines[i];
    const std::size_t end = std::min(line.find(' '), line.size());
    if (end != keyword.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < end; ++k) {
      if (std::toupper(static_cast<unsigned char>(line[k])) !=
          std::toupper(static_cast<unsigned char>(keyword[k]))) {
        same = false;
        break;
      }
    }
    if (same) return true;
  }
  return false;
}

ReplyReader::State ReplyReader::fail(std::string why) {
  invalid_ = true;
  error_ = std::move(why);
  return State::kInvalid;
}

ReplyReader::State ReplyReader::feed(std::span<const std::uint8_t> bytes) {
  if (invalid_) return State::kInvalid;
  if (done_) return State::kDone;
  buffer_.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return parse_buffer();
}

ReplyReader::State ReplyReader::parse_buffer() {
  for (;;) {
    const std::size_t newline = buffer_.find('\n');
    if (newline == std::string::npos) {
      if (buffer_.size() > kMaxReplyLineLength) {
        return fail(i18n::finding("a reply line longer than {count} bytes",
                                  fmt::arg("count", kMaxReplyLineLength)));
      }
      return State::kNeedMore;
    }
    if (newline > kMaxReplyLineLength) {
      return fail(i18n::finding("a reply line longer than {count} bytes",
                                fmt::arg("count", kMaxReplyLineLength)));
    }
    // CRLF is the rule; a bare LF is accepted because some servers send it.
    std::string line = buffer_.substr(0, newline);
    buffer_.erase(0, newline + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() < 3 || !std::isdigit(static_cast<unsigned char>(line[0])) ||
        !std::isdigit(static_cast<unsigned char>(line[1])) ||
        !std::isdigit(static_cast<unsigned char>(line[2]))) {
      std::string shown = line.substr(0, 40);
      for (auto& c : shown) {
        if (!std::isprint(static_cast<unsigned char>(c))) c = '?';
      }
      return fail(i18n::finding("not an SMTP reply: \"{text}\"", fmt::arg("text", shown)));
    }
    const int code = core::parse_decimal<int>(std::string_view(line).substr(0, 3)).value_or(0);
    if (code < 200 || code > 599)
      return fail(
          i18n::finding("reply code {code} out of range", fmt::arg("code", line.substr(0, 3))));
    const char separator = line.size() > 3 ? line[3] : ' ';
    if (separator != ' ' && separator != '-') {
      return fail(i18n::finding("reply line without ' ' or '-' after the code"));
    }
    if (current_.lines.empty()) {
      current_.code = code;
    } else if (code != current_.code) {
      return fail(i18n::finding("a multi-line reply changes its code from {from} to {to}",
                                fmt::arg("from", current_.code), fmt::arg("to", code)));
    }
    if (current_.lines.size() >= kMaxReplyLines) {
      return fail(
          i18n::finding("a reply of more than {count} lines", fmt::arg("count", kMaxReplyLines)));
    }
    current_.lines.push_back(line.size() > 4 ? line.substr(4) : std::string());
    if (separator == ' ') {
      done_ = std::move(current_);
      current_ = Reply{};
      return State::kDone;
    }
  }
}

Reply ReplyReader::take() {
  Reply out = done_ ? std::move(*done_) : Reply{};
  done_.reset();
  return out;
}

}  // namespace baseline::mail::smtp
