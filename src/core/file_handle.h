// SPDX-License-Identifier: Apache-2.0
// FileHandle: the one owner of a C `FILE*` (fclose when it goes), for the places that need
// stdio: the routing data readers (and libbz2, which reads from a FILE*), the RTR log capture and
// libunbound's log stream.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

namespace baseline::core {

struct FileCloser {
  void operator()(std::FILE* file) const {
    if (file) std::fclose(file);
  }
};

using FileHandle = std::unique_ptr<std::FILE, FileCloser>;

// fopen, owned; null (with errno set) when it fails.
inline FileHandle open_file(const std::string& path, const char* mode) {
  return FileHandle(std::fopen(path.c_str(), mode));
}

}  // namespace baseline::core
