#include "aws/protocol/json_wire_writer.h"

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "aws/model/model_registry.h"
#include "aws/model/service_model.h"
#include "aws/protocol/json_body.h"
#include "aws/protocol/shape_traits.h"
#include "base/random.h"
#include "testing/status_matchers.h"

namespace stratus::aws {
namespace {

// What the writer must equal, byte for byte.
std::string Expected(const ServiceModel& service, const Json& ref, const Json& value) {
  return DumpJson(WriteJsonValue(service, ref, value));
}

std::string Written(const ServiceModel& service, const Json& ref, const Json& value) {
  std::string out;
  AppendJsonWireValue(service, ref, value, &out);
  return out;
}

ServiceModel TestModel() {
  Json shapes = {
      {"Output",
       {{"type", "structure"},
        {"members",
         {{"Name", {{"shape", "Text"}}},
          {"Renamed", {{"shape", "Text"}, {"locationName", "aRenamed"}}},
          {"When", {{"shape", "Time"}}},
          {"WhenIso", {{"shape", "Time"}, {"timestampFormat", "iso8601"}}},
          {"WhenHttp", {{"shape", "HttpTime"}}},
          {"Items", {{"shape", "TimeList"}}},
          {"Tags", {{"shape", "TagMap"}}},
          {"Doc", {{"shape", "Doc"}}},
          {"Choice", {{"shape", "Choice"}}},
          {"Next", {{"shape", "Output"}}},
          {"Count", {{"shape", "Number"}}},
          {"Ratio", {{"shape", "Ratio"}}},
          {"Missing", {{"shape", "NoSuchShape"}}}}}}},
      {"Clash",
       {{"type", "structure"},
        {"members",
         {{"A", {{"shape", "Text"}, {"locationName", "Z"}}},
          {"B", {{"shape", "Text"}, {"locationName", "Z"}}},
          {"C", {{"shape", "Text"}}}}}}},
      {"Text", {{"type", "string"}}},
      {"Number", {{"type", "long"}}},
      {"Ratio", {{"type", "double"}}},
      {"Time", {{"type", "timestamp"}}},
      {"HttpTime", {{"type", "timestamp"}, {"timestampFormat", "rfc822"}}},
      {"TimeList", {{"type", "list"}, {"member", {{"shape", "Time"}}}}},
      {"TagMap", {{"type", "map"}, {"key", {{"shape", "Text"}}}, {"value", {{"shape", "Time"}}}}},
      {"Doc", {{"type", "structure"}, {"document", true}, {"members", Json::object()}}},
      {"Choice",
       {{"type", "union"},
        {"members", {{"At", {{"shape", "Time"}}}, {"Label", {{"shape", "Text"}}}}}}}};
  Json metadata = {{"protocol", "json"}, {"jsonVersion", "1.0"}, {"targetPrefix", "Test"}};
  Result<ServiceModel> model = ServiceModel::FromParts(metadata, shapes, {});
  STRATUS_CHECK(model.ok(), "{}", model.status().message());
  return std::move(model).value();
}

TEST(JsonWireWriterTest, WritesWhatTheWireValueDumpsTo) {
  ServiceModel model = TestModel();
  const Json ref = {{"shape", "Output"}};
  const std::vector<Json> values = {
      Json::object(),
      {{"Name", "plain"}, {"Unknown", 1}, {"Count", nullptr}},
      {{"Renamed", "r"}, {"Name", "n\"\\\n\t\x01 é"}, {"When", 1700000000.0}},
      {{"When", 1700000000.25}, {"WhenIso", 1700000000.5}, {"WhenHttp", 1700000000}},
      {{"When", "2014-04-29T18:30:38Z"}, {"WhenIso", "not a time"}, {"WhenHttp", true}},
      {{"Items", {1.5, nullptr, 2, "1970-01-01T00:00:01Z", "x"}}},
      {{"Tags", {{"a", 1}, {"quo\"te", 2.5}, {"é", nullptr}, {"tab\t", "bad"}}}},
      {{"Doc", {{"any", {1, nullptr, {{"When", 1.5}}}}}}, {"Choice", {{"At", 3}, {"X", 1}}}},
      {{"Next", {{"Next", {{"When", 4.0}, {"Renamed", "deep"}}}}}},
      {{"Items", "not a list"}, {"Tags", {1, 2}}, {"Next", "not an object"}, {"Choice", 7}},
      {{"Count", 9007199254740993}, {"Ratio", 0.1}, {"Missing", {{"kept", nullptr}}}},
      {{"Ratio", 1e300}, {"Count", -1}, {"Name", std::string("bad \xff utf-8")}},
      {{"Count", uint64_t{18446744073709551615U}}, {"Ratio", -0.0}, {"Tags", {{"n", 0}}}},
  };
  for (const Json& value : values) {
    EXPECT_EQ(Written(model, ref, value), Expected(model, ref, value)) << DumpJson(value);
  }
}

TEST(JsonWireWriterTest, EscapesEveryAsciiCharacterAsTheSerializerDoes) {
  ServiceModel model = TestModel();
  const Json ref = {{"shape", "Output"}};
  std::string ascii;
  for (int c = 0; c < 0x80; ++c) {
    ascii.push_back(static_cast<char>(c));
  }
  const Json value = {{"Name", ascii}, {"Tags", {{ascii, 1}, {"k" + ascii.substr(0, 40), 2}}}};
  EXPECT_EQ(Written(model, ref, value), Expected(model, ref, value));
}

TEST(JsonWireWriterTest, RenamedMembersAreOrderedByWireNameAndTheLaterOfTwoWins) {
  ServiceModel model = TestModel();
  const Json ref = {{"shape", "Clash"}};
  const Json value = {{"A", "a"}, {"B", "b"}, {"C", "c"}};
  EXPECT_EQ(Written(model, ref, value), R"({"C":"c","Z":"b"})");
  EXPECT_EQ(Written(model, ref, value), Expected(model, ref, value));
  EXPECT_EQ(Written(model, ref, Json{{"A", "a"}}), R"({"Z":"a"})");
}

TEST(JsonWireWriterTest, ValuesDeeperThanTheLimitAreWrittenAsTheyAre) {
  ServiceModel model = TestModel();
  Json value = {{"When", 1.0}};
  for (int i = 0; i < 70; ++i) {
    value = Json{{"Next", value}, {"When", 2.0}};
  }
  const Json ref = {{"shape", "Output"}};
  EXPECT_EQ(Written(model, ref, value), Expected(model, ref, value));
}

bool OnlyName(const Json& member_ref) {
  return StringTrait(member_ref, "shape") == "Text";
}

TEST(JsonWireWriterTest, MembersFollowTheIncludeFilter) {
  ServiceModel model = TestModel();
  const Json& shape = *model.FindShape("Output");
  const Json value = {{"Name", "n"}, {"Renamed", "r"}, {"When", 1.0}};
  std::string out;
  AppendJsonWireMembers(model, shape, value, OnlyName, &out);
  EXPECT_EQ(out, R"({"Name":"n","aRenamed":"r"})");
  EXPECT_EQ(out, DumpJson(WriteJsonMembers(model, shape, value, OnlyName)));
}

// Random operation JSON for a shape: members present or not, nulls, members
// the shape does not have, values of the wrong type, odd strings and times.
class ValueMaker {
 public:
  ValueMaker(const ServiceModel& service, uint64_t seed) : service_(service), random_(seed) {}

