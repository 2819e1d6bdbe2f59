#include "formats/iceberg/json_internal.h"

#include "base/format.h"

namespace stratus::formats::iceberg {

Result<OrderedJson> ParseJsonText(std::string_view text, std::string_view what) {
  OrderedJson value = OrderedJson::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return Status::Corruption(fmt::format("iceberg: {} is not valid JSON", what));
  }
  return value;
}

Result<const OrderedJson*> JsonMember(const OrderedJson& object, std::string_view key) {
  if (!object.is_object()) {
    return Status::Corruption(fmt::format("iceberg: expected an object holding {}", key));
  }
  auto it = object.find(key);
  if (it == object.end()) {
    return Status::Corruption(fmt::format("iceberg: missing field {}", key));
  }
  return &*it;
}

Result<int64_t> JsonInt(const OrderedJson& object, std::string_view key) {
  STRATUS_ASSIGN_OR_RETURN(const OrderedJson* member, JsonMember(object, key));
  if (!member->is_number_integer()) {
    return Status::Corruption(fmt::format("iceberg: field {} is not an integer", key));
  }
  return member->get<int64_t>();
}

Result<std::string> JsonString(const OrderedJson& object, std::string_view key) {
  STRATUS_ASSIGN_OR_RETURN(const OrderedJson* member, JsonMember(object, key));
  if (!member->is_string()) {
    return Status::Corruption(fmt::format("iceberg: field {} is not a string", key));
  }
  return member->get<std::string>();
}

Result<bool> JsonBool(const OrderedJson& object, std::string_view key) {
  STRATUS_ASSIGN_OR_RETURN(const OrderedJson* member, JsonMember(object, key));
  if (!member->is_boolean()) {
    return Status::Corruption(fmt::format("iceberg: field {} is not a boolean", key));
  }
  return member->get<bool>();
}

Result<std::optional<int64_t>> JsonOptionalInt(const OrderedJson& object, std::string_view key) {
  if (!object.is_object()) {
    return Status::Corruption(fmt::format("iceberg: expected an object holding {}", key));
  }
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return std::optional<int64_t>();
  }
  if (!it->is_number_integer()) {
    return Status::Corruption(fmt::format("iceberg: field {} is not an integer", key));
  }
  return std::optional<int64_t>(it->get<int64_t>());
}

Result<std::string> JsonOptionalString(const OrderedJson& object,
                                       std::string_view key,
                                       std::string_view fallback) {
  if (!object.is_object()) {
    return Status::Corruption(fmt::format("iceberg: expected an object holding {}", key));
  }
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return std::string(fallback);
  }
  if (!it->is_string()) {
    return Status::Corruption(fmt::format("iceberg: field {} is not a string", key));
  }
  return it->get<std::string>();
}

std::string DumpJsonText(const OrderedJson& value, int indent) {
  return value.dump(indent, ' ', /*ensure_ascii=*/false, OrderedJson::error_handler_t::replace);
}

}  // namespace stratus::formats::iceberg
