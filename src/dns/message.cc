// SPDX-License-Identifier: Apache-2.0
#include "dns/message.h"

#include <array>
#include <optional>
#include <string>

#include "dns/types.h"
#include "dns/wire_writer.h"

namespace baseline::dns {
namespace {

using core::Error;
using core::make_error;
using core::Result;

constexpr std::size_t kHeaderSize = 12;
constexpr std::size_t kMaxWireName = 255;  // RFC 1035 3.1, including the root octet
constexpr std::size_t kMaxLabel = 63;
// A legitimate name has at most 127 labels, so it never needs more jumps than that.
constexpr int kMaxPointerHops = 127;
constexpr std::uint16_t kEdeOption = 15;  // RFC 8914

// Reads big-endian integers from a span; every read is bounds-checked. `ran_out` records that a
// read wanted bytes past the end, which is how truncation (TC=1) is told apart from garbage.
class Cursor {
 public:
  explicit Cursor(std::span<const std::uint8_t> data, std::size_t pos = 0)
      : data_(data), pos_(pos) {}

  std::size_t pos() const { return pos_; }
  std::size_t remaining() const { return pos_ <= data_.size() ? data_.size() - pos_ : 0; }
  bool ran_out() const { return ran_out_; }
  void set_pos(std::size_t pos) { pos_ = pos; }
  void mark_ran_out() { ran_out_ = true; }

  bool has(std::size_t n) {
    if (remaining() >= n) return true;
    ran_out_ = true;
    return false;
  }
  bool u8(std::uint8_t& out) {
    if (!has(1)) return false;
    out = data_[pos_++];
    return true;
  }
  bool u16(std::uint16_t& out) {
    if (!has(2)) return false;
    out = static_cast<std::uint16_t>((data_[pos_] << 8) | data_[pos_ + 1]);
    pos_ += 2;
    return true;
  }
  bool u32(std::uint32_t& out) {
    if (!has(4)) return false;
    out = (std::uint32_t{data_[pos_]} << 24) | (std::uint32_t{data_[pos_ + 1]} << 16) |
          (std::uint32_t{data_[pos_ + 2]} << 8) | std::uint32_t{data_[pos_ + 3]};
    pos_ += 4;
    return true;
  }

