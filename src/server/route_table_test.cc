// SPDX-License-Identifier: Apache-2.0
#include "server/route_table.h"

#include <gtest/gtest.h>

#include "server/web_front.h"

namespace baseline::server {
namespace {

TEST(RouteTable, PatternsMatchSegmentsAndSuffixes) {
  std::map<std::string, std::string> params;
  EXPECT_TRUE(match_pattern("/test/{id}.json", "/test/abc.json", params));
  EXPECT_EQ(params.at("id"), "abc");
  EXPECT_FALSE(match_pattern("/test/{id}.json", "/test/abc", params));
  EXPECT_FALSE(match_pattern("/test/{id}.json", "/test/.json", params));  // empty parameter
  EXPECT_TRUE(match_pattern("/site/{domain}", "/site/b%C3%BCcher.example", params));
  EXPECT_EQ(params.at("domain"), "bücher.example");
  EXPECT_FALSE(match_pattern("/site/{domain}", "/site/a%2Fb", params));  // encoded slash
  EXPECT_FALSE(match_pattern("/site/{domain}", "/site/a%zz", params));   // bad escape
  EXPECT_FALSE(match_pattern("/site/{domain}", "/site/a/b", params));
  EXPECT_TRUE(match_pattern("/", "/", params));
  EXPECT_FALSE(match_pattern("/", "/x", params));
}

Request request(http::verb method, std::string target) {
  Request r{method, target, 11};
  return r;
}

TEST(RouteTable, DispatchAnswersNotFoundMethodAndHidesExceptions) {
  RouteTable routes(ErrorRenderer{api_error, page_error});
  routes.add({http::verb::get, "/api/v1/thing/{id}", Access::kPublic, [](const RequestContext& c) {
                return make_response(c.request, http::status::ok, "text/plain", c.param("id"));
              }});
  routes.add({http::verb::get, "/boom", Access::kPublic, [](const RequestContext&) -> Response {
                throw std::runtime_error("/secret/path/file.cc:42 exploded");
              }});
  routes.add({http::verb::get, "/private", Access::kAccount, [](const RequestContext& c) {
                return make_response(c.request, http::status::ok, "text/plain", "secret");
              }});
  const auto client = boost::asio::ip::make_address("192.0.2.1");

  auto ok = routes.dispatch(request(http::verb::get, "/api/v1/thing/7?x=1"), client);
  EXPECT_EQ(ok.result(), http::status::ok);
  EXPECT_EQ(ok.body(), "7");
  EXPECT_NE(ok["Content-Security-Policy"].find("script-src 'self'"), std::string::npos);

  auto missing = routes.dispatch(request(http::verb::get, "/api/v1/nothing"), client);
  EXPECT_EQ(missing.result(), http::status::not_found);
  EXPECT_NE(missing.body().find("\"code\":\"not-found\""), std::string::npos);

  auto method = routes.dispatch(request(http::verb::delete_, "/api/v1/thing/7"), client);
  EXPECT_EQ(method.result(), http::status::method_not_allowed);

  auto boom = routes.dispatch(request(http::verb::get, "/boom"), client);
  EXPECT_EQ(boom.result(), http::status::internal_server_error);
  EXPECT_EQ(boom.body().find("secret"), std::string::npos);
  EXPECT_EQ(boom.body().find("exploded"), std::string::npos);
  EXPECT_NE(boom.body().find("<html"), std::string::npos);  // a page, outside /api/

  auto denied = routes.dispatch(request(http::verb::get, "/private"), client);
  EXPECT_EQ(denied.result(), http::status::unauthorized);
  EXPECT_EQ(denied.body().find("secret"), std::string::npos);

  auto head = routes.dispatch(request(http::verb::head, "/api/v1/thing/77"), client);
  EXPECT_EQ(head.result(), http::status::ok);
  EXPECT_TRUE(head.body().empty());
}

}  // namespace
}  // namespace baseline::server

