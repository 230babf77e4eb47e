// SPDX-License-Identifier: Apache-2.0
#include "core/list_file.h"

#include <algorithm>
#include <limits>

#include "core/domain_name.h"

namespace baseline::core {

namespace {

std::string_view trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string field(const std::vector<std::string>& fields, int column) {
  if (column < 0 || static_cast<std::size_t>(column) >= fields.size()) return {};
  return std::string(trim(fields[static_cast<std::size_t>(column)]));
}

}  // namespace

bool split_csv_line(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::string current;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        current += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        current += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  fields.push_back(std::move(current));
  return !quoted;
}

void ListParser::problem(std::string message) {
  ++list_.problem_count;
  if (list_.problems.size() < kMaxKeptProblems) {
    list_.problems.push_back({line_number_, std::move(message)});
  }
}

bool ListParser::read_header(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto name = lower(trim(fields[i]));
    const int column = static_cast<int>(i);
    if (name == "domain") domain_column_ = column;
    if (name == "sector") sector_column_ = column;
    if (name == "country") country_column_ = column;
    if (name == "organisation" || name == "organization") organisation_column_ = column;
  }
  return domain_column_ >= 0;
}

void ListParser::add_entry(ListEntry entry) {
  if (entry.domain.empty()) {
    problem("no domain");
    return;
  }
  auto name = core::DomainName::parse(entry.domain);
  if (!name) {
    problem("invalid domain '" + entry.domain + "': " + name.error().message);
    return;
  }
  entry.domain = name->ascii();
  entry.line = line_number_;
  auto [it, inserted] = first_line_.try_emplace(entry.domain, line_number_);
  if (!inserted) {
    problem("duplicate of line " + std::to_string(it->second) + ": " + entry.domain);
    return;
  }
  list_.entries.push_back(std::move(entry));
}

void ListParser::add_line(std::string_view raw) {
  ++line_number_;
  if (raw.size() > kMaxListLineLength) {
    problem("line longer than " + std::to_string(kMaxListLineLength) + " bytes");
    return;
  }
  const auto line = trim(raw);
  if (line.empty() || line.front() == '#') return;

  std::vector<std::string> fields;
  if (!format_known_) {
    format_known_ = true;
    // A CSV file announces itself with a header naming the `domain` column.
    if (line.find(',') != std::string_view::npos && split_csv_line(line, fields) &&
        read_header(fields)) {
      list_.csv = true;
      return;
    }
  }
  if (!list_.csv) {
    // Plain list: the domain, optionally followed by a comment.
    auto text = line.substr(0, line.find('#'));
    text = trim(text);
    if (text.find_first_of(" \t,") != std::string_view::npos) {
      problem("expected one domain per line: '" + std::string(text) + "'");
      return;
    }
    add_entry(ListEntry{std::string(text)});
    return;
  }
  if (!split_csv_line(line, fields)) {
    problem("unclosed quote");
    return;
  }
  add_entry(ListEntry{field(fields, domain_column_), field(fields, sector_column_),
                      field(fields, country_column_), field(fields, organisation_column_)});
}

DomainList ListParser::finish() && {
  return std::move(list_);
}

DomainList parse_domain_list(std::istream& in) {
  ListParser parser;
  // Bounded reads: a line longer than the limit is skipped to its end, never held in memory.
  std::string buffer(kMaxListLineLength + 2, '\0');
  const std::string too_long(kMaxListLineLength + 1, 'x');
  while (true) {
    in.getline(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto count = static_cast<std::size_t>(in.gcount());
    if (in.bad()) break;
    if (in.fail() && !in.eof() && count == buffer.size() - 1) {
      in.clear();
      in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
      parser.add_line(too_long);
      continue;
    }
    if (count == 0 && in.eof()) break;
    // gcount counts the consumed newline, which getline does not store.
    const std::size_t stored = in.eof() ? count : count - 1;
    parser.add_line(std::string_view(buffer.data(), stored));
    if (in.eof()) break;
    if (in.fail()) break;
  }
  return std::move(parser).finish();
}

}  // namespace baseline::core
