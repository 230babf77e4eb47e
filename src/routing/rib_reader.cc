// SPDX-License-Identifier: Apache-2.0
#include "routing/rib_reader.h"

#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace baseline::routing {
namespace {

constexpr std::uint16_t kTableDumpV2 = 13;
enum Subtype : std::uint16_t {
  kPeerIndexTable = 1,
  kRibIpv4Unicast = 2,
  kRibIpv6Unicast = 4,
  kRibIpv4UnicastAddPath = 8,
  kRibIpv6UnicastAddPath = 10,
};
constexpr std::uint8_t kAttrAsPath = 2;
constexpr std::uint8_t kAttrAs4Path = 17;
constexpr std::uint8_t kSegmentAsSet = 1;
constexpr std::uint8_t kSegmentAsSequence = 2;
constexpr std::uint8_t kSegmentConfedSequence = 3;
constexpr std::uint8_t kSegmentConfedSet = 4;
constexpr std::uint32_t kAsTrans = 23456;

// A bounds-checked view of one record's body. Every read says whether the bytes were there.
class Cursor {
 public:
  explicit Cursor(std::span<const std::uint8_t> data) : data_(data) {}
  bool u8(std::uint8_t& out) {
    if (left() < 1) return false;
    out = data_[pos_++];
    return true;
  }
  bool u16(std::uint16_t& out) {
    if (left() < 2) return false;
    out = static_cast<std::uint16_t>(data_[pos_] << 8 | data_[pos_ + 1]);
    pos_ += 2;
    return true;
  }
  bool u32(std::uint32_t& out) {
    if (left() < 4) return false;
    out = static_cast<std::uint32_t>(data_[pos_]) << 24 |
          static_cast<std::uint32_t>(data_[pos_ + 1]) << 16 |
          static_cast<std::uint32_t>(data_[pos_ + 2]) << 8 | data_[pos_ + 3];
    pos_ += 4;
    return true;
  }
  bool bytes(std::size_t n, std::span<const std::uint8_t>& out) {
    if (left() < n) return false;
    out = data_.subspan(pos_, n);
    pos_ += n;
    return true;
  }
  std::size_t left() const { return data_.size() - pos_; }
  std::size_t pos() const { return pos_; }

 private:
  std::span<const std::uint8_t> data_;
  std::size_t pos_ = 0;
};

struct PathOrigin {
  enum Kind { kAs, kSet, kEmpty } kind = kEmpty;
  std::uint32_t asn = 0;
};

// Parses AS_PATH segments with `width`-byte AS numbers; nullopt if they do not fill the attribute.
std::optional<PathOrigin> path_origin(std::span<const std::uint8_t> value, int width) {
  Cursor c(value);
  PathOrigin origin;
  while (c.left() > 0) {
    std::uint8_t type = 0, count = 0;
    if (!c.u8(type) || !c.u8(count)) return std::nullopt;
    if (type < kSegmentAsSet || type > kSegmentConfedSet) return std::nullopt;
    std::span<const std::uint8_t> numbers;
    if (!c.bytes(static_cast<std::size_t>(count) * width, numbers)) return std::nullopt;
    if (count == 0) continue;
    if (type == kSegmentAsSequence) {
      const std::uint8_t* last = numbers.data() + (count - 1) * width;
      origin.kind = PathOrigin::kAs;
      origin.asn = width == 4 ? static_cast<std::uint32_t>(last[0]) << 24 |
                                    static_cast<std::uint32_t>(last[1]) << 16 |
                                    static_cast<std::uint32_t>(last[2]) << 8 | last[3]
                              : static_cast<std::uint32_t>(last[0] << 8 | last[1]);
    } else if (type == kSegmentAsSet || type == kSegmentConfedSet) {
      origin.kind = PathOrigin::kSet;
    } else if (type == kSegmentConfedSequence && origin.kind != PathOrigin::kAs) {
      origin.kind = PathOrigin::kEmpty;  // only confederation hops so far: the peer's own route
    }
  }
  return origin;
}

struct Peer {
  std::uint32_t asn = 0;
};

class MrtReader {
 public:
  MrtReader(ByteSource& source, RouteTable& table) : source_(source), table_(table) {
    stats_.format = "MRT TABLE_DUMP_V2";
  }