namespace baseline::server {
namespace {

Response ok_text(const RequestContext& c) {
  return make_response(c.request, http::status::ok, "text/plain",
                       c.caller ? "caller " + c.caller->name : std::string("nobody"));
}

Request with_body(http::verb method, std::string target, std::string type, std::string body) {
  Request r{method, target, 11};
  r.set(http::field::content_type, type);
  r.body() = std::move(body);
  r.prepare_payload();
  return r;
}

TEST(RouteTable, SessionRequestsThatChangeStateNeedTheCsrfToken) {
  RouteTable routes(ErrorRenderer{api_error, page_error});
  routes.add({http::verb::post, "/account/thing", Access::kAccount, ok_text});
  routes.add({http::verb::post, "/public", Access::kPublic, ok_text});
  routes.add({http::verb::get, "/account", Access::kAccount, ok_text});
  routes.set_authenticator([](const Request&, const boost::asio::ip::address&) {
    return Authentication{Caller{7, "alice", true, "the-token"}, {}};
  });
  const auto client = boost::asio::ip::make_address("192.0.2.1");
  const std::string form = "application/x-www-form-urlencoded";

  EXPECT_EQ(routes.dispatch(request(http::verb::get, "/account"), client).result(),
            http::status::ok);  // reading needs no token
  EXPECT_EQ(
      routes.dispatch(with_body(http::verb::post, "/account/thing", form, "a=1"), client).result(),
      http::status::forbidden);
  EXPECT_EQ(
      routes.dispatch(with_body(http::verb::post, "/account/thing", form, "a=1&csrf=wrong"), client)
          .result(),
      http::status::forbidden);
  auto sent = routes.dispatch(
      with_body(http::verb::post, "/account/thing", form, "a=1&csrf=the-token"), client);
  EXPECT_EQ(sent.result(), http::status::ok);
  EXPECT_EQ(sent.body(), "caller alice");
  auto header = with_body(http::verb::post, "/account/thing", "application/json", "{}");
  header.set("X-CSRF-Token", "the-token");
  EXPECT_EQ(routes.dispatch(header, client).result(), http::status::ok);
  // A public route serves a tokenless session request as if nobody were logged in.
  auto anonymous = routes.dispatch(with_body(http::verb::post, "/public", form, "a=1"), client);
  EXPECT_EQ(anonymous.result(), http::status::ok);
  EXPECT_EQ(anonymous.body(), "nobody");
}

TEST(RouteTable, ApiCallersNeedNoCsrfTokenAndThrottlingIs429) {
  RouteTable routes(ErrorRenderer{api_error, page_error});
  routes.add({http::verb::post, "/api/x", Access::kAccount, ok_text});
  bool throttled = false;
  routes.set_authenticator([&](const Request&, const boost::asio::ip::address&) {
    if (throttled) return Authentication{std::nullopt, std::chrono::seconds(42)};
    return Authentication{Caller{7, "alice", false, ""}, {}};
  });
  const auto client = boost::asio::ip::make_address("192.0.2.1");
  EXPECT_EQ(routes.dispatch(with_body(http::verb::post, "/api/x", "application/json", "{}"), client)
                .result(),
            http::status::ok);
  throttled = true;
  auto refused =
      routes.dispatch(with_body(http::verb::post, "/api/x", "application/json", "{}"), client);
  EXPECT_EQ(refused.result(), http::status::too_many_requests);
  EXPECT_EQ(refused[http::field::retry_after], "42");
}

TEST(RouteTable, FallbackAuthenticatesBeforeItAnswersAndRoutesSetBodyLimits) {
  RouteTable routes(ErrorRenderer{api_error, page_error});
  routes.add({http::verb::post, "/api/batch/v2/requests", Access::kAccount, ok_text, 1 << 20});
  routes.set_fallback({"/api/batch/", Access::kAccount, [](const RequestContext& c) {
                         return make_response(c.request, http::status::bad_request, "text/plain",
                                              "invalid-url");
                       }});
  bool known = false;
  routes.set_authenticator([&](const Request&, const boost::asio::ip::address&) {
    return known ? Authentication{Caller{1, "a", false, ""}, {}} : Authentication{};
  });
  const auto client = boost::asio::ip::make_address("192.0.2.1");
  EXPECT_EQ(routes.dispatch(request(http::verb::get, "/api/batch/v9/nothing"), client).result(),
            http::status::unauthorized);
  known = true;
  EXPECT_EQ(routes.dispatch(request(http::verb::get, "/api/batch/v9/nothing"), client).result(),
            http::status::bad_request);
  EXPECT_EQ(routes.dispatch(request(http::verb::get, "/api/batch/v2/requests"), client).result(),
            http::status::bad_request);  // a known path, another method: the fallback too
  EXPECT_EQ(routes.body_limit(http::verb::post, "/api/batch/v2/requests?x", 100), 1u << 20);
  EXPECT_EQ(routes.body_limit(http::verb::get, "/api/batch/v2/requests", 100), 100u);
  EXPECT_EQ(routes.body_limit(http::verb::post, "/test", 100), 100u);
}

}  // namespace
}  // namespace baseline::server
