// SPDX-License-Identifier: Apache-2.0
#include "tests/integration/lab_harness.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/verdict.h"

extern char** environ;

namespace baseline::integration {

LabSettings read_lab_settings() {
  std::ifstream env(std::string(LAB_RUN_DIR) + "/env");
  if (!env) throw std::runtime_error("lab is not up: no " LAB_RUN_DIR "/env");
  LabSettings settings;
  std::string line;
  while (std::getline(env, line)) {
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    auto key = line.substr(0, eq);
    auto value = line.substr(eq + 1);
    if (key == "LAB_ROOT_HINTS") settings.root_hints = value;
    if (key == "LAB_TRUST_ANCHOR") settings.trust_anchor = value;
    if (key == "LAB_RESOLVER") settings.resolver = value;
    if (key == "LAB_VRPS") settings.vrps = value;
    if (key == "LAB_RIB") settings.rib = value;
    if (key == "LAB_RIB_GZ") settings.rib_gz = value;
    if (key == "LAB_RIB_MRT") settings.rib_mrt = value;
    if (key == "LAB_RIB_TEXT") settings.rib_text = value;
    if (key == "LAB_RTR") settings.rtr = value;
    if (key == "LAB_CA_FILE") settings.ca_file = value;
  }
  return settings;
}

std::vector<std::string> lab_resolver_args(const LabSettings& settings) {
  return {"--root-hints", settings.root_hints, "--trust-anchor", settings.trust_anchor,
          "--allow-private"};
}

std::map<std::string, std::map<std::string, std::string>> read_expectations() {
  std::ifstream in(std::string(LAB_RUN_DIR) + "/expectations.json");
  if (!in) throw std::runtime_error("no " LAB_RUN_DIR "/expectations.json");
  return nlohmann::json::parse(in).get<std::map<std::string, std::map<std::string, std::string>>>();
}

namespace {

std::string slurp(int fd) {
  std::string data;
  char buffer[65536];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0)
    data.append(buffer, static_cast<std::size_t>(n));
  return data;
}

}  // namespace

CommandOutput run_baseline(const std::vector<std::string>& arguments) {
  std::vector<std::string> argv_storage{BASELINE_BINARY};
  argv_storage.insert(argv_storage.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);

  // stdout and stderr go to temporary files: simple, and no pipe can fill up and block.
  char out_name[] = "/tmp/baseline-out-XXXXXX";
  char err_name[] = "/tmp/baseline-err-XXXXXX";
  int out_fd = mkstemp(out_name);
  int err_fd = mkstemp(err_name);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_fd, STDERR_FILENO);
  pid_t pid = 0;
  CommandOutput result;
  if (posix_spawn(&pid, BASELINE_BINARY, &actions, nullptr, argv.data(), environ) == 0) {
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  posix_spawn_file_actions_destroy(&actions);
  lseek(out_fd, 0, SEEK_SET);
  lseek(err_fd, 0, SEEK_SET);
  result.out = slurp(out_fd);
  result.err = slurp(err_fd);
  close(out_fd);
  close(err_fd);
  unlink(out_name);
  unlink(err_name);
  return result;
}

std::map<std::string, std::string> folded_verdicts(const nlohmann::json& domain_result) {
  std::map<std::string, std::string> folded;
  for (const auto& check : domain_result.at("checks")) {
    const auto id = check.at("id").get<std::string>();
    const auto verdict = *core::verdict_from_string(check.at("verdict").get<std::string>());
    auto found = folded.find(id);
    if (found == folded.end() ||
        core::severity(verdict) > core::severity(*core::verdict_from_string(found->second))) {
      folded[id] = std::string(core::to_string(verdict));
    }
  }
  return folded;
}

}  // namespace baseline::integration
