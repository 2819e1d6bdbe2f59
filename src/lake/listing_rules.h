#pragma once

#include <string>
#include <string_view>

namespace stratus::lake {

// S3's listing rules, shared by the stores that list by walking keys
// themselves (FileStore) or that check what a server sent (RemoteS3Store).
// A listing resumes after `after`, a key or a common prefix as
// ListPage::next_after gives it; after a common prefix it resumes past
// every key the prefix rolled up.

/// Returns the common prefix that `key` rolls up into when listed under
/// `prefix` with `delimiter`: the key up to and including the first
/// delimiter after the prefix, or "" when it has none (or no delimiter).
std::string CommonPrefixOf(std::string_view key,
                           std::string_view prefix,
                           std::string_view delimiter);

/// Returns true when a listing resuming after `after` has passed `key`: the
/// key sorts at or before `after`, or lies under `after` as a common prefix.
/// An empty `after` has passed nothing.
bool KeyPassed(std::string_view key,
               std::string_view after,
               std::string_view prefix,
               std::string_view delimiter);

/// Returns true when a listing resuming after `after` has passed every key
/// that starts with `start` (a directory's "path/", or a common prefix): they
/// all sort before `after`, or lie under `after` as a common prefix. A
/// common prefix that `after` lies inside is not passed: keys in it may
/// follow `after`.
bool SubtreePassed(std::string_view start,
                   std::string_view after,
                   std::string_view prefix,
                   std::string_view delimiter);

}  // namespace stratus::lake
