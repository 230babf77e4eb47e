// SPDX-License-Identifier: Apache-2.0
#include "i18n/message_catalogue.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>

#include "i18n/i18n.h"

namespace baseline::i18n {
namespace {

constexpr std::size_t kMaxCatalogueBytes = 16 * 1024 * 1024;
constexpr std::uint32_t kMagic = 0x950412de;
constexpr std::uint32_t kMagicSwapped = 0xde120495;

std::uint32_t word(std::string_view bytes, std::size_t at, bool swapped) {
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    const auto b = static_cast<std::uint8_t>(bytes[at + static_cast<std::size_t>(i)]);
    value |= static_cast<std::uint32_t>(b) << (swapped ? 8 * (3 - i) : 8 * i);
  }
  return value;
}

// nullopt, with the reason in *error when asked for.
std::nullopt_t failure(std::string* error, std::string reason) {
  if (error != nullptr) *error = std::move(reason);
  return std::nullopt;
}

}  // namespace

std::optional<MessageCatalogue> MessageCatalogue::parse(std::string_view bytes,
                                                        std::string* error) {
  if (bytes.size() > kMaxCatalogueBytes) return failure(error, "catalogue larger than 16 MiB");
  if (bytes.size() < 20) return failure(error, "not a gettext catalogue (too short)");
  const auto magic = word(bytes, 0, false);
  if (magic != kMagic && magic != kMagicSwapped) return failure(error, "not a gettext catalogue");
  const bool swapped = magic == kMagicSwapped;
  const std::uint64_t count = word(bytes, 8, swapped);
  const std::uint64_t originals = word(bytes, 12, swapped);
  const std::uint64_t translations = word(bytes, 16, swapped);
  if (originals + count * 8 > bytes.size() || translations + count * 8 > bytes.size()) {
    return failure(error, "gettext catalogue: tables beyond the end");
  }
  auto string_at = [&](std::uint64_t table, std::uint64_t i) -> std::optional<std::string_view> {
    const std::uint64_t length = word(bytes, table + i * 8, swapped);
    const std::uint64_t offset = word(bytes, table + i * 8 + 4, swapped);
    if (offset + length >= bytes.size()) return std::nullopt;  // and its NUL
    return bytes.substr(offset, length);
  };
  MessageCatalogue out;
  for (std::uint64_t i = 0; i < count; ++i) {
    const auto original = string_at(originals, i);
    const auto translation = string_at(translations, i);
    if (!original || !translation)
      return failure(error, "gettext catalogue: string beyond the end");
    // The header (empty msgid), plural and context entries are not used by Baseline.
    if (original->empty() || original->find('\0') != std::string_view::npos ||
        original->find('\x04') != std::string_view::npos || translation->empty()) {
      continue;
    }
    out.translations_.emplace(std::string(*original), std::string(*translation));
  }
  return out;
}

std::optional<MessageCatalogue> MessageCatalogue::load(const std::string& path,
                                                       std::string* error) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return failure(error, "cannot read " + path + ": " + ec.message());
  if (size > kMaxCatalogueBytes) return failure(error, path + " is larger than 16 MiB");
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::string why;
  auto parsed = parse(bytes.str(), &why);
  if (!parsed) return failure(error, path + ": " + why);
  return parsed;
}

const std::string* MessageCatalogue::find(std::string_view msgid) const {
  const auto it = translations_.find(msgid);
  return it == translations_.end() ? nullptr : &it->second;
}

const MessageCatalogue* catalogue_for(std::string_view language) {
  const auto tag = match_language(language);
  if (tag.empty() || tag == "en") return nullptr;
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<MessageCatalogue>> loaded;
  std::lock_guard lock(mutex);
  auto it = loaded.find(tag);
  if (it == loaded.end()) {
    std::string directory_name = tag;
    for (auto& c : directory_name) c = c == '-' ? '_' : c;
    auto catalogue =
        MessageCatalogue::load((std::filesystem::path(locale_directory()) / directory_name /
                                "LC_MESSAGES" / (std::string(kTextDomain) + ".mo"))
                                   .string());
    it = loaded
             .emplace(tag, catalogue ? std::make_unique<MessageCatalogue>(std::move(*catalogue))
                                     : nullptr)
             .first;
  }
  return it->second.get();
}

std::string translate(std::string_view language, std::string_view msgid) {
  if (const auto* catalogue = catalogue_for(language)) {
    if (const auto* text = catalogue->find(msgid)) return *text;
  }
  return std::string(msgid);
}

}  // namespace baseline::i18n