  core::Result<RibStats> run() {
    std::array<std::uint8_t, 12> header{};
    std::vector<std::uint8_t> body;
    for (;;) {
      record_offset_ = source_.offset();
      auto got = source_.read_fully(header);
      if (!got) return got.error();
      if (*got == 0) break;
      if (*got < header.size()) {
        return fail_at(record_offset_,
                       "truncated MRT record header (" + std::to_string(*got) + " of 12 bytes)");
      }
      const std::uint16_t type = static_cast<std::uint16_t>(header[4] << 8 | header[5]);
      const std::uint16_t subtype = static_cast<std::uint16_t>(header[6] << 8 | header[7]);
      const std::uint32_t length = static_cast<std::uint32_t>(header[8]) << 24 |
                                   static_cast<std::uint32_t>(header[9]) << 16 |
                                   static_cast<std::uint32_t>(header[10]) << 8 | header[11];
      if (length > kMaxMrtRecord) {
        return fail_at(record_offset_, "MRT record claims " + std::to_string(length) +
                                           " bytes, more than the limit of " +
                                           std::to_string(kMaxMrtRecord));
      }
      // Grow the buffer only as the bytes arrive: a header that claims more than the input holds
      // costs no more memory than the input.
      body.clear();
      std::size_t read = 0;
      while (read < length) {
        const std::size_t step = std::min<std::size_t>(length - read, 1u << 16);
        body.resize(read + step);
        auto got_now = source_.read_fully(std::span(body.data() + read, step));
        if (!got_now) return got_now.error();
        read += *got_now;
        if (*got_now < step) break;
      }
      if (read < length) {
        return fail_at(record_offset_, "truncated MRT record: header says " +
                                           std::to_string(length) +
                                           " bytes, the input ends after " + std::to_string(read));
      }
      body.resize(length);
      ++stats_.records;
      if (type != kTableDumpV2) {
        ++stats_.skipped_records;
        continue;
      }
      core::Result<bool> done = true;
      switch (subtype) {
        case kPeerIndexTable:
          done = peer_index_table(body);
          break;
        case kRibIpv4Unicast:
          done = rib(body, IpFamily::kIpv4, false);
          break;
        case kRibIpv6Unicast:
          done = rib(body, IpFamily::kIpv6, false);
          break;
        case kRibIpv4UnicastAddPath:
          done = rib(body, IpFamily::kIpv4, true);
          break;
        case kRibIpv6UnicastAddPath:
          done = rib(body, IpFamily::kIpv6, true);
          break;
        default:
          ++stats_.skipped_records;
          break;
      }
      if (!done) return done.error();
    }
    if (stats_.rib_entries == 0 && stats_.records > 0 && !peers_seen_) {
      return core::make_error(source_.name() + ": no TABLE_DUMP_V2 RIB in " +
                              std::to_string(stats_.records) +
                              " MRT records (is it an update file, not a RIB dump?)");
    }
    return stats_;
  }

 private:
  core::Error fail_at(std::uint64_t offset, const std::string& what) const {
    return core::make_error(source_.name() + ": " + what + " at offset " + std::to_string(offset));
  }
  // An error inside the current record's body, at `pos` bytes into it.
  core::Error corrupt(const Cursor& c, const std::string& what) const {
    return fail_at(record_offset_ + 12 + c.pos(), what);
  }

  core::Result<bool> peer_index_table(std::span<const std::uint8_t> body) {
    Cursor c(body);
    std::uint32_t collector = 0;
    std::uint16_t view_length = 0, count = 0;
    std::span<const std::uint8_t> view;
    if (!c.u32(collector) || !c.u16(view_length) || !c.bytes(view_length, view) || !c.u16(count)) {
      return corrupt(c, "PEER_INDEX_TABLE is cut short");
    }
    peers_.clear();
    peers_.reserve(count);
    for (std::uint16_t i = 0; i < count; ++i) {
      std::uint8_t peer_type = 0;
      std::uint32_t bgp_id = 0;
      std::span<const std::uint8_t> address;
      if (!c.u8(peer_type) || !c.u32(bgp_id) || !c.bytes((peer_type & 1) ? 16 : 4, address)) {
        return corrupt(c, "PEER_INDEX_TABLE entry " + std::to_string(i) + " is cut short");
      }
      Peer peer;
      if (peer_type & 2) {
        if (!c.u32(peer.asn))
          return corrupt(c, "PEER_INDEX_TABLE entry " + std::to_string(i) + " is cut short");
      } else {
        std::uint16_t asn = 0;
        if (!c.u16(asn))
          return corrupt(c, "PEER_INDEX_TABLE entry " + std::to_string(i) + " is cut short");
        peer.asn = asn;
      }
      peers_.push_back(peer);
    }
    peers_seen_ = true;
    return true;
  }

