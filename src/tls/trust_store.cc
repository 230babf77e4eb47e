// SPDX-License-Identifier: Apache-2.0
#include "tls/trust_store.h"

#include <map>
#include <mutex>

namespace baseline::tls {

X509StorePtr shared_trust_store(const std::string& ca_file) {
  static std::mutex mutex;
  static std::map<std::string, X509StorePtr> stores;
  std::lock_guard lock(mutex);
  auto& cached = stores[ca_file];
  if (!cached) {
    cached.reset(X509_STORE_new());
    X509_STORE_set_default_paths(cached.get());
    if (!ca_file.empty()) X509_STORE_load_file(cached.get(), ca_file.c_str());
  }
  X509_STORE_up_ref(cached.get());
  return X509StorePtr(cached.get());
}

}  // namespace baseline::tls
