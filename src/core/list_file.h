// SPDX-License-Identifier: Apache-2.0
// The domain list of `baseline scan`: one domain per line with `#` comments, or CSV with a
// `domain` column and optional tag columns (sector, country, organisation). Lines are read one
// at a time, so a list of a million lines needs memory for its entries only. Invalid names,
// duplicates and over-long lines are reported with their line numbers and skipped; blank lines
// and comments are skipped silently.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace baseline::core {

// Longer lines are rejected unread: no domain with its tags needs more.
inline constexpr std::size_t kMaxListLineLength = 4096;
// Problems beyond this many are counted, not kept (a wrong file would otherwise fill memory).
inline constexpr std::size_t kMaxKeptProblems = 1000;

struct ListEntry {
  std::string domain;  // normalised: lowercase A-labels, no trailing dot
  std::string sector;
  std::string country;
  std::string organisation;
  std::size_t line = 0;
};

struct ListProblem {
  std::size_t line = 0;
  std::string message;
};

struct DomainList {
  std::vector<ListEntry> entries;     // in file order, each domain once
  std::vector<ListProblem> problems;  // the first kMaxKeptProblems
  std::size_t problem_count = 0;      // all of them
  bool csv = false;
};

// Feeds lines one by one; format is decided by the first line that is neither blank nor comment.
class ListParser {
 public:
  void add_line(std::string_view raw);
  DomainList finish() &&;

 private:
  void problem(std::string message);
  void add_entry(ListEntry entry);
  bool read_header(const std::vector<std::string>& fields);

  DomainList list_;
  std::size_t line_number_ = 0;
  bool format_known_ = false;
  // CSV column positions; -1 when absent
  int domain_column_ = -1, sector_column_ = -1, country_column_ = -1, organisation_column_ = -1;
  std::unordered_map<std::string, std::size_t> first_line_;  // domain -> line it first appeared
};

DomainList parse_domain_list(std::istream& in);

// Splits one CSV record (RFC 4180 quoting within one line). Returns false for an unclosed quote.
bool split_csv_line(std::string_view line, std::vector<std::string>& fields);

}  // namespace baseline::core
