// `baseline test DOMAIN...`: parses the domains, builds the resolver the options ask for, runs one
// domain test per domain on one event loop and writes the report.
#pragma once

#include <string>
#include <vector>

namespace baseline::app {

struct NetworkOptions {
  std::string resolver;      // --resolver ADDR[:PORT]; empty: built-in recursive resolver
  std::string root_hints;    // --root-hints FILE
  std::string trust_anchor;  // --trust-anchor FILE
  bool allow_private = false;
  std::string ca_file;       // --ca-file FILE: also trusted for certificates
  double timeout_seconds = 60;        // --timeout, for a whole domain test
  double probe_timeout_seconds = 3;   // --probe-timeout, for one query to one server
  std::string vrps;  // --vrps FILE: validator JSON export
  std::string rtr;   // --rtr HOST:PORT: RTR cache
  std::string rib;   // --rib FILE: MRT TABLE_DUMP_V2 or text, plain/gzip/bzip2
};

struct TestOptions {
  std::vector<std::string> domains;
  bool json = false;
  std::string html_file;          // --html FILE: also write the self-contained HTML report
  std::string catalog_file;       // --catalog FILE; empty: the built-in catalogue
  std::string explanations_file;  // --explanations FILE; empty: the default store if it exists
  std::string colour = "auto";  // auto | always | never
  std::vector<std::string> dkim_selectors;
  bool web = false;             // --web; with neither --web nor --mail both run
  bool mail = false;            // --mail
  NetworkOptions network;
};

// Returns the process exit status: 0 ran, 1 internal failure, 2 bad input.
int run_test_command(const TestOptions& options);

}  // namespace baseline::app
