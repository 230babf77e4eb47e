// SPDX-License-Identifier: Apache-2.0
// A child process for integration tests that must act while it runs (kill it mid-scan): started
// with posix_spawn, stdout and stderr to a log file, killed and reaped by its PID.
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace baseline::integration {

class Process {
 public:
  Process(const std::string& program, const std::vector<std::string>& arguments,
          const std::filesystem::path& log);
  ~Process();  // kills (SIGKILL) and reaps a child still running
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  void kill(int signal);
  int wait();  // exit status, or 128 + signal

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = -1;
};

}  // namespace baseline::integration
