// SPDX-License-Identifier: Apache-2.0
#include "routing/vrp_json.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/file_handle.h"

namespace baseline::routing {
namespace {

using json = nlohmann::json;

// SAX handler: depth 1 is the top object, 2 the "roas" array, 3 one ROA object.
class VrpHandler final : public nlohmann::json_sax<json> {
 public:
  VrpHandler(const std::string& source, VrpSet& into) : source_(source), into_(into) {}

  bool null() override { return scalar("null"); }
  bool boolean(bool) override { return scalar("a boolean"); }
  bool number_integer(number_integer_t value) override {
    if (value < 0) return scalar("a negative number");
    return number(static_cast<std::uint64_t>(value));
  }
  bool number_unsigned(number_unsigned_t value) override { return number(value); }
  bool number_float(number_float_t, const string_t&) override { return scalar("a fraction"); }
  bool binary(binary_t&) override { return scalar("binary data"); }
  bool string(string_t& value) override {
    if (!in_roa_field()) return scalar("a string");
    if (key_ == "prefix") {
      prefix_text_ = value;
    } else if (key_ == "asn") {
      auto asn = parse_asn(value);
      if (!asn) return fail_entry(asn.error().message);
      asn_ = *asn;
    } else if (key_ == "maxLength") {
      return fail_entry("\"maxLength\" must be a number");
    }
    return true;
  }
  bool start_object(std::size_t) override {
    ++depth_;
    if (depth_ == 1) return true;
    if (depth_ == 3 && in_roas_) {
      prefix_text_.reset();
      max_length_.reset();
      asn_.reset();
    } else if (depth_ == 2 && in_roas_key()) {
      return fail("\"roas\" must be an array");
    }
    return true;
  }
  bool key(string_t& value) override {
    if (depth_ == 1) top_key_ = value;
    if (depth_ == 3) key_ = value;
    return true;
  }
  bool end_object() override {
    if (depth_ == 3 && in_roas_) {
      if (!finish_entry()) return false;
    }
    if (depth_ == 1) top_key_.clear();
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    ++depth_;
    if (depth_ == 1) return fail("the top level must be an object with a \"roas\" array");
    if (depth_ == 2 && in_roas_key()) {
      in_roas_ = true;
      seen_roas_ = true;
    } else if (depth_ == 3 && in_roas_) {
      return fail_entry("an entry must be an object");
    }
    return true;
  }
  bool end_array() override {
    if (depth_ == 2 && in_roas_) in_roas_ = false;
    --depth_;
    return true;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override {
    std::string what = e.what();
    // nlohmann's text starts with "[json.exception.parse_error.101] parse error at line 1, ...".
    if (auto colon = what.find("parse error"); colon != std::string::npos)
      what = what.substr(colon);
    if (error_.empty()) {
      error_ =
          source_ + ": malformed JSON at byte offset " + std::to_string(position) + ": " + what;
    }
    return false;
  }

  const std::string& error() const { return error_; }
  bool saw_roas() const { return seen_roas_; }
  VrpStats stats() const { return stats_; }

 private:
  bool in_roas_key() const { return top_key_ == "roas"; }
  bool in_roa_field() const { return in_roas_ && depth_ == 3; }
  bool scalar(const char* what) {
    if (in_roa_field() && (key_ == "prefix" || key_ == "asn" || key_ == "maxLength")) {
      return fail_entry(std::string("\"") + key_ + "\" is " + what);
    }
    if (depth_ == 2 && in_roas_) return fail_entry("an entry must be an object");
    if (depth_ == 0) return fail("the top level must be an object with a \"roas\" array");
    if (depth_ == 1 && in_roas_key()) return fail("\"roas\" must be an array");
    return true;
  }
  bool number(std::uint64_t value) {
    if (!in_roa_field()) return scalar("a number");
    if (key_ == "maxLength") {
      if (value > 128)
        return fail_entry("\"maxLength\" " + std::to_string(value) + " is out of range");
      max_length_ = static_cast<int>(value);
    } else if (key_ == "asn") {
      if (value > 0xFFFFFFFFull)
        return fail_entry("\"asn\" " + std::to_string(value) + " is out of range");
      asn_ = static_cast<std::uint32_t>(value);
    } else if (key_ == "prefix") {
      return fail_entry("\"prefix\" must be a string");
    }
    return true;
  }
  bool finish_entry() {
    if (!prefix_text_) return fail_entry("no \"prefix\"");
    if (!asn_) return fail_entry("no \"asn\"");
    auto prefix = IpPrefix::parse(*prefix_text_);
    if (!prefix) return fail_entry(prefix.error().message);
    const int max_len = max_length_.value_or(prefix->length());
    if (max_len < prefix->length() || max_len > max_length(prefix->family())) {
      return fail_entry("maxLength " + std::to_string(max_len) + " does not fit " +
                        prefix->to_string());
    }
    const std::size_t before = into_.size();
    into_.add(Vrp{*prefix, max_len, *asn_});
    stats_.vrps += into_.size() - before;
    ++stats_.entries;
    return true;
  }
  bool fail_entry(const std::string& what) {
    return fail("roas[" + std::to_string(stats_.entries) + "]: " + what);
  }
  bool fail(const std::string& what) {
    if (error_.empty()) error_ = source_ + ": " + what;
    return false;
  }

  const std::string& source_;
  VrpSet& into_;
  int depth_ = 0;
  std::string top_key_;
  std::string key_;
  bool in_roas_ = false;
  bool seen_roas_ = false;
  std::optional<std::string> prefix_text_;
  std::optional<int> max_length_;
  std::optional<std::uint32_t> asn_;
  VrpStats stats_;
  std::string error_;
};

}  // namespace

core::Result<VrpStats> parse_vrp_json(std::string_view text, const std::string& source_name,
                                      VrpSet& into) {
  VrpHandler handler(source_name, into);
  const bool ok = json::sax_parse(text.begin(), text.end(), &handler);
  if (!ok || !handler.error().empty()) {
    return core::make_error(handler.error().empty() ? source_name + ": malformed JSON"
                                                    : handler.error());
  }
  if (!handler.saw_roas()) return core::make_error(source_name + ": no \"roas\" array");
  return handler.stats();
}

core::Result<VrpStats> load_vrp_file(const std::string& path, VrpSet& into) {
  auto file = core::open_file(path, "rb");
  if (!file) return core::make_error("cannot open " + path + ": " + std::strerror(errno));
  std::string text;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    if (text.size() + n > kMaxVrpFileBytes) {
      return core::make_error(path + ": larger than " + std::to_string(kMaxVrpFileBytes >> 20) +
                              " MiB; not a VRP export");
    }
    text.append(buffer, n);
  }
  if (std::ferror(file.get()) != 0) return core::make_error(path + ": read error");
  auto stats = parse_vrp_json(text, path, into);
  if (stats) into.shrink_to_fit();
  return stats;
}

}  // namespace baseline::routing
