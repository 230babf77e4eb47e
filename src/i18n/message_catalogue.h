// SPDX-License-Identifier: Apache-2.0
// The translations of one language read from its compiled gettext catalogue (.mo), for text
// whose language is not the process's: a notice goes out in its recipient's language while the
// rest of the run speaks another. gettext itself follows the process's one language (LANGUAGE),
// so these are looked up here instead. Thread-safe: catalogues are loaded once and never change.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace baseline::i18n {

class MessageCatalogue {
 public:
  // A GNU .mo file (either byte order); bounded (16 MiB), every offset checked. On failure,
  // nullopt and the reason in *error (when given). i18n is below core (docs/architecture.md,
  // src/layers.txt), so it has no core::Result.
  static std::optional<MessageCatalogue> parse(std::string_view bytes,
                                               std::string* error = nullptr);
  static std::optional<MessageCatalogue> load(const std::string& path,
                                              std::string* error = nullptr);
  // The translation of `msgid`, or nullptr.
  const std::string* find(std::string_view msgid) const;
  std::size_t size() const { return translations_.size(); }

 private:
  std::map<std::string, std::string, std::less<>> translations_;
};

// The catalogue of a shipped language ("nl", "pt-BR") from the locale directory, loaded at first
// use; nullptr for English, a language not shipped, or a missing catalogue.
const MessageCatalogue* catalogue_for(std::string_view language);

// `msgid` in `language` (English when there is no translation).
std::string translate(std::string_view language, std::string_view msgid);

}  // namespace baseline::i18n
