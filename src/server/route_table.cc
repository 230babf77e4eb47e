// SPDX-License-Identifier: Apache-2.0
#include "server/route_table.h"

#include <spdlog/spdlog.h>

#include "accounts/session.h"
#include "i18n/i18n.h"
#include "i18n/scoped_language.h"
#include "server/form_body.h"
#include "server/language_choice.h"

namespace baseline::server {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') path.remove_prefix(1);
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return out;
}

// %XX decoding of one path segment; false on a malformed escape or a decoded '/' or NUL.
bool percent_decode(std::string_view in, std::string& out) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }
    if (i + 2 >= in.size()) return false;
    const int high = hex(in[i + 1]), low = hex(in[i + 2]);
    if (high < 0 || low < 0) return false;
    const char c = static_cast<char>(high * 16 + low);
    if (c == '/' || c == '\0') return false;
    out += c;
    i += 2;
  }
  return true;
}

}  // namespace

bool match_pattern(std::string_view pattern, std::string_view path,
                   std::map<std::string, std::string>& params) {
  params.clear();
  const auto want = split_path(pattern);
  const auto have = split_path(path);
  if (want.size() != have.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto open = want[i].find('{');
    if (open == std::string_view::npos) {
      if (want[i] != have[i]) return false;
      continue;
    }
    const auto close = want[i].find('}', open);
    const auto prefix = want[i].substr(0, open);
    const auto suffix = want[i].substr(close + 1);
    const auto name = want[i].substr(open + 1, close - open - 1);
    const auto segment = have[i];
    if (segment.size() <= prefix.size() + suffix.size() || !segment.starts_with(prefix) ||
        !segment.ends_with(suffix)) {
      return false;
    }
    std::string value;
    if (!percent_decode(
            segment.substr(prefix.size(), segment.size() - prefix.size() - suffix.size()), value)) {
      return false;
    }
    params.emplace(std::string(name), std::move(value));
  }
  return true;
}

void RouteTable::add(Route route) {
  routes_.push_back(std::move(route));
}

Response RouteTable::error(const Request& request, http::status status, const std::string& code,
                           const std::string& message) const {
  const std::string_view target(request.target().data(), request.target().size());
  if (target.starts_with("/api/")) return errors_.api(request, status, code, message);
  return errors_.page(request, status, message);
}

namespace {

bool changes_state(http::verb method) {
  return method != http::verb::get && method != http::verb::head && method != http::verb::options;
}

// The CSRF token of a state-changing request by session: the X-CSRF-Token header (scripts) or
// the form's "csrf" field.
bool csrf_sent(const Request& request, const std::string& session_token) {
  const auto header = request[accounts::kCsrfHeader];
  if (!header.empty()) {
    return accounts::csrf_valid(session_token, std::string_view(header.data(), header.size()));
  }
  const auto type = request[http::field::content_type];
  if (std::string_view(type.data(), type.size()).starts_with("application/x-www-form-urlencoded")) {
    return accounts::csrf_valid(session_token, form_value(request.body(), accounts::kCsrfField));
  }
  return false;
}

}  // namespace

std::size_t RouteTable::body_limit(http::verb method, std::string_view target,
                                   std::size_t standard) const {
  const auto path = target.substr(0, target.find('?'));
  std::size_t limit = standard;
  std::map<std::string, std::string> params;
  for (const auto& route : routes_) {
    if (route.method == method && route.max_body_bytes > limit &&
        match_pattern(route.pattern, path, params)) {
      limit = route.max_body_bytes;
    }
  }
  return limit;
}

std::size_t RouteTable::largest_body_limit(std::size_t standard) const {
  std::size_t limit = standard;
  for (const auto& route : routes_) limit = std::max(limit, route.max_body_bytes);
  return limit;
}

