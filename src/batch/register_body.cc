// SPDX-License-Identifier: Apache-2.0
#include "batch/register_body.h"

#include <utility>

namespace baseline::batch {
namespace {

using json = nlohmann::json;

const std::string kParseProblem = "Problem parsing json. Did you supply a 'type' and 'domains'?";

// A first pass over the body that builds nothing: it stops at the first value nested deeper
// than kMaxBodyDepth, at more domains than allowed, or at more values in all than a request of
// that size can have. Only a body that passes is parsed into a json value.
class BoundsCheck : public json::json_sax_t {
 public:
  BoundsCheck(std::size_t max_domains) : max_domains_(max_domains) {}

  std::optional<std::string> problem;

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override { return open(false); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_array() override { return close(); }
  bool key(string_t& key) override {
    last_key_at_top_ = depth_ == 1 && key == "domains";
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    problem = kParseProblem;
    return false;
  }

 private:
  bool value() {
    if (++values_ > max_domains_ + kSpareValues) {
      problem = "The request has more values than a request of " + std::to_string(max_domains_) +
                " domains can have.";
      return false;
    }
    if (in_domains_ && depth_ == 2 && ++domains_ > max_domains_) {
      problem =
          "Too many domains: at most " + std::to_string(max_domains_) + " domains in one request.";
      return false;
    }
    return true;
  }
  bool open(bool array) {
    if (!value()) return false;
    if (++depth_ > kMaxBodyDepth) {
      problem = "The request is nested too deeply.";
      return false;
    }
    if (depth_ == 2) in_domains_ = array && last_key_at_top_;
    return true;
  }
  bool close() {
    if (depth_ == 2) in_domains_ = false;
    --depth_;
    return true;
  }

  // Room for "type", "name" and a few unknown keys besides the domains.
  static constexpr std::size_t kSpareValues = 64;
  std::size_t max_domains_;
  std::size_t values_ = 0;
  std::size_t domains_ = 0;
  int depth_ = 0;
  bool last_key_at_top_ = false;
  bool in_domains_ = false;
};

}  // namespace

RegisterParse parse_register_body(std::string_view body, const BatchLimits& limits) {
  if (body.size() > limits.max_body_bytes) {
    return bad_request("The request body is larger than " + std::to_string(limits.max_body_bytes) +
                       " bytes.");
  }
  BoundsCheck bounds(limits.max_domains_per_request);
  const bool well_formed = json::sax_parse(body, &bounds);
  if (bounds.problem) return bad_request(*bounds.problem);
  if (!well_formed) return bad_request(kParseProblem);

  const json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return bad_request(kParseProblem);
  std::string missing;
  for (const char* field : {"type", "domains"}) {
    if (!parsed.contains(field)) {
      missing += (missing.empty() ? "" : ",") + std::string("'") + field +
                 "' is missing from the request.";
    }
  }
  if (!missing.empty()) return bad_request(missing);

  RegisterRequest request;
  const auto& type = parsed.at("type");
  const auto request_type =
      type.is_string() ? request_type_from_string(type.get<std::string>()) : std::nullopt;
  if (!request_type) return bad_request("'type' is not one of the expected values.");
  request.type = *request_type;

  if (auto name = parsed.find("name"); name != parsed.end() && !name->is_null()) {
    if (!name->is_string()) return bad_request("'name' is not a string.");
    request.name = name->get<std::string>();
    // Characters, not bytes: count the UTF-8 lead bytes (sax_parse has checked the encoding).
    std::size_t chars = 0;
    for (unsigned char c : request.name) chars += (c & 0xC0) != 0x80;
    if (chars > limits.max_name_chars) {
      return bad_request("'name' is longer than " + std::to_string(limits.max_name_chars) +
                         " characters.");
    }
    if (request.name.empty()) request.name = "no-name";
  }

  const auto& domains = parsed.at("domains");
  if (!domains.is_array()) return bad_request("'domains' is not a list of domain names.");
  if (domains.empty()) return bad_request("Domains are empty.");
  std::vector<std::string> inputs;
  inputs.reserve(domains.size());
  for (const auto& d : domains) {
    if (!d.is_string()) return bad_request("'domains' is not a list of domain names.");
    inputs.push_back(d.get<std::string>());
  }
  request.domains = normalise_domains(inputs);
  if (request.domains.domains.empty()) {
    std::string msg = "Domains are empty: no valid domain name among the " +
                      std::to_string(inputs.size()) + " given";
    const auto& first = request.domains.rejected.front();
    msg += " ('" + first.input + "': " + first.reason + ").";
    return bad_request(msg);
  }
  return request;
}

nlohmann::json register_reply(const BatchRequest& request, const DomainList& domains) {
  nlohmann::json out = {{"request", to_json(request)}};
  if (!domains.rejected.empty()) {
    nlohmann::json rejected = nlohmann::json::array();
    for (const auto& r : domains.rejected) {
      rejected.push_back({{"domain", r.input}, {"reason", r.reason}});
    }
    out["rejected_domains"] = rejected;
  }
  return out;
}

}  // namespace baseline::batch
