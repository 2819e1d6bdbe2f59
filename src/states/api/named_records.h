#pragma once

#include <algorithm>
#include <cstddef>
#include <mutex>
#include <string_view>
#include <vector>

namespace stratus::states::api {

/// The records of `records` (ARN -> record with a `name`) whose ARN starts
/// with `arn_prefix` and whose name sorts after `after_name`: at most `limit`,
/// by name (ListStateMachines, ListActivities). Copies under `mu`, sorts
/// outside it.
template <typename Map>
std::vector<typename Map::mapped_type> ListByName(std::mutex& mu,
                                                  const Map& records,
                                                  std::string_view arn_prefix,
                                                  std::string_view after_name,
                                                  size_t limit) {
  using Record = typename Map::mapped_type;
  std::vector<Record> matching;
  {
    std::lock_guard lock(mu);
    for (const auto& [arn, record] : records) {
      if (std::string_view(arn).starts_with(arn_prefix) && record.name > after_name) {
        matching.push_back(record);
      }
    }
  }
  std::sort(matching.begin(), matching.end(),
            [](const Record& a, const Record& b) { return a.name < b.name; });
  if (matching.size() > limit) {
    matching.resize(limit);
  }
  return matching;
}

}  // namespace stratus::states::api
