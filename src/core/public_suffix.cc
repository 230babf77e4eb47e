// SPDX-License-Identifier: Apache-2.0
#include "core/public_suffix.h"

#include <libpsl.h>

namespace baseline::core {
namespace {

const psl_ctx_t* context() {
  // psl_latest() picks the newer of the system list and the built-in one; loaded once, read-only.
  static const psl_ctx_t* const ctx = [] {
    const psl_ctx_t* latest = psl_latest(nullptr);
    return latest != nullptr ? latest : psl_builtin();
  }();
  return ctx;
}

}  // namespace

std::string organizational_domain(const std::string& domain) {
  const psl_ctx_t* ctx = context();
  if (ctx == nullptr) return domain;
  const char* registrable = psl_registrable_domain(ctx, domain.c_str());
  return registrable != nullptr ? std::string(registrable) : domain;
}

}  // namespace baseline::core
