#include "aws/model/service_model.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::aws {
namespace {

TEST(ServiceModelTest, BuildsFromAProtocolTestFragment) {
  Json metadata = {{"protocol", "json"},
                   {"jsonVersion", "1.1"},
                   {"targetPrefix", "JsonProtocol"},
                   {"apiVersion", "2018-01-01"},
                   {"endpointPrefix", "jsonprotocol"}};
  Json shapes = {{"In", {{"type", "structure"}, {"members", {{"A", {{"shape", "S"}}}}}}},
                 {"S", {{"type", "string"}}}};
  Json op = {{"name", "Op"},
             {"http", {{"method", "POST"}, {"requestUri", "/"}}},
             {"input", {{"shape", "In"}}}};
  ASSERT_OK_AND_ASSIGN(ServiceModel model, ServiceModel::FromParts(metadata, shapes, {op}));
  EXPECT_EQ(model.protocol(), Protocol::kJson11);
  EXPECT_EQ(model.name(), "jsonprotocol");
  EXPECT_EQ(model.target_prefix(), "JsonProtocol");
  ASSERT_NE(model.FindOperation("Op"), nullptr);
  EXPECT_EQ(model.FindOperation("Op")->input_shape, "In");
  EXPECT_EQ(model.FindOperation("Op")->output_shape, "");
  EXPECT_NE(model.FindShape("S"), nullptr);
  EXPECT_EQ(model.FindShape("T"), nullptr);
}

TEST(ServiceModelTest, RejectsDocumentsThatAreNotModels) {
  EXPECT_STATUS(StatusCode::kInvalidArgument, ServiceModel::FromJson(Json::array()));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                ServiceModel::FromJson(Json{{"metadata", {{"protocol", "smoke"}}}}));
}

TEST(ServiceModelTest, ResolvesErrorShapesByNameOrQueryCode) {
  Json model = {
      {"metadata", {{"protocol", "query"}, {"apiVersion", "1"}, {"endpointPrefix", "q"}}},
      {"shapes",
       {{"Gone", {{"type", "structure"}, {"exception", true}, {"error", {{"code", "Old.Gone"}}}}},
        {"Plain", {{"type", "structure"}}}}},
      {"operations", Json::object()}};
  ASSERT_OK_AND_ASSIGN(ServiceModel service, ServiceModel::FromJson(model));
  std::string name;
  EXPECT_NE(service.FindErrorShape("Gone", &name), nullptr);
  EXPECT_EQ(name, "Gone");
  EXPECT_NE(service.FindErrorShape("Old.Gone", &name), nullptr);
  EXPECT_EQ(name, "Gone");
  EXPECT_EQ(service.FindErrorShape("Plain"), nullptr);
}

}  // namespace
}  // namespace stratus::aws
