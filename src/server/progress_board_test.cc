// SPDX-License-Identifier: Apache-2.0
#include "server/progress_board.h"

#include <gtest/gtest.h>

namespace baseline::server {
namespace {

TEST(ProgressBoard, ListsFinishedFamiliesOnceInOrderUntilForgotten) {
  ProgressBoard board;
  EXPECT_TRUE(board.finished_families("t1").empty());
  board.family_finished("t1", "dns");
  board.family_finished("t1", "routing");
  board.family_finished("t1", "dns");
  board.family_finished("t2", "mail");
  EXPECT_EQ(board.finished_families("t1"), (std::vector<std::string>{"dns", "routing"}));
  EXPECT_EQ(board.finished_families("t2"), (std::vector<std::string>{"mail"}));
  board.forget("t1");
  EXPECT_TRUE(board.finished_families("t1").empty());
  EXPECT_EQ(board.finished_families("t2"), (std::vector<std::string>{"mail"}));
}

TEST(ProgressBoard, HoldsAtMostTheNewestTests) {
  ProgressBoard board;
  for (std::size_t i = 0; i <= ProgressBoard::kMaxTests; ++i) {
    board.family_finished("t" + std::to_string(i), "dns");
  }
  EXPECT_TRUE(board.finished_families("t0").empty());
  EXPECT_EQ(board.finished_families("t1"), (std::vector<std::string>{"dns"}));
  EXPECT_EQ(board.finished_families("t" + std::to_string(ProgressBoard::kMaxTests)),
            (std::vector<std::string>{"dns"}));
}

}  // namespace
}  // namespace baseline::server
