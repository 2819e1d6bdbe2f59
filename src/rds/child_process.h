#pragma once

#include <string>
#include <vector>

#include <sys/types.h>

#include "base/result.h"

namespace stratus::rds {

/// How a child process's standard streams are wired: files (created or
/// truncated for output), or /dev/null when empty.
struct ChildIo {
  std::string stdin_path = {};
  std::string output_path = {};  // stdout and stderr both.
  bool append_output = false;
};

/// Starts `argv` (argv[0] an absolute path) in its own session with every
/// inherited descriptor beyond stdio closed, so that a server outlives
/// neither our listening sockets nor our terminal's signals. Returns its pid.
Result<pid_t> SpawnChild(const std::vector<std::string>& argv,
                         const ChildIo& io,
                         const std::vector<std::string>& extra_environment = {});

/// Runs `argv` to completion; returns its exit code (128 + signal when killed).
Result<int> RunChild(const std::vector<std::string>& argv,
                     const ChildIo& io,
                     const std::vector<std::string>& extra_environment = {});

/// Returns whether `pid` (a child of ours or not) still runs. Reaps it when
/// it is our child and has exited.
bool ProcessAlive(pid_t pid);

/// Sends SIGTERM, waits up to `grace_millis` for the process to go, then
/// SIGKILLs it and waits for it to go.
void TerminateProcess(pid_t pid, int grace_millis);

}  // namespace stratus::rds
