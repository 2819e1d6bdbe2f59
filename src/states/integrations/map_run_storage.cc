#include "states/integrations/map_run_storage.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/format.h"
#include "base/json.h"
#include "base/random.h"
#include "lake/lake.h"
#include "states/asl/errors.h"

namespace stratus::states::integrations {
namespace {

using interpreter::TaskKind;

constexpr std::string_view kGetObject = "arn:aws:states:::s3:getObject";
constexpr std::string_view kListObjectsV2 = "arn:aws:states:::s3:listObjectsV2";

// A failure of a Map's S3 work, with the error AWS names it by.
struct StorageFailure {
  std::string error = {};
  std::string cause = {};
};

// What a task's outcome is: a result, or a failure.
struct Outcome {
  Json output = nullptr;
  std::optional<StorageFailure> failure = std::nullopt;
};

std::string_view ErrorFor(TaskKind kind) {
  return kind == TaskKind::kItemReader ? asl::kErrorItemReaderFailed
                                       : asl::kErrorResultWriterFailed;
}

Outcome Failed(TaskKind kind, std::string cause) {
  return Outcome{
      .output = nullptr,
      .failure = StorageFailure{.error = std::string(ErrorFor(kind)), .cause = std::move(cause)}};
}

// The parameter `field` when it is a non-empty string.
std::optional<std::string> StringParameter(const Json& parameters, std::string_view field) {
  if (!parameters.is_object()) {
    return std::nullopt;
  }
  auto it = parameters.find(field);
  if (it == parameters.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
    return std::nullopt;
  }
  return it->get<std::string>();
}

// The cause of a failed lake call, as AWS's SDK words S3's errors.
std::string S3Cause(const Status& status, std::string_view request_id) {
  if (status.aws_type().empty()) {
    return status.message();
  }
  const int http_status = status.http_status() != 0    ? status.http_status()
                          : IsUserError(status.code()) ? 400
                                                       : 500;
  return Format(
      "{} (Service: Amazon S3; Status Code: {}; Error Code: {}; Request ID: {}; Proxy: null)",
      status.message(), http_status, status.aws_type(), request_id);
}

std::string ObjectUri(std::string_view bucket, std::string_view key) {
  return Format("s3://{}/{}", bucket, key);
}

Outcome ReadObject(lake::Lake& lake,
                   const Json& parameters,
                   uint64_t max_bytes,
                   std::string_view request_id) {
  const std::optional<std::string> bucket = StringParameter(parameters, "Bucket");
  const std::optional<std::string> key = StringParameter(parameters, "Key");
  if (!bucket.has_value() || !key.has_value()) {
    return Failed(TaskKind::kItemReader,
                  Format("The ItemReader's s3:getObject needs a Bucket and a Key (strings), not "
                         "{}.",
                         DumpJson(parameters)));
  }
  if (parameters.contains("VersionId")) {
    // The lake reads the current version of an object only.
    return Failed(TaskKind::kItemReader,
                  "The ItemReader's VersionId is not supported by stratus: remove it to read "
                  "the current version of the object.");
  }
  const std::string uri = ObjectUri(*bucket, *key);
  Result<lake::ObjectInfo> info = lake.Head(uri);
  if (!info.ok()) {
    return Failed(TaskKind::kItemReader, S3Cause(info.status(), request_id));
  }
  if (info->size > max_bytes) {
    return Failed(TaskKind::kItemReader,
                  Format("The object {} has {} bytes; stratus's ItemReader reads at most {}.", uri,
                         info->size, max_bytes));
  }
  Result<std::string> body = lake.Read(uri);
  if (!body.ok()) {
    return Failed(TaskKind::kItemReader, S3Cause(body.status(), request_id));
  }
  return Outcome{.output = Json{{"Body", std::move(*body)}}, .failure = std::nullopt};
}

Outcome ListObjects(lake::Lake& lake, const Json& parameters, std::string_view request_id) {
  const std::optional<std::string> bucket = StringParameter(parameters, "Bucket");
  if (!bucket.has_value()) {
    return Failed(TaskKind::kItemReader,
                  Format("The ItemReader's s3:listObjectsV2 needs a Bucket (a string), not {}.",
                         DumpJson(parameters)));
  }
  const std::string prefix = StringParameter(parameters, "Prefix").value_or("");
  lake::ListOptions options;
  options.after = StringParameter(parameters, "StartAfter").value_or("");
  Json contents = Json::array();
  while (true) {
    Result<lake::ListPage> page = lake.List(ObjectUri(*bucket, prefix), options);
    if (!page.ok()) {
      return Failed(TaskKind::kItemReader, S3Cause(page.status(), request_id));
    }
    for (const lake::ObjectInfo& object : page->objects) {
      // AWS: what s3:listObjectsV2 gives each iteration (the ETag keeps its
      // quotes; LastModified in epoch seconds).
      contents.push_back(Json{{"Etag", object.etag},
                              {"Key", object.key},
                              {"LastModified", object.modified_millis / 1000},
                              {"Size", object.size},
                              {"StorageClass", "STANDARD"}});
    }
    if (!page->next_after.has_value()) {
      break;
    }
    options.after = *page->next_after;
  }
  return Outcome{.output = Json{{"Contents", std::move(contents)}}, .failure = std::nullopt};
}

Outcome WriteObjects(lake::Lake& lake, const Json& parameters, std::string_view request_id) {
  const std::optional<std::string> bucket = StringParameter(parameters, "Bucket");
  const Json* objects =
      parameters.is_object() && parameters.contains("Objects") ? &parameters["Objects"] : nullptr;
  if (!bucket.has_value() || objects == nullptr || !objects->is_array()) {
    return Failed(TaskKind::kResultWriter, "The ResultWriter has no Bucket to write to.");
  }
  lake::WriteOptions options;
  options.content_type = "application/json";
  for (const Json& object : *objects) {
    const std::string key = object.value("Key", "");
    const std::string body = object.value("Body", "");
    Result<lake::ObjectInfo> written = lake.Write(ObjectUri(*bucket, key), body, options);
    if (!written.ok()) {
      return Failed(TaskKind::kResultWriter, S3Cause(written.status(), request_id));
    }
  }
  return Outcome{.output = Json::object(), .failure = std::nullopt};
}

}  // namespace

MapRunStorage::MapRunStorage(lake::Lake& lake, IdGenerator& ids, MapRunStorageOptions options)
    : lake_(lake), ids_(ids), options_(options), pool_(options.num_threads) {}

MapRunStorage::~MapRunStorage() = default;

void MapRunStorage::Start() {
  pool_.Start();
}

void MapRunStorage::Stop() {
  pool_.Stop();
}

void MapRunStorage::Run(const interpreter::RunTask& task,
                        std::shared_ptr<TaskCallbacks> callbacks) {
  pool_.Post([this, task, callbacks = std::move(callbacks)] { Perform(task, callbacks); });
}

void MapRunStorage::Perform(const interpreter::RunTask& task,
                            const std::shared_ptr<TaskCallbacks>& callbacks) {
  if (callbacks->cancelled->load()) {
    return;
  }
  Outcome outcome;
  if (task.kind == TaskKind::kResultWriter) {
    outcome = WriteObjects(lake_, task.parameters, ids_.Hex(8));
  } else if (task.resource == kGetObject) {
    outcome = ReadObject(lake_, task.parameters, options_.max_object_bytes, ids_.Hex(8));
  } else if (task.resource == kListObjectsV2) {
    outcome = ListObjects(lake_, task.parameters, ids_.Hex(8));
  } else {
    outcome = Failed(
        task.kind, Format("The ItemReader resource '{}' is not one stratus reads.", task.resource));
  }
  if (callbacks->cancelled->load()) {
    return;
  }
  if (outcome.failure.has_value()) {
    callbacks->failed(std::move(outcome.failure->error), std::move(outcome.failure->cause));
  } else {
    callbacks->succeeded(std::move(outcome.output));
  }
}

}  // namespace stratus::states::integrations
