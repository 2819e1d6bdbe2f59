#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/protocol/xml_document.h"
#include "base/result.h"
#include "cli/server_connection.h"

namespace stratus::cli {

/// A small client of a running server's CloudFormation API (the query
/// protocol: a form body in, XML out; unsigned, as the server verifies
/// signatures only when it has credentials), for `stratus deploy`.
///
/// Thread safety: one thread at a time.
class CloudFormationClient {
 public:
  /// `endpoint`: "http://localhost:4566".
  explicit CloudFormationClient(std::string endpoint);

  /// Calls `operation` with form `parameters` ("Parameters.member.1.ParameterKey"
  /// style names); returns the operation's <...Result> element. An AWS error
  /// comes back as a Status whose aws_type() is the error code.
  Result<aws::XmlElement> Call(std::string_view operation,
                               const std::vector<std::pair<std::string, std::string>>& parameters);

 private:
  ServerConnection connection_;
};

/// Returns the text of the child at `path` ("Stacks/member/StackStatus"), or "".
std::string XmlText(const aws::XmlElement& element, std::string_view path);

/// Returns the <member> children of the child at `path` ("StackEvents").
std::vector<const aws::XmlElement*> XmlMembers(const aws::XmlElement& element,
                                               std::string_view path);

}  // namespace stratus::cli
