#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "lambda/function_config.h"

namespace stratus::lambda {

/// Encodes a function's configuration as its lambda.db record (format 1,
/// docs/formats/lambda.md).
std::string EncodeFunction(const FunctionConfig& function);

/// Decodes what EncodeFunction wrote; a malformed record is Corruption.
Result<FunctionConfig> DecodeFunction(std::string_view bytes);

/// Encodes an alias as its lambda.db record (format 1).
std::string EncodeAlias(const FunctionAlias& alias);

/// Decodes what EncodeAlias wrote; a malformed record is Corruption.
Result<FunctionAlias> DecodeAlias(std::string_view bytes);

/// Encodes an event source mapping as its lambda.db record (format 1).
std::string EncodeMapping(const EventSourceMapping& mapping);

/// Decodes what EncodeMapping wrote; a malformed record is Corruption.
Result<EventSourceMapping> DecodeMapping(std::string_view bytes);

}  // namespace stratus::lambda
