// SPDX-License-Identifier: Apache-2.0
#include "routing/byte_source.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/file_handle.h"
#include "routing/decompressor_handles.h"

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
  PlainFile(std::string name, core::FileHandle file)
      : ByteSource(std::move(name)), file_(std::move(file)) {}
  core::Result<std::size_t> read(std::span<std::uint8_t> buffer) override {
    const std::size_t n =
        std::fread(buffer.data(), 1, std::min<std::size_t>(buffer.size(), kChunk), file_.get());
    if (n == 0 && std::ferror(file_.get())) {
      return core::make_error(name() + ": read error at offset " + std::to_string(offset_) + ": " +
                              std::strerror(errno));
    }
    offset_ += n;
    return n;
  }

 private:
  core::FileHandle file_;
};

class GzipFile final : public ByteSource {
 public:
  GzipFile(std::string name, GzipHandle file)
      : ByteSource(std::move(name)), file_(std::move(file)) {}
  core::Result<std::size_t> read(std::span<std::uint8_t> buffer) override {
    const int n = gzread(file_.get(), buffer.data(),
                         static_cast<unsigned>(std::min<std::size_t>(buffer.size(), kChunk)));
    if (n < 0) {
      int code = 0;
      const char* why = gzerror(file_.get(), &code);
      return core::make_error(name() + ": corrupt gzip data near decompressed offset " +
                              std::to_string(offset_) + ": " + (why ? why : "unknown error"));
    }
    offset_ += static_cast<std::uint64_t>(n);
    return static_cast<std::size_t>(n);
  }

 private:
  GzipHandle file_;
};

class Bzip2File final : public ByteSource {
 public:
  Bzip2File(std::string name, core::FileHandle file)
      : ByteSource(std::move(name)), file_(std::move(file)) {}
  core::Result<std::size_t> read(std::span<std::uint8_t> buffer) override {
    std::size_t done = 0;
    while (done == 0 && !finished_) {
      int error = BZ_OK;
      if (!stream_) {
        // A new stream: the start of the file, or the next stream of a concatenated file.
        stream_.reset(BZ2_bzReadOpen(&error, file_.get(), 0, 0, pending_, pending_size_));
        if (error != BZ_OK) return failure("cannot start bzip2 stream", error);  // stream_ null
      }
      const int n = BZ2_bzRead(&error, stream_.get(), buffer.data(),
                               static_cast<int>(std::min<std::size_t>(buffer.size(), kChunk)));
      if (error != BZ_OK && error != BZ_STREAM_END) return failure("corrupt bzip2 data", error);
      done = static_cast<std::size_t>(n);
      if (error == BZ_STREAM_END) {
        void* unused = nullptr;
        int unused_size = 0;
        BZ2_bzReadGetUnused(&error, stream_.get(), &unused, &unused_size);
        std::memcpy(pending_, unused, static_cast<std::size_t>(unused_size));
        pending_size_ = unused_size;
        stream_.reset();  // closes this stream; the next one starts from pending_
        if (pending_size_ == 0) {
          const int c = std::fgetc(file_.get());
          if (c == EOF) {
            finished_ = true;
          } else {
            std::ungetc(c, file_.get());
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
  core::FileHandle file_;  // read by stream_: declared first, so closed last
  Bzip2ReadHandle stream_;
  char pending_[BZ_MAX_UNUSED];
  int pending_size_ = 0;
  bool finished_ = false;
};

}  // namespace

core::Result<std::unique_ptr<ByteSource>> open_file(const std::string& path) {
  auto file = core::open_file(path, "rb");
  if (!file) return core::make_error("cannot open " + path + ": " + std::strerror(errno));
  unsigned char magic[3] = {0, 0, 0};
  const std::size_t got = std::fread(magic, 1, sizeof magic, file.get());
  std::rewind(file.get());
  if (got >= 2 && magic[0] == 0x1F && magic[1] == 0x8B) {
    file.reset();
    GzipHandle gz(gzopen(path.c_str(), "rb"));
    if (!gz) return core::make_error("cannot open " + path + " as gzip");
    gzbuffer(gz.get(), 1u << 17);
    return std::unique_ptr<ByteSource>(std::make_unique<GzipFile>(path, std::move(gz)));
  }
  if (got == 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
    return std::unique_ptr<ByteSource>(std::make_unique<Bzip2File>(path, std::move(file)));
  }
  return std::unique_ptr<ByteSource>(std::make_unique<PlainFile>(path, std::move(file)));
}

}  // namespace baseline::routing
