#pragma once

namespace stratus::cli {

/// Runs the `stratus` command line; returns the process exit code.
int RunCli(int argc, char** argv);

}  // namespace stratus::cli
