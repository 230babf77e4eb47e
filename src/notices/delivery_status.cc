// SPDX-License-Identifier: Apache-2.0
#include "notices/delivery_status.h"

#include <cctype>
#include <optional>
#include <utility>
#include <vector>

#include "notices/address.h"
#include "notices/bounce_address.h"

namespace baseline::notices {
namespace {

constexpr std::size_t kMaxFields = 500;       // per header block
constexpr std::size_t kMaxFieldBytes = 8192;  // one unfolded field value
constexpr std::size_t kMaxParts = 16;
constexpr std::size_t kMaxBoundary = 70;  // RFC 2046 5.1.1
constexpr std::size_t kMaxRecipientGroups = 100;
constexpr std::size_t kMaxDiagnostic = 300;
constexpr std::size_t kMaxMessageId = 250;

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The next line without its CRLF or LF; `text` advances past it.
std::string_view next_line(std::string_view& text) {
  const auto lf = text.find('\n');
  auto line = text.substr(0, lf);
  text = lf == std::string_view::npos ? std::string_view() : text.substr(lf + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// Header block and body, split at the first empty line.
std::pair<std::string_view, std::string_view> split_entity(std::string_view entity) {
  std::string_view rest = entity;
  while (!rest.empty()) {
    const auto start = rest;
    if (next_line(rest).empty()) {
      return {entity.substr(0, entity.size() - start.size()), rest};
    }
  }
  return {entity, {}};
}

using Fields = std::vector<std::pair<std::string, std::string>>;  // lower-case name, value

// Fields of a header block (RFC 5322 2.2, unfolded), bounded in count and length.
Fields parse_fields(std::string_view block) {
  Fields out;
  while (!block.empty()) {
    const auto line = next_line(block);
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') {
      if (!out.empty() && out.back().second.size() < kMaxFieldBytes) {
        out.back().second += ' ';
        out.back().second += trim(line);
        if (out.back().second.size() > kMaxFieldBytes) out.back().second.resize(kMaxFieldBytes);
      }
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 76) continue;
    if (out.size() >= kMaxFields) break;
    out.emplace_back(lower(trim(line.substr(0, colon))),
                     std::string(trim(line.substr(colon + 1)).substr(0, kMaxFieldBytes)));
  }
  return out;
}

const std::string* field(const Fields& fields, std::string_view name) {
  for (const auto& [n, v] : fields) {
    if (n == name) return &v;
  }
  return nullptr;
}

struct ContentType {
  std::string type;  // "multipart/report"
  std::string boundary;
  std::string report_type;
};

// type/subtype; name=value; name="quoted value" (no comments, no RFC 2231 continuations).
ContentType content_type(const Fields& fields) {
  ContentType out;
  const auto* value = field(fields, "content-type");
  if (!value) {
    out.type = "text/plain";
    return out;
  }
  std::string_view rest(*value);
  const auto semicolon = rest.find(';');
  out.type = lower(trim(rest.substr(0, semicolon)));
  rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
  while (!rest.empty()) {
    const auto eq = rest.find('=');
    if (eq == std::string_view::npos) break;
    const auto name = lower(trim(rest.substr(0, eq)));
    rest = trim(rest.substr(eq + 1));
    std::string parameter;
    if (!rest.empty() && rest.front() == '"') {
      std::size_t i = 1;
      for (; i < rest.size() && rest[i] != '"'; ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size()) ++i;
        parameter += rest[i];
      }
      rest = i < rest.size() ? rest.substr(i + 1) : std::string_view();
      const auto next = rest.find(';');
      rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
    } else {
      const auto next = rest.find(';');
      parameter = std::string(trim(rest.substr(0, next)));
      rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
    }
    if (name == "boundary") out.boundary = parameter;
    if (name == "report-type") out.report_type = lower(parameter);
  }
  return out;
}

// The body parts between "--boundary" lines (RFC 2046 5.1.1), at most kMaxParts.
std::vector<std::string_view> body_parts(std::string_view body, const std::string& boundary) {
  std::vector<std::string_view> parts;
  const std::string delimiter = "--" + boundary;
  std::optional<std::size_t> start;
  std::string_view rest = body;
  while (!rest.empty()) {
    const auto line_start = body.size() - rest.size();
    const auto line = next_line(rest);
    if (!line.starts_with(delimiter)) continue;
    const auto after = trim(line.substr(delimiter.size()));
    if (!after.empty() && after != "--") continue;
    if (start) parts.push_back(body.substr(*start, line_start - *start));
    if (after == "--" || parts.size() >= kMaxParts) break;
    start = body.size() - rest.size();
  }
  return parts;
}

// "rfc822; user@example.org" -> "user@example.org"; "smtp; 550 5.1.1 …" -> "550 5.1.1 …".
std::string after_type(const std::string& value) {
  const auto semicolon = value.find(';');
  return std::string(
      trim(semicolon == std::string::npos ? value : std::string_view(value).substr(semicolon + 1)));
}

// "<id@host>" -> "id@host", when it is printable ASCII without spaces.
std::string message_id(const std::string& value) {
  const auto open = value.find('<');
  const auto close = value.find('>', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos) return "";
  auto id = value.substr(open + 1, close - open - 1);
  if (id.empty() || id.size() > kMaxMessageId) return "";
  for (char c : id) {
    if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>') return "";
  }
  return id;
}

// An RFC 3463 status code ("5.1.1"), or "" for anything else.
std::string status_code(std::string_view value) {
  value = trim(value.substr(0, value.find_first_of(" (")));
  if (value.size() < 5 || value.size() > 11) return "";
  int dots = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '.') {
      if (i == 0 || value[i - 1] == '.') return "";
      ++dots;
    } else if (c < '0' || c > '9') {
      return "";
    }
  }
  if (dots != 2 || value.back() == '.' || (value[0] != '2' && value[0] != '4' && value[0] != '5'))
    return "";
  return std::string(value);
}

}  // namespace

