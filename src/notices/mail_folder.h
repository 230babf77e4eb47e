// SPDX-License-Identifier: Apache-2.0
// Reading the messages that arrived for the notices' sender: a maildir (the files of new/ and
// cur/) or an mbox file (messages after "From " lines, as Postfix's local and virtual delivery
// write them). Bounded: a message over `max_bytes` is counted and skipped without being read
// whole, and at most `max_messages` are read. Not thread-safe (one call at a time).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace baseline::notices {

struct FolderLimits {
  std::size_t max_bytes = 1024 * 1024;
  std::size_t max_messages = 100000;
};

struct FolderCount {
  std::size_t messages = 0;   // handed to the callback
  std::size_t too_large = 0;  // skipped
};

using MessageCallback = std::function<void(std::string_view message)>;

// Errors: the folder cannot be opened (not a maildir: no new/ or cur/; no such file).
core::Result<FolderCount> read_maildir(const std::string& directory, const MessageCallback& each,
                                       FolderLimits limits = {});
core::Result<FolderCount> read_mbox(const std::string& file, const MessageCallback& each,
                                    FolderLimits limits = {});

}  // namespace baseline::notices
