#include "aws/protocol/json_wire_writer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/model/service_model.h"
#include "aws/protocol/shape_traits.h"
#include "aws/protocol/timestamp_format.h"
#include "base/json_escape.h"

namespace stratus::aws {

// How a value of one shape is written; see json_body.cc's Write(), which
// this mirrors.
enum class JsonPlanKind : uint8_t {
  kAsIs,  // Scalars, documents, unknown shapes: the value itself.
  kStructure,
  kList,
  kMap,
  kTimestamp,
};

// A reference to a shape (an output, a member, a list member, a map value).
struct JsonRefPlan {
  const JsonShapePlan* shape = nullptr;
  // The reference's (else the shape's) timestampFormat; a view into the
  // model, or kUnixTimestamp.
  std::string_view timestamp_format = kUnixTimestamp;
};

struct JsonMemberPlan {
  std::string name = {};       // The member's name in operation JSON.
  std::string wire_name = {};  // Its locationName, else its name.
  std::string wire_key = {};   // wire_name as JSON text, then ':'.
  const Json* ref = nullptr;   // The member reference (for include filters).
  JsonRefPlan value = {};
};

struct JsonShapePlan {
  JsonPlanKind kind = JsonPlanKind::kAsIs;
  // Structures: every member, by name (the order of operation JSON objects).
  std::vector<JsonMemberPlan> members = {};
  // Structures: true when a member's wire name differs from its name (the
  // wire order may then differ from the members' order).
  bool renamed = false;
  // Lists: the member; maps: the value.
  JsonRefPlan item = {};
};

namespace {

// As json_body.cc: deeper values are written as they are.
constexpr int kMaxDepth = 64;

using Serializer = nlohmann::detail::serializer<Json>;

JsonRefPlan RefPlan(const JsonShapePlan& plan, const Json& ref, const Json& shape) {
  return JsonRefPlan{.shape = &plan,
                     .timestamp_format = TimestampFormatOf(ref, shape, kUnixTimestamp)};
}

// Appends `text` as a JSON string, escaped as nlohmann::json's serializer
// escapes it, and returns true; returns false, appending nothing, when
// `text` is not all ASCII (the serializer then checks its UTF-8 and
// replaces what is invalid).
bool AppendAsciiString(std::string_view text, std::string& out) {
  if (!std::all_of(text.begin(), text.end(),
                   [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return false;
  }
  out.push_back('"');
  AppendJsonEscaped(out, text);
  out.push_back('"');
  return true;
}

// Writes operation JSON as wire text, one value at a time, into one string.
class WireWriter {
 public:
  explicit WireWriter(std::string* out) : out_(*out) {}

  void Value(const JsonRefPlan& ref, const Json& value, int depth) {
    if (depth > kMaxDepth) {
      AsIs(value);
      return;
    }
    switch (ref.shape->kind) {
      case JsonPlanKind::kAsIs:
        AsIs(value);
        return;
      case JsonPlanKind::kStructure:
        Structure(*ref.shape, value, depth, nullptr);
        return;
      case JsonPlanKind::kList:
        List(*ref.shape, value, depth);
        return;
      case JsonPlanKind::kMap:
        Map(*ref.shape, value, depth);
        return;
      case JsonPlanKind::kTimestamp:
        Timestamp(ref, value);
        return;
    }
  }

  // `include` null: every member.
  void Structure(const JsonShapePlan& plan,
                 const Json& value,
                 int depth,
                 bool (*include)(const Json&)) {
    if (!value.is_object()) {
      AsIs(value);
      return;
    }
    if (plan.renamed) {
      RenamedStructure(plan, value, depth, include);
      return;
    }
    out_.push_back('{');
    bool first = true;
    for (const JsonMemberPlan& member : plan.members) {
      auto it = value.find(member.name);
      if (it == value.end() || it->is_null() || (include != nullptr && !include(*member.ref))) {
        continue;
      }
      if (!first) {
        out_.push_back(',');
      }
      first = false;
      out_ += member.wire_key;
      Value(member.value, *it, depth + 1);
    }
    out_.push_back('}');
  }

 private:
  void AsIs(const Json& value) {
    if (value.is_string() && AppendAsciiString(value.get_ref<const std::string&>(), out_)) {
      return;
    }
    if (value.is_number_integer()) {
      AppendInteger(value);
      return;
    }
    Dump(value);
  }

  // As the serializer writes integers: plain decimal.
  void AppendInteger(const Json& value) {
    std::array<char, 24> digits{};
    const auto written = value.is_number_unsigned()
                             ? std::to_chars(digits.begin(), digits.end(), value.get<uint64_t>())
                             : std::to_chars(digits.begin(), digits.end(), value.get<int64_t>());
    out_.append(digits.data(), written.ptr);
  }

  // The serializer is made on first use: a response of strings and integers needs none.
  void Dump(const Json& value) {
    if (!serializer_.has_value()) {
      serializer_.emplace(nlohmann::detail::output_adapter<char, std::string>(out_), ' ',
                          Json::error_handler_t::replace);
    }
    serializer_->dump(value, false, false, 0);
  }

  // The wire object is ordered by wire name, and of two members with one
  // wire name the later one (by member name) is kept, as in an object built
  // member by member.
  void RenamedStructure(const JsonShapePlan& plan,
                        const Json& value,
                        int depth,
                        bool (*include)(const Json&)) {
    std::vector<std::pair<const JsonMemberPlan*, const Json*>> present;
    for (const JsonMemberPlan& member : plan.members) {
      auto it = value.find(member.name);
      if (it == value.end() || it->is_null() || (include != nullptr && !include(*member.ref))) {
        continue;
      }
      present.emplace_back(&member, &*it);
    }
    std::stable_sort(present.begin(), present.end(), [](const auto& a, const auto& b) {
      return a.first->wire_name < b.first->wire_name;
    });
    out_.push_back('{');
    bool first = true;
    for (size_t i = 0; i < present.size(); ++i) {
      if (i + 1 < present.size() &&
          present[i + 1].first->wire_name == present[i].first->wire_name) {
        continue;
      }
      if (!first) {
        out_.push_back(',');
      }
      first = false;
      out_ += present[i].first->wire_key;
      Value(present[i].first->value, *present[i].second, depth + 1);
    }
    out_.push_back('}');
  }

  void List(const JsonShapePlan& plan, const Json& value, int depth) {
    if (!value.is_array()) {
      AsIs(value);
      return;
    }
    out_.push_back('[');
    bool first = true;
    for (const Json& item : value) {
      if (!first) {
        out_.push_back(',');
      }
      first = false;
      if (item.is_null()) {
        AsIs(item);
      } else {
        Value(plan.item, item, depth + 1);
      }
    }
    out_.push_back(']');
  }

  void Map(const JsonShapePlan& plan, const Json& value, int depth) {
    if (!value.is_object()) {
      AsIs(value);
      return;
    }
    out_.push_back('{');
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      if (!first) {
        out_.push_back(',');
      }
      first = false;
      if (!AppendAsciiString(key, out_)) {
        Dump(Json(key));
      }
      out_.push_back(':');
      if (item.is_null()) {
        AsIs(item);
      } else {
        Value(plan.item, item, depth + 1);
      }
    }
    out_.push_back('}');
  }

  void Timestamp(const JsonRefPlan& ref, const Json& value) {
    Result<double> seconds = TimestampFromJson(value);
    if (!seconds.ok()) {
      AsIs(value);
      return;
    }
    AsIs(FormatTimestampJson(*seconds, ref.timestamp_format));
  }

  std::string& out_;
  std::optional<Serializer> serializer_;
};

}  // namespace

JsonWirePlans::JsonWirePlans() = default;

JsonWirePlans::~JsonWirePlans() = default;

const JsonShapePlan& JsonWirePlans::PlanOf(const ServiceModel& service, const Json& shape) const {
  {
    std::shared_lock lock(mu_);
    if (auto it = plans_.find(&shape); it != plans_.end()) {
      return *it->second;
    }
  }
  std::unique_lock lock(mu_);
  return CompileLocked(service, shape);
}

// Recursive shapes end at the plan already in plans_ (inserted before its
// members are compiled).
const JsonShapePlan& JsonWirePlans::CompileLocked(const ServiceModel& service,
                                                  const Json& shape) const {
  if (auto it = plans_.find(&shape); it != plans_.end()) {
    return *it->second;
  }
  JsonShapePlan& plan = *plans_.emplace(&shape, std::make_unique<JsonShapePlan>()).first->second;
  // Members are compiled whatever the type: WriteJsonMembers() takes them
  // from any shape.
  for (const auto& [name, member_ref] : ObjectTrait(shape, "members").items()) {
    const Json& member_shape = ResolveShape(service, member_ref);
    JsonMemberPlan member{.name = name,
                          .wire_name = SerializedName(member_ref, member_shape, name),
                          .wire_key = {},
                          .ref = &member_ref,
                          .value = {}};
    member.wire_key = DumpJson(Json(member.wire_name)) + ":";
    member.value = RefPlan(CompileLocked(service, member_shape), member_ref, member_shape);
    plan.renamed = plan.renamed || member.wire_name != member.name;
    plan.members.push_back(std::move(member));
  }
  std::string_view type = ShapeType(shape);
  if (BoolTrait(shape, "document")) {
    plan.kind = JsonPlanKind::kAsIs;
  } else if (type == "structure") {
    plan.kind = JsonPlanKind::kStructure;
  } else if (type == "list" || type == "map") {
    plan.kind = type == "list" ? JsonPlanKind::kList : JsonPlanKind::kMap;
    const Json& item_ref = ObjectTrait(shape, type == "list" ? "member" : "value");
    const Json& item_shape = ResolveShape(service, item_ref);
    plan.item = RefPlan(CompileLocked(service, item_shape), item_ref, item_shape);
  } else if (type == "timestamp") {
    plan.kind = JsonPlanKind::kTimestamp;
  }
  return plan;
}

void AppendJsonWireValue(const ServiceModel& service,
                         const Json& ref,
                         const Json& value,
                         std::string* out) {
  const Json& shape = ResolveShape(service, ref);
  const JsonShapePlan& plan = service.json_wire_plans().PlanOf(service, shape);
  WireWriter(out).Value(RefPlan(plan, ref, shape), value, 0);
}

void AppendJsonWireMembers(const ServiceModel& service,
                           const Json& structure,
                           const Json& value,
                           bool (*include)(const Json& member_ref),
                           std::string* out) {
  const JsonShapePlan& plan = service.json_wire_plans().PlanOf(service, structure);
  WireWriter(out).Structure(plan, value, 0, include);
}

}  // namespace stratus::aws
