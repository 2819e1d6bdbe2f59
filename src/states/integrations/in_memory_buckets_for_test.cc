#include "states/integrations/in_memory_buckets_for_test.h"

#include <utility>

#include "base/format.h"

namespace stratus::states::integrations {
namespace {

// 2026-01-01T00:00:00Z, every object's modification time.
constexpr int64_t kModifiedMillis = 1767225600000;

Status NoSuchBucket() {
  return Status::NotFound("The specified bucket does not exist").WithAwsType("NoSuchBucket", 404);
}

Status NoSuchKey() {
  return Status::NotFound("The specified key does not exist.").WithAwsType("NoSuchKey", 404);
}

}  // namespace

// Buffers the object; Commit() puts it.
class InMemoryBuckets::Writer final : public lake::ObjectWriter {
 public:
  Writer(InMemoryBuckets& store, std::string bucket, std::string key)
      : store_(store), bucket_(std::move(bucket)), key_(std::move(key)) {}

  Status Append(std::string_view bytes) override {
    bytes_.append(bytes);
    return Status::Ok();
  }

  Result<lake::ObjectInfo> Commit() override {
    std::lock_guard lock(store_.mu_);
    auto bucket = store_.buckets_.find(bucket_);
    if (bucket == store_.buckets_.end()) {
      return NoSuchBucket();
    }
    Object& object = bucket->second[key_];
    object = Object{.bytes = std::move(bytes_),
                    .modified_millis = kModifiedMillis,
                    .version = store_.next_version_++};
    return store_.InfoOf(key_, object);
  }

 private:
  InMemoryBuckets& store_;
  std::string bucket_;
  std::string key_;
  std::string bytes_;
};

void InMemoryBuckets::CreateBucket(const std::string& bucket) {
  std::lock_guard lock(mu_);
  buckets_[bucket];
}

void InMemoryBuckets::Put(const std::string& bucket, const std::string& key, std::string bytes) {
  std::lock_guard lock(mu_);
  buckets_[bucket][key] = Object{
      .bytes = std::move(bytes), .modified_millis = kModifiedMillis, .version = next_version_++};
}

std::optional<std::string> InMemoryBuckets::Get(const std::string& bucket,
                                                const std::string& key) const {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(bucket);
  if (it == buckets_.end()) {
    return std::nullopt;
  }
  auto object = it->second.find(key);
  if (object == it->second.end()) {
    return std::nullopt;
  }
  return object->second.bytes;
}

lake::ObjectInfo InMemoryBuckets::InfoOf(const std::string& key, const Object& object) const {
  return lake::ObjectInfo{.key = key,
                          .size = object.bytes.size(),
                          .etag = Format("\"{:032x}\"", object.version),
                          .modified_millis = object.modified_millis};
}

Result<lake::ListPage> InMemoryBuckets::List(std::string_view bucket,
                                             const lake::ListOptions& options) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(std::string(bucket));
  if (it == buckets_.end()) {
    return NoSuchBucket();
  }
  lake::ListPage page;
  for (auto object = it->second.upper_bound(options.after); object != it->second.end(); ++object) {
    if (object->first.compare(0, options.prefix.size(), options.prefix) != 0) {
      continue;
    }
    if (static_cast<int>(page.objects.size()) == options.max_keys) {
      page.next_after = page.objects.back().key;
      break;
    }
    page.objects.push_back(InfoOf(object->first, object->second));
  }
  return page;
}

Result<lake::ObjectInfo> InMemoryBuckets::Head(std::string_view bucket, std::string_view key) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(std::string(bucket));
  if (it == buckets_.end()) {
    return NoSuchBucket();
  }
  auto object = it->second.find(std::string(key));
  if (object == it->second.end()) {
    return NoSuchKey();
  }
  return InfoOf(object->first, object->second);
}

Result<std::string> InMemoryBuckets::Read(std::string_view bucket,
                                          std::string_view key,
                                          std::optional<lake::ByteRange> range) {
  if (range.has_value()) {
    return Status::NotImplemented("InMemoryBuckets reads whole objects only");
  }
  std::lock_guard lock(mu_);
  auto it = buckets_.find(std::string(bucket));
  if (it == buckets_.end()) {
    return NoSuchBucket();
  }
  auto object = it->second.find(std::string(key));
  if (object == it->second.end()) {
    return NoSuchKey();
  }
  return object->second.bytes;
}

Result<std::unique_ptr<lake::ObjectReader>> InMemoryBuckets::Open(std::string_view /*bucket*/,
                                                                  std::string_view /*key*/) {
  return Status::NotImplemented("InMemoryBuckets has no readers");
}

Result<std::unique_ptr<lake::ObjectWriter>> InMemoryBuckets::Create(
    std::string_view bucket, std::string_view key, const lake::WriteOptions& /*options*/) {
  return std::unique_ptr<lake::ObjectWriter>(
      std::make_unique<Writer>(*this, std::string(bucket), std::string(key)));
}

Status InMemoryBuckets::Delete(std::string_view bucket, std::string_view key) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(std::string(bucket));
  if (it == buckets_.end()) {
    return NoSuchBucket();
  }
  it->second.erase(std::string(key));
  return Status::Ok();
}

}  // namespace stratus::states::integrations
