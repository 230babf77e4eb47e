// SPDX-License-Identifier: Apache-2.0
// The account pages: log in and out, and the account page where a user makes and revokes the
// bearer tokens of the batch API (a token is shown once, when it is made) and sets the address
// and opt-out of the digest after scheduled scans. Every form that
// changes something carries the session's CSRF token; RouteTable::dispatch checks it.
#include <fmt/format.h>

#include "accounts/account_name.h"
#include "accounts/password_hash.h"
#include "accounts/secret_token.h"
#include "accounts/session.h"
#include "core/parse_number.h"
#include "notices/address.h"
#include "report/html.h"
#include "server/account_authenticator.h"
#include "server/form_body.h"
#include "server/page_layout.h"
#include "server/web_front.h"
#include "store/account_store.h"
#include "store/batch_store.h"
#include "store/sql_connection.h"

namespace baseline::server {

namespace {

using report::html::escape;

constexpr std::size_t kMaxTokenLabel = 100;
constexpr std::size_t kMaxTokensPerAccount = 50;
constexpr std::size_t kRequestsShown = 50;

store::AccountStore accounts_in(store::Store& s) {
  auto* sql = s.sql();
  if (sql == nullptr) throw std::runtime_error("this store keeps no accounts");
  return store::AccountStore(*sql);
}

Response redirect(const Request& request, const std::string& location) {
  Response response{http::status::see_other, request.version()};
  add_security_headers(response);
  response.set(http::field::location, location);
  response.set(http::field::cache_control, "no-store");
  response.keep_alive(request.keep_alive());
  response.prepare_payload();
  return response;
}

std::string csrf_input(const Caller& caller) {
  return "<input type=\"hidden\" name=\"" + std::string(accounts::kCsrfField) + "\" value=\"" +
         escape(caller.csrf_token) + "\">";
}

Response no_store(Response response) {
  response.set(http::field::cache_control, "no-store");
  return response;
}

}  // namespace

std::string login_form(const std::string& problem) {
  std::string out = "<h1>Log in</h1>\n";
  if (!problem.empty()) out += "<p role=\"alert\" class=\"problem\">" + escape(problem) + "</p>\n";
  out +=
      "<form method=\"post\" action=\"/login\" class=\"login\">\n"
      "<p><label for=\"name\">Account</label> <input id=\"name\" name=\"name\" "
      "autocomplete=\"username\" required maxlength=\"64\"></p>\n"
      "<p><label for=\"password\">Password</label> <input id=\"password\" name=\"password\" "
      "type=\"password\" autocomplete=\"current-password\" required maxlength=\"1024\"></p>\n"
      "<p><button type=\"submit\">Log in</button></p>\n</form>\n"
      "<p>Accounts are made by the operator with <code>baseline users add NAME</code>.</p>\n";
  return out;
}

namespace {

Response login_page(const RequestContext& c) {
  if (c.caller) return redirect(c.request, "/account");
  return no_store(page_response(c.request, http::status::ok, {"Log in", login_form("")}));
}

Response login(WebFront& front, const RequestContext& c) {
  const auto& body = c.request.body();
  const auto name = form_value(body, "name");
  const auto password = form_value(body, "password");
  if (front.accounts == nullptr) throw std::runtime_error("no authenticator");
  auto checked = front.accounts->check_password(name, password, c.client);
  if (auto* refusal = std::get_if<AccountAuthenticator::LoginRefusal>(&checked)) {
    if (refusal->retry_after) {
      auto response = page_response(
          c.request, http::status::too_many_requests,
          {"Log in", login_form(fmt::format("Too many failed log-ins; please try again in {} "
                                            "seconds.",
                                            refusal->retry_after->count()))});
      response.set(http::field::retry_after, std::to_string(refusal->retry_after->count()));
      return no_store(std::move(response));
    }
    return no_store(page_response(c.request, http::status::unauthorized,
                                  {"Log in", login_form("The account or the password is wrong.")}));
  }
  const auto& caller = std::get<Caller>(checked);
  // A fresh session at every login (no fixation), stored as its digest only.
  const auto session = accounts::start_session();
  front.store.with([&](store::Store& s) {
    auto accounts = accounts_in(s);
    (void)accounts.remove_expired_sessions(unix_now());
    // A hash made with older limits is replaced now that the password is known (before the new
    // session: a changed password ends the account's sessions).
    const auto key = accounts::account_key(caller.name);
    auto account = accounts.find_by_key(key);
    if (account && *account && accounts::needs_rehash((*account)->password_hash)) {
      if (auto fresh = accounts::hash_password(password)) (void)accounts.set_password(key, *fresh);
    }
    auto added = accounts.add_session(session.stored_digest, caller.account_id, session.csrf_token,
                                      unix_now() + kSessionLifetime.count() * 3600);
    if (!added) throw std::runtime_error(added.error().message);
    return true;
  });
  auto response = redirect(c.request, "/account");
  response.set(
      http::field::set_cookie,
      accounts::session_cookie(session.cookie_secret,
                               std::chrono::duration_cast<std::chrono::seconds>(kSessionLifetime)));
  return response;
}

Response logout(WebFront& front, const RequestContext& c) {
  const auto cookies = c.request[http::field::cookie];
  if (auto secret = accounts::cookie_value(std::string_view(cookies.data(), cookies.size()),
                                           accounts::kSessionCookie)) {
    front.store.with([&](store::Store& s) {
      return accounts_in(s).remove_session(accounts::secret_digest(*secret));
    });
  }
  auto response = redirect(c.request, "/");
  response.set(http::field::set_cookie, accounts::cleared_session_cookie());
  return response;
}

std::string tokens_section(const Caller& caller, const std::vector<store::TokenRecord>& tokens) {
  std::string out =
      "<h2>API tokens</h2>\n<p>A token lets a script use the batch API "
      "(<code>Authorization: Bearer TOKEN</code>) without your password. It is shown once, "
      "when it is made; only its digest is kept.</p>\n";
  if (tokens.empty()) {
    out += "<p>No tokens yet.</p>\n";
  } else {
    out +=
        "<table class=\"tokens\"><thead><tr><th>Label</th><th>Made</th><th>Last used</th>"
        "<th></th></tr></thead><tbody>\n";
    for (const auto& t : tokens) {
      out += "<tr><td>" + escape(t.label) + "</td><td>" + escape(t.created) + "</td><td>" +
             escape(t.last_used.empty() ? "never" : t.last_used) +
             "</td><td><form method=\"post\" action=\"/account/tokens/" + std::to_string(t.id) +
             "/revoke\">" + csrf_input(caller) +
             "<button type=\"submit\">Revoke</button></form></td></tr>\n";
    }
    out += "</tbody></table>\n";
  }
  out += "<form method=\"post\" action=\"/account/tokens\">" + csrf_input(caller) +
         "<p><label for=\"label\">Label</label> <input id=\"label\" name=\"label\" maxlength=\"" +
         std::to_string(kMaxTokenLabel) +
         "\" required> <button type=\"submit\">Make a token</button></p></form>\n";
  return out;
}

std::string requests_section(const std::vector<batch::BatchRequest>& requests) {
  std::string out = "<h2>Batch requests</h2>\n";
  if (requests.empty())
    return out + "<p>None yet. Register one at <code>POST /api/batch/v2/requests</code>.</p>\n";
  out +=
      "<table class=\"requests\"><thead><tr><th>Request</th><th>Name</th><th>Type</th>"
      "<th>Status</th><th>Progress</th><th>Submitted</th></tr></thead><tbody>\n";
  for (const auto& r : requests) {
    out += "<tr><td><code>" + escape(r.id) + "</code></td><td>" + escape(r.name) + "</td><td>" +
           std::string(batch::to_string(r.type)) + "</td><td>" +
           std::string(batch::to_string(r.status)) + "</td><td>" +
           std::to_string(r.finished_domains) + "/" + std::to_string(r.domains) + "</td><td>" +
           escape(batch::iso_date(r.submitted)) + "</td></tr>\n";
  }
  return out + "</tbody></table>\n";
}

// The digest after scheduled scans of the account's lists: its address and the opt-out.
std::string digest_section(const Caller& caller, const std::string& email, bool opted_out) {
  return "<h2>Digest e-mail</h2>\n<p>After each scheduled scan of one of your lists, a digest "
         "of what regressed and improved, with the link to the report, goes to this "
         "address.</p>\n<form method=\"post\" action=\"/account/digest\">" +
         csrf_input(caller) +
         "<p><label for=\"email\">E-mail address</label> <input id=\"email\" name=\"email\" "
         "type=\"email\" maxlength=\"" +
         std::to_string(notices::kMaxAddressLength) + "\" value=\"" + escape(email) +
         "\"></p>\n<p><label><input type=\"checkbox\" name=\"digest\" value=\"on\"" +
         (opted_out ? "" : " checked") +
         "> Send me the digest</label></p>\n<p><button type=\"submit\">Save</button></p>"
         "</form>\n";
}

Response account_page(WebFront& front, const RequestContext& c, const std::string& notice = "") {
  const auto& caller = *c.caller;
  auto tokens =
      front.store.with([&](store::Store& s) { return accounts_in(s).tokens(caller.account_id); });
  if (!tokens) throw std::runtime_error(tokens.error().message);
  auto requests = front.store.with([&](store::Store& s) {
    return store::BatchStore(*s.sql()).list(caller.account_id, kRequestsShown);
  });
  if (!requests) throw std::runtime_error(requests.error().message);
  std::string body = "<h1>Account " + escape(caller.name) + "</h1>\n" + notice;
  if (caller.by_session) {
    body += "<form method=\"post\" action=\"/logout\">" + csrf_input(caller) +
            "<button type=\"submit\">Log out</button></form>\n";
    body += tokens_section(caller, *tokens);
    auto digest =
        front.store.with([&](store::Store& s) -> core::Result<std::pair<std::string, bool>> {
          auto accounts = accounts_in(s);
          auto email = accounts.email(caller.account_id);
          if (!email) return email.error();
          auto out = accounts.digest_opted_out(caller.account_id);
          if (!out) return out.error();
          return std::pair{*email, *out};
        });
    if (!digest) throw std::runtime_error(digest.error().message);
    body += digest_section(caller, digest->first, digest->second);
  }
  body += requests_section(*requests);
  return no_store(page_response(c.request, http::status::ok, {"Account", body}));
}

// Tokens are made and revoked in the browser only (a token cannot mint tokens).
std::optional<Response> needs_session(const RequestContext& c) {
  if (c.caller->by_session) return std::nullopt;
  return page_error(c.request, http::status::forbidden,
                    "API tokens are made and revoked in the browser, after logging in.");
}

Response make_token(WebFront& front, const RequestContext& c) {
  if (auto refused = needs_session(c)) return std::move(*refused);
  auto label = form_value(c.request.body(), "label");
  if (label.empty() || label.size() > kMaxTokenLabel ||
      std::any_of(label.begin(), label.end(),
                  [](unsigned char ch) { return ch < 0x20 || ch == 0x7f; })) {
    return page_error(c.request, http::status::bad_request,
                      "Give the token a label of 1 to 100 characters.");
  }
  const auto secret = accounts::random_secret();
  auto made = front.store.with([&](store::Store& s) -> core::Result<std::int64_t> {
    auto accounts = accounts_in(s);
    auto existing = accounts.tokens(c.caller->account_id);
    if (!existing) return existing.error();
    if (existing->size() >= kMaxTokensPerAccount) return std::int64_t{0};
    return accounts.add_token(c.caller->account_id, accounts::secret_digest(secret), label);
  });
  if (!made) throw std::runtime_error(made.error().message);
  if (*made == 0) {
    return page_error(c.request, http::status::conflict,
                      "This account has " + std::to_string(kMaxTokensPerAccount) +
                          " tokens already; revoke one first.");
  }
  const std::string notice =
      "<div class=\"new-token\" role=\"status\"><p>Your new token <strong>" + escape(label) +
      "</strong> (copy it now; it is not shown again):</p><p><code class=\"token\">" +
      escape(secret) + "</code></p></div>\n";
  return account_page(front, c, notice);
}

Response revoke_token(WebFront& front, const RequestContext& c) {
  if (auto refused = needs_session(c)) return std::move(*refused);
  const auto& id_text = c.param("id");
  const auto parsed =
      id_text.size() < 18 ? core::parse_decimal<std::int64_t>(id_text) : std::nullopt;
  const bool numeric = parsed.has_value();
  const std::int64_t id = parsed.value_or(0);
  auto revoked = front.store.with([&](store::Store& s) -> core::Result<bool> {
    if (!numeric) return false;
    return accounts_in(s).revoke_token(c.caller->account_id, id);
  });
  if (!revoked) throw std::runtime_error(revoked.error().message);
  if (!*revoked) return page_error(c.request, http::status::not_found, "There is no such token.");
  return redirect(c.request, "/account");
}

// The digest's address and opt-out, from the account's page (CSRF-checked by the route table).
Response save_digest(WebFront& front, const RequestContext& c) {
  if (auto refused = needs_session(c)) return std::move(*refused);
  const auto typed = form_value(c.request.body(), "email");
  std::string address;
  if (!typed.empty()) {
    auto checked = notices::check_address(typed);
    if (!checked) {
      return page_error(c.request, http::status::bad_request,
                        "The e-mail address " + checked.error().message + ".");
    }
    address = *checked;
  }
  const bool wanted = form_value(c.request.body(), "digest") == "on";
  auto saved = front.store.with([&](store::Store& s) -> core::Result<bool> {
    auto accounts = accounts_in(s);
    if (auto stored = accounts.set_email(c.caller->account_id, address); !stored) return stored;
    return accounts.set_digest_optout(c.caller->account_id, !wanted);
  });
  if (!saved) throw std::runtime_error(saved.error().message);
  return redirect(c.request, "/account");
}

}  // namespace

void add_account_routes(RouteTable& routes, WebFront& front) {
  routes.add({http::verb::get, "/login", Access::kPublic, login_page});
  routes.add({http::verb::post, "/login", Access::kPublic,
              [&front](const RequestContext& c) { return login(front, c); }});
  routes.add({http::verb::post, "/logout", Access::kAccount,
              [&front](const RequestContext& c) { return logout(front, c); }});
  routes.add({http::verb::get, "/account", Access::kAccount,
              [&front](const RequestContext& c) { return account_page(front, c); }});
  routes.add({http::verb::post, "/account/tokens", Access::kAccount,
              [&front](const RequestContext& c) { return make_token(front, c); }});
  routes.add({http::verb::post, "/account/tokens/{id}/revoke", Access::kAccount,
              [&front](const RequestContext& c) { return revoke_token(front, c); }});
  routes.add({http::verb::post, "/account/digest", Access::kAccount,
              [&front](const RequestContext& c) { return save_digest(front, c); }});
}

}  // namespace baseline::server
