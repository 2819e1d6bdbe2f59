// FileStore's listing: a depth-first walk that visits the entries of each
// directory in key order. A directory's keys all start with "NAME/", so it
// sorts as "NAME/" among its siblings (a file "a-b" comes before the keys
// under a directory "a", since '-' < '/'). Subtrees that cannot hold a
// listed key are not entered: those outside the prefix, those wholly before
// the `after` marker, and those rolled up whole into one common prefix
// (which need only be found non-empty).

#include "lake/file_lister_internal.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "base/digest.h"
#include "base/format.h"
#include "io/file_system.h"
#include "lake/listing_rules.h"

namespace stratus::lake::internal {
namespace {

struct Entry {
  std::string sort_key = {};  // The name, with a '/' after a directory's.
  io::FileStat stat = {};
};

class FileLister {
 public:
  FileLister(io::FileSystem& files, const ListOptions& options)
      : files_(files), options_(options) {}

  // Walks from the prefix's directory until the page is full or the keys end.
  Status Walk() {
    if (options_.max_keys <= 0) {
      return Status::Ok();
    }
    const std::string& prefix = options_.prefix;
    return Visit(prefix.substr(0, prefix.rfind('/') + 1)).status();
  }

  // Returns the page; `next_after` is kept only when more entries follow.
  ListPage Finish() && {
    if (!truncated_) {
      page_.next_after.reset();
    }
    return std::move(page_);
  }

 private:
  // Returns the entries of directory `dir` (ending in '/') in key order; none
  // when it has vanished.
  Result<std::vector<Entry>> Entries(const std::string& dir) {
    const std::string path = dir.size() == 1 ? dir : dir.substr(0, dir.size() - 1);
    Result<std::vector<std::string>> names = files_.ListDirectory(path);
    if (!names.ok()) {
      if (names.status().code() == StatusCode::kNotFound) {
        return std::vector<Entry>();
      }
      return names.status();
    }
    std::vector<Entry> entries;
    entries.reserve(names->size());
    for (std::string& name : *names) {
      if (name.find(kTempMarker) != std::string::npos) {
        continue;
      }
      Result<io::FileStat> stat = files_.Stat(dir + name);
      if (!stat.ok()) {
        if (stat.status().code() == StatusCode::kNotFound) {
          continue;  // Removed since the directory was read.
        }
        return stat.status();
      }
      if (stat->is_directory) {
        name += '/';
      }
      entries.push_back(Entry{.sort_key = std::move(name), .stat = *stat});
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.sort_key < b.sort_key; });
    return entries;
  }

  // Walks directory `dir` (ending in '/'); returns false once the page is full.
  Result<bool> Visit(const std::string& dir) {
    STRATUS_ASSIGN_OR_RETURN(std::vector<Entry> entries, Entries(dir));
    for (const Entry& entry : entries) {
      const std::string path = dir + entry.sort_key;
      bool more = true;
      if (entry.stat.is_directory) {
        STRATUS_ASSIGN_OR_RETURN(more, VisitDirectory(path));
      } else if (path.starts_with(options_.prefix) &&
                 !KeyPassed(path, options_.after, options_.prefix, options_.delimiter)) {
        const std::string common = CommonPrefixOf(path, options_.prefix, options_.delimiter);
        if (common.empty()) {
          more = Take(FileInfoOf(path, entry.stat));
        } else if (!SubtreePassed(common, options_.after, options_.prefix, options_.delimiter)) {
          more = TakePrefix(common);
        }
      }
      if (!more) {
        return false;
      }
    }
    return true;
  }

  // Walks the subdirectory whose keys all start with `sub` (ending in '/').
  Result<bool> VisitDirectory(const std::string& sub) {
    const std::string& prefix = options_.prefix;
    if (!sub.starts_with(prefix) && !prefix.starts_with(sub)) {
      return true;  // Outside the prefix.
    }
    if (SubtreePassed(sub, options_.after, prefix, options_.delimiter)) {
      return true;
    }
    // When the delimiter falls inside `sub`, every key below rolls up into
    // the same common prefix: taken once, if any file is below. (When
    // `after` lies below, the walk goes in, to take it only for a later key.)
    const std::string common = CommonPrefixOf(sub, prefix, options_.delimiter);
    if (!common.empty() && !options_.after.starts_with(sub)) {
      if (common == last_prefix_) {
        return true;
      }
      STRATUS_ASSIGN_OR_RETURN(bool has_file, HasFile(sub));
      return has_file ? TakePrefix(common) : true;
    }
    return Visit(sub);
  }

  // Returns true when the directory `dir` (ending in '/') has a file below it.
  Result<bool> HasFile(const std::string& dir) {
    STRATUS_ASSIGN_OR_RETURN(std::vector<Entry> entries, Entries(dir));
    for (const Entry& entry : entries) {
      if (!entry.stat.is_directory) {
        return true;
      }
      STRATUS_ASSIGN_OR_RETURN(bool below, HasFile(dir + entry.sort_key));
      if (below) {
        return true;
      }
    }
    return false;
  }

  // Adds an object; returns false when the page was already full.
  bool Take(ObjectInfo info) {
    if (!Room()) {
      return false;
    }
    page_.next_after = info.key;
    page_.objects.push_back(std::move(info));
    return true;
  }

  // Adds a common prefix once; returns false when the page was already full.
  bool TakePrefix(const std::string& common) {
    if (common == last_prefix_) {
      return true;
    }
    if (!Room()) {
      return false;
    }
    last_prefix_ = common;
    page_.next_after = common;
    page_.common_prefixes.push_back(common);
    return true;
  }

  // True when the page has room for one more entry. When it has none, the
  // entry found proves that more follow, so `next_after` stays set.
  bool Room() {
    const size_t taken = page_.objects.size() + page_.common_prefixes.size();
    if (taken < static_cast<size_t>(options_.max_keys)) {
      return true;
    }
    truncated_ = true;
    return false;
  }

  io::FileSystem& files_;
  const ListOptions& options_;
  ListPage page_;
  std::string last_prefix_;  // The last common prefix taken.
  bool truncated_ = false;
};

}  // namespace

ObjectInfo FileInfoOf(std::string_view path, const io::FileStat& stat) {
  const std::string identity = Format("{}:{}:{}", stat.size, stat.modified_nanos, stat.file_id);
  return ObjectInfo{.key = std::string(path),
                    .size = stat.size,
                    .etag = "\"" + Md5Hex(identity) + "\"",
                    .modified_millis = stat.modified_nanos / 1'000'000};
}

Result<ListPage> ListFiles(io::FileSystem& files, const ListOptions& options) {
  if (!options.prefix.starts_with('/')) {
    return Status::InvalidArgument(
        Format("a file listing's prefix must be an absolute path, not '{}'", options.prefix));
  }
  FileLister lister(files, options);
  STRATUS_RETURN_IF_ERROR(lister.Walk());
  return std::move(lister).Finish();
}

}  // namespace stratus::lake::internal
