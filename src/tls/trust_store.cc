// SPDX-License-Identifier: Apache-2.0
#include "tls/trust_store.h"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

namespace baseline::tls {
namespace {

// Whether `dir` holds OpenSSL's subject-hash links (c_rehash, update-ca-certificates): NNNNNNNN.0.
bool has_hash_links(const std::filesystem::path& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const auto name = entry.path().filename().string();
    if (name.size() == 10 && name.ends_with(".0")) return true;
  }
  return false;
}

// Whether SSL_CERT_FILE is unset or names the system bundle itself (as many environments set it),
// which holds the same CAs as the system's hashed directory.
bool bundle_is_the_default(const char* file_env) {
  if (file_env == nullptr) return true;
  std::error_code ec;
  return std::filesystem::equivalent(file_env, X509_get_default_cert_file(), ec);
}

// The system store. Its CA directory is read lazily, by subject hash, so that a process parses
// the few CAs its chains name instead of the whole bundle (parsing ~140 PEM certificates cost a
// sixth of a domain test's CPU). Without hash links, or when SSL_CERT_FILE names another
// bundle, the bundle is loaded as before.
void add_system_store(X509_STORE* store) {
  const char* dir_env = std::getenv(X509_get_default_cert_dir_env());
  const char* file_env = std::getenv(X509_get_default_cert_file_env());
  const std::string dir = dir_env != nullptr ? dir_env : X509_get_default_cert_dir();
  if (bundle_is_the_default(file_env) && has_hash_links(dir)) {
    X509_LOOKUP* lookup = X509_STORE_add_lookup(store, X509_LOOKUP_hash_dir());
    if (lookup != nullptr && X509_LOOKUP_add_dir(lookup, dir.c_str(), X509_FILETYPE_PEM) == 1) {
      return;
    }
  }
  X509_STORE_set_default_paths(store);
}

}  // namespace

X509StorePtr shared_trust_store(const std::string& ca_file) {
  static std::mutex mutex;
  static std::map<std::string, X509StorePtr> stores;
  std::lock_guard lock(mutex);
  auto& cached = stores[ca_file];
  if (!cached) {
    cached.reset(X509_STORE_new());
    add_system_store(cached.get());
    if (!ca_file.empty()) X509_STORE_load_file(cached.get(), ca_file.c_str());
  }
  X509_STORE_up_ref(cached.get());
  return X509StorePtr(cached.get());
}

}  // namespace baseline::tls
