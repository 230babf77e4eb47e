// SPDX-License-Identifier: Apache-2.0
// MRT TABLE_DUMP_V2 and text RIB reading, built byte by byte with the test MRT writer.
#include "routing/rib_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "routing/testing/mrt_writer.h"

namespace baseline::routing {
namespace {
using testing::MrtWriter;
using testing::origin_path;
using testing::path_attributes;
using testing::PathSegment;

IpPrefix prefix(const char* text) {
  return *IpPrefix::parse(text);
}

std::vector<std::uint32_t> origins_of(const RouteTable& table, const char* address) {
  auto covering = table.covering(IpPrefix::from_address(boost::asio::ip::make_address(address)));
  return covering.empty() ? std::vector<std::uint32_t>{} : covering.back().origins;
}

MrtWriter sample_rib() {
  MrtWriter w;
  w.peer_index_table({64510, 64511});
  w.rib(prefix("198.18.30.0/27"),
        {{0, origin_path({64510, 64500})}, {1, origin_path({64511, 64500})}});
  w.rib(prefix("198.18.30.32/27"), {{0, origin_path({64510, 64666})}});
  w.rib(prefix("2001:db8:30::/120"), {{1, origin_path({64511, 64500})}});
  return w;
}

core::Result<RibStats> read(std::vector<std::uint8_t>& bytes, RouteTable& table) {
  MemorySource source(bytes, "test.mrt");
  return read_mrt(source, table);
}

TEST(MrtReader, ReadsIpv4AndIpv6RibsWithOriginsFromTheLastAs) {
  auto w = sample_rib();
  RouteTable table;
  auto stats = read(w.bytes(), table);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(stats->records, 4u);
  EXPECT_EQ(stats->rib_entries, 4u);
  EXPECT_EQ(stats->routes, 3u);  // the two peers' 198.18.30.0/27 routes are one route
  EXPECT_EQ(origins_of(table, "198.18.30.1"), (std::vector<std::uint32_t>{64500}));
  EXPECT_EQ(origins_of(table, "198.18.30.33"), (std::vector<std::uint32_t>{64666}));
  EXPECT_EQ(origins_of(table, "2001:db8:30::5"), (std::vector<std::uint32_t>{64500}));
  EXPECT_TRUE(origins_of(table, "198.18.30.200").empty());
}

TEST(MrtReader, OriginRulesOfRfc6811) {
  MrtWriter w;
  w.peer_index_table({64510});
  // AS_SET at the end: no single origin.
  w.rib(prefix("198.18.1.0/24"),
        {{0, path_attributes({PathSegment{2, {64510, 64520}}, PathSegment{1, {64530, 64531}}})}});
  // AS_SET followed by a sequence: the sequence's last AS.
  w.rib(prefix("198.18.2.0/24"),
        {{0, path_attributes({PathSegment{1, {64530}}, PathSegment{2, {64540}}})}});
  // Empty path: the peer originated it.
  w.rib(prefix("198.18.3.0/24"), {{0, path_attributes({})}});
  // AS_TRANS in AS_PATH, the real origin in AS4_PATH.
  auto attrs = path_attributes({PathSegment{2, {64510, 23456}}});
  auto as4 = path_attributes({PathSegment{2, {64510, 4200000001u}}}, 4, 17);
  attrs.insert(attrs.end(), as4.begin() + 4, as4.end());  // skip AS4's duplicate ORIGIN
  w.rib(prefix("198.18.4.0/24"), {{0, attrs}});
  // An old dump with 2-byte AS numbers in AS_PATH.
  w.rib(prefix("198.18.5.0/24"),
        {{0, path_attributes({PathSegment{2, {64510, 64550, 64551}}}, 2)}});
  // ADD-PATH subtype (RFC 8050).
  w.rib(prefix("198.18.6.0/24"), {{0, origin_path({64510, 64560})}}, true);
  RouteTable table;
  auto stats = read(w.bytes(), table);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(stats->as_set_origins, 1u);
  EXPECT_EQ(origins_of(table, "198.18.1.1"), (std::vector<std::uint32_t>{kNoSingleOrigin}));
  EXPECT_EQ(origins_of(table, "198.18.2.1"), (std::vector<std::uint32_t>{64540}));
  EXPECT_EQ(origins_of(table, "198.18.3.1"), (std::vector<std::uint32_t>{64510}));
  EXPECT_EQ(origins_of(table, "198.18.4.1"), (std::vector<std::uint32_t>{4200000001u}));
  EXPECT_EQ(origins_of(table, "198.18.5.1"), (std::vector<std::uint32_t>{64551}));
  EXPECT_EQ(origins_of(table, "198.18.6.1"), (std::vector<std::uint32_t>{64560}));
}

TEST(MrtReader, SkipsOtherRecordTypes) {
  MrtWriter w;
  w.record(16, 4, {1, 2, 3, 4});  // a BGP4MP message
  w.peer_index_table({64510});
  w.record(13, 6, {0, 0});  // RIB_GENERIC
  w.rib(prefix("198.18.30.0/27"), {{0, origin_path({64510, 64500})}});
  RouteTable table;
  auto stats = read(w.bytes(), table);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(stats->skipped_records, 2u);
  EXPECT_EQ(stats->routes, 1u);
}

void expect_error(std::vector<std::uint8_t> bytes, const std::string& fragment) {
  RouteTable table;
  auto stats = read(bytes, table);
  ASSERT_FALSE(stats.ok()) << "expected an error containing: " << fragment;
  EXPECT_NE(stats.error().message.find(fragment), std::string::npos) << stats.error().message;
  EXPECT_EQ(stats.error().message.rfind("test.mrt: ", 0), 0u) << stats.error().message;
}

TEST(MrtReader, TruncatedFilesNameTheOffset) {
  auto whole = sample_rib().bytes();
  auto cut = whole;
  cut.resize(whole.size() - 3);
  // The last record starts where the third one ended; the error names that offset.
  MrtWriter first_three;
  first_three.peer_index_table({64510, 64511});
  first_three.rib(prefix("198.18.30.0/27"),
                  {{0, origin_path({64510, 64500})}, {1, origin_path({64511, 64500})}});
  first_three.rib(prefix("198.18.30.32/27"), {{0, origin_path({64510, 64666})}});
  expect_error(cut, "truncated MRT record: header says");
  expect_error(cut, "at offset " + std::to_string(first_three.bytes().size()));
  auto header_only = whole;
  header_only.resize(5);
  expect_error(header_only, "truncated MRT record header (5 of 12 bytes) at offset 0");
}

TEST(MrtReader, CorruptRecordsAreErrors) {
  {
    MrtWriter w;  // RIB before the peer table
    w.rib(prefix("198.18.30.0/27"), {{0, origin_path({64500})}});
    expect_error(w.bytes(), "RIB record before any PEER_INDEX_TABLE at offset 0");
  }
  {
    MrtWriter w;  // peer index out of range
    w.peer_index_table({64510});
    w.rib(prefix("198.18.30.0/27"), {{7, origin_path({64500})}});
    expect_error(w.bytes(), "names peer 7");
  }
  {
    MrtWriter w;  // prefix length 40 for IPv4
    w.peer_index_table({64510});
    w.record(13, 2, {0, 0, 0, 1, 40, 1, 2, 3, 4, 5, 0, 0});
    expect_error(w.bytes(), "prefix length 40 is too long for IPv4");
  }
  {
    MrtWriter w;  // attribute claiming more bytes than the entry has
    w.peer_index_table({64510});
    w.rib(prefix("198.18.30.0/27"), {{0, {0x40, 2, 200, 2, 1}}});
    expect_error(w.bytes(), "attribute 2 claims 200 bytes");
  }
  {
    MrtWriter w;  // no AS_PATH at all
    w.peer_index_table({64510});
    w.rib(prefix("198.18.30.0/27"), {{0, {0x40, 1, 1, 0}}});
    expect_error(w.bytes(), "no AS_PATH attribute");
  }
  {
    MrtWriter w;  // a record longer than the bound
    std::vector<std::uint8_t> header{0, 0, 0, 0, 0, 13, 0, 2, 0x7F, 0xFF, 0xFF, 0xFF};
    expect_error(header, "more than the limit");
  }
}

TEST(MrtReader, AnUpdateFileIsNotARib) {
  MrtWriter w;
  w.record(16, 4, {1, 2, 3});
  expect_error(w.bytes(), "no TABLE_DUMP_V2 RIB");
}

class RibFiles : public ::testing::Test {
 protected:
  std::string path(const std::string& name) {
    auto p = std::filesystem::temp_directory_path() /
             ("baseline-rib-" + std::to_string(getpid()) + "-" + name);
    made_.push_back(p);
    return p.string();
  }
  ~RibFiles() override {
    for (const auto& p : made_) std::filesystem::remove(p);
  }
  std::vector<std::filesystem::path> made_;
};

TEST_F(RibFiles, ReadsPlainGzipAndBzip2Mrt) {
  auto bytes = sample_rib().bytes();
  for (auto [name, as] : {std::pair{"plain.mrt", testing::WriteAs::kPlain},
                          std::pair{"rib.gz", testing::WriteAs::kGzip},
                          std::pair{"rib.bz2", testing::WriteAs::kBzip2}}) {
    auto file = path(name);
    testing::write_file(file, bytes, as);
    RouteTable table;
    auto stats = load_rib_file(file, table);
    ASSERT_TRUE(stats.ok()) << name << ": " << stats.error().message;
    EXPECT_EQ(stats->format, "MRT TABLE_DUMP_V2");
    EXPECT_EQ(stats->routes, 3u) << name;
    EXPECT_EQ(origins_of(table, "198.18.30.33"), (std::vector<std::uint32_t>{64666}));
  }
}

TEST_F(RibFiles, TruncatedCompressedFileIsAnError) {
  auto bytes = sample_rib().bytes();
  auto whole = path("whole.gz");
  testing::write_file(whole, bytes, testing::WriteAs::kGzip);
  auto size = std::filesystem::file_size(whole);
  std::filesystem::resize_file(whole, size - 12);
  RouteTable table;
  auto stats = load_rib_file(whole, table);
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.error().message.find(whole), std::string::npos) << stats.error().message;
}

TEST_F(RibFiles, ReadsTextRibs) {
  auto file = path("rib.txt");
  std::ofstream(file)
      << "# prefix origin\n198.18.30.0/27 AS64500\n\n198.18.30.0/27 64666  # moas\r\n"
         "2001:db8:30::/120\t64500\n";
  RouteTable table;
  auto stats = load_rib_file(file, table);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(stats->format, "text");
  EXPECT_EQ(stats->routes, 3u);
  EXPECT_EQ(origins_of(table, "198.18.30.2"), (std::vector<std::uint32_t>{64500, 64666}));

  auto gz = path("rib.txt.gz");
  std::string text = "198.18.30.0/27 AS64500\n";
  testing::write_file(gz, std::vector<std::uint8_t>(text.begin(), text.end()),
                      testing::WriteAs::kGzip);
  RouteTable from_gz;
  ASSERT_TRUE(load_rib_file(gz, from_gz).ok());
}

TEST_F(RibFiles, TextErrorsNameTheLine) {
  auto file = path("bad.txt");
  std::ofstream(file) << "198.18.30.0/27 AS64500\n198.18.30.0/27\n";
  RouteTable table;
  auto stats = load_rib_file(file, table);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.error().message, file + ": line 2: expected 'PREFIX ORIGIN_AS'");

  auto long_line = path("long.txt");
  std::ofstream(long_line) << std::string(5000, '1');
  EXPECT_NE(load_rib_file(long_line, table).error().message.find("longer than 1024"),
            std::string::npos);
  auto empty = path("empty.txt");
  std::ofstream(empty) << "# nothing\n";
  EXPECT_NE(load_rib_file(empty, table).error().message.find("no routes"), std::string::npos);
  EXPECT_NE(load_rib_file(path("absent"), table).error().message.find("cannot open"),
            std::string::npos);
}

}  // namespace
}  // namespace baseline::routing
