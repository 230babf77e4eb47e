// SPDX-License-Identifier: Apache-2.0
// A language for the current thread while an object lives: the web front renders each request in
// the language the visitor chose, while other threads serve other languages.
#pragma once

#include <string>

namespace baseline::i18n {

// Whether texts can be looked up in `language` (a shipped tag whose catalogue was loaded by
// set_language; "en" always).
bool has_catalogue(const std::string& language);

class ScopedLanguage {
 public:
  // `language` is a shipped tag; one without a loaded catalogue falls back to English.
  explicit ScopedLanguage(std::string language);
  ~ScopedLanguage();
  ScopedLanguage(const ScopedLanguage&) = delete;
  ScopedLanguage& operator=(const ScopedLanguage&) = delete;

 private:
  std::string language_;
  const std::string* previous_;
};

}  // namespace baseline::i18n
