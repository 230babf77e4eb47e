// SPDX-License-Identifier: Apache-2.0
// One trust store per process: the system store plus a --ca-file, parsed once and shared by the
// TLS handshake and the HTTP client (parsing the system bundle costs about 20 ms of CPU; a domain
// test verifies several chains). X509_STORE is reference-counted and safe to verify against from
// several threads; shared_trust_store() is thread-safe.
#pragma once

#include <string>

#include "tls/openssl_handles.h"

namespace baseline::tls {

// The store for `ca_file` (empty: the system store alone), with a reference for the caller.
X509StorePtr shared_trust_store(const std::string& ca_file);

}  // namespace baseline::tls
