#include "lambda/function_record.h"

#include <cstdlib>
#include <vector>

#include "base/format.h"
#include "storage/record_codec.h"

namespace stratus::lambda {
namespace {

// Do not change: stored on disk. A new layout gets a new format byte.
constexpr uint8_t kFormatV1 = 1;

void WriteMap(storage::RecordWriter& writer, const std::map<std::string, std::string>& map) {
  writer.Varint(map.size());
  for (const auto& [key, value] : map) {
    writer.String(key);
    writer.String(value);
  }
}

Result<std::map<std::string, std::string>> ReadMap(storage::RecordReader& reader) {
  STRATUS_ASSIGN_OR_RETURN(uint64_t count, reader.Count());
  std::map<std::string, std::string> map;
  for (uint64_t i = 0; i < count; ++i) {
    STRATUS_ASSIGN_OR_RETURN(std::string key, reader.String());
    STRATUS_ASSIGN_OR_RETURN(std::string value, reader.String());
    map.emplace(std::move(key), std::move(value));
  }
  return map;
}

Result<std::optional<int>> ReadOptionalInt(storage::RecordReader& reader) {
  return reader.Optional<int>([&]() -> Result<int> {
    STRATUS_ASSIGN_OR_RETURN(int64_t value, reader.Int());
    return static_cast<int>(value);
  });
}

}  // namespace

std::string EncodeFunction(const FunctionConfig& function) {
  storage::RecordWriter writer(kFormatV1);
  writer.String(function.name);
  writer.String(function.runtime);
  writer.String(function.handler);
  writer.String(function.role);
  writer.String(function.description);
  writer.Int(function.timeout_seconds);
  writer.Int(function.memory_mb);
  writer.Int(function.ephemeral_storage_mb);
  WriteMap(writer, function.environment);
  writer.String(function.code.id);
  writer.String(function.code.sha256);
  writer.Int(function.code.size);
  writer.Int(function.last_modified_millis);
  writer.String(function.revision_id);
  writer.String(function.architecture);
  WriteMap(writer, function.tags);
  auto write_int = [&](int value) {
    writer.Int(value);
  };
  writer.Optional(function.maximum_retry_attempts, write_int);
  writer.Optional(function.maximum_event_age_seconds, write_int);
  writer.String(function.on_success_destination);
  writer.String(function.on_failure_destination);
  // A trailing member: records written before it end here and read as unset.
  writer.Optional(function.reserved_concurrency, write_int);
  return writer.Take();
}

Result<FunctionConfig> DecodeFunction(std::string_view bytes) {
  storage::RecordReader reader(bytes, "lambda function");
  STRATUS_RETURN_IF_ERROR(reader.Format(kFormatV1));
  FunctionConfig function;
  STRATUS_ASSIGN_OR_RETURN(function.name, reader.String());
  STRATUS_ASSIGN_OR_RETURN(function.runtime, reader.String());
  STRATUS_ASSIGN_OR_RETURN(function.handler, reader.String());
  STRATUS_ASSIGN_OR_RETURN(function.role, reader.String());
  STRATUS_ASSIGN_OR_RETURN(function.description, reader.String());
  STRATUS_ASSIGN_OR_RETURN(int64_t timeout, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(int64_t memory, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(int64_t storage, reader.Int());
  function.timeout_seconds = static_cast<int>(timeout);
  function.memory_mb = static_cast<int>(memory);
  function.ephemeral_storage_mb = static_cast<int>(storage);
  STRATUS_ASSIGN_OR_RETURN(function.environment, ReadMap(reader));
  STRATUS_ASSIGN_OR_RETURN(function.code.id, reader.String());
  STRATUS_ASSIGN_OR_RETURN(function.code.sha256, reader.String());
  STRATUS_ASSIGN_OR_RETURN(function.code.size, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(function.last_modified_millis, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(function.revision_id, reader.String());
  STRATUS_ASSIGN_OR_RETURN(function.architecture, reader.String());
  STRATUS_ASSIGN_OR_RETURN(function.tags, ReadMap(reader));
  STRATUS_ASSIGN_OR_RETURN(function.maximum_retry_attempts, ReadOptionalInt(reader));
  STRATUS_ASSIGN_OR_RETURN(function.maximum_event_age_seconds, ReadOptionalInt(reader));
  STRATUS_ASSIGN_OR_RETURN(function.on_success_destination, reader.String());
  STRATUS_ASSIGN_OR_RETURN(function.on_failure_destination, reader.String());
  if (!reader.End().ok()) {
    STRATUS_ASSIGN_OR_RETURN(function.reserved_concurrency, ReadOptionalInt(reader));
  }
  STRATUS_RETURN_IF_ERROR(reader.End());
  return function;
}

std::string EncodeAlias(const FunctionAlias& alias) {
  storage::RecordWriter writer(kFormatV1);
  writer.String(alias.function);
  writer.String(alias.name);
  writer.String(alias.function_version);
  writer.String(alias.description);
  writer.Varint(alias.additional_version_weights.size());
  for (const auto& [version, weight] : alias.additional_version_weights) {
    writer.String(version);
    // Shortest text that reads back as the same double.
    writer.String(Format("{}", weight));
  }
  writer.String(alias.revision_id);
  auto write_int = [&](int value) {
    writer.Int(value);
  };
  writer.Optional(alias.maximum_retry_attempts, write_int);
  writer.Optional(alias.maximum_event_age_seconds, write_int);
  writer.String(alias.on_success_destination);
  writer.String(alias.on_failure_destination);
  return writer.Take();
}

Result<FunctionAlias> DecodeAlias(std::string_view bytes) {
  storage::RecordReader reader(bytes, "lambda alias");
  STRATUS_RETURN_IF_ERROR(reader.Format(kFormatV1));
  FunctionAlias alias;
  STRATUS_ASSIGN_OR_RETURN(alias.function, reader.String());
  STRATUS_ASSIGN_OR_RETURN(alias.name, reader.String());
  STRATUS_ASSIGN_OR_RETURN(alias.function_version, reader.String());
  STRATUS_ASSIGN_OR_RETURN(alias.description, reader.String());
  STRATUS_ASSIGN_OR_RETURN(uint64_t num_weights, reader.Count());
  for (uint64_t i = 0; i < num_weights; ++i) {
    STRATUS_ASSIGN_OR_RETURN(std::string version, reader.String());
    STRATUS_ASSIGN_OR_RETURN(std::string text, reader.String());
    char* end = nullptr;
    const double weight = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size()) {
      return Status::Corruption(Format("lambda alias: bad weight {}", text));
    }
    alias.additional_version_weights.emplace(std::move(version), weight);
  }
  STRATUS_ASSIGN_OR_RETURN(alias.revision_id, reader.String());
  STRATUS_ASSIGN_OR_RETURN(alias.maximum_retry_attempts, ReadOptionalInt(reader));
  STRATUS_ASSIGN_OR_RETURN(alias.maximum_event_age_seconds, ReadOptionalInt(reader));
  STRATUS_ASSIGN_OR_RETURN(alias.on_success_destination, reader.String());
  STRATUS_ASSIGN_OR_RETURN(alias.on_failure_destination, reader.String());
  STRATUS_RETURN_IF_ERROR(reader.End());
  return alias;
}

std::string EncodeMapping(const EventSourceMapping& mapping) {
  storage::RecordWriter writer(kFormatV1);
  writer.String(mapping.uuid);
  writer.String(mapping.function);
  writer.String(mapping.event_source_arn);
  writer.Int(mapping.batch_size);
  writer.Int(mapping.batching_window_seconds);
  writer.Bool(mapping.enabled);
  writer.Bool(mapping.report_batch_item_failures);
  writer.Int(mapping.last_modified_millis);
  return writer.Take();
}

Result<EventSourceMapping> DecodeMapping(std::string_view bytes) {
  storage::RecordReader reader(bytes, "lambda event source mapping");
  STRATUS_RETURN_IF_ERROR(reader.Format(kFormatV1));
  EventSourceMapping mapping;
  STRATUS_ASSIGN_OR_RETURN(mapping.uuid, reader.String());
  STRATUS_ASSIGN_OR_RETURN(mapping.function, reader.String());
  STRATUS_ASSIGN_OR_RETURN(mapping.event_source_arn, reader.String());
  STRATUS_ASSIGN_OR_RETURN(int64_t batch_size, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(int64_t window, reader.Int());
  mapping.batch_size = static_cast<int>(batch_size);
  mapping.batching_window_seconds = static_cast<int>(window);
  STRATUS_ASSIGN_OR_RETURN(mapping.enabled, reader.Bool());
  STRATUS_ASSIGN_OR_RETURN(mapping.report_batch_item_failures, reader.Bool());
  STRATUS_ASSIGN_OR_RETURN(mapping.last_modified_millis, reader.Int());
  STRATUS_RETURN_IF_ERROR(reader.End());
  return mapping;
}

}  // namespace stratus::lambda
