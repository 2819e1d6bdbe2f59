#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "lake/object_store.h"

namespace stratus::states::integrations {

/// A fake S3 for tests: buckets of objects in memory, with S3's errors
/// (NoSuchBucket, NoSuchKey: NotFound tagged with the code and 404), ETags
/// in quotes, keys listed in byte order in pages of ListOptions::max_keys.
/// Conditions and ranges are not supported.
///
/// Thread safety: safe from any thread.
class InMemoryBuckets final : public lake::ObjectStore {
 public:
  void CreateBucket(const std::string& bucket);
  /// Puts an object, creating its bucket if needed.
  void Put(const std::string& bucket, const std::string& key, std::string bytes);
  /// The object's bytes; nullopt when it does not exist.
  std::optional<std::string> Get(const std::string& bucket, const std::string& key) const;

  Result<lake::ListPage> List(std::string_view bucket, const lake::ListOptions& options) override;
  Result<lake::ObjectInfo> Head(std::string_view bucket, std::string_view key) override;
  Result<std::string> Read(std::string_view bucket,
                           std::string_view key,
                           std::optional<lake::ByteRange> range = std::nullopt) override;
  Result<std::unique_ptr<lake::ObjectReader>> Open(std::string_view bucket,
                                                   std::string_view key) override;
  Result<std::unique_ptr<lake::ObjectWriter>> Create(std::string_view bucket,
                                                     std::string_view key,
                                                     const lake::WriteOptions& options) override;
  Status Delete(std::string_view bucket, std::string_view key) override;

 private:
  class Writer;

  struct Object {
    std::string bytes = {};
    int64_t modified_millis = 0;
    uint64_t version = 0;
  };

  lake::ObjectInfo InfoOf(const std::string& key, const Object& object) const;

  mutable std::mutex mu_;
  std::map<std::string, std::map<std::string, Object>> buckets_;  // Guarded by mu_.
  uint64_t next_version_ = 1;                                     // Guarded by mu_.
};

}  // namespace stratus::states::integrations
