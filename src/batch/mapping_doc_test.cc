// SPDX-License-Identifier: Apache-2.0
#include "batch/mapping_doc.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace baseline::batch {
namespace {

TEST(MappingDoc, RendersEveryTestWithItsChecks) {
  const auto md = mapping_markdown();
  EXPECT_NE(md.find("| `web_ipv6_ns_address` | `dns.ns.ipv6` | required |"), std::string::npos);
  EXPECT_NE(md.find("| `web_https_http_compress` | **not_tested** | — |"), std::string::npos);
  EXPECT_NE(md.find("### `mail_rpki` (mail)"), std::string::npos);
}

// The committed docs/internetnl-batch-api.md carries the generated table between the markers;
// regenerate it with `batch_test --gtest_filter=MappingDoc.* ` and BASELINE_WRITE_DOC=1.
TEST(MappingDoc, CommittedDocumentIsCurrent) {
  std::ifstream in(BASELINE_BATCH_DOC);
  ASSERT_TRUE(in) << BASELINE_BATCH_DOC;
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string doc = buffer.str();
  const auto begin = doc.find(kMappingBegin);
  const auto end = doc.find(kMappingEnd);
  ASSERT_NE(begin, std::string::npos);
  ASSERT_NE(end, std::string::npos);
  const auto start = begin + kMappingBegin.size();
  const std::string committed = doc.substr(start, end - start);
  const std::string current = mapping_markdown() + "\n";
  if (committed != current && std::getenv("BASELINE_WRITE_DOC") != nullptr) {
    doc.replace(start, end - start, current);
    std::ofstream(BASELINE_BATCH_DOC) << doc;
    GTEST_SKIP() << "rewrote " << BASELINE_BATCH_DOC;
  }
  EXPECT_EQ(committed, current) << "docs/internetnl-batch-api.md is stale: run batch_test with "
                                   "BASELINE_WRITE_DOC=1 and commit the result";
}

}  // namespace
}  // namespace baseline::batch
