// SPDX-License-Identifier: Apache-2.0
// ByteSource: a stream of bytes with its position, read in bounded chunks. FileSource opens a
// file and decompresses gzip or bzip2 on the fly (detected by the magic bytes, not the name);
// MemorySource reads a buffer (tests, fuzzing). Positions are in the decompressed stream, which
// is what error messages name.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "core/result.h"

namespace baseline::routing {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to buffer.size() bytes; 0 means the end. An Error means the data is unreadable
  // (I/O error, corrupt compressed stream).
  virtual core::Result<std::size_t> read(std::span<std::uint8_t> buffer) = 0;
  // Reads exactly buffer.size() bytes unless the stream ends first; returns how many were read.
  core::Result<std::size_t> read_fully(std::span<std::uint8_t> buffer);
  std::uint64_t offset() const { return offset_; }
  const std::string& name() const { return name_; }

 protected:
  explicit ByteSource(std::string name) : name_(std::move(name)) {}
  std::uint64_t offset_ = 0;  // implementations advance it by what read() returns

 private:
  std::string name_;
};

class MemorySource final : public ByteSource {
 public:
  MemorySource(std::span<const std::uint8_t> data, std::string name = "memory")
      : ByteSource(std::move(name)), data_(data) {}
  core::Result<std::size_t> read(std::span<std::uint8_t> buffer) override;

 private:
  std::span<const std::uint8_t> data_;
};

enum class Compression { kNone, kGzip, kBzip2 };

// Opens `path` for reading; gzip and bzip2 are recognised by their first bytes.
core::Result<std::unique_ptr<ByteSource>> open_file(const std::string& path);

}  // namespace baseline::routing
