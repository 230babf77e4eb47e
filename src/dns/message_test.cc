// SPDX-License-Identifier: Apache-2.0
#include "dns/message.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "dns/rdata.h"
#include "dns/testdata/packets.inc"
#include "dns/types.h"

namespace baseline::dns {
namespace {

using Bytes = std::vector<std::uint8_t>;

// Builds test packets byte by byte, so each test shows exactly what is on the wire.
class Packet {
 public:
  Packet& u8(std::uint8_t v) {
    bytes_.push_back(v);
    return *this;
  }
  Packet& u16(std::uint16_t v) { return u8(static_cast<std::uint8_t>(v >> 8)).u8(v & 0xff); }
  Packet& u32(std::uint32_t v) {
    return u16(static_cast<std::uint16_t>(v >> 16)).u16(static_cast<std::uint16_t>(v));
  }
  Packet& raw(const Bytes& b) {
    bytes_.insert(bytes_.end(), b.begin(), b.end());
    return *this;
  }
  Packet& text(const std::string& s) {
    bytes_.insert(bytes_.end(), s.begin(), s.end());
    return *this;
  }
  // Uncompressed labels, without the terminating root octet (add .u8(0) or .ptr()).
  Packet& labels(std::initializer_list<std::string> labels) {
    for (const auto& l : labels) u8(static_cast<std::uint8_t>(l.size())).text(l);
    return *this;
  }
  Packet& ptr(std::uint16_t offset) { return u16(static_cast<std::uint16_t>(0xc000 | offset)); }
  Packet& header(std::uint16_t flags, std::uint16_t qd, std::uint16_t an, std::uint16_t ns,
                 std::uint16_t ar) {
    return u16(0xbeef).u16(flags).u16(qd).u16(an).u16(ns).u16(ar);
  }
  // Record fields after the owner name; RDATA length is patched by end_rdata().
  Packet& rr_fixed(std::uint16_t type, std::uint32_t ttl = 300, std::uint16_t klass = kClassIn) {
    u16(type).u16(klass).u32(ttl);
    rdlength_at_ = bytes_.size();
    return u16(0);
  }
  Packet& end_rdata() {
    const std::size_t len = bytes_.size() - rdlength_at_ - 2;
    bytes_[rdlength_at_] = static_cast<std::uint8_t>(len >> 8);
    bytes_[rdlength_at_ + 1] = static_cast<std::uint8_t>(len);
    return *this;
  }
  std::size_t size() const { return bytes_.size(); }
  const Bytes& bytes() const { return bytes_; }

