// SPDX-License-Identifier: Apache-2.0
#include "mail/dkim/dkim_key.h"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <optional>
#include <vector>

#include "i18n/finding.h"
#include "mail/tag_list.h"

namespace baseline::mail::dkim {
namespace {
using core::make_error;

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

core::Result<std::vector<unsigned char>> decode_base64(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') compact += c;
  }
  if (compact.size() % 4 != 0) return make_error(i18n::finding("p= is not base64 (length)"));
  std::vector<unsigned char> out(compact.size() / 4 * 3 + 1);
  int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(compact.data()),
                          static_cast<int>(compact.size()));
  if (n < 0) return make_error(i18n::finding("p= is not base64"));
  std::size_t padding = 0;
  if (!compact.empty() && compact.back() == '=') ++padding;
  if (compact.size() > 1 && compact[compact.size() - 2] == '=') ++padding;
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

}  // namespace

core::Result<PublicKey> parse_key_record(std::string_view text) {
  auto tags = parse_tag_list(text);
  if (!tags) return tags.error();
  PublicKey key;
  std::string key_type = "rsa";
  std::optional<std::string> data;
  for (std::size_t i = 0; i < tags->size(); ++i) {
    const auto& [tag, value] = (*tags)[i];
    if (tag == "v") {
      if (i != 0) return make_error(i18n::finding("v= must be the first tag"));
      if (value != "DKIM1")
        return make_error(i18n::finding("v={value} is not DKIM1", fmt::arg("value", value)));
    } else if (tag == "k") {
      key_type = lowercase(value);
    } else if (tag == "p") {
      data = value;
    } else if (tag == "t") {
      for (char flag : value) key.testing = key.testing || flag == 'y';
    }
  }
  if (!data) return make_error(i18n::finding("the key record has no p= tag"));
  if (key_type == "ed25519") {
    key.type = KeyType::kEd25519;
  } else if (key_type != "rsa") {
    return make_error(
        i18n::finding("k={value} is not a known key type", fmt::arg("value", key_type)));
  }
  if (trim(*data).empty()) {
    key.revoked = true;
    return key;
  }
  auto bytes = decode_base64(*data);
  if (!bytes) return bytes.error();
  if (key.type == KeyType::kEd25519) {
    if (bytes->size() != 32) return make_error(i18n::finding("an Ed25519 key must be 32 bytes"));
    key.bits = 256;
    return key;
  }
  // RSA keys are published as a DER SubjectPublicKeyInfo (RFC 6376 §3.6.1).
  const unsigned char* cursor = bytes->data();
  std::unique_ptr<EVP_PKEY, PkeyFree> pkey(
      d2i_PUBKEY(nullptr, &cursor, static_cast<long>(bytes->size())));
  if (!pkey || EVP_PKEY_get_base_id(pkey.get()) != EVP_PKEY_RSA) {
    return make_error(i18n::finding("p= does not hold an RSA public key"));
  }
  key.bits = EVP_PKEY_get_bits(pkey.get());
  return key;
}

}  // namespace baseline::mail::dkim