  Json Make(const Json& ref, int depth) {
    if (random_.Uniform(12) == 0) {
      return Odd();
    }
    const Json& shape = ResolveShape(service_, ref);
    std::string_view type = ShapeType(shape);
    if (type == "structure") {
      Json out = Json::object();
      for (const auto& [name, member_ref] : ObjectTrait(shape, "members").items()) {
        if (depth < 6 && random_.Uniform(3) != 0) {
          out[name] = random_.Uniform(15) == 0 ? Json() : Make(member_ref, depth + 1);
        }
      }
      if (random_.Uniform(4) == 0) {
        out["NotAMember"] = Odd();
      }
      return out;
    }
    if (type == "list" || type == "map") {
      const Json& item_ref = ObjectTrait(shape, type == "list" ? "member" : "value");
      Json out = type == "list" ? Json::array() : Json::object();
      for (uint64_t i = depth < 6 ? random_.Uniform(4) : 0; i > 0; --i) {
        Json item = random_.Uniform(8) == 0 ? Json() : Make(item_ref, depth + 1);
        if (type == "list") {
          out.push_back(std::move(item));
        } else {
          out[String()] = std::move(item);
        }
      }
      return out;
    }
    if (type == "timestamp") {
      constexpr std::array<double, 4> kTimes = {1700000000.0, 1700000000.125, 0.5, -1.0};
      switch (random_.Uniform(4)) {
        case 0:
          return kTimes[random_.Uniform(kTimes.size())];
        case 1:
          return static_cast<int64_t>(random_.Uniform(2000000000));
        case 2:
          return "2014-04-29T18:30:38.123Z";
        default:
          return "Tue, 29 Apr 2014 18:30:38 GMT";
      }
    }
    if (type == "boolean") {
      return random_.Uniform(2) == 0;
    }
    if (type == "integer" || type == "long" || type == "short" || type == "byte") {
      return static_cast<int64_t>(random_.Next());
    }
    if (type == "float" || type == "double") {
      return static_cast<double>(random_.Next()) / 3.0;
    }
    return String();
  }

 private:
  std::string String() {
    constexpr std::array<std::string_view, 6> kStrings = {
        "plain", "", "quote\" back\\slash", "line\nbreak\x01", "unicodé ✓", "bad \xc3 utf-8"};
    return std::string(kStrings[random_.Uniform(kStrings.size())]);
  }

  Json Odd() {
    switch (random_.Uniform(6)) {
      case 0:
        return Json();
      case 1:
        return String();
      case 2:
        return 42;
      case 3:
        return 2.5;
      case 4:
        return Json::array({1, "x"});
      default:
        return Json{{"k", "v"}};
    }
  }

  const ServiceModel& service_;
  IdGenerator random_;
};

TEST(JsonWireWriterTest, WritesRandomOutputsOfEmbeddedModelsAsTheWireValueDumps) {
  ModelRegistry registry;
  for (std::string_view name : {"sqs", "states", "dynamodb", "lambda", "logs", "glue"}) {
    const ServiceModel* service = registry.Find(name);
    ASSERT_NE(service, nullptr) << name;
    const uint64_t seed = 20261123;
    ValueMaker maker(*service, seed);
    for (const auto& [op_name, operation] : service->operations()) {
      if (operation.output_shape.empty()) {
        continue;
      }
      for (int i = 0; i < 20; ++i) {
        const Json value = maker.Make(operation.output_ref(), 0);
        ASSERT_EQ(Written(*service, operation.output_ref(), value),
                  Expected(*service, operation.output_ref(), value))
            << name << "." << op_name << " seed " << seed << " value " << DumpJson(value);
      }
    }
  }
}

}  // namespace
}  // namespace stratus::aws
