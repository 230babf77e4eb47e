// SPDX-License-Identifier: Apache-2.0
#include "routing/testing/mrt_writer.h"

#include <bzlib.h>
#include <zlib.h>

#include <cstdio>
#include <stdexcept>

namespace baseline::routing::testing {
namespace {

void put16(std::vector<std::uint8_t>& out, std::uint32_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}
void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  put16(out, v >> 16);
  put16(out, v & 0xFFFF);
}

}  // namespace

std::vector<std::uint8_t> path_attributes(const std::vector<PathSegment>& segments, int width,
                                          std::uint8_t attribute_type) {
  std::vector<std::uint8_t> out{0x40, 1, 1, 0};  // ORIGIN IGP
  std::vector<std::uint8_t> path;
  for (const auto& s : segments) {
    path.push_back(s.type);
    path.push_back(static_cast<std::uint8_t>(s.asns.size()));
    for (auto asn : s.asns) width == 4 ? put32(path, asn) : put16(path, asn);
  }
  out.push_back(path.size() > 255 ? 0x50 : 0x40);
  out.push_back(attribute_type);
  if (path.size() > 255) {
    put16(out, static_cast<std::uint32_t>(path.size()));
  } else {
    out.push_back(static_cast<std::uint8_t>(path.size()));
  }
  out.insert(out.end(), path.begin(), path.end());
  return out;
}

std::vector<std::uint8_t> origin_path(std::vector<std::uint32_t> path) {
  return path_attributes({PathSegment{2, std::move(path)}});
}

void MrtWriter::record(std::uint16_t type, std::uint16_t subtype,
                       const std::vector<std::uint8_t>& body) {
  put32(bytes_, 1700000000);
  put16(bytes_, type);
  put16(bytes_, subtype);
  put32(bytes_, static_cast<std::uint32_t>(body.size()));
  bytes_.insert(bytes_.end(), body.begin(), body.end());
}

void MrtWriter::peer_index_table(const std::vector<std::uint32_t>& peer_asns) {
  std::vector<std::uint8_t> body;
  put32(body, 0xC6120001);  // collector BGP ID 198.18.0.1
  put16(body, 0);           // no view name
  put16(body, static_cast<std::uint32_t>(peer_asns.size()));
  for (std::size_t i = 0; i < peer_asns.size(); ++i) {
    body.push_back(0x02);  // IPv4 peer address, 4-byte AS
    put32(body, 0xC6120000 + static_cast<std::uint32_t>(i));
    put32(body, 0xC6120000 + static_cast<std::uint32_t>(i));
    put32(body, peer_asns[i]);
  }
  record(13, 1, body);
}

void MrtWriter::rib(const IpPrefix& prefix, const std::vector<Entry>& entries, bool add_path) {
  std::vector<std::uint8_t> body;
  put32(body, sequence_++);
  body.push_back(static_cast<std::uint8_t>(prefix.length()));
  for (int i = 0; i < (prefix.length() + 7) / 8; ++i) body.push_back(prefix.bytes()[i]);
  put16(body, static_cast<std::uint32_t>(entries.size()));
  for (const auto& e : entries) {
    put16(body, e.peer);
    put32(body, 1700000000);
    if (add_path) put32(body, 1);
    put16(body, static_cast<std::uint32_t>(e.attributes.size()));
    body.insert(body.end(), e.attributes.begin(), e.attributes.end());
  }
  const bool v4 = prefix.family() == IpFamily::kIpv4;
  record(13, add_path ? (v4 ? 8 : 10) : (v4 ? 2 : 4), body);
}

void write_file(const std::string& path, const std::vector<std::uint8_t>& data, WriteAs as) {
  if (as == WriteAs::kGzip) {
    gzFile gz = gzopen(path.c_str(), "wb");
    if (!gz || gzwrite(gz, data.data(), static_cast<unsigned>(data.size())) !=
                   static_cast<int>(data.size())) {
      throw std::runtime_error("cannot write " + path);
    }
    gzclose(gz);
    return;
  }
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) throw std::runtime_error("cannot write " + path);
  if (as == WriteAs::kPlain) {
    std::fwrite(data.data(), 1, data.size(), file);
  } else {
    int error = 0;
    BZFILE* bz = BZ2_bzWriteOpen(&error, file, 9, 0, 0);
    BZ2_bzWrite(&error, bz, const_cast<std::uint8_t*>(data.data()), static_cast<int>(data.size()));
    BZ2_bzWriteClose(&error, bz, 0, nullptr, nullptr);
    if (error != BZ_OK) throw std::runtime_error("cannot bzip2 " + path);
  }
  std::fclose(file);
}

}  // namespace baseline::routing::testing
