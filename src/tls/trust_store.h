// SPDX-License-Identifier: Apache-2.0
// One trust store per process: the system store plus a --ca-file, set up once and shared by the
// TLS handshake and the HTTP client. The system's CA directory is read lazily by subject hash, so
// only the CAs that chains name are parsed (the whole bundle costs about 15 ms of CPU). X509_STORE
// is reference-counted and safe to verify against from several threads; shared_trust_store() is
// thread-safe.
#pragma once

#include <string>

#include "tls/openssl_handles.h"

namespace baseline::tls {

// The store for `ca_file` (empty: the system store alone), with a reference for the caller.
X509StorePtr shared_trust_store(const std::string& ca_file);

}  // namespace baseline::tls
