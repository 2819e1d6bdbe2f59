#include "states/integrations/member_case.h"

#include <cctype>
#include <chrono>
#include <cmath>

#include "aws/model/service_model.h"
#include "base/digest.h"
#include "base/format.h"

namespace stratus::states::integrations {
namespace {

constexpr int kMaxDepth = 64;

bool SameIgnoringFirstCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) {
    return a == b;
  }
  return std::tolower(static_cast<unsigned char>(a[0])) ==
             std::tolower(static_cast<unsigned char>(b[0])) &&
         a.substr(1) == b.substr(1);
}

std::string Capitalized(std::string_view text) {
  std::string result(text);
  if (!result.empty()) {
    result[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(result[0])));
  }
  return result;
}

// Returns the shape a member reference points at, or null.
const Json* Target(const aws::ServiceModel& model, const Json& ref) {
  auto it = ref.find("shape");
  if (it == ref.end() || !it->is_string()) {
    return nullptr;
  }
  return model.FindShape(it->get_ref<const std::string&>());
}

std::string IsoTimestamp(double epoch_seconds) {
  const auto millis = static_cast<int64_t>(std::llround(epoch_seconds * 1000.0));
  const std::chrono::sys_days day{
      std::chrono::days(millis >= 0 ? millis / 86'400'000 : (millis - 86'399'999) / 86'400'000)};
  const std::chrono::year_month_day date{day};
  const int64_t in_day = millis - static_cast<int64_t>(day.time_since_epoch().count()) * 86'400'000;
  return Format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                in_day / 3'600'000, in_day / 60'000 % 60, in_day / 1000 % 60, in_day % 1000);
}

Json Convert(
    const aws::ServiceModel& model, const Json* shape, const Json& value, bool to_model, int depth);

Json ConvertStructure(const aws::ServiceModel& model,
                      const Json& shape,
                      const Json& value,
                      bool to_model,
                      int depth) {
  if (!value.is_object()) {
    return value;
  }
  const Json* members = nullptr;
  if (auto it = shape.find("members"); it != shape.end() && it->is_object()) {
    members = &*it;
  }
  Json result = Json::object();
  for (const auto& [key, member_value] : value.items()) {
    std::string name = key;
    const Json* member_shape = nullptr;
    if (members != nullptr) {
      for (const auto& [member_name, ref] : members->items()) {
        if (SameIgnoringFirstCase(member_name, key)) {
          name = member_name;
          member_shape = Target(model, ref);
          break;
        }
      }
    }
    if (!to_model) {
      name = Capitalized(name);
    }
    result[name] = Convert(model, member_shape, member_value, to_model, depth + 1);
  }
  return result;
}

Json ConvertBlob(const Json& value, bool to_model) {
  if (to_model) {
    return Base64Encode(value.is_string() ? value.get<std::string>() : DumpJson(value));
  }
  std::string decoded;
  if (value.is_string() && Base64Decode(value.get<std::string>(), &decoded)) {
    return decoded;
  }
  return value;
}

Json Convert(const aws::ServiceModel& model,
             const Json* shape,
             const Json& value,
             bool to_model,
             int depth) {
  if (shape == nullptr || depth > kMaxDepth || value.is_null()) {
    return value;
  }
  const std::string type = shape->value("type", "");
  if (type == "structure") {
    return ConvertStructure(model, *shape, value, to_model, depth);
  }
  if (type == "list" && value.is_array()) {
    const Json* member = shape->contains("member") ? Target(model, (*shape)["member"]) : nullptr;
    Json result = Json::array();
    for (const Json& element : value) {
      result.push_back(Convert(model, member, element, to_model, depth + 1));
    }
    return result;
  }
  if (type == "map" && value.is_object()) {
    const Json* member = shape->contains("value") ? Target(model, (*shape)["value"]) : nullptr;
    Json result = Json::object();
    for (const auto& [key, element] : value.items()) {
      result[key] = Convert(model, member, element, to_model, depth + 1);
    }
    return result;
  }
  if (type == "blob") {
    return ConvertBlob(value, to_model);
  }
  if (type == "string" && to_model && (value.is_object() || value.is_array())) {
    // A JSON document given for a string member (a message body): its text.
    return DumpJson(value);
  }
  if (type == "timestamp" && !to_model && value.is_number()) {
    return IsoTimestamp(value.get<double>());
  }
  return value;
}

}  // namespace

Json ToModelShape(const aws::ServiceModel& model, std::string_view shape_name, const Json& value) {
  return Convert(model, model.FindShape(shape_name), value, /*to_model=*/true, 0);
}

Json FromModelShape(const aws::ServiceModel& model,
                    std::string_view shape_name,
                    const Json& value) {
  const Json* shape = model.FindShape(shape_name);
  if (shape == nullptr) {
    // Still present the top level the Step Functions way.
    const Json empty_structure = {{"type", "structure"}};
    return value.is_object() ? ConvertStructure(model, empty_structure, value, false, 0) : value;
  }
  return Convert(model, shape, value, /*to_model=*/false, 0);
}

}  // namespace stratus::states::integrations