  core::Result<bool> rib(std::span<const std::uint8_t> body, IpFamily family, bool add_path) {
    if (!peers_seen_) {
      return fail_at(record_offset_, "RIB record before any PEER_INDEX_TABLE");
    }
    Cursor c(body);
    std::uint32_t sequence = 0;
    std::uint8_t length = 0;
    if (!c.u32(sequence) || !c.u8(length)) return corrupt(c, "RIB record is cut short");
    if (length > max_length(family)) {
      return corrupt(c, "prefix length " + std::to_string(length) + " is too long for " +
                            (family == IpFamily::kIpv4 ? "IPv4" : "IPv6"));
    }
    std::span<const std::uint8_t> bits;
    if (!c.bytes((length + 7u) / 8u, bits)) return corrupt(c, "RIB prefix is cut short");
    auto prefix = IpPrefix::from_bytes(family, bits.data(), bits.size(), length);
    if (!prefix) return corrupt(c, prefix.error().message);
    std::uint16_t entries = 0;
    if (!c.u16(entries)) return corrupt(c, "RIB entry count is cut short");
    for (std::uint16_t i = 0; i < entries; ++i) {
      std::uint16_t peer_index = 0, attributes_length = 0;
      std::uint32_t originated = 0, path_id = 0;
      if (!c.u16(peer_index) || !c.u32(originated) || (add_path && !c.u32(path_id)) ||
          !c.u16(attributes_length)) {
        return corrupt(
            c, "RIB entry " + std::to_string(i) + " of " + prefix->to_string() + " is cut short");
      }
      if (peer_index >= peers_.size()) {
        return corrupt(c, "RIB entry names peer " + std::to_string(peer_index) + " but the " +
                              "PEER_INDEX_TABLE has " + std::to_string(peers_.size()));
      }
      std::span<const std::uint8_t> attributes;
      if (!c.bytes(attributes_length, attributes)) {
        return corrupt(c, "attributes of " + prefix->to_string() + " are cut short");
      }
      auto origin = entry_origin(attributes, peers_[peer_index]);
      if (!origin) {
        return fail_at(record_offset_ + 12 + c.pos() - attributes_length,
                       "attributes of " + prefix->to_string() + ": " + origin.error().message);
      }
      ++stats_.rib_entries;
      if (*origin == kNoSingleOrigin) ++stats_.as_set_origins;
      if (table_.add(*prefix, *origin)) ++stats_.routes;
    }
    return true;
  }

  static core::Result<std::uint32_t> entry_origin(std::span<const std::uint8_t> attributes,
                                                  const Peer& peer) {
    Cursor c(attributes);
    std::optional<std::span<const std::uint8_t>> as_path, as4_path;
    while (c.left() > 0) {
      std::uint8_t flags = 0, type = 0;
      std::uint16_t length = 0;
      if (!c.u8(flags) || !c.u8(type)) return core::make_error("attribute header is cut short");
      if (flags & 0x10) {
        if (!c.u16(length)) return core::make_error("attribute length is cut short");
      } else {
        std::uint8_t short_length = 0;
        if (!c.u8(short_length)) return core::make_error("attribute length is cut short");
        length = short_length;
      }
      std::span<const std::uint8_t> value;
      if (!c.bytes(length, value)) {
        return core::make_error("attribute " + std::to_string(type) + " claims " +
                                std::to_string(length) + " bytes, " + std::to_string(c.left()) +
                                " left");
      }
      if (type == kAttrAsPath) as_path = value;
      if (type == kAttrAs4Path) as4_path = value;
    }
    if (!as_path) return core::make_error("no AS_PATH attribute");
    auto origin = path_origin(*as_path, 4);
    if (!origin) origin = path_origin(*as_path, 2);
    if (!origin) return core::make_error("AS_PATH segments are malformed");
    if (origin->kind == PathOrigin::kAs && origin->asn == kAsTrans && as4_path) {
      if (auto four = path_origin(*as4_path, 4); four && four->kind != PathOrigin::kEmpty) {
        origin = four;
      }
    }
    switch (origin->kind) {
      case PathOrigin::kAs:
        return origin->asn;
      case PathOrigin::kSet:
        return kNoSingleOrigin;
      case PathOrigin::kEmpty:
        return peer.asn;
    }
    return core::make_error("impossible AS_PATH state");
  }

