// SPDX-License-Identifier: Apache-2.0
#include "core/parse_number.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace baseline::core {
namespace {

TEST(ParseDecimal, TakesExactlyADecimalNumber) {
  EXPECT_EQ(parse_decimal<int>("0"), 0);
  EXPECT_EQ(parse_decimal<int>("100"), 100);
  EXPECT_EQ(parse_decimal<int>("007"), 7);
}

TEST(ParseDecimal, RefusesEverythingElseWithoutThrowing) {
  EXPECT_EQ(parse_decimal<int>(""), std::nullopt);
  EXPECT_EQ(parse_decimal<int>("-1"), std::nullopt);
  EXPECT_EQ(parse_decimal<int>("+1"), std::nullopt);
  EXPECT_EQ(parse_decimal<int>("12a"), std::nullopt);
  EXPECT_EQ(parse_decimal<int>(" 12"), std::nullopt);
  EXPECT_EQ(parse_decimal<int>("1.5"), std::nullopt);
  EXPECT_EQ(parse_decimal<std::uint8_t>("256"), std::nullopt);
  EXPECT_EQ(parse_decimal<int>("99999999999999999999"), std::nullopt);
}

}  // namespace
}  // namespace baseline::core
