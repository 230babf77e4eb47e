// SPDX-License-Identifier: Apache-2.0
#include "core/domain_name.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace baseline::core {
namespace {

std::string ascii_of(std::string_view input) {
  auto name = DomainName::parse(input);
  EXPECT_TRUE(name.ok()) << input << ": " << (name.ok() ? "" : name.error().message);
  return name.ok() ? name->ascii() : "";
}

std::string error_of(std::string_view input) {
  auto name = DomainName::parse(input);
  EXPECT_FALSE(name.ok()) << input << " was accepted as " << (name.ok() ? name->ascii() : "");
  return name.ok() ? "" : name.error().message;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

DomainName must(std::string_view input) {
  auto name = DomainName::from_dns(input);
  EXPECT_TRUE(name.ok()) << input;
  return name.ok() ? *name : *DomainName::from_dns("");
}

// 253 characters: 3 labels of 63 and one of 61, joined by dots.
std::string name_of_length(std::size_t last_label) {
  const std::string l63(63, 'a');
  return l63 + "." + l63 + "." + l63 + "." + std::string(last_label, 'b');
}

TEST(DomainNameParse, AcceptsAscii) {
  EXPECT_EQ(ascii_of("example.com"), "example.com");
  EXPECT_EQ(ascii_of("www.example.co.uk"), "www.example.co.uk");
  EXPECT_EQ(ascii_of("a-b.example"), "a-b.example");
  EXPECT_EQ(ascii_of("123.example"), "123.example");  // numeric labels below the top are fine
}

TEST(DomainNameParse, LowercasesAndDropsTrailingDot) {
  EXPECT_EQ(ascii_of("WWW.Example.COM"), "www.example.com");
  EXPECT_EQ(ascii_of("example.com."), "example.com");
  EXPECT_TRUE(contains(error_of("example.com.."), "empty label"));
}

TEST(DomainNameParse, ConvertsIdnToALabels) {
  EXPECT_EQ(ascii_of("bücher.example"), "xn--bcher-kva.example");
  EXPECT_EQ(ascii_of("Bücher.Example"), "xn--bcher-kva.example");
  // IDNA2008 non-transitional: ß is kept, not mapped to "ss" as IDNA2003 did.
  EXPECT_EQ(ascii_of("faß.de"), "xn--fa-hia.de");
  EXPECT_EQ(ascii_of("FASS.de"), "fass.de");
  EXPECT_EQ(ascii_of("xn--bcher-kva.example"), "xn--bcher-kva.example");
  EXPECT_EQ(ascii_of("XN--BCHER-KVA.example"), "xn--bcher-kva.example");
  EXPECT_EQ(DomainName::parse("bücher.example")->unicode(), "bücher.example");
}

TEST(DomainNameParse, RejectsInvalidIdn) {
  EXPECT_TRUE(contains(error_of("xn--zz.example"), "punycode"));
  EXPECT_TRUE(contains(error_of("xn--55.com"), "punycode"));
  // Decodes, but not to a valid IDNA2008 label (U+0080; an emoji).
  EXPECT_TRUE(contains(error_of("xn--a.example"), "IDNA2008"));
  EXPECT_TRUE(contains(error_of("xn--ls8h.la"), "IDNA2008"));
  EXPECT_TRUE(contains(error_of("\xF0\x9F\x92\xA9.la"), "internationalised"));  // emoji
}

TEST(DomainNameParse, RejectsEmptyAndEmptyLabels) {
  EXPECT_FALSE(DomainName::parse("").ok());
  EXPECT_FALSE(DomainName::parse(".").ok());
  EXPECT_TRUE(contains(error_of("a..example"), "empty label"));
  EXPECT_TRUE(contains(error_of(".example.com"), "empty label"));
}

TEST(DomainNameParse, EnforcesLabelLength) {
  EXPECT_EQ(ascii_of(std::string(63, 'x') + ".example"), std::string(63, 'x') + ".example");
  EXPECT_TRUE(contains(error_of(std::string(64, 'x') + ".example"), "longer than 63"));
}

TEST(DomainNameParse, EnforcesNameLength) {
  ASSERT_EQ(name_of_length(61).size(), 253u);
  EXPECT_EQ(ascii_of(name_of_length(61)), name_of_length(61));
  EXPECT_EQ(ascii_of(name_of_length(61) + "."), name_of_length(61));
  ASSERT_EQ(name_of_length(62).size(), 254u);
  EXPECT_TRUE(contains(error_of(name_of_length(62)), "longer than 253"));
  EXPECT_FALSE(DomainName::parse(std::string(5000, 'a')).ok());
}

TEST(DomainNameParse, RejectsNonLdh) {
  EXPECT_TRUE(contains(error_of("_dmarc.example.com"), "_dmarc"));
  EXPECT_FALSE(DomainName::parse("exa mple.com").ok());
  EXPECT_FALSE(DomainName::parse("exa*mple.com").ok());
  EXPECT_FALSE(DomainName::parse("*.example.com").ok());
}

TEST(DomainNameParse, RejectsBadHyphens) {
  EXPECT_TRUE(contains(error_of("-abc.example"), "hyphen"));
  EXPECT_TRUE(contains(error_of("abc-.example"), "hyphen"));
  EXPECT_TRUE(contains(error_of("ab--cd.example"), "positions 3 and 4"));
  EXPECT_EQ(ascii_of("a--b.example"), "a--b.example");  // "--" elsewhere is fine
}

TEST(DomainNameParse, RejectsSingleLabelAndIpAddresses) {
  EXPECT_TRUE(contains(error_of("localhost"), "two labels"));
  EXPECT_TRUE(contains(error_of("com."), "two labels"));
  EXPECT_TRUE(contains(error_of("1.2.3.4"), "numeric"));
  EXPECT_TRUE(contains(error_of("example.123"), "numeric"));
  EXPECT_EQ(ascii_of("example.c0m"), "example.c0m");
}

TEST(DomainNameFromDns, AcceptsServiceLabels) {
  auto name = DomainName::from_dns("_443._tcp.Example.COM.");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(name->ascii(), "_443._tcp.example.com");
  EXPECT_EQ(name->label_count(), 4u);

  auto root = DomainName::from_dns("");
  ASSERT_TRUE(root.ok());
  EXPECT_TRUE(root->is_root());
  EXPECT_EQ(root->label_count(), 0u);
  EXPECT_TRUE(DomainName::from_dns(".")->is_root());

  EXPECT_TRUE(DomainName::from_dns("localhost").ok());  // single labels come from DNS too
  EXPECT_FALSE(DomainName::from_dns(std::string(64, 'a') + ".com").ok());
  EXPECT_FALSE(DomainName::from_dns("a..b").ok());
  EXPECT_FALSE(DomainName::from_dns(name_of_length(62)).ok());
}

TEST(DomainNameNavigation, Labels) {
  const DomainName name = must("www.example.com");
  EXPECT_EQ(name.labels(), (std::vector<std::string_view>{"www", "example", "com"}));
  EXPECT_EQ(name.label_count(), 3u);
}

TEST(DomainNameNavigation, ParentClimbsToRoot) {
  DomainName name = must("www.example.com");
  name = name.parent();
  EXPECT_EQ(name.ascii(), "example.com");
  name = name.parent();
  EXPECT_EQ(name.ascii(), "com");
  EXPECT_FALSE(name.is_root());
  name = name.parent();
  EXPECT_TRUE(name.is_root());
  EXPECT_EQ(name.ascii(), "");
  EXPECT_TRUE(name.parent().is_root());
}

TEST(DomainNameNavigation, Prefixed) {
  EXPECT_EQ(must("example.com").prefixed("_dmarc").ascii(), "_dmarc.example.com");
  EXPECT_EQ(must("example.com").prefixed("_443").prefixed("x").ascii(), "x._443.example.com");
  EXPECT_EQ(must("").prefixed("com").ascii(), "com");
}

TEST(DomainNameNavigation, IsSubdomainOf) {
  const DomainName example = must("example.com");
  EXPECT_TRUE(must("www.example.com").is_subdomain_of(example));
  EXPECT_TRUE(must("a.b.example.com").is_subdomain_of(example));
  EXPECT_TRUE(example.is_subdomain_of(example));
  EXPECT_TRUE(example.is_subdomain_of(must("")));
  EXPECT_TRUE(example.is_subdomain_of(must("com")));
  EXPECT_FALSE(must("badexample.com").is_subdomain_of(example));
  EXPECT_FALSE(example.is_subdomain_of(must("www.example.com")));
  EXPECT_FALSE(must("example.org").is_subdomain_of(example));
  EXPECT_FALSE(must("").is_subdomain_of(example));
}

TEST(DomainNameNavigation, ComparesByAsciiForm) {
  EXPECT_EQ(*DomainName::parse("Example.COM."), *DomainName::parse("example.com"));
  EXPECT_EQ(*DomainName::parse("bücher.example"), must("xn--bcher-kva.example"));
  EXPECT_LT(must("a.example"), must("b.example"));
}

}  // namespace
}  // namespace baseline::core
