#pragma once

#include <memory>
#include <string_view>

#include "lake/object_store.h"

namespace stratus::s3 {

class Engine;

/// The lake over this process's own S3 engine: no HTTP, no signing; a write
/// is committed (and durable) when Commit() or Write() returns, exactly as a
/// PutObject is when S3 answers it.
///
/// Thread safety: safe from any thread, except the engine's own callback
/// threads (calls block until the engine answers).
class LakeStore final : public lake::ObjectStore {
 public:
  explicit LakeStore(Engine& engine);

  Result<lake::ListPage> List(std::string_view bucket, const lake::ListOptions& options) override;
  Result<lake::ObjectInfo> Head(std::string_view bucket, std::string_view key) override;
  Result<std::string> Read(std::string_view bucket,
                           std::string_view key,
                           std::optional<lake::ByteRange> range) override;
  Result<std::unique_ptr<lake::ObjectReader>> Open(std::string_view bucket,
                                                   std::string_view key) override;
  Result<std::unique_ptr<lake::ObjectWriter>> Create(std::string_view bucket,
                                                     std::string_view key,
                                                     const lake::WriteOptions& options) override;
  Status Delete(std::string_view bucket, std::string_view key) override;

 private:
  Engine& engine_;
};

}  // namespace stratus::s3