  ByteSource& source_;
  RouteTable& table_;
  RibStats stats_;
  std::vector<Peer> peers_;
  bool peers_seen_ = false;
  std::uint64_t record_offset_ = 0;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

core::Result<bool> parse_text_line(std::string_view line, RouteTable& table, RibStats& stats) {
  if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
  line = trim(line);
  if (line.empty()) return false;
  const auto space = line.find_first_of(" \t");
  if (space == std::string_view::npos) return core::make_error("expected 'PREFIX ORIGIN_AS'");
  auto prefix = IpPrefix::parse(line.substr(0, space));
  if (!prefix) return prefix.error();
  const auto origin_text = trim(line.substr(space));
  auto origin = parse_asn(origin_text);
  if (!origin) return origin.error();
  if (*origin == kNoSingleOrigin) return core::make_error("AS4294967295 is reserved");
  ++stats.records;
  ++stats.rib_entries;
  if (table.add(*prefix, *origin)) ++stats.routes;
  return true;
}

}  // namespace

core::Result<RibStats> read_mrt(ByteSource& source, RouteTable& table) {
  MrtReader reader(source, table);
  return reader.run();
}

core::Result<RibStats> read_rib_text(ByteSource& source, RouteTable& table) {
  RibStats stats;
  stats.format = "text";
  std::vector<std::uint8_t> buffer(1u << 16);
  std::string line;
  std::size_t line_number = 1;
  auto finish_line = [&]() -> core::Result<bool> {
    auto added = parse_text_line(line, table, stats);
    if (!added) {
      return core::make_error(source.name() + ": line " + std::to_string(line_number) + ": " +
                              added.error().message);
    }
    line.clear();
    ++line_number;
    return true;
  };
  for (;;) {
    auto n = source.read(buffer);
    if (!n) return n.error();
    if (*n == 0) break;
    for (std::size_t i = 0; i < *n; ++i) {
      const char ch = static_cast<char>(buffer[i]);
      if (ch == '\n') {
        if (auto ok = finish_line(); !ok) return ok.error();
        continue;
      }
      if (ch == '\0') {
        return core::make_error(source.name() + ": line " + std::to_string(line_number) +
                                ": a NUL byte; this is neither text nor an MRT RIB dump");
      }
      if (line.size() >= kMaxRibTextLine) {
        return core::make_error(source.name() + ": line " + std::to_string(line_number) +
                                " is longer than " + std::to_string(kMaxRibTextLine) + " bytes");
      }
      line.push_back(ch);
    }
  }
  if (!line.empty()) {
    if (auto ok = finish_line(); !ok) return ok.error();
  }
  return stats;
}

namespace {

// Replays already-read bytes, then the rest of the source: lets the format be sniffed without
// seeking in a decompressing stream.
class PrefixedSource final : public ByteSource {
 public:
  PrefixedSource(std::vector<std::uint8_t> head, ByteSource& rest)
      : ByteSource(rest.name()), head_(std::move(head)), rest_(rest) {}
  core::Result<std::size_t> read(std::span<std::uint8_t> buffer) override {
    if (used_ < head_.size()) {
      const std::size_t n = std::min(buffer.size(), head_.size() - used_);
      std::copy_n(head_.begin() + static_cast<std::ptrdiff_t>(used_), n, buffer.begin());
      used_ += n;
      offset_ += n;
      return n;
    }
    auto n = rest_.read(buffer);
    if (n) offset_ += *n;
    return n;
  }

 private:
  std::vector<std::uint8_t> head_;
  std::size_t used_ = 0;
  ByteSource& rest_;
};

bool looks_like_mrt(std::span<const std::uint8_t> head) {
  if (head.size() < 12) return false;
  const unsigned type = static_cast<unsigned>(head[4] << 8 | head[5]);
  // MRT types of RFC 6396 and 8050: OSPFv2 11, TABLE_DUMP 12, TABLE_DUMP_V2 13, BGP4MP 16, 17,
  // ISIS 32, 33, OSPFv3 48, 49.
  return type == 11 || type == 12 || type == 13 || type == 16 || type == 17 || type == 32 ||
         type == 33 || type == 48 || type == 49;
}

}  // namespace

core::Result<RibStats> load_rib_file(const std::string& path, RouteTable& table) {
  auto file = open_file(path);
  if (!file) return file.error();
  std::vector<std::uint8_t> head(12);
  auto got = (*file)->read_fully(head);
  if (!got) return got.error();
  head.resize(*got);
  const bool mrt = looks_like_mrt(head);
  PrefixedSource source(std::move(head), **file);
  auto stats = mrt ? read_mrt(source, table) : read_rib_text(source, table);
  if (stats && stats->routes == 0) {
    return core::make_error(path + ": no routes found (read as " + stats->format + ")");
  }
  if (stats) table.shrink_to_fit();
  return stats;
}

}  // namespace baseline::routing
