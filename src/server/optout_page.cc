// SPDX-License-Identifier: Apache-2.0
// The opt-out page the notices link to (BASE/notices/optout/{token}, also their List-Unsubscribe
// URL): GET shows which address stops receiving notices and a button; POST — the button, or a
// mail client's RFC 8058 one-click POST (body "List-Unsubscribe=One-Click") — records the opt-out
// for ever. No account: the token, 32 random bytes given only to that address, is the right.
#include <string>

#include "i18n/i18n.h"
#include "report/html.h"
#include "server/page_layout.h"
#include "server/web_front.h"

namespace baseline::server {

namespace {

using i18n::tr;
using i18n::trf;
using report::html::escape;

constexpr std::size_t kTokenLength = 64;  // notices::random_hex(32)

// Only what the notices hand out: 64 lower-case hex digits. Anything else is not looked up.
bool token_shaped(const std::string& token) {
  if (token.size() != kTokenLength) return false;
  for (char c : token) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// "review:DOMAIN" holds the notices a person submits through an https: contact.
std::string who(const std::string& holder) {
  if (holder.starts_with("review:")) {
    return trf("notices about {domain} that we pass on through its security contact page",
               fmt::arg("domain", "<strong>" + escape(holder.substr(7)) + "</strong>"));
  }
  return trf("notices to {address}",
             fmt::arg("address", "<strong>" + escape(holder) + "</strong>"));
}

Response unknown_token(const RequestContext& c) {
  return page_error(c.request, http::status::not_found,
                    tr("This opt-out link is not known. Copy the whole link from the notice."));
}

std::optional<store::TokenHolder> holder_of(WebFront& front, const std::string& token) {
  if (!token_shaped(token)) return std::nullopt;
  auto holder = front.store.with([&](store::Store& s) { return s.token_holder(token); });
  if (!holder) throw std::runtime_error(holder.error().message);
  return *holder;
}

Response optout_form(WebFront& front, const RequestContext& c) {
  const auto& token = c.param("token");
  const auto holder = holder_of(front, token);
  if (!holder) return unknown_token(c);
  std::string body = "<h1>" + escape(tr("No more notices")) + "</h1>\n";
  if (holder->opted_out) {
    body += "<p class=\"lead\">" +
            trf("You opted out already: Baseline sends {who} no more. This holds for every list, "
                "for good.",
                fmt::arg("who", who(holder->address))) +
            "</p>\n";
    return page_response(c.request, http::status::ok, {tr("No more notices"), body});
  }
  body += "<p class=\"lead\">" +
          trf("Baseline sends {who} when a test finds that a domain misses a required security "
              "standard.",
              fmt::arg("who", who(holder->address))) +
          "</p>\n<p>" +
          escape(tr("If you opt out, no list sends them again, for good. To object to one notice "
                    "instead, reply to it.")) +
          "</p>\n<form method=\"post\" action=\"/notices/optout/" + escape(token) +
          "\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
          "<button type=\"submit\">" +
          escape(tr("Send no more notices")) + "</button></form>\n";
  auto response = page_response(c.request, http::status::ok, {tr("No more notices"), body});
  response.set(http::field::cache_control, "no-store");
  return response;
}

// RFC 8058: the POST carries no cookie and needs no confirmation; the token is the right.
Response optout_post(WebFront& front, const RequestContext& c) {
  const auto& token = c.param("token");
  if (!token_shaped(token)) return unknown_token(c);
  auto recorded =
      front.store.with([&](store::Store& s) { return s.record_optout(token, unix_now()); });
  if (!recorded) throw std::runtime_error(recorded.error().message);
  if (!*recorded) return unknown_token(c);
  auto response = page_response(
      c.request, http::status::ok,
      {tr("No more notices"),
       "<h1>" + escape(tr("No more notices")) + "</h1>\n<p class=\"lead\" role=\"status\">" +
           trf("Done: Baseline sends {who} no more, from any list, for good.",
               fmt::arg("who", who(**recorded))) +
           "</p>\n"});
  response.set(http::field::cache_control, "no-store");
  return response;
}

}  // namespace

void add_optout_routes(RouteTable& routes, WebFront& front) {
  routes.add({http::verb::get, "/notices/optout/{token}", Access::kPublic,
              [&front](const RequestContext& c) { return optout_form(front, c); }});
  routes.add({http::verb::post, "/notices/optout/{token}", Access::kPublic,
              [&front](const RequestContext& c) { return optout_post(front, c); }});
}

}  // namespace baseline::server
