// SPDX-License-Identifier: Apache-2.0
// A check ID that is known to be declared (declarations.h). Written as a string literal it is
// checked by the compiler: make_result("web.tls.verison", …) does not compile. IDs composed at
// run time (the TLS grading shared by web.tls.* and mail.tls.*) go through named(), which
// refuses an undeclared one with an exception that the unit tests of those graders would hit.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "checks/declarations.h"

namespace baseline::checks {

class CheckId {
 public:
  // A literal: the compiler evaluates find_declared, and an undeclared ID is a compile error
  // (a throw is not a constant expression).
  consteval CheckId(const char* id) : spec_(find_declared(id)) {  // NOLINT: implicit by design
    if (spec_ == nullptr) throw std::logic_error("undeclared check ID");
  }
  // The ID of a declaration taken from the arrays (loops over a family's checks).
  static constexpr CheckId of(const CheckSpec& spec) { return CheckId(&spec); }
  // An ID composed at run time; throws std::logic_error when it is not declared.
  static CheckId named(std::string_view id) {
    const CheckSpec* spec = find_declared(id);
    if (spec == nullptr) throw std::logic_error("undeclared check ID: " + std::string(id));
    return CheckId(spec);
  }

  constexpr const CheckSpec& spec() const { return *spec_; }
  constexpr std::string_view view() const { return spec_->id; }
  constexpr operator std::string_view() const { return spec_->id; }  // NOLINT: reads as a string
  std::string str() const { return std::string(spec_->id); }
  friend constexpr bool operator==(CheckId a, std::string_view b) { return a.view() == b; }

 private:
  explicit constexpr CheckId(const CheckSpec* spec) : spec_(spec) {}
  const CheckSpec* spec_;
};

}  // namespace baseline::checks
