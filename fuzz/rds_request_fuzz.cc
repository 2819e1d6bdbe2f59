// Fuzzes the readers of RDS operation inputs (rds/api/request_fields.h): the
// model-shaped JSON the query codec makes of a client's form, which carries
// identifiers, database names, master users, ports, tags, filters and
// paging markers. The input is JSON text (not JSON: nothing to read).
//
// Properties: nothing crashes; every refusal is tagged InvalidParameterValue
// or MissingParameter;
// an accepted identifier is lowercase, at most 63 characters, and accepted
// again; an accepted database name is only letters, digits and underscores.

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/check.h"
#include "base/json.h"
#include "rds/api/request_fields.h"

namespace stratus::rds::api {
namespace {

void CheckRefusal(const Status& status) {
  STRATUS_CHECK(
      status.aws_type() == "InvalidParameterValue" || status.aws_type() == "MissingParameter",
      "untagged refusal: {}", status.ToString());
}

int FuzzOne(const uint8_t* data, size_t size) {
  Result<Json> input = ParseJson(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!input.ok() || !input->is_object()) {
    return 0;
  }
  Result<std::string> id = Identifier(*input, "DBInstanceIdentifier");
  if (id.ok()) {
    STRATUS_CHECK(!id->empty() && id->size() <= 63, "identifier out of bounds: {}", *id);
    for (const char c : *id) {
      STRATUS_CHECK(std::isupper(static_cast<unsigned char>(c)) == 0, "not lowercased: {}", *id);
    }
    Result<std::string> again =
        Identifier(Json{{"DBInstanceIdentifier", *id}}, "DBInstanceIdentifier");
    STRATUS_CHECK(again.ok() && *again == *id, "identifier not accepted again: {}", *id);
  } else {
    CheckRefusal(id.status());
  }
  Result<std::string> database = DatabaseNameOf(*input, "DBName");
  if (database.ok()) {
    for (const char c : *database) {
      STRATUS_CHECK(std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_',
                    "database name accepted with {:?}", c);
    }
  } else {
    CheckRefusal(database.status());
  }
  Result<std::optional<std::string>> user = OptionalString(*input, "MasterUsername");
  Result<std::optional<std::string>> password = OptionalString(*input, "MasterUserPassword");
  if (user.ok() && password.ok()) {
    if (Status checked = CheckMasterUser(*user, *password); !checked.ok()) {
      CheckRefusal(checked);
    }
  }
  if (Result<int> port = PortOf(*input); port.ok()) {
    STRATUS_CHECK(*port >= 1150 && *port <= 65535, "port out of range: {}", *port);
  } else {
    CheckRefusal(port.status());
  }
  if (Result<Tags> tags = TagsOf(*input); !tags.ok()) {
    CheckRefusal(tags.status());
  }
  if (auto filters = FiltersOf(*input); !filters.ok()) {
    CheckRefusal(filters.status());
  }
  if (Result<Page> page = PageOf(*input); page.ok()) {
    STRATUS_CHECK(page->size >= 20 && page->size <= 100, "page size out of range: {}", page->size);
  } else {
    CheckRefusal(page.status());
  }
  return 0;
}

}  // namespace
}  // namespace stratus::rds::api

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return stratus::rds::api::FuzzOne(data, size);
}
