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
