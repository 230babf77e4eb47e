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
  // A literal: the compiler evaluates declared_index, and an undeclared ID is a compile error
  // (a throw is not a constant expression).
  consteval CheckId(const char* id) : index_(declared_index(id)) {  // NOLINT: implicit by design
    if (index_ == kUndeclared) throw std::logic_error("undeclared check ID");
  }
  // The ID of a declaration taken from the arrays (loops over a family's checks).
  static CheckId of(const CheckSpec& spec) { return named(spec.id); }
  // An ID composed at run time; throws std::logic_error when it is not declared.
  static CheckId named(std::string_view id) {
    const auto index = declared_index(id);
    if (index == kUndeclared) throw std::logic_error("undeclared check ID: " + std::string(id));
    return CheckId(index);
  }

  constexpr const CheckSpec& spec() const { return kAllChecks[index_]; }
  // Its place among all declarations: the order reports and tables follow.
  constexpr std::size_t index() const { return index_; }
  constexpr std::string_view view() const { return spec().id; }
  constexpr operator std::string_view() const { return view(); }  // NOLINT: reads as a string
  std::string str() const { return std::string(view()); }
  friend constexpr bool operator==(CheckId a, std::string_view b) { return a.view() == b; }

 private:
  explicit constexpr CheckId(std::size_t index) : index_(index) {}
  std::size_t index_;
};

}  // namespace baseline::checks