 private:
  std::span<const std::uint8_t> data_;
  std::size_t pos_;
  bool ran_out_ = false;
};

// Reads a name at cursor's position into uncompressed wire form. With `compressed`, pointers are
// followed; each must point before the start of the label run that contains it, so targets
// strictly decrease and loops are impossible. The cursor ends after the name's in-place bytes.
Result<std::vector<std::uint8_t>> read_wire_name(std::span<const std::uint8_t> data, Cursor& cursor,
                                                 bool compressed) {
  std::vector<std::uint8_t> wire;
  std::size_t pos = cursor.pos();
  std::size_t run_start = pos;  // pointers must target bytes before this
  bool jumped = false;
  int hops = 0;
  while (true) {
    if (pos >= data.size()) {
      if (!jumped) cursor.mark_ran_out();
      return make_error("name runs past the end of the data");
    }
    const std::uint8_t len = data[pos];
    if ((len & 0xc0) == 0xc0) {
      if (!compressed) return make_error("compression pointer in a name that must not have one");
      if (pos + 1 >= data.size()) {
        if (!jumped) cursor.mark_ran_out();
        return make_error("compression pointer cut off at the end of the data");
      }
      const std::size_t target = (std::size_t{len & 0x3fu} << 8) | data[pos + 1];
      if (target >= run_start) {
        return make_error("compression pointer to offset " + std::to_string(target) +
                          " does not point backwards");
      }
      if (++hops > kMaxPointerHops) return make_error("too many compression pointers in a name");
      if (!jumped) cursor.set_pos(pos + 2);
      jumped = true;
      pos = run_start = target;
      continue;
    }
    if ((len & 0xc0) != 0) {
      return make_error("unsupported label type 0x" + std::string(len & 0x40 ? "40" : "80") +
                        " (extended or reserved label)");
    }
    if (len == 0) {
      wire.push_back(0);
      if (!jumped) cursor.set_pos(pos + 1);
      return wire;
    }
    if (wire.size() + 1 + len + 1 > kMaxWireName) {
      return make_error("name longer than 255 octets");
    }
    if (data.size() - pos - 1 < len) {
      if (!jumped) cursor.mark_ran_out();
      return make_error("label runs past the end of the data");
    }
    wire.insert(wire.end(), data.begin() + static_cast<std::ptrdiff_t>(pos),
                data.begin() + static_cast<std::ptrdiff_t>(pos + 1 + len));
    pos += 1 + len;
  }
}

bool is_plain(std::uint8_t c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

std::uint8_t to_lower(std::uint8_t c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<std::uint8_t>(c - 'A' + 'a') : c;
}

// Uncompressed, well-formed wire name (as read_wire_name returns) -> presentation form.
std::string wire_to_text(const std::vector<std::uint8_t>& wire) {
  std::string text;
  std::size_t pos = 0;
  while (pos < wire.size() && wire[pos] != 0) {
    const std::size_t len = wire[pos++];
    if (!text.empty()) text += '.';
    for (std::size_t i = 0; i < len; ++i) {
      const std::uint8_t c = to_lower(wire[pos + i]);
      if (is_plain(c)) {
        text += static_cast<char>(c);
      } else if (c == '.') {
        text += "\\.";
      } else {
        const std::array<char, 5> digits{'\\', static_cast<char>('0' + c / 100),
                                         static_cast<char>('0' + c / 10 % 10),
                                         static_cast<char>('0' + c % 10), '\0'};
        text += digits.data();
      }
    }
    pos += len;
  }
  return text;
}

// Which RDATA fields are names that senders may compress (RFC 3597 section 4): a fixed-size
// prefix, some names, then a fixed-size suffix. Beyond the types named in message.h this also
// expands the obsolete RFC 1035 types and SRV, which receivers are told to decompress.
struct NameLayout {
  std::size_t prefix = 0;
  int names = 0;
  std::size_t suffix = 0;
};

std::optional<NameLayout> compressible_layout(std::uint16_t type) {
  switch (type) {
    case rr_type::kNs:
    case 3:  // MD
    case 4:  // MF
    case rr_type::kCname:
    case 7:   // MB
    case 8:   // MG
    case 9:   // MR
    case 12:  // PTR
      return NameLayout{0, 1, 0};
    case rr_type::kSoa:
      return NameLayout{0, 2, 20};
    case 14:  // MINFO
    case 17:  // RP
      return NameLayout{0, 2, 0};
    case rr_type::kMx:
    case 18:  // AFSDB
    case 21:  // RT
      return NameLayout{2, 1, 0};
    case 26:  // PX
      return NameLayout{2, 2, 0};
    case 33:  // SRV
      return NameLayout{6, 1, 0};
    default:
      return std::nullopt;
  }
}

// Copies RDATA at [start, start + length), expanding compressed names for the types above.
Result<std::vector<std::uint8_t>> read_rdata(std::span<const std::uint8_t> data, std::uint16_t type,
                                             std::size_t start, std::size_t length) {
  const auto first = data.begin() + static_cast<std::ptrdiff_t>(start);
  const auto layout = compressible_layout(type);
  // Empty RDATA is kept as-is (dynamic update deletions use it); typed parsers reject it.
  if (!layout || length == 0) {
    return std::vector<std::uint8_t>(first, first + static_cast<std::ptrdiff_t>(length));
  }

  auto malformed = [type](const std::string& reason) {
    return make_error("malformed " + type_name(type) + " RDATA: " + reason);
  };
  const std::size_t end = start + length;
  if (length < layout->prefix) return malformed("too short");
  std::vector<std::uint8_t> out(first, first + static_cast<std::ptrdiff_t>(layout->prefix));
  Cursor cursor(data, start + layout->prefix);
  for (int i = 0; i < layout->names; ++i) {
    auto name = read_wire_name(data, cursor, true);
    if (!name) return malformed(name.error().message);
    if (cursor.pos() > end) return malformed("name runs past the end of the RDATA");
    out.insert(out.end(), name->begin(), name->end());
  }
  if (end - cursor.pos() != layout->suffix) {
    return malformed(std::to_string(end - cursor.pos()) + " octets after the names, " +
                     std::to_string(layout->suffix) + " expected");
  }
  out.insert(out.end(), data.begin() + static_cast<std::ptrdiff_t>(cursor.pos()),
             data.begin() + static_cast<std::ptrdiff_t>(end));
  return out;
}

// Turns the OPT pseudo-record (RFC 6891 6.1.2) into Edns; merges the extended RCODE bits.
Result<Edns> read_opt(const ResourceRecord& rr, Header& header) {
  if (!rr.owner.empty()) return make_error("OPT record owner is not the root");
  Edns edns;
  edns.udp_size = rr.klass;
  edns.version = static_cast<std::uint8_t>((rr.ttl >> 16) & 0xff);
  edns.do_bit = (rr.ttl & 0x8000) != 0;
  const auto extended_rcode = static_cast<std::uint16_t>(rr.ttl >> 24);
  header.rcode = static_cast<std::uint16_t>((extended_rcode << 4) | (header.rcode & 0x0f));

  Cursor cursor(rr.rdata);
  while (cursor.remaining() > 0) {
    std::uint16_t code = 0, length = 0;
    if (!cursor.u16(code) || !cursor.u16(length) || !cursor.has(length)) {
      return make_error("OPT record has a truncated option");
    }
    const auto value = std::span(rr.rdata).subspan(cursor.pos(), length);
    cursor.set_pos(cursor.pos() + length);
    if (code != kEdeOption) continue;
    if (length < 2) return make_error("Extended DNS Error option shorter than 2 octets");
    ExtendedError ede;
    ede.info_code = static_cast<std::uint16_t>((value[0] << 8) | value[1]);
    ede.extra_text.assign(value.begin() + 2, value.end());
    edns.extended_errors.push_back(std::move(ede));
  }
  return edns;
}

// Parses sections in order. A read that runs off the end of a TC=1 message ends parsing with what
// was complete so far; anything else malformed fails the whole message.
class MessageParser {
 public:
  explicit MessageParser(std::span<const std::uint8_t> wire) : wire_(wire), cursor_(wire) {}

  Result<Message> parse() {
    std::uint16_t flags = 0;
    std::array<std::uint16_t, 4> counts{};
    if (!cursor_.u16(message_.header.id) || !cursor_.u16(flags) || !cursor_.u16(counts[0]) ||
        !cursor_.u16(counts[1]) || !cursor_.u16(counts[2]) || !cursor_.u16(counts[3])) {
      return make_error("message shorter than the 12-octet DNS header");
    }
    read_flags(flags);

    for (std::uint16_t i = 0; i < counts[0]; ++i) {
      auto question = read_question();
      if (!question) return stop(question.error());
      message_.questions.push_back(std::move(*question));
    }
    const std::array<std::vector<ResourceRecord>*, 3> sections{
        &message_.answers, &message_.authority, &message_.additional};
    for (std::size_t s = 0; s < sections.size(); ++s) {
      for (std::uint16_t i = 0; i < counts[s + 1]; ++i) {
        auto rr = read_record();
        if (!rr) return stop(rr.error());
        if (rr->type != rr_type::kOpt) {
          sections[s]->push_back(std::move(*rr));
          continue;
        }
        if (sections[s] != &message_.additional) {
          return make_error("OPT record outside the additional section");
        }
        if (message_.edns) return make_error("more than one OPT record");
        auto edns = read_opt(*rr, message_.header);
        if (!edns) return edns.error();
        message_.edns = std::move(*edns);
      }
    }
    // Bytes after the declared sections are ignored: harmless, and some middleboxes pad.
    return std::move(message_);
  }

 private:
  void read_flags(std::uint16_t flags) {
    Header& h = message_.header;
    h.qr = (flags & 0x8000) != 0;
    h.opcode = static_cast<std::uint8_t>((flags >> 11) & 0x0f);
    h.aa = (flags & 0x0400) != 0;
    h.tc = (flags & 0x0200) != 0;
    h.rd = (flags & 0x0100) != 0;
    h.ra = (flags & 0x0080) != 0;
    h.ad = (flags & 0x0020) != 0;
    h.cd = (flags & 0x0010) != 0;
    h.rcode = flags & 0x000f;
  }

  Result<Message> stop(const Error& error) {
    if (message_.header.tc && cursor_.ran_out()) return std::move(message_);
    return error;
  }

  Result<std::string> read_name() {
    auto wire = read_wire_name(wire_, cursor_, true);
    if (!wire) return wire.error();
    return wire_to_text(*wire);
  }

  Result<Question> read_question() {
    Question q;
    auto name = read_name();
    if (!name) return make_error("bad question name: " + name.error().message);
    q.name = std::move(*name);
    if (!cursor_.u16(q.type) || !cursor_.u16(q.klass)) return make_error("truncated question");
    return q;
  }

  Result<ResourceRecord> read_record() {
    ResourceRecord rr;
    auto owner = read_name();
    if (!owner) return make_error("bad record owner name: " + owner.error().message);
    rr.owner = std::move(*owner);
    std::uint16_t rdlength = 0;
    if (!cursor_.u16(rr.type) || !cursor_.u16(rr.klass) || !cursor_.u32(rr.ttl) ||
        !cursor_.u16(rdlength) || !cursor_.has(rdlength)) {
      return make_error("truncated " + type_name(rr.type) + " record for '" + rr.owner + "'");
    }
    auto rdata = read_rdata(wire_, rr.type, cursor_.pos(), rdlength);
    if (!rdata) return rdata.error();
    rr.rdata = std::move(*rdata);
    cursor_.set_pos(cursor_.pos() + rdlength);
    return rr;
  }

  std::span<const std::uint8_t> wire_;
  Cursor cursor_;
  Message message_;
};

}  // namespace

Result<Message> parse_message(std::span<const std::uint8_t> wire) {
  return MessageParser(wire).parse();
}

Result<std::vector<std::uint8_t>> encode_name(const std::string& name) {
  // Split on unescaped dots, resolving escapes; "" and "." are the root and one trailing dot is
  // tolerated.
  std::vector<std::string> labels(1);
  bool trailing_dot = false;
  for (std::size_t i = 0; i < name.size();) {
    const char c = name[i];
    trailing_dot = c == '.';
    if (c == '.') {
      labels.emplace_back();
      ++i;
      continue;
    }
    if (c != '\\') {
      labels.back() += static_cast<char>(to_lower(static_cast<std::uint8_t>(c)));
      ++i;
      continue;
    }
    if (i + 1 >= name.size()) return make_error("name ends with a lone backslash");
    if (name[i + 1] < '0' || name[i + 1] > '9') {
      labels.back() += static_cast<char>(to_lower(static_cast<std::uint8_t>(name[i + 1])));
      i += 2;
      continue;
    }
    int value = 0;
    for (std::size_t k = 1; k <= 3; ++k) {
      if (i + k >= name.size() || name[i + k] < '0' || name[i + k] > '9') {
        return make_error("incomplete \\DDD escape");
      }
      value = value * 10 + (name[i + k] - '0');
    }
    if (value > 255) return make_error("\\DDD escape above 255");
    labels.back() += static_cast<char>(to_lower(static_cast<std::uint8_t>(value)));
    i += 4;
  }
  if (trailing_dot) labels.pop_back();
  if (labels.size() == 1 && labels.front().empty()) labels.clear();  // the root

  std::vector<std::uint8_t> wire;
  for (const auto& label : labels) {
    if (label.empty()) return make_error("empty label");
    if (label.size() > kMaxLabel) return make_error("label longer than 63 octets");
    wire.push_back(static_cast<std::uint8_t>(label.size()));
    wire.insert(wire.end(), label.begin(), label.end());
  }
  wire.push_back(0);
  if (wire.size() > kMaxWireName) return make_error("name longer than 255 octets");
  return wire;
}

Result<std::string> decode_name(std::span<const std::uint8_t> data, std::size_t& offset) {
  if (offset > data.size()) return make_error("name offset past the end of the data");
  Cursor cursor(data, offset);
  auto wire = read_wire_name(data, cursor, false);
  if (!wire) return wire.error();
  offset = cursor.pos();
  return wire_to_text(*wire);
}

Result<std::vector<std::uint8_t>> build_query(std::uint16_t id, const std::string& name,
                                              std::uint16_t type, const QueryOptions& options) {
  auto qname = encode_name(name);
  if (!qname) return make_error("cannot query '" + name + "': " + qname.error().message);

  std::vector<std::uint8_t> out;
  out.reserve(kHeaderSize + qname->size() + 4 + 11);
  std::uint16_t flags = 0;  // QR=0, opcode QUERY
  if (options.recursion_desired) flags |= 0x0100;
  if (options.checking_disabled) flags |= 0x0010;
  put16(out, id);
  put16(out, flags);
  put16(out, 1);  // QDCOUNT
  put16(out, 0);  // ANCOUNT
  put16(out, 0);  // NSCOUNT
  put16(out, 1);  // ARCOUNT: the OPT record
  out.insert(out.end(), qname->begin(), qname->end());
  put16(out, type);
  put16(out, kClassIn);

  // OPT is always sent: without EDNS there is no DO bit and answers are capped at 512 octets.
  out.push_back(0);  // root owner
  put16(out, rr_type::kOpt);
  put16(out, options.udp_size);
  put32(out, options.dnssec_ok ? 0x00008000u : 0u);  // ext-rcode 0, version 0, DO
  put16(out, 0);                                     // no options
  return out;
}

}  // namespace baseline::dns
