// SPDX-License-Identifier: Apache-2.0
#include "routing/byte_source.h"

#include <bzlib.h>
#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace baseline::routing {

core::Result<std::size_t> ByteSource::read_fully(std::span<std::uint8_t> buffer) {
  std::size_t done = 0;
  while (done < buffer.size()) {
    auto n = read(buffer.subspan(done));
    if (!n) return n.error();
    if (*n == 0) break;
    done += *n;
  }
  return done;
}

core::Result<std::size_t> MemorySource::read(std::span<std::uint8_t> buffer) {
  const std::size_t left = data_.size() - static_cast<std::size_t>(offset_);
  const std::size_t n = std::min(left, buffer.size());
  if (n > 0) std::memcpy(buffer.data(), data_.data() + offset_, n);
  offset_ += n;
  return n;
}

namespace {

constexpr unsigned kChunk = 1u << 20;  // at most this much is asked of a decompressor at once

class PlainFile final : public ByteSource {
 public:
  PlainFile(std::string name, std::FILE* file) : ByteSource(std::move(name)), file_(file) {}
  ~PlainFile() override { std::fclose(file_); }
  core::Result<std::size_t> read(std::span<std::uint8_t> buffer) override {
    const std::size_t n =
        std::fread(buffer.data(), 1, std::min<std::size_t>(buffer.size(), kChunk), file_);
    if (n == 0 && std::ferror(file_)) {
      return core::make_error(name() + ": read error at offset " + std::to_string(offset_) + ": " +
                              std::strerror(errno));
    }
    offset_ += n;
    return n;
  }

 private:
  std::FILE* file_;
};

class GzipFile final : public ByteSource {
 public:
  GzipFile(std::string name, gzFile file) : ByteSource(std::move(name)), file_(file) {}
  ~GzipFile() override { gzclose(file_); }
  core::Result<std::size_t> read(std::span<std::uint8_t> buffer) override {
    const int n = gzread(file_, buffer.data(),
                         static_cast<unsigned>(std::min<std::size_t>(buffer.size(), kChunk)));
    if (n < 0) {
      int code = 0;
      const char* why = gzerror(file_, &code);
      return core::make_error(name() + ": corrupt gzip data near decompressed offset " +
                              std::to_string(offset_) + ": " + (why ? why : "unknown error"));
    }
    offset_ += static_cast<std::uint64_t>(n);
    return static_cast<std::size_t>(n);
  }

 private:
  gzFile file_;
};

class Bzip2File final : public ByteSource {
 public:
  Bzip2File(std::string name, std::FILE* file) : ByteSource(std::move(name)), file_(file) {}
  ~Bzip2File() override {
    int error = 0;
    if (stream_) BZ2_bzReadClose(&error, stream_);
    std::fclose(file_);
  }
  core::Result<std::size_t> read(std::span<std::uint8_t> buffer) override {
    std::size_t done = 0;
    while (done == 0 && !finished_) {
      int error = BZ_OK;
      if (!stream_) {
        // A new stream: the start of the file, or the next stream of a concatenated file.
        stream_ = BZ2_bzReadOpen(&error, file_, 0, 0, pending_, pending_size_);
        if (error != BZ_OK) return failure("cannot start bzip2 stream", error);
      }
      const int n = BZ2_bzRead(&error, stream_, buffer.data(),
                               static_cast<int>(std::min<std::size_t>(buffer.size(), kChunk)));
      if (error != BZ_OK && error != BZ_STREAM_END) return failure("corrupt bzip2 data", error);
      done = static_cast<std::size_t>(n);
      if (error == BZ_STREAM_END) {
        void* unused = nullptr;
        int unused_size = 0;
        BZ2_bzReadGetUnused(&error, stream_, &unused, &unused_size);
        std::memcpy(pending_, unused, static_cast<std::size_t>(unused_size));
        pending_size_ = unused_size;
        BZ2_bzReadClose(&error, stream_);
        stream_ = nullptr;
        if (pending_size_ == 0) {
          const int c = std::fgetc(file_);
          if (c == EOF) {
            finished_ = true;
          } else {
            std::ungetc(c, file_);
          }
        }
      }
    }
    offset_ += done;
    return done;
  }

 private:
  core::Error failure(const char* what, int code) {
    return core::make_error(name() + ": " + what + " near decompressed offset " +
                            std::to_string(offset_) + " (libbz2 error " + std::to_string(code) +
                            ")");
  }
  std::FILE* file_;
  BZFILE* stream_ = nullptr;
  char pending_[BZ_MAX_UNUSED];
  int pending_size_ = 0;
  bool finished_ = false;
};

}  // namespace

core::Result<std::unique_ptr<ByteSource>> open_file(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return core::make_error("cannot open " + path + ": " + std::strerror(errno));
  unsigned char magic[3] = {0, 0, 0};
  const std::size_t got = std::fread(magic, 1, sizeof magic, file);
  std::rewind(file);
  if (got >= 2 && magic[0] == 0x1F && magic[1] == 0x8B) {
    std::fclose(file);
    gzFile gz = gzopen(path.c_str(), "rb");
    if (!gz) return core::make_error("cannot open " + path + " as gzip");
    gzbuffer(gz, 1u << 17);
    return std::unique_ptr<ByteSource>(new GzipFile(path, gz));
  }
  if (got == 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
    return std::unique_ptr<ByteSource>(new Bzip2File(path, file));
  }
  return std::unique_ptr<ByteSource>(new PlainFile(path, file));
}

}  // namespace baseline::routing
