#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/format.h"
#include "connectors/mysql/packet_channel_internal.h"
#include "connectors/mysql/s3_statement.h"
#include "connectors/mysql/s3_statement_runner.h"
#include "connectors/mysql/s3_uri.h"
#include "lake/lake.h"

namespace stratus::connectors::mysql {
namespace {

// A missing object, an empty prefix or a bad manifest.
constexpr uint16_t kErrorS3 = 1105;
constexpr size_t kChunkBytes = size_t{1} << 20;

std::string Err(std::string message) {
  return ErrPayload(
      ErrFields{.code = kErrorS3, .sql_state = "HY000", .message = std::move(message)});
}

// The lake URIs a LOAD DATA FROM S3 reads, in order.
Result<std::vector<std::string>> ObjectsToLoad(const LoadFromS3Statement& statement,
                                               lake::Lake& lake) {
  STRATUS_ASSIGN_OR_RETURN(std::string uri, LakeUriOf(statement.uri));
  std::vector<std::string> objects;
  switch (statement.source) {
    case LoadSource::kFile:
      STRATUS_RETURN_IF_ERROR(lake.Head(uri).status());
      objects.push_back(uri);
      break;
    case LoadSource::kPrefix: {
      // The listing's prefix is the key part of the URI.
      const size_t bucket_end = uri.find('/', 5);
      const std::string bucket_uri =
          uri.substr(0, bucket_end == std::string::npos ? uri.size() : bucket_end + 1);
      const std::string key_prefix =
          bucket_end == std::string::npos ? "" : uri.substr(bucket_end + 1);
      lake::ListOptions options;
      while (true) {
        STRATUS_ASSIGN_OR_RETURN(lake::ListPage page, lake.List(bucket_uri, options));
        for (const lake::ObjectInfo& object : page.objects) {
          if (object.key.rfind(key_prefix, 0) == 0) {
            objects.push_back(bucket_uri + object.key);
          }
        }
        if (!page.next_after.has_value()) {
          break;
        }
        options.after = *page.next_after;
      }
      if (objects.empty()) {
        return Status::NotFound(fmt::format("no object has the prefix '{}'", statement.uri));
      }
      break;
    }
    case LoadSource::kManifest: {
      STRATUS_ASSIGN_OR_RETURN(std::string manifest, lake.Read(uri));
      STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> urls, ParseManifest(manifest));
      for (const std::string& url : urls) {
        STRATUS_ASSIGN_OR_RETURN(std::string object, LakeUriOf(url));
        STRATUS_RETURN_IF_ERROR(lake.Head(object).status());
        objects.push_back(std::move(object));
      }
      break;
    }
  }
  return objects;
}

// Sends the objects' bytes as the LOCAL INFILE's contents, starting at
// `*sequence`; a line break separates objects that do not end with one.
// A lake error cuts the stream short and lands in *lake_error; the
// returned error is a broken connection.
Status SendObjects(const std::vector<std::string>& objects,
                   lake::Lake& lake,
                   PacketChannel& backend,
                   uint8_t* sequence,
                   Status* lake_error) {
  std::string chunk(kChunkBytes, '\0');
  for (size_t i = 0; i < objects.size(); ++i) {
    Result<std::unique_ptr<lake::ObjectReader>> reader = lake.OpenReader(objects[i]);
    if (!reader.ok()) {
      *lake_error = reader.status();
      return Status::Ok();
    }
    char last = '\n';
    for (uint64_t offset = 0; offset < (*reader)->size();) {
      Result<size_t> got = (*reader)->ReadAt(offset, std::span<char>(chunk.data(), chunk.size()));
      if (!got.ok()) {
        *lake_error = got.status();
        return Status::Ok();
      }
      if (*got == 0) {
        break;
      }
      STRATUS_ASSIGN_OR_RETURN(
          *sequence, backend.WritePayload(std::string_view(chunk.data(), *got), *sequence));
      last = chunk[*got - 1];
      offset += *got;
    }
    if (last != '\n' && i + 1 < objects.size()) {
      STRATUS_ASSIGN_OR_RETURN(*sequence, backend.WritePayload("\n", *sequence));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> RunLoadFromS3(const LoadFromS3Statement& statement,
                                  const S3StatementContext& context) {
  lake::Lake& lake = *context.lake;
  Result<std::vector<std::string>> objects = ObjectsToLoad(statement, lake);
  if (!objects.ok()) {
    return Err(
        fmt::format("Cannot read '{}' from S3: {}", statement.uri, objects.status().message()));
  }
  PacketChannel& backend = *context.backend;
  STRATUS_RETURN_IF_ERROR(
      backend
          .WritePayload(std::string(1, static_cast<char>(kComQuery)) + statement.local_infile_sql,
                        0)
          .status());
  STRATUS_ASSIGN_OR_RETURN(Message request, backend.ReadServerMessage());
  if (HeaderByte(request.payload) != kLocalInfileHeader) {
    return request.payload;  // An ERR (no such table, local_infile off) or an OK.
  }
  auto sequence = static_cast<uint8_t>(request.last_sequence() + 1);
  Status sent = Status::Ok();
  STRATUS_RETURN_IF_ERROR(SendObjects(*objects, lake, backend, &sequence, &sent));
  STRATUS_RETURN_IF_ERROR(backend.WritePayload("", sequence).status());  // End of file.
  STRATUS_ASSIGN_OR_RETURN(Message reply, backend.ReadServerMessage());
  if (!sent.ok()) {
    return Err(
        fmt::format("Reading '{}' from S3 failed midway ({}); rows before the failure "
                    "were loaded",
                    statement.uri, sent.message()));
  }
  return reply.payload;
}

}  // namespace stratus::connectors::mysql
