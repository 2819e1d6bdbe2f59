#include "lake/continuation_tokens_internal.h"

#include <utility>

namespace stratus::lake::internal {

std::string ContinuationTokens::Key(std::string_view bucket,
                                    std::string_view prefix,
                                    std::string_view delimiter,
                                    std::string_view after) {
  // Lengths first, so that no two listings share a key.
  std::string key = std::to_string(bucket.size()) + ":" + std::to_string(prefix.size()) + ":" +
                    std::to_string(delimiter.size()) + ":";
  key.append(bucket).append(prefix).append(delimiter).append(after);
  return key;
}

void ContinuationTokens::Remember(std::string_view bucket,
                                  std::string_view prefix,
                                  std::string_view delimiter,
                                  std::string_view next_after,
                                  std::string token) {
  std::string key = Key(bucket, prefix, delimiter, next_after);
  const std::lock_guard lock(mu_);
  const bool inserted = tokens_.insert_or_assign(key, std::move(token)).second;
  if (!inserted) {
    return;
  }
  order_.push_back(std::move(key));
  while (order_.size() > capacity_) {
    tokens_.erase(order_.front());
    order_.pop_front();
  }
}

std::optional<std::string> ContinuationTokens::Find(std::string_view bucket,
                                                    std::string_view prefix,
                                                    std::string_view delimiter,
                                                    std::string_view after) const {
  const std::string key = Key(bucket, prefix, delimiter, after);
  const std::lock_guard lock(mu_);
  const auto it = tokens_.find(key);
  if (it == tokens_.end()) {
    return std::nullopt;
  }
  return it->second;
}

}  // namespace stratus::lake::internal
