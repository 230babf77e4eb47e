// SPDX-License-Identifier: Apache-2.0
#include "accounts/account_name.h"

#include <cctype>

namespace baseline::accounts {

std::string account_name_problem(std::string_view name) {
  if (name.empty()) return "the account name is empty";
  if (name.size() > kMaxAccountName) {
    return "the account name is longer than " + std::to_string(kMaxAccountName) + " characters";
  }
  if (!std::isalnum(static_cast<unsigned char>(name.front()))) {
    return "the account name must start with a letter or a digit";
  }
  for (unsigned char c : name) {
    if (!std::isalnum(c) && c != '.' && c != '_' && c != '-' && c != '@') {
      return "the account name may hold only letters, digits and . _ - @";
    }
  }
  return {};
}

std::string account_key(std::string_view name) {
  std::string out(name);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace baseline::accounts
