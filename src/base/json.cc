#include "base/json.h"

namespace stratus {

Result<Json> ParseJson(std::string_view text) {
  // The library reports syntax errors by exception; convert at the call site.
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& error) {
    return Status::InvalidArgument(Format("malformed JSON at byte {}", error.byte));
  } catch (const Json::exception& error) {
    return Status::InvalidArgument(Format("malformed JSON: {}", error.what()));
  }
}

std::string DumpJson(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace stratus
