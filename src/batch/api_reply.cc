// SPDX-License-Identifier: Apache-2.0
#include "batch/api_reply.h"

namespace baseline::batch {

nlohmann::json envelope(nlohmann::json body) {
  if (!body.is_object()) body = nlohmann::json::object();
  body["api_version"] = kApiVersion;
  return body;
}

nlohmann::json error_body(const ApiError& error) {
  return envelope({{"error", {{"label", error.label}, {"msg", error.msg}}}});
}

ApiError bad_request(std::string msg) {
  return {400, "bad-request", std::move(msg)};
}

ApiError invalid_url() {
  return {400, "invalid-url",
          "Make sure you are using a valid URL and the current batch API version (2)"};
}

ApiError unknown_request() {
  return {404, "unknown-request", "This request_id does not exist for the user."};
}

ApiError server_error(std::string msg) {
  return {500, "server-error", std::move(msg)};
}

ApiError not_yet_done() {
  return bad_request("The request is not yet `done`.");
}

ApiError too_many_requests(std::string msg) {
  return {429, "too-many-requests", std::move(msg)};
}

}  // namespace baseline::batch
