#include "lake/object_store.h"

namespace stratus::lake {

Result<ObjectInfo> ObjectStore::Write(std::string_view bucket,
                                      std::string_view key,
                                      std::string_view bytes,
                                      const WriteOptions& options) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<ObjectWriter> writer, Create(bucket, key, options));
  STRATUS_RETURN_IF_ERROR(writer->Append(bytes));
  return writer->Commit();
}

}  // namespace stratus::lake
