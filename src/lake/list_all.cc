#include "lake/list_all.h"

#include <string>
#include <utility>

#include "lake/lake.h"
#include "lake/object_uri.h"

namespace stratus::lake {

Result<std::vector<ObjectInfo>> ListAll(Lake& lake, std::string_view prefix_uri) {
  STRATUS_ASSIGN_OR_RETURN(ObjectUri root, ParseObjectUri(prefix_uri));
  root.key.clear();
  // A listed key below the bucket root: s3://bucket/ + key, file:// + /path.
  const std::string base = root.ToString();
  std::vector<ObjectInfo> out;
  ListOptions options;
  while (true) {
    STRATUS_ASSIGN_OR_RETURN(ListPage page, lake.List(prefix_uri, options));
    for (ObjectInfo& object : page.objects) {
      object.key = base + object.key;
      out.push_back(std::move(object));
    }
    if (!page.next_after.has_value()) {
      return out;
    }
    options.after = *page.next_after;
  }
}

}  // namespace stratus::lake
