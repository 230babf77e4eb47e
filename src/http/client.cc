// SPDX-License-Identifier: Apache-2.0
#include "http/client.h"

#include "http/headers.h"
#include "http/session.h"

namespace baseline::http {
namespace asio = boost::asio;

std::optional<std::string> Response::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return std::nullopt;
}

std::vector<std::string> Response::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [n, v] : headers) {
    if (n == name) out.push_back(v);
  }
  return out;
}

asio::awaitable<core::Result<Response>> fetch(Request request) {
  Session once(Session::Reuse::kOneRequest);
  co_return co_await once.fetch(std::move(request));
}

std::string Url::text() const {
  const bool default_port = (scheme == "https" && port == 443) || (scheme == "http" && port == 80);
  return scheme + "://" + host + (default_port ? "" : ":" + std::to_string(port)) + target;
}

std::optional<Url> parse_url(std::string_view text) {
  Url url;
  const auto sep = text.find("://");
  if (sep == std::string_view::npos) return std::nullopt;
  url.scheme = lower(text.substr(0, sep));
  if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
  text.remove_prefix(sep + 3);
  const auto path = text.find_first_of("/?#");
  std::string_view authority = text.substr(0, path);
  url.target = path == std::string_view::npos ? "/" : std::string(text.substr(path));
  if (!url.target.empty() && url.target[0] != '/') url.target = "/" + url.target;
  if (const auto at = authority.rfind('@'); at != std::string_view::npos)
    authority.remove_prefix(at + 1);
  url.port = url.scheme == "https" ? 443 : 80;
  std::string_view host = authority;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(0, close + 1);
    authority.remove_prefix(close + 1);
    if (!authority.empty() && authority.front() == ':')
      authority.remove_prefix(1);
    else
      authority = {};
  } else if (const auto colon = authority.find(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    authority.remove_prefix(colon + 1);
  } else {
    authority = {};
  }
  if (!authority.empty()) {
    unsigned port = 0;
    for (char c : authority) {
      if (c < '0' || c > '9' || port > 65535) return std::nullopt;
      port = port * 10 + static_cast<unsigned>(c - '0');
    }
    if (port == 0 || port > 65535) return std::nullopt;
    url.port = static_cast<std::uint16_t>(port);
  }
  url.host = lower(host);
  while (!url.host.empty() && url.host.back() == '.') url.host.pop_back();
  if (url.host.empty()) return std::nullopt;
  return url;
}

std::optional<Url> resolve_location(const Url& base, std::string_view location) {
  location = trim(location);
  if (location.empty()) return std::nullopt;
  if (location.find("://") != std::string_view::npos) return parse_url(location);
  if (location.rfind("//", 0) == 0) return parse_url(base.scheme + ":" + std::string(location));
  Url url = base;
  if (location.front() == '/') {
    url.target = std::string(location);
  } else {
    const auto slash = base.target.rfind('/');
    url.target = base.target.substr(0, slash + 1) + std::string(location);
  }
  return url;
}

}  // namespace baseline::http
