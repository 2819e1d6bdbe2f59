#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace stratus::lake::internal {

/// Remembers the opaque continuation tokens an S3 server gave for the pages
/// RemoteS3Store returned, by the listing (bucket, prefix, delimiter) and the
/// `next_after` the page carried, so that continuing "after" that entry
/// resumes exactly where the server's token says. A lookup that misses (the
/// caller continues after a key of its own, or the token was forgotten)
/// falls back to StartAfter. Keeps the newest `capacity` tokens.
///
/// Thread safety: safe from any thread.
class ContinuationTokens {
 public:
  explicit ContinuationTokens(size_t capacity) : capacity_(capacity) {}

  void Remember(std::string_view bucket,
                std::string_view prefix,
                std::string_view delimiter,
                std::string_view next_after,
                std::string token);

  std::optional<std::string> Find(std::string_view bucket,
                                  std::string_view prefix,
                                  std::string_view delimiter,
                                  std::string_view after) const;

 private:
  static std::string Key(std::string_view bucket,
                         std::string_view prefix,
                         std::string_view delimiter,
                         std::string_view after);

  const size_t capacity_;
  mutable std::mutex mu_;
  // Guarded by mu_.
  std::map<std::string, std::string, std::less<>> tokens_;
  std::deque<std::string> order_;  // Keys of tokens_, oldest first.
};

}  // namespace stratus::lake::internal