core::Result<DeliveryFailure> parse_delivery_status(std::string_view message) {
  if (message.size() > kMaxNotificationBytes) {
    return core::make_error("larger than " + std::to_string(kMaxNotificationBytes) + " bytes");
  }
  const auto [head, body] = split_entity(message);
  const auto headers = parse_fields(head);
  const auto type = content_type(headers);
  if (type.type != "multipart/report" || type.report_type != "delivery-status") {
    return core::make_error("not a delivery status notification (RFC 3464)");
  }
  if (type.boundary.empty() || type.boundary.size() > kMaxBoundary) {
    return core::make_error("the report has no usable MIME boundary");
  }
  DeliveryFailure out;
  // The address the notification was sent to: the notice's bounce address, when it kept it.
  for (const auto* name : {"x-original-to", "delivered-to", "envelope-to", "to"}) {
    const auto* value = field(headers, name);
    if (!value) continue;
    if (auto tag = bounce_tag(*value)) {
      out.bounce_tag = tag->tag;
      out.bounce_domain = tag->domain;
      break;
    }
  }
  bool status_part = false, failed = false;
  for (const auto part : body_parts(body, type.boundary)) {
    const auto [part_head, part_body] = split_entity(part);
    const auto part_type = content_type(parse_fields(part_head)).type;
    if (part_type == "message/delivery-status" || part_type == "message/global-delivery-status") {
      status_part = true;
      // Groups of fields separated by empty lines: per message first, then per recipient.
      std::string_view rest = part_body;
      for (std::size_t group = 0; !rest.empty() && group <= kMaxRecipientGroups && !failed;
           ++group) {
        const auto [block, after] = split_entity(rest);
        rest = after;
        const auto fields = parse_fields(block);
        const auto* action = field(fields, "action");
        if (!action || lower(trim(*action)) != "failed") continue;
        failed = true;
        const auto* recipient = field(fields, "final-recipient");
        if (!recipient) recipient = field(fields, "original-recipient");
        if (recipient) out.recipient = printable(after_type(*recipient), 254);
        if (const auto* status = field(fields, "status")) out.status = status_code(*status);
        if (const auto* diagnostic = field(fields, "diagnostic-code"))
          out.diagnostic = printable(after_type(*diagnostic), kMaxDiagnostic);
      }
    } else if (part_type == "text/rfc822-headers" || part_type == "message/rfc822" ||
               part_type == "message/global-headers") {
      const auto returned = parse_fields(split_entity(part_body).first);
      if (const auto* id = field(returned, "message-id")) out.message_id = message_id(*id);
    }
  }
  if (!status_part) return core::make_error("the report has no message/delivery-status part");
  if (!failed) return core::make_error("no recipient failed (a delay or a success report)");
  if (out.bounce_tag.empty() && out.message_id.empty()) {
    return core::make_error("it names no notice (no bounce address, no returned Message-ID)");
  }
  return out;
}

}  // namespace baseline::notices