 private:
  Bytes bytes_;
  std::size_t rdlength_at_ = 0;
};

constexpr std::uint16_t kResponseFlags = 0x8400;  // QR, AA
constexpr std::uint16_t kQuestionOffset = 12;

// Header + question "example.com A IN"; the question name sits at offset 12.
Packet response_start(std::uint16_t an, std::uint16_t ns = 0, std::uint16_t ar = 0,
                      std::uint16_t flags = kResponseFlags) {
  Packet p;
  p.header(flags, 1, an, ns, ar).labels({"example", "com"}).u8(0).u16(rr_type::kA).u16(kClassIn);
  return p;
}

Message parse_ok(const Bytes& wire) {
  auto parsed = parse_message(wire);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
  return parsed.ok() ? std::move(parsed).value() : Message{};
}

std::string parse_error(const Bytes& wire) {
  auto parsed = parse_message(wire);
  EXPECT_FALSE(parsed.ok());
  return parsed.ok() ? "" : parsed.error().message;
}

template <std::size_t N>
Bytes recorded(const std::uint8_t (&packet)[N]) {
  return Bytes(packet, packet + N);
}

// ---- build_query ----

TEST(BuildQuery, ProducesExactWireFormat) {
  QueryOptions options;
  options.recursion_desired = true;
  options.dnssec_ok = true;
  options.udp_size = 1232;
  auto query = build_query(0x1234, "Example.COM", rr_type::kDnskey, options);
  ASSERT_TRUE(query.ok()) << query.error().message;
  const Bytes expected = {
      0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,     // header, RD
      7,    'e',  'x',  'a',  'm',  'p',  'l',  'e',  3,    'c',  'o',  'm',  0,  // qname
      0x00, 0x30, 0x00, 0x01,                                                     // DNSKEY IN
      0x00, 0x00, 0x29, 0x04, 0xd0, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00,           // OPT, DO
  };
  EXPECT_EQ(*query, expected);
}

TEST(BuildQuery, RoundTripsThroughParser) {
  QueryOptions options;
  options.recursion_desired = false;
  options.checking_disabled = true;
  options.dnssec_ok = true;
  options.udp_size = 4096;
  auto query = build_query(0xabcd, "_dmarc.Example.org.", rr_type::kTxt, options);
  ASSERT_TRUE(query.ok()) << query.error().message;
  Message m = parse_ok(*query);
  EXPECT_EQ(m.header.id, 0xabcd);
  EXPECT_FALSE(m.header.qr);
  EXPECT_FALSE(m.header.rd);
  EXPECT_TRUE(m.header.cd);
  EXPECT_EQ(m.header.opcode, 0);
  EXPECT_EQ(m.header.rcode, 0);
  ASSERT_EQ(m.questions.size(), 1u);
  EXPECT_EQ(m.questions[0].name, "_dmarc.example.org");
  EXPECT_EQ(m.questions[0].type, rr_type::kTxt);
  EXPECT_EQ(m.questions[0].klass, kClassIn);
  EXPECT_TRUE(m.answers.empty());
  EXPECT_TRUE(m.additional.empty());  // the OPT record became `edns`
  ASSERT_TRUE(m.edns.has_value());
  EXPECT_EQ(m.edns->udp_size, 4096);
  EXPECT_EQ(m.edns->version, 0);
  EXPECT_TRUE(m.edns->do_bit);
}

TEST(BuildQuery, AlwaysSendsOptButDoOnlyWhenAsked) {
  QueryOptions options;
  options.dnssec_ok = false;
  options.recursion_desired = true;
  auto query = build_query(1, "example.com", rr_type::kA, options);
  ASSERT_TRUE(query.ok());
  Message m = parse_ok(*query);
  EXPECT_TRUE(m.header.rd);
  EXPECT_FALSE(m.header.cd);
  ASSERT_TRUE(m.edns.has_value());
  EXPECT_FALSE(m.edns->do_bit);
  EXPECT_EQ(m.edns->udp_size, 1232);
}

TEST(BuildQuery, RootName) {
  for (const std::string name : {"", "."}) {
    auto query = build_query(7, name, rr_type::kNs, QueryOptions{});
    ASSERT_TRUE(query.ok()) << name;
    Message m = parse_ok(*query);
    ASSERT_EQ(m.questions.size(), 1u);
    EXPECT_EQ(m.questions[0].name, "");
    EXPECT_EQ(query->size(), 12u + 1 + 4 + 11);
  }
}

TEST(BuildQuery, RejectsUnencodableNames) {
  const std::string label63(63, 'a');
  EXPECT_TRUE(build_query(1, label63 + ".com", rr_type::kA, {}).ok());
  auto too_long_label = build_query(1, label63 + "a.com", rr_type::kA, {});
  ASSERT_FALSE(too_long_label.ok());
  EXPECT_NE(too_long_label.error().message.find("63"), std::string::npos);

  EXPECT_FALSE(build_query(1, "a..com", rr_type::kA, {}).ok());
  EXPECT_FALSE(build_query(1, ".com", rr_type::kA, {}).ok());
  EXPECT_FALSE(build_query(1, "com..", rr_type::kA, {}).ok());

  // 4 labels of 63 = 4*64 + 1 = 257 octets on the wire; 3 of 63 plus one of 61 = 255 fits.
  const std::string& l = label63;
  EXPECT_FALSE(build_query(1, l + "." + l + "." + l + "." + l, rr_type::kA, {}).ok());
  EXPECT_TRUE(
      build_query(1, l + "." + l + "." + l + "." + std::string(61, 'b'), rr_type::kA, {}).ok());
  EXPECT_FALSE(
      build_query(1, l + "." + l + "." + l + "." + std::string(62, 'b'), rr_type::kA, {}).ok());
}

// ---- names ----

TEST(Names, EscapesAndRoundTrips) {
  // Label "A.b c\" then "Com": uppercase folded, '.' as "\.", space and backslash as \DDD.
  Packet p;
  p.labels({"A.b c\\", "Com"}).u8(0);
  std::size_t offset = 0;
  auto name = decode_name(p.bytes(), offset);
  ASSERT_TRUE(name.ok()) << name.error().message;
  EXPECT_EQ(*name, "a\\.b\\032c\\092.com");
  EXPECT_EQ(offset, p.size());

  auto wire = encode_name(*name);
  ASSERT_TRUE(wire.ok()) << wire.error().message;
  Packet lower;
  lower.labels({"a.b c\\", "com"}).u8(0);
  EXPECT_EQ(*wire, lower.bytes());
}

TEST(Names, EncodeEscapes) {
  auto wire = encode_name("\\065\\.x.\\_Y");
  ASSERT_TRUE(wire.ok());
  EXPECT_EQ(*wire, (Bytes{3, 'a', '.', 'x', 2, '_', 'y', 0}));
  EXPECT_FALSE(encode_name("a\\25").ok());   // incomplete \DDD
  EXPECT_FALSE(encode_name("a\\256").ok());  // above 255
  EXPECT_FALSE(encode_name("a\\").ok());     // lone backslash
  auto dot = encode_name("a\\.");            // escaped dot is not a trailing dot
  ASSERT_TRUE(dot.ok());
  EXPECT_EQ(*dot, (Bytes{2, 'a', '.', 0}));
}

TEST(Names, DecodeNameRefusesPointersAndTruncation) {
  const Bytes with_pointer = {1, 'a', 0xc0, 0x00};
  std::size_t offset = 0;
  EXPECT_FALSE(decode_name(with_pointer, offset).ok());
  const Bytes truncated = {3, 'a', 'b'};
  offset = 0;
  EXPECT_FALSE(decode_name(truncated, offset).ok());
  const Bytes no_root = {1, 'a'};
  offset = 0;
  EXPECT_FALSE(decode_name(no_root, offset).ok());
  offset = 5;
  EXPECT_FALSE(decode_name(no_root, offset).ok());
  // Reads at an offset and advances past the name only.
  const Bytes two = {0xff, 1, 'x', 0, 0xee};
  offset = 1;
  auto name = decode_name(two, offset);
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(*name, "x");
  EXPECT_EQ(offset, 4u);
}

// ---- responses with compression ----

TEST(ParseMessage, ExpandsCompressedNamesInOwnersAndRdata) {
  Packet p = response_start(4);
  p.ptr(kQuestionOffset).rr_fixed(rr_type::kNs).labels({"ns1"}).ptr(kQuestionOffset).end_rdata();
  const std::uint16_t ns1_offset = static_cast<std::uint16_t>(p.size() - 6);  // "ns1" + pointer
  p.ptr(kQuestionOffset).rr_fixed(rr_type::kMx).u16(10).ptr(ns1_offset).end_rdata();
  // SOA whose RNAME points into its own MNAME.
  p.ptr(kQuestionOffset).rr_fixed(rr_type::kSoa);
  const std::uint16_t mname_offset = static_cast<std::uint16_t>(p.size());
  p.labels({"Primary"}).ptr(kQuestionOffset).labels({"hostmaster"}).ptr(mname_offset);
  p.u32(2024010101).u32(7200).u32(3600).u32(1209600).u32(300).end_rdata();
  // A record under a compressed owner "www.example.com".
  p.labels({"www"})
      .ptr(kQuestionOffset)
      .rr_fixed(rr_type::kA)
      .u8(192)
      .u8(0)
      .u8(2)
      .u8(1)
      .end_rdata();

  Message m = parse_ok(p.bytes());
  ASSERT_EQ(m.answers.size(), 4u);
  EXPECT_TRUE(m.header.qr);
  EXPECT_TRUE(m.header.aa);
  EXPECT_EQ(m.answers[0].owner, "example.com");
  EXPECT_EQ(m.answers[0].ttl, 300u);
  Packet ns_rdata;
  ns_rdata.labels({"ns1", "example", "com"}).u8(0);
  EXPECT_EQ(m.answers[0].rdata, ns_rdata.bytes());

  Packet mx_rdata;
  mx_rdata.u16(10).labels({"ns1", "example", "com"}).u8(0);
  EXPECT_EQ(m.answers[1].rdata, mx_rdata.bytes());

  auto soa = parse_soa(m.answers[2]);
  ASSERT_TRUE(soa.ok()) << soa.error().message;
  EXPECT_EQ(soa->mname, "primary.example.com");
  EXPECT_EQ(soa->rname, "hostmaster.primary.example.com");
  EXPECT_EQ(soa->serial, 2024010101u);
  EXPECT_EQ(soa->minimum, 300u);

  EXPECT_EQ(m.answers[3].owner, "www.example.com");
  EXPECT_EQ(m.answers[3].rdata, (Bytes{192, 0, 2, 1}));
}

TEST(ParseMessage, CopiesOtherRdataUnchanged) {
  // A TXT whose bytes look like a compression pointer must not be touched.
  Packet p = response_start(1);
  p.ptr(kQuestionOffset).rr_fixed(rr_type::kTxt).u8(2).u8(0xc0).u8(0x0c).end_rdata();
  Message m = parse_ok(p.bytes());
  ASSERT_EQ(m.answers.size(), 1u);
  EXPECT_EQ(m.answers[0].rdata, (Bytes{2, 0xc0, 0x0c}));
}

TEST(ParseMessage, KeepsEmptyRdataOfNameTypes) {
  Packet p = response_start(1);
  p.ptr(kQuestionOffset).rr_fixed(rr_type::kNs).end_rdata();
  Message m = parse_ok(p.bytes());
  ASSERT_EQ(m.answers.size(), 1u);
  EXPECT_TRUE(m.answers[0].rdata.empty());
  EXPECT_FALSE(parse_name_rdata(m.answers[0]).ok());
}

TEST(ParseMessage, RejectsMalformedNameRdata) {
  // NS RDATA of 3 octets whose name continues past it.
  Packet p = response_start(1);
  p.ptr(kQuestionOffset).rr_fixed(rr_type::kNs).labels({"ns"}).end_rdata();
  p.labels({"x"}).u8(0);
  EXPECT_NE(parse_error(p.bytes()).find("NS RDATA"), std::string::npos);

  // SOA with 19 octets of counters.
  Packet q = response_start(1);
  q.ptr(kQuestionOffset).rr_fixed(rr_type::kSoa).ptr(kQuestionOffset).ptr(kQuestionOffset);
  q.u32(1).u32(2).u32(3).u32(4).u16(5).u8(6).end_rdata();
  EXPECT_NE(parse_error(q.bytes()).find("SOA"), std::string::npos);
}

// ---- hostile names ----

TEST(ParseMessage, RejectsPointerToItself) {
  Packet p;
  p.header(0, 1, 0, 0, 0).ptr(12).u16(1).u16(1);
  EXPECT_NE(parse_error(p.bytes()).find("backwards"), std::string::npos);
}

TEST(ParseMessage, RejectsPointerLoop) {
  // "x" then a pointer back to the "x": the pointer is before its own position, but it targets
  // the start of the name being read, which would repeat "x.x.x..." forever.
  Packet p;
  p.header(0, 1, 0, 0, 0).labels({"x"}).ptr(12).u16(1).u16(1);
  EXPECT_NE(parse_error(p.bytes()).find("does not point backwards"), std::string::npos);

  // The same loop reached through a jump: the owner points at a TXT RDATA holding "a" + pointer
  // to the "a"; after the jump the pointer must target bytes before the "a".
  Packet q = response_start(2);
  q.ptr(kQuestionOffset).rr_fixed(rr_type::kTxt);
  const auto loop_at = static_cast<std::uint16_t>(q.size());
  q.labels({"a"}).ptr(loop_at).end_rdata();
  q.ptr(loop_at).rr_fixed(rr_type::kA).u32(0).end_rdata();
  EXPECT_NE(parse_error(q.bytes()).find("does not point backwards"), std::string::npos);
}

TEST(ParseMessage, RejectsForwardPointer) {
  Packet p;
  p.header(0, 2, 0, 0, 0).ptr(18).u16(1).u16(1);  // question 1 points at question 2
  p.labels({"later"}).u8(0).u16(1).u16(1);
  EXPECT_NE(parse_error(p.bytes()).find("does not point backwards"), std::string::npos);
}

TEST(ParseMessage, RejectsPointerOutOfRange) {
  Packet p;
  p.header(0, 1, 0, 0, 0).ptr(0x3fff).u16(1).u16(1);
  EXPECT_FALSE(parse_message(p.bytes()).ok());
}

TEST(ParseMessage, AcceptsChainedBackwardPointers) {
  // name1 "com" at 12; name2 "example" + ptr(12); name3 "www" + ptr(name2).
  Packet p;
  p.header(kResponseFlags, 3, 0, 0, 0).labels({"com"}).u8(0).u16(1).u16(1);
  const std::uint16_t second = static_cast<std::uint16_t>(p.size());
  p.labels({"example"}).ptr(12).u16(1).u16(1);
  p.labels({"www"}).ptr(second).u16(1).u16(1);
  Message m = parse_ok(p.bytes());
  ASSERT_EQ(m.questions.size(), 3u);
  EXPECT_EQ(m.questions[2].name, "www.example.com");
}

TEST(ParseMessage, RejectsTooManyPointerHops) {
  // A TXT RDATA holds a root octet and 200 pointers, each to the one before it; every pointer is
  // backwards, but no real name needs more jumps than it has labels (at most 127).
  Packet r = response_start(2);
  r.ptr(kQuestionOffset).rr_fixed(rr_type::kTxt);
  const auto chain_start = static_cast<std::uint16_t>(r.size());
  r.u8(0);
  r.ptr(chain_start);
  for (int i = 1; i < 200; ++i) r.ptr(static_cast<std::uint16_t>(r.size() - 2));
  r.end_rdata();
  r.ptr(static_cast<std::uint16_t>(r.size() - 2)).rr_fixed(rr_type::kA).u32(0).end_rdata();
  EXPECT_NE(parse_error(r.bytes()).find("too many compression pointers"), std::string::npos);

  // A chain of 100 is still followed.
  Packet ok = response_start(2);
  ok.ptr(kQuestionOffset).rr_fixed(rr_type::kTxt);
  const auto ok_start = static_cast<std::uint16_t>(ok.size());
  ok.labels({"deep"}).u8(0);
  ok.ptr(ok_start);
  for (int i = 1; i < 100; ++i) ok.ptr(static_cast<std::uint16_t>(ok.size() - 2));
  ok.end_rdata();
  ok.ptr(static_cast<std::uint16_t>(ok.size() - 2)).rr_fixed(rr_type::kA).u32(0).end_rdata();
  Message m = parse_ok(ok.bytes());
  ASSERT_EQ(m.answers.size(), 2u);
  EXPECT_EQ(m.answers[1].owner, "deep");
}

TEST(ParseMessage, RejectsExtendedAndReservedLabelTypes) {
  Packet p;
  p.header(0, 1, 0, 0, 0).u8(0x40).u8(0).u16(1).u16(1);  // 0x40: EDNS0 extended label
  EXPECT_NE(parse_error(p.bytes()).find("0x40"), std::string::npos);
  Packet q;
  q.header(0, 1, 0, 0, 0).u8(0x80).u8(0).u16(1).u16(1);
  EXPECT_NE(parse_error(q.bytes()).find("0x80"), std::string::npos);
}

TEST(ParseMessage, LabelLengthOver63IsALabelTypeError) {
  // A length octet of 64 (0x40) is not a long label: the top bits make it a label type.
  Packet p;
  p.header(0, 1, 0, 0, 0).u8(64).text(std::string(64, 'a')).u8(0).u16(1).u16(1);
  EXPECT_FALSE(parse_message(p.bytes()).ok());
}

TEST(ParseMessage, RejectsNamesLongerThan255Octets) {
  const std::string l63(63, 'a');
  Packet p;
  p.header(0, 1, 0, 0, 0).labels({l63, l63, l63, std::string(62, 'b')}).u8(0).u16(1).u16(1);
  EXPECT_NE(parse_error(p.bytes()).find("255"), std::string::npos);

  Packet fits;
  fits.header(0, 1, 0, 0, 0).labels({l63, l63, l63, std::string(61, 'b')}).u8(0).u16(1).u16(1);
  Message m = parse_ok(fits.bytes());
  ASSERT_EQ(m.questions.size(), 1u);
  EXPECT_EQ(m.questions[0].name.size(), 253u);

  // Over the limit only after decompression: 128 + 128 octets.
  Packet q;
  q.header(0, 2, 0, 0, 0).labels({l63, l63}).u8(0).u16(1).u16(1);
  q.labels({l63, l63}).ptr(12).u16(1).u16(1);
  EXPECT_NE(parse_error(q.bytes()).find("255"), std::string::npos);
}

// ---- truncation ----

TEST(ParseMessage, RejectsTruncatedHeader) {
  const Bytes eleven(11, 0);
  EXPECT_NE(parse_error(eleven).find("header"), std::string::npos);
  EXPECT_FALSE(parse_message(Bytes{}).ok());
  const Bytes twelve(12, 0);
  Message m = parse_ok(twelve);
  EXPECT_TRUE(m.questions.empty());
  EXPECT_FALSE(m.edns.has_value());
}

TEST(ParseMessage, RejectsTruncatedQuestion) {
  Bytes full = response_start(0).bytes();
  for (std::size_t cut = 12; cut < full.size(); ++cut) {
    Bytes cut_wire(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(cut));
    EXPECT_FALSE(parse_message(cut_wire).ok()) << "cut at " << cut;
  }
  EXPECT_TRUE(parse_message(full).ok());
}

TEST(ParseMessage, RejectsTruncatedRecord) {
  Packet p = response_start(1);
  p.ptr(kQuestionOffset).rr_fixed(rr_type::kA).u8(192).u8(0).u8(2).u8(1).end_rdata();
  const Bytes full = p.bytes();
  ASSERT_TRUE(parse_message(full).ok());
  for (std::size_t cut = 29; cut < full.size(); ++cut) {
    Bytes cut_wire(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(cut));
    EXPECT_FALSE(parse_message(cut_wire).ok()) << "cut at " << cut;
  }
  // RDLENGTH larger than what follows.
  Bytes overlong = full;
  overlong[overlong.size() - 5] = 5;
  EXPECT_NE(parse_error(overlong).find("truncated A record"), std::string::npos);
}

TEST(ParseMessage, HugeCountsWithoutDataFailWithoutAllocating) {
  Packet p;
  p.header(kResponseFlags, 0xffff, 0xffff, 0xffff, 0xffff);
  EXPECT_FALSE(parse_message(p.bytes()).ok());
}

TEST(ParseMessage, TruncatedMessageWithTcReturnsCompleteRecords) {
  // Documented choice: with TC=1, running out of bytes ends parsing and keeps what was complete.
  Packet p = response_start(3, 0, 0, kResponseFlags | 0x0200);
  p.ptr(kQuestionOffset).rr_fixed(rr_type::kA).u32(0xc0000201).end_rdata();
  p.ptr(kQuestionOffset).rr_fixed(rr_type::kA).u32(0xc0000202).end_rdata();
  p.ptr(kQuestionOffset).u16(rr_type::kA).u16(kClassIn).u8(0);  // cut inside the third record
  Message m = parse_ok(p.bytes());
  EXPECT_TRUE(m.header.tc);
  ASSERT_EQ(m.answers.size(), 2u);
  EXPECT_EQ(m.answers[1].rdata, (Bytes{192, 0, 2, 2}));

  // Without TC the same bytes are an error.
  Bytes no_tc = p.bytes();
  no_tc[2] &= static_cast<std::uint8_t>(~0x02);
  EXPECT_FALSE(parse_message(no_tc).ok());

  // TC does not excuse malformed (as opposed to cut-off) data.
  Packet bad = response_start(1, 0, 0, kResponseFlags | 0x0200);
  bad.ptr(200).rr_fixed(rr_type::kA).u32(0).end_rdata();
  EXPECT_FALSE(parse_message(bad.bytes()).ok());
}

TEST(ParseMessage, IgnoresTrailingGarbage) {
  Packet p = response_start(1);
  p.ptr(kQuestionOffset).rr_fixed(rr_type::kA).u32(0xc0000201).end_rdata();
  p.u32(0xdeadbeef).u8(0xc0);
  Message m = parse_ok(p.bytes());
  ASSERT_EQ(m.answers.size(), 1u);
}

TEST(ParseMessage, ReadsHeaderFlags) {
  Packet p;
  // QR, opcode 2 (STATUS), AA, TC, RD, RA, AD, CD, RCODE 3.
  p.header(0x8000 | (2 << 11) | 0x0400 | 0x0200 | 0x0100 | 0x0080 | 0x0020 | 0x0010 | 3, 0, 0, 0,
           0);
  Message m = parse_ok(p.bytes());
  EXPECT_EQ(m.header.id, 0xbeef);
  EXPECT_TRUE(m.header.qr && m.header.aa && m.header.tc && m.header.rd && m.header.ra &&
              m.header.ad && m.header.cd);
  EXPECT_EQ(m.header.opcode, 2);
  EXPECT_EQ(m.header.rcode, rcode::kNxDomain);
}

// ---- EDNS ----

Packet with_opt(std::uint16_t udp, std::uint32_t ttl, const Bytes& options,
                std::uint16_t flags = kResponseFlags) {
  Packet p = response_start(0, 0, 1, flags);
  p.u8(0).rr_fixed(rr_type::kOpt, ttl, udp).raw(options).end_rdata();
  return p;
}

TEST(ParseMessage, ReadsOpt) {
  Message m = parse_ok(with_opt(1400, 0x00008000, {}).bytes());
  ASSERT_TRUE(m.edns.has_value());
  EXPECT_EQ(m.edns->udp_size, 1400);
  EXPECT_TRUE(m.edns->do_bit);
  EXPECT_EQ(m.edns->version, 0);
  EXPECT_TRUE(m.additional.empty());

  Message v1 = parse_ok(with_opt(512, 0x00010000, {}).bytes());
  ASSERT_TRUE(v1.edns.has_value());
  EXPECT_EQ(v1.edns->version, 1);
  EXPECT_FALSE(v1.edns->do_bit);
}

TEST(ParseMessage, MergesExtendedRcode) {
  // Extended RCODE 1 with header RCODE 0 is 16, BADVERS.
  Message m = parse_ok(with_opt(1232, 0x01000000, {}).bytes());
  EXPECT_EQ(m.header.rcode, 16);
  EXPECT_EQ(rcode_name(m.header.rcode), "BADVERS");
  // BADCOOKIE: 23 = (1 << 4) | 7.
  Message c = parse_ok(with_opt(1232, 0x01000000, {}, kResponseFlags | 7).bytes());
  EXPECT_EQ(c.header.rcode, 23);
  EXPECT_EQ(rcode_name(c.header.rcode), "BADCOOKIE");
  Message big = parse_ok(with_opt(1232, 0xff000000, {}, kResponseFlags | 0xf).bytes());
  EXPECT_EQ(big.header.rcode, 0xfff);
}

TEST(ParseMessage, ExtractsExtendedDnsErrors) {
  Packet options;
  options.u16(10).u16(4).u32(0x01020304);              // a COOKIE-like option, skipped
  options.u16(15).u16(2 + 7).u16(18).text("blocked");  // EDE 18 Prohibited
  options.u16(15).u16(2).u16(6);                       // EDE 6 DNSSEC Bogus, no text
  Message m = parse_ok(with_opt(1232, 0, options.bytes(), kResponseFlags | 2).bytes());
  ASSERT_TRUE(m.edns.has_value());
  ASSERT_EQ(m.edns->extended_errors.size(), 2u);
  EXPECT_EQ(m.edns->extended_errors[0].info_code, 18);
  EXPECT_EQ(m.edns->extended_errors[0].extra_text, "blocked");
  EXPECT_EQ(m.edns->extended_errors[1].info_code, 6);
  EXPECT_EQ(m.edns->extended_errors[1].extra_text, "");
  EXPECT_EQ(m.header.rcode, rcode::kServFail);
}

TEST(ParseMessage, RejectsBadOpt) {
  // Truncated option header and option value.
  EXPECT_NE(parse_error(with_opt(1232, 0, {0x00, 0x0f, 0x00}).bytes()).find("truncated option"),
            std::string::npos);
  EXPECT_FALSE(parse_message(with_opt(1232, 0, {0x00, 0x0a, 0x00, 0x08, 1, 2}).bytes()).ok());
  // EDE shorter than its info code.
  EXPECT_FALSE(parse_message(with_opt(1232, 0, {0x00, 0x0f, 0x00, 0x01, 0x00}).bytes()).ok());

  // Owner not the root.
  Packet owner = response_start(0, 0, 1);
  owner.ptr(kQuestionOffset).rr_fixed(rr_type::kOpt, 0, 1232).end_rdata();
  EXPECT_NE(parse_error(owner.bytes()).find("root"), std::string::npos);

  // Two OPT records.
  Packet two = response_start(0, 0, 2);
  two.u8(0).rr_fixed(rr_type::kOpt, 0, 1232).end_rdata();
  two.u8(0).rr_fixed(rr_type::kOpt, 0, 1232).end_rdata();
  EXPECT_NE(parse_error(two.bytes()).find("more than one OPT"), std::string::npos);

  // OPT in the answer section.
  Packet answer = response_start(1);
  answer.u8(0).rr_fixed(rr_type::kOpt, 0, 1232).end_rdata();
  EXPECT_NE(parse_error(answer.bytes()).find("outside the additional"), std::string::npos);
}

// ---- recorded packets ----

TEST(RecordedPackets, NsdReferralStyleAnswer) {
  Message m = parse_ok(recorded(testdata::kNs));
  EXPECT_EQ(m.header.id, 18760);
  EXPECT_TRUE(m.header.qr);
  EXPECT_TRUE(m.header.aa);
  EXPECT_TRUE(m.header.rd);
  EXPECT_FALSE(m.header.ra);
  ASSERT_EQ(m.questions.size(), 1u);
  EXPECT_EQ(m.questions[0].name, "example.com");
  EXPECT_EQ(m.questions[0].type, rr_type::kNs);
  ASSERT_EQ(m.answers.size(), 3u);
  EXPECT_EQ(m.answers[0].ttl, 3600u);
  auto ns1 = parse_name_rdata(m.answers[0]);
  auto ns2 = parse_name_rdata(m.answers[1]);
  ASSERT_TRUE(ns1.ok() && ns2.ok());
  EXPECT_EQ(*ns1, "ns1.example.com");
  EXPECT_EQ(*ns2, "ns2.example.com");
  EXPECT_EQ(m.answers[2].type, rr_type::kRrsig);
  ASSERT_EQ(m.additional.size(), 4u);  // A, RRSIG, AAAA, RRSIG; OPT moved to edns
  EXPECT_EQ(m.additional[0].owner, "ns1.example.com");
  auto address = parse_address(m.additional[0]);
  ASSERT_TRUE(address.ok());
  EXPECT_EQ(address->to_string(), "192.0.2.53");
  auto address6 = parse_address(m.additional[2]);
  ASSERT_TRUE(address6.ok());
  EXPECT_EQ(address6->to_string(), "2001:db8::53");
  ASSERT_TRUE(m.edns.has_value());
  EXPECT_EQ(m.edns->udp_size, 1232);
  EXPECT_TRUE(m.edns->do_bit);
}

TEST(RecordedPackets, NxdomainWithNsec3) {
  Message m = parse_ok(recorded(testdata::kNxdomainNsec3));
  EXPECT_EQ(m.header.rcode, rcode::kNxDomain);
  EXPECT_EQ(rcode_name(m.header.rcode), "NXDOMAIN");
  EXPECT_EQ(m.questions.at(0).name, "nope.example.com");
  ASSERT_EQ(m.authority.size(), 6u);
  EXPECT_EQ(m.authority[0].owner, "62qb06h9i34m077om10nrou8cn066vrn.example.com");
  EXPECT_EQ(m.authority[0].type, rr_type::kNsec3);
  EXPECT_EQ(m.authority[0].ttl, 300u);
  auto soa = parse_soa(m.authority[4]);
  ASSERT_TRUE(soa.ok()) << soa.error().message;
  EXPECT_EQ(soa->mname, "ns1.example.com");
  EXPECT_EQ(soa->rname, "hostmaster.example.com");
  EXPECT_EQ(soa->serial, 2024010101u);
  EXPECT_EQ(soa->refresh, 7200u);
  EXPECT_EQ(soa->retry, 3600u);
  EXPECT_EQ(soa->expire, 1209600u);
  EXPECT_EQ(soa->minimum, 300u);
}

TEST(RecordedPackets, UnboundExtendedDnsError) {
  Message m = parse_ok(recorded(testdata::kEdeServfail));
  EXPECT_EQ(m.header.rcode, rcode::kServFail);
  EXPECT_TRUE(m.header.ra);
  ASSERT_TRUE(m.edns.has_value());
  ASSERT_EQ(m.edns->extended_errors.size(), 1u);
  EXPECT_EQ(m.edns->extended_errors[0].info_code, 9);  // DNSKEY Missing
  EXPECT_EQ(m.edns->extended_errors[0].extra_text,
            "validation failure <example.com. A IN>: DS hash mismatches key from 127.0.0.1 for "
            "trust anchor example.com. while building chain of trust");
}

TEST(RecordedPackets, EveryPacketParsesAndEveryCutIsHandled) {
  const std::vector<Bytes> packets = {
      recorded(testdata::kCaa),        recorded(testdata::kCname),
      recorded(testdata::kDnskey),     recorded(testdata::kEdeServfail),
      recorded(testdata::kMx),         recorded(testdata::kNs),
      recorded(testdata::kNsec3param), recorded(testdata::kNxdomainNsec3),
      recorded(testdata::kSoaDnssec),  recorded(testdata::kTxt),
  };
  for (const auto& packet : packets) {
    ASSERT_TRUE(parse_message(packet).ok());
    // Every proper prefix longer than the header fails without TC, and parses with TC set.
    for (std::size_t cut = 12; cut < packet.size(); ++cut) {
      Bytes prefix(packet.begin(), packet.begin() + static_cast<std::ptrdiff_t>(cut));
      EXPECT_FALSE(parse_message(prefix).ok()) << "cut at " << cut;
      prefix[2] |= 0x02;
      EXPECT_TRUE(parse_message(prefix).ok()) << "TC, cut at " << cut;
    }
  }
}

// ---- names of types and rcodes ----

TEST(Types, Names) {
  EXPECT_EQ(type_name(rr_type::kA), "A");
  EXPECT_EQ(type_name(rr_type::kAaaa), "AAAA");
  EXPECT_EQ(type_name(rr_type::kNsec3param), "NSEC3PARAM");
  EXPECT_EQ(type_name(rr_type::kCaa), "CAA");
  EXPECT_EQ(type_name(rr_type::kTlsa), "TLSA");
  EXPECT_EQ(type_name(rr_type::kOpt), "OPT");
  EXPECT_EQ(type_name(12), "PTR");
  EXPECT_EQ(type_name(33), "SRV");
  EXPECT_EQ(type_name(64), "SVCB");
  EXPECT_EQ(type_name(65), "HTTPS");
  EXPECT_EQ(type_name(255), "ANY");
  EXPECT_EQ(type_name(65534), "TYPE65534");
  EXPECT_EQ(type_name(0), "TYPE0");
}

TEST(Types, RcodeNames) {
  const std::vector<std::string> expected = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN",
                                             "NOTIMP",  "REFUSED", "YXDOMAIN", "YXRRSET",
                                             "NXRRSET", "NOTAUTH", "NOTZONE"};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(rcode_name(static_cast<std::uint16_t>(i)), expected[i]);
  }
  EXPECT_EQ(rcode_name(16), "BADVERS");
  EXPECT_EQ(rcode_name(23), "BADCOOKIE");
  EXPECT_EQ(rcode_name(12), "RCODE12");
  EXPECT_EQ(rcode_name(4095), "RCODE4095");
}

}  // namespace
}  // namespace baseline::dns
