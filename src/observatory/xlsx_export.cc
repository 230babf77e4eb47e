// SPDX-License-Identifier: Apache-2.0
#include "observatory/xlsx_export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

namespace baseline::observatory {

namespace {

// Excel's limit for one cell's text.
constexpr std::size_t kMaxCellText = 32767;

// XML 1.0 cannot carry C0 control characters other than tab and line feed; a cell cannot hold
// more than 32,767 characters.
std::string cell_text(std::string text) {
  for (auto& c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n') c = ' ';
  }
  if (text.size() > kMaxCellText) text.resize(kMaxCellText);
  return text;
}

struct WorkbookCloser {
  void operator()(lxw_workbook* w) const {
    if (w != nullptr) workbook_close(w);
  }
};

class Sheet {
 public:
  Sheet(lxw_worksheet* sheet, lxw_format* header) : sheet_(sheet), header_(header) {}
  void header(lxw_row_t row, lxw_col_t column, const std::string& text) {
    worksheet_write_string(sheet_, row, column, cell_text(text).c_str(), header_);
  }
  void text(lxw_row_t row, lxw_col_t column, const std::string& text) {
    if (!text.empty())
      worksheet_write_string(sheet_, row, column, cell_text(text).c_str(), nullptr);
  }
  void number(lxw_row_t row, lxw_col_t column, double value) {
    worksheet_write_number(sheet_, row, column, value, nullptr);
  }
  lxw_worksheet* get() { return sheet_; }

 private:
  lxw_worksheet* sheet_;
  lxw_format* header_;
};

}  // namespace

core::Result<bool> write_xlsx(const ScanReport& report, const catalog::Catalog& catalog,
                              const std::string& path) {
  lxw_workbook* raw = workbook_new(path.c_str());
  if (raw == nullptr) return core::make_error("cannot create " + path);
  std::unique_ptr<lxw_workbook, WorkbookCloser> book(raw);
  lxw_format* bold = workbook_add_format(raw);
  format_set_bold(bold);

  // The standards any domain of the scan has a verdict for, in the catalogue's order.
  std::set<std::string> seen;
  for (const auto& row : report.rows) {
    for (const auto& s : row.domain.standards) seen.insert(s.standard);
  }
  std::vector<const catalog::Standard*> standards;
  for (const auto& s : catalog.standards) {
    if (seen.contains(s.id)) standards.push_back(&s);
  }

  Sheet domains(workbook_add_worksheet(raw, "Domains"), bold);
  const std::vector<std::string> fixed{"domain",  "organisation", "sector",
                                       "country", "score",        "change"};
  lxw_col_t column = 0;
  for (const auto& name : fixed) domains.header(0, column++, name);
  for (const auto* s : standards) domains.header(0, column++, s->id);
  lxw_row_t line = 1;
  for (const auto& row : report.rows) {
    const auto& d = row.domain;
    domains.text(line, 0, d.domain);
    domains.text(line, 1, d.organisation);
    domains.text(line, 2, d.sector);
    domains.text(line, 3, d.country);
    if (d.score) domains.number(line, 4, *d.score);
    domains.text(line, 5, row.change);
    std::map<std::string, std::string> verdicts;
    for (const auto& s : d.standards) verdicts[s.standard] = s.verdict;
    column = static_cast<lxw_col_t>(fixed.size());
    for (const auto* s : standards) {
      auto explained = row.explained.find(s->id);
      const auto verdict = verdicts.count(s->id) ? verdicts[s->id] : "";
      domains.text(line, column++,
                   explained != row.explained.end()
                       ? verdict + " (explained until " + explained->second.until + ")"
                       : verdict);
    }
    ++line;
  }
  worksheet_freeze_panes(domains.get(), 1, 1);
  worksheet_autofilter(domains.get(), 0, 0, line > 1 ? line - 1 : 1,
                       static_cast<lxw_col_t>(fixed.size() + standards.size() - 1));
  worksheet_set_column(domains.get(), 0, 1, 28, nullptr);

  Sheet adoption(workbook_add_worksheet(raw, "Adoption"), bold);
  const std::vector<std::string> adoption_columns{"kind", "id", "adopted", "counted", "percent"};
  for (std::size_t c = 0; c < adoption_columns.size(); ++c)
    adoption.header(0, static_cast<lxw_col_t>(c), adoption_columns[c]);
  line = 1;
  auto adoption_rows = [&](const std::string& kind, const std::map<std::string, Adoption>& items) {
    for (const auto& [id, a] : items) {
      adoption.text(line, 0, kind);
      adoption.text(line, 1, id);
      adoption.number(line, 2, a.adopted);
      adoption.number(line, 3, a.counted);
      if (auto p = a.percent()) adoption.number(line, 4, *p);
      ++line;
    }
  };
  adoption_rows("standard", report.adoption.standards);
  adoption_rows("check", report.adoption.checks);
  worksheet_set_column(adoption.get(), 1, 1, 28, nullptr);

  if (report.compared_with) {
    Sheet changes(workbook_add_worksheet(raw, "Changes"), bold);
    const std::vector<std::string> change_columns{"domain", "standard", "before", "after",
                                                  "change"};
    for (std::size_t c = 0; c < change_columns.size(); ++c)
      changes.header(0, static_cast<lxw_col_t>(c), change_columns[c]);
    line = 1;
    for (const auto* set : {&report.comparison.regressed, &report.comparison.improved}) {
      for (const auto& c : *set) {
        changes.text(line, 0, c.domain);
        changes.text(line, 1, c.standard);
        changes.text(line, 2, c.before);
        changes.text(line, 3, c.after);
        changes.text(line, 4, set == &report.comparison.regressed ? "regressed" : "improved");
        ++line;
      }
    }
  }
  const lxw_error closed = workbook_close(book.release());
  if (closed != LXW_NO_ERROR) {
    return core::make_error("cannot write " + path + ": " + lxw_strerror(closed));
  }
  return true;
}

core::Result<std::string> xlsx_bytes(const ScanReport& report, const catalog::Catalog& catalog) {
  char dir[] = "/tmp/baseline-xlsx-XXXXXX";
  if (mkdtemp(dir) == nullptr) return core::make_error("cannot make a temporary directory");
  const std::filesystem::path path = std::filesystem::path(dir) / "report.xlsx";
  auto written = write_xlsx(report, catalog, path.string());
  std::string bytes;
  if (written) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream all;
    all << in.rdbuf();
    bytes = all.str();
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  if (!written) return written.error();
  if (bytes.empty()) return core::make_error("the workbook came out empty");
  return bytes;
}

}  // namespace baseline::observatory
