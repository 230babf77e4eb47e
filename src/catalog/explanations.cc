// SPDX-License-Identifier: Apache-2.0
#include "catalog/explanations.h"

#include <fmt/format.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/domain_name.h"

namespace baseline::catalog {
namespace {

struct FileError {
  std::string message;
};

int line_of(const YAML::Node& node) {
  const auto mark = node.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
}

// Fields `baseline explain export` writes for the reader's benefit; ignored on import.
const std::set<std::string> kInformativeFields = {"name", "verdict", "tested", "failed_checks"};

ExplanationBook parse(std::string_view yaml_text, const std::string& source,
                      const Catalog& catalog) {
  auto fail = [&](const YAML::Node& at, const std::string& what) {
    throw FileError{source + ":" + std::to_string(line_of(at)) + ": " + what};
  };
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::ParserException& e) {
    throw FileError{source + ":" + std::to_string(e.mark.line + 1) + ": YAML error: " + e.msg};
  }
  if (!root.IsMap())
    throw FileError{source + ":1: expected a mapping with 'format' and 'explanations'"};
  const YAML::Node& r = root;
  if (!r["format"].IsScalar() || r["format"].Scalar() != kExplanationsFormat) {
    fail(r["format"].IsDefined() ? r["format"] : r,
         "field 'format' must be '" + std::string(kExplanationsFormat) + "'");
  }
  const YAML::Node list = r["explanations"];
  if (!list.IsDefined() || !(list.IsSequence() || list.IsNull())) {
    fail(list.IsDefined() ? list : r, "field 'explanations' must be a list");
  }
  for (const auto& entry : r) {
    const auto key = entry.first.Scalar();
    if (key != "format" && key != "explanations") fail(entry.first, "unknown field '" + key + "'");
  }

  ExplanationBook book;
  std::set<std::pair<std::string, std::string>> seen;
  if (list.IsNull()) return book;
  for (const auto& item : list) {
    if (!item.IsMap()) fail(item, "each explanation must be a mapping");
    auto text = [&](const char* key) {
      const YAML::Node value = item[key];
      if (!value.IsDefined() || value.IsNull())
        fail(item, std::string("missing field '") + key + "'");
      if (!value.IsScalar()) fail(value, std::string("field '") + key + "' must be text");
      if (value.Scalar().find_first_not_of(" \t\r\n") == std::string::npos) {
        fail(value, std::string("field '") + key + "' is empty: fill it in or delete the entry");
      }
      return value.Scalar();
    };
    for (const auto& field : item) {
      const auto key = field.first.Scalar();
      static const std::set<std::string> known = {"domain", "standard", "explanation", "until",
                                                  "recorded"};
      if (!known.contains(key) && !kInformativeFields.contains(key)) {
        fail(field.first, "unknown field '" + key + "'");
      }
    }
    Explanation e;
    const auto domain = core::DomainName::parse(text("domain"));
    if (!domain) fail(item["domain"], "field 'domain': " + domain.error().message);
    e.domain = domain->ascii();
    e.standard = text("standard");
    if (catalog.find(e.standard) == nullptr) {
      fail(item["standard"], "field 'standard': unknown standard '" + e.standard + "' (catalogue " +
                                 catalog.version + ")");
    }
    e.text = text("explanation");
    const auto until = parse_date(text("until"));
    if (!until) fail(item["until"], "field 'until' must be a date YYYY-MM-DD");
    e.until = *until;
    if (item["recorded"].IsDefined() && !item["recorded"].IsNull()) {
      if (!parse_date(text("recorded")))
        fail(item["recorded"], "field 'recorded' must be a date YYYY-MM-DD");
      e.recorded = text("recorded");
    }
    if (!seen.insert({e.domain, e.standard}).second) {
      fail(item, "a second explanation for " + e.domain + " and standard '" + e.standard + "'");
    }
    book.add(std::move(e));
  }
  return book;
}

}  // namespace

const Explanation* ExplanationBook::find(std::string_view domain, std::string_view standard) const {
  for (const auto& e : entries_) {
    if (e.domain == domain && e.standard == standard) return &e;
  }
  return nullptr;
}

void ExplanationBook::add(Explanation explanation) {
  for (auto& e : entries_) {
    if (e.domain == explanation.domain && e.standard == explanation.standard) {
      e = std::move(explanation);
      return;
    }
  }
  entries_.push_back(std::move(explanation));
}

void ExplanationBook::merge(const ExplanationBook& other) {
  for (const auto& e : other.entries()) add(e);
}

core::Result<ExplanationBook> parse_explanations(std::string_view yaml_text,
                                                 const std::string& source,
                                                 const Catalog& catalog) {
  try {
    return parse(yaml_text, source, catalog);
  } catch (const FileError& e) {
    return core::make_error(e.message);
  } catch (const YAML::Exception& e) {
    return core::make_error(source + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

core::Result<ExplanationBook> load_explanations_file(const std::string& path,
                                                     const Catalog& catalog) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::make_error("cannot read explanations file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return parse_explanations(text.str(), path, catalog);
}

std::string format_explanations(const ExplanationBook& book) {
  YAML::Emitter out;
  out << YAML::Comment("Comply or explain: explanations recorded by `baseline explain import`")
      << YAML::Newline;
  out << YAML::BeginMap << YAML::Key << "format" << YAML::Value << std::string(kExplanationsFormat)
      << YAML::Key << "explanations" << YAML::Value << YAML::BeginSeq;
  for (const auto& e : book.entries()) {
    out << YAML::BeginMap << YAML::Key << "domain" << YAML::Value << e.domain << YAML::Key
        << "standard" << YAML::Value << e.standard << YAML::Key << "explanation" << YAML::Value
        << e.text << YAML::Key << "until" << YAML::Value << format_date(e.until);
    if (!e.recorded.empty()) out << YAML::Key << "recorded" << YAML::Value << e.recorded;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

core::Result<bool> save_explanations_file(const std::string& path, const ExplanationBook& book) {
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return core::make_error("cannot write " + temporary);
    out << format_explanations(book);
    if (!out.flush()) return core::make_error("cannot write " + temporary);
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    return core::make_error("cannot replace " + path);
  }
  return true;
}

std::string format_date(std::chrono::year_month_day date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::pair<int, int> ranges[3] = {{0, 4}, {5, 2}, {8, 2}};
  for (int i = 0; i < 3; ++i) {
    for (int k = 0; k < ranges[i].second; ++k) {
      const char c = text[ranges[i].first + k];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  std::chrono::year_month_day date{std::chrono::year(parts[0]),
                                   std::chrono::month(static_cast<unsigned>(parts[1])),
                                   std::chrono::day(static_cast<unsigned>(parts[2]))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::chrono::year_month_day day_of(std::chrono::system_clock::time_point when) {
  return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(when));
}

}  // namespace baseline::catalog
