#pragma once

#include <string_view>

#include "base/json.h"

namespace stratus::aws {
class ServiceModel;
}  // namespace stratus::aws

namespace stratus::states::integrations {

// Step Functions' AWS SDK integrations spell every structure member in
// PascalCase ("StateMachineArn", "LogGroupName") whatever the service model
// says ("stateMachineArn"), pass blobs as plain strings and timestamps as
// ISO-8601 text. The operation table speaks the model's spelling, base64
// blobs and epoch-second timestamps. These two functions translate, walking
// the model's shapes so that map keys and documents are never touched.

/// Converts Task parameters to the model-shaped input of `shape_name`:
/// members are matched ignoring the case of their first letter; blobs given
/// as text (or JSON) are base64-encoded; unknown members are kept as given.
Json ToModelShape(const aws::ServiceModel& model, std::string_view shape_name, const Json& value);

/// Converts a model-shaped output of `shape_name` to Step Functions' form:
/// PascalCase member names, blobs decoded to text, timestamps as ISO-8601.
Json FromModelShape(const aws::ServiceModel& model, std::string_view shape_name, const Json& value);

}  // namespace stratus::states::integrations
