// SPDX-License-Identifier: Apache-2.0
#include "notices/mail_folder.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

namespace baseline::notices {

namespace fs = std::filesystem;

core::Result<FolderCount> read_maildir(const std::string& directory, const MessageCallback& each,
                                       FolderLimits limits) {
  const fs::path root(directory);
  std::error_code ec;
  if (!fs::is_directory(root / "new", ec) && !fs::is_directory(root / "cur", ec)) {
    return core::make_error(directory + " is not a maildir (no new/ or cur/)");
  }
  std::vector<fs::path> files;
  for (const auto* sub : {"new", "cur"}) {
    for (fs::directory_iterator it(root / sub, ec), end; !ec && it != end; it.increment(ec)) {
      if (files.size() >= limits.max_messages) break;
      if (it->is_regular_file(ec)) files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  FolderCount count;
  for (const auto& file : files) {
    const auto size = fs::file_size(file, ec);
    if (ec) continue;  // delivered and removed meanwhile
    if (size > limits.max_bytes) {
      ++count.too_large;
      continue;
    }
    std::ifstream in(file, std::ios::binary);
    std::string message(size, '\0');
    if (!in.read(message.data(), static_cast<std::streamsize>(size))) continue;
    ++count.messages;
    each(message);
  }
  return count;
}

core::Result<FolderCount> read_mbox(const std::string& file, const MessageCallback& each,
                                    FolderLimits limits) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return core::make_error("cannot open " + file);
  FolderCount count;
  std::string message, line;
  bool inside = false, oversized = false;
  auto finish = [&] {
    if (!inside) return;
    if (oversized) {
      ++count.too_large;
    } else if (count.messages < limits.max_messages) {
      ++count.messages;
      each(message);
    }
    message.clear();
    oversized = false;
  };
  // A line is read in pieces of at most max_bytes: a line without end cannot fill the memory.
  std::vector<char> buffer(limits.max_bytes + 2);
  bool at_line_start = true;
  while (in.getline(buffer.data(), static_cast<std::streamsize>(buffer.size())) ||
         in.gcount() > 0) {
    // failbit: the piece filled the buffer (the line goes on); eofbit: the last line had no LF.
    const bool piece = in.fail();
    const bool whole_line = !piece && !in.eof();
    line.assign(buffer.data(), static_cast<std::size_t>(in.gcount()) - (whole_line ? 1 : 0));
    if (piece) in.clear();
    if (at_line_start && line.starts_with("From ")) {
      finish();
      inside = true;
    } else if (inside && !oversized) {
      if (message.size() + line.size() + 1 > limits.max_bytes) {
        oversized = true;
        message.clear();
      } else {
        message += line;
        if (whole_line) message += '\n';
      }
    }
    at_line_start = whole_line;
    if (count.messages >= limits.max_messages) break;
    if (in.eof()) break;
  }
  finish();
  return count;
}

}  // namespace baseline::notices