Response RouteTable::refuse(const Request& request, http::status status, const std::string& code,
                            const std::string& message, std::optional<int> retry_after) const {
  if (errors_.refusal) {
    if (auto own = errors_.refusal(request, status, retry_after)) return std::move(*own);
  }
  auto response = error(request, status, code, message);
  if (retry_after) response.set(http::field::retry_after, std::to_string(*retry_after));
  return response;
}

Response RouteTable::dispatch(const Request& request,
                              const boost::asio::ip::address& client) const {
  const std::string_view target(request.target().data(), request.target().size());
  const auto question = target.find('?');
  const auto path = target.substr(0, question);
  const auto query =
      question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
  // Handlers run on this thread to the end, so the language holds for everything they write.
  const auto choice = choose_page_language(request, query, i18n::language());
  const i18n::ScopedLanguage in_language(choice.language);
  auto response = dispatch_route(request, client, path, query);
  if (choice.from_query) response.insert(http::field::set_cookie, language_cookie(choice.language));
  response.insert(http::field::vary, "Accept-Language, Cookie");
  return response;
}

Response RouteTable::dispatch_route(const Request& request, const boost::asio::ip::address& client,
                                    std::string_view path, std::string_view query) const {
  bool path_known = false;
  bool head_of_get = false;
  std::map<std::string, std::string> params;
  const Route* found = nullptr;
  for (const auto& route : routes_) {
    if (!match_pattern(route.pattern, path, params)) continue;
    const bool head = request.method() == http::verb::head && route.method == http::verb::get;
    if (route.method != request.method() && !head) {
      path_known = true;
      continue;
    }
    found = &route;
    head_of_get = head;
    break;
  }
  const Fallback* fallback = nullptr;
  if (found == nullptr) {
    params.clear();
    for (const auto& f : fallbacks_) {
      if (path.starts_with(f.prefix) || path == f.prefix.substr(0, f.prefix.size() - 1)) {
        fallback = &f;
        break;
      }
    }
    if (fallback == nullptr) {
      if (path_known) {
        return error(request, http::status::method_not_allowed, "method-not-allowed",
                     i18n::N_("This address does not accept that method."));
      }
      return error(request, http::status::not_found, "not-found",
                   i18n::N_("There is no such page."));
    }
  }
  const Access access = found ? found->access : fallback->access;
  const auto& handler = found ? found->handler : fallback->handler;

  RequestContext context{request, client, params, path, query, std::nullopt};
  Authentication authentication;
  if (authenticator_) authentication = authenticator_(request, client);
  context.caller = std::move(authentication.caller);
  // A browser's session acts on a state-changing request only with the session's CSRF token:
  // an account route refuses it, a public route serves it as if no one were logged in.
  if (context.caller && context.caller->by_session && changes_state(request.method()) &&
      !csrf_sent(request, context.caller->csrf_token)) {
    if (access == Access::kAccount) {
      return error(request, http::status::forbidden, "csrf",
                   i18n::N_("This form has expired or came from another site; reload the page and "
                            "try again."));
    }
    context.caller.reset();
  }
  if (access == Access::kAccount && !context.caller) {
    if (authentication.retry_after) {
      return refuse(request, http::status::too_many_requests, "too-many-failures",
                    i18n::N_("Too many failed log-ins; please try again later."),
                    static_cast<int>(authentication.retry_after->count()));
    }
    return refuse(request, http::status::unauthorized, "unauthorized",
                  i18n::N_("This page needs an account."), std::nullopt);
  }
  try {
    auto response = handler(context);
    if (head_of_get) {
      const auto length = response.body().size();
      response.body().clear();
      response.content_length(length);
    }
    return response;
  } catch (const std::exception& e) {
    // Logged for the operator, never shown to the client.
    spdlog::error("{} {}: {}", std::string(request.method_string()), std::string(path), e.what());
    return error(request, http::status::internal_server_error, "internal-error",
                 i18n::N_("Something went wrong on our side; please try again later."));
  }
}

}  // namespace baseline::server
