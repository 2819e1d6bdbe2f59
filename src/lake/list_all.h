#pragma once

#include <string_view>
#include <vector>

#include "base/result.h"
#include "lake/object_store.h"

namespace stratus::lake {

class Lake;

/// Lists every object under `prefix_uri` ("s3://bucket/data/",
/// "file:///tmp/t/"), following Lake::List's pages; each ObjectInfo's key is
/// the object's whole URI (the bucket root plus its key), ready to read or
/// delete.
Result<std::vector<ObjectInfo>> ListAll(Lake& lake, std::string_view prefix_uri);

}  // namespace stratus::lake
