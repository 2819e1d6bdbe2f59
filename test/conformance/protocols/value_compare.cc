#include "value_compare.h"

#include <cmath>
#include <set>

#include "aws/protocol/shape_traits.h"
#include "base/digest.h"
#include "base/format.h"

namespace stratus::conformance {
namespace {

using aws::ObjectTrait;
using aws::ResolveShape;
using aws::ShapeType;

std::string Show(const Json& value) {
  std::string text = value.is_null() ? std::string("(absent)") : DumpJson(value);
  if (text.size() > 120) {
    text = text.substr(0, 117) + "...";
  }
  return text;
}

bool NumbersEqual(const Json& expected, const Json& actual, double tolerance) {
  if (expected.is_string() || actual.is_string()) {
    // NaN/Infinity travel as strings; a parsed double may also be NaN/inf.
    auto text = [](const Json& v) -> std::string {
      if (v.is_string()) {
        return v.get<std::string>();
      }
      if (v.is_number_float() && std::isnan(v.get<double>())) {
        return "NaN";
      }
      if (v.is_number_float() && std::isinf(v.get<double>())) {
        return v.get<double>() > 0 ? "Infinity" : "-Infinity";
      }
      return DumpJson(v);
    };
    return text(expected) == text(actual);
  }
  if (!expected.is_number() || !actual.is_number()) {
    return false;
  }
  double a = expected.get<double>();
  double b = actual.get<double>();
  return std::fabs(a - b) <= tolerance * std::max(1.0, std::fabs(a));
}

}  // namespace

Json ToOperationJson(const aws::ServiceModel& service, const Json& ref, const Json& value) {
  const Json& shape = ResolveShape(service, ref);
  std::string_view type = ShapeType(shape);
  if (value.is_null()) {
    return value;
  }
  if (type == "structure" && value.is_object()) {
    Json out = Json::object();
    const Json& members = ObjectTrait(shape, "members");
    for (const auto& [name, item] : value.items()) {
      out[name] = members.contains(name) ? ToOperationJson(service, members[name], item) : item;
    }
    return out;
  }
  if (type == "list" && value.is_array()) {
    Json out = Json::array();
    for (const Json& item : value) {
      out.push_back(ToOperationJson(service, ObjectTrait(shape, "member"), item));
    }
    return out;
  }
  if (type == "map" && value.is_object()) {
    Json out = Json::object();
    for (const auto& [key, item] : value.items()) {
      out[key] = ToOperationJson(service, ObjectTrait(shape, "value"), item);
    }
    return out;
  }
  if (type == "blob" && value.is_string()) {
    return Base64Encode(value.get<std::string>());
  }
  return value;
}

void CompareValues(const aws::ServiceModel& service,
                   const Json& ref,
                   const Json& expected,
                   const Json& actual,
                   const std::string& path,
                   std::vector<std::string>* diffs,
                   bool empty_is_absent) {
  const std::string where = path.empty() ? "(top)" : path;
  auto empty_container = [](const Json& v) {
    return (v.is_array() || v.is_object()) && v.empty();
  };
  if (empty_is_absent && ((expected.is_null() && empty_container(actual)) ||
                          (actual.is_null() && empty_container(expected)))) {
    return;
  }
  if (expected.is_null() || actual.is_null()) {
    if (expected.is_null() != actual.is_null()) {
      diffs->push_back(Format("{}: expected {}, got {}", where, Show(expected), Show(actual)));
    }
    return;
  }
  const Json& shape = ResolveShape(service, ref);
  std::string_view type = ShapeType(shape);
  if (type == "structure" && expected.is_object() && actual.is_object()) {
    std::set<std::string> keys;
    for (const auto& [key, item] : expected.items()) {
      keys.insert(key);
    }
    for (const auto& [key, item] : actual.items()) {
      keys.insert(key);
    }
    const Json& members = ObjectTrait(shape, "members");
    for (const std::string& key : keys) {
      const Json& member = members.contains(key) ? members[key] : aws::EmptyJsonObject();
      CompareValues(service, member, expected.value(key, Json()), actual.value(key, Json()),
                    path.empty() ? key : path + "." + key, diffs, empty_is_absent);
    }
    return;
  }
  if (type == "list" && expected.is_array() && actual.is_array()) {
    if (expected.size() != actual.size()) {
      diffs->push_back(Format("{}: expected {} items {}, got {} items {}", where, expected.size(),
                              Show(expected), actual.size(), Show(actual)));
      return;
    }
    for (size_t i = 0; i < expected.size(); ++i) {
      CompareValues(service, ObjectTrait(shape, "member"), expected[i], actual[i],
                    Format("{}[{}]", path, i), diffs, empty_is_absent);
    }
    return;
  }
  if (type == "map" && expected.is_object() && actual.is_object()) {
    std::set<std::string> keys;
    for (const auto& [key, item] : expected.items()) {
      keys.insert(key);
    }
    for (const auto& [key, item] : actual.items()) {
      keys.insert(key);
    }
    for (const std::string& key : keys) {
      CompareValues(service, ObjectTrait(shape, "value"), expected.value(key, Json()),
                    actual.value(key, Json()), path + "." + key, diffs, empty_is_absent);
    }
    return;
  }
  bool equal = false;
  if (type == "timestamp") {
    equal = NumbersEqual(expected, actual, 1e-9) ||
            (expected.is_number() && actual.is_number() &&
             std::fabs(expected.get<double>() - actual.get<double>()) < 1e-3);
  } else if (type == "float" || type == "double" || type == "integer" || type == "long" ||
             type == "short" || type == "byte" || type == "bigdecimal" || type == "biginteger") {
    equal = NumbersEqual(expected, actual, 1e-6);
  } else if (type == "blob" && expected.is_string() && actual.is_string()) {
    std::string a;
    std::string b;
    equal = expected == actual || (Base64Decode(expected.get<std::string>(), &a) &&
                                   Base64Decode(actual.get<std::string>(), &b) && a == b);
  } else {
    equal = expected == actual;
  }
  if (!equal) {
    diffs->push_back(Format("{}: expected {}, got {}", where, Show(expected), Show(actual)));
  }
}

}  // namespace stratus::conformance
