// SPDX-License-Identifier: Apache-2.0
// Owners of the decompression libraries' handles, each closed once with its own close function:
// zlib's gzFile (gzclose) and libbz2's reading BZFILE* (BZ2_bzReadClose). A bzip2 handle reads
// from a FILE* it does not own: that FILE* (core::FileHandle) must outlive it.
#pragma once

#include <bzlib.h>
#include <zlib.h>

#include <memory>
#include <type_traits>

namespace baseline::routing {

struct GzipCloser {
  void operator()(gzFile file) const {
    if (file) gzclose(file);
  }
};
// gzFile is a pointer to zlib's gzFile_s.
using GzipHandle = std::unique_ptr<std::remove_pointer_t<gzFile>, GzipCloser>;

struct Bzip2ReadCloser {
  void operator()(BZFILE* stream) const {
    int error = BZ_OK;
    if (stream) BZ2_bzReadClose(&error, stream);
  }
};
using Bzip2ReadHandle = std::unique_ptr<BZFILE, Bzip2ReadCloser>;

}  // namespace baseline::routing
