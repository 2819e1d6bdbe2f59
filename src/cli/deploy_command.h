#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace stratus::cli {

/// Runs `stratus deploy TEMPLATE --stack-name NAME [--param K=V]...
/// [--capabilities CAP]... [--endpoint-url URL]`: a client of a running
/// server's CloudFormation API that creates and executes a change set (a
/// CREATE one for a new stack), shows each resource's progress (on a
/// terminal, a line per resource updated in place; otherwise one line per
/// event), then the outputs. Returns 0 on success or when there is nothing
/// to change, 1 when the deploy failed (with the reason), 2 on bad usage.
int RunDeployCommand(const std::vector<std::string>& args,
                     std::ostream& out,
                     std::ostream& err,
                     bool terminal);

}  // namespace stratus::cli
