#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace stratus::aws {

/// One AWS service model compiled into the binary by tools/gen_models.py:
/// botocore's newest model for the service, documentation stripped, as
/// compact JSON split into chunks. The index fields are known without parsing
/// the JSON, so routing look-ups stay cheap.
struct EmbeddedModel {
  std::string_view name = {};             // Our service name: the endpoint prefix ("sqs", "states").
  std::string_view botocore_name = {};    // botocore's directory name ("stepfunctions").
  std::string_view api_version = {};      // "2012-11-05".
  std::string_view protocols = {};        // Comma-separated, primary first: "json,query".
  std::string_view signing_name = {};     // SigV4 service name ("states", "dynamodb").
  std::string_view endpoint_prefix = {};  // "streams.dynamodb".
  std::string_view target_prefix = {};    // X-Amz-Target prefix for json protocols; empty otherwise.
  size_t size = 0;                        // Bytes of JSON.
  std::span<const std::string_view> (*chunks)() = nullptr;

  /// Returns the whole JSON document (the chunks concatenated).
  std::string Text() const;
};

/// Returns every embedded model, sorted by botocore name.
std::span<const EmbeddedModel> EmbeddedModels();

}  // namespace stratus::aws
