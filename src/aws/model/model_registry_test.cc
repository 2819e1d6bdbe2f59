#include "aws/model/model_registry.h"

#include <gtest/gtest.h>

#include "aws/protocol/shape_traits.h"

namespace stratus::aws {
namespace {

TEST(ModelRegistryTest, EveryEmbeddedModelParses) {
  ModelRegistry registry;
  ASSERT_GE(registry.entries().size(), 15u);
  for (const EmbeddedModel& entry : registry.entries()) {
    const ServiceModel* model = registry.Find(entry.name);
    ASSERT_NE(model, nullptr) << entry.name;
    EXPECT_EQ(model->name(), entry.name);
    EXPECT_EQ(model->api_version(), entry.api_version);
    EXPECT_FALSE(model->operations().empty()) << entry.name;
  }
}

TEST(ModelRegistryTest, FindsServicesByTheNamesRequestsCarry) {
  ModelRegistry registry;
  ASSERT_NE(registry.FindByTargetPrefix("AmazonSQS"), nullptr);
  EXPECT_EQ(registry.FindByTargetPrefix("AmazonSQS")->name(), "sqs");
  EXPECT_EQ(registry.FindByTargetPrefix("AWSStepFunctions")->name(), "states");
  EXPECT_EQ(registry.FindByTargetPrefix("DynamoDBStreams_20120810")->name(), "streams.dynamodb");
  EXPECT_EQ(registry.FindBySigningName("dynamodb")->name(), "dynamodb");
  EXPECT_EQ(registry.FindBySigningName("states")->name(), "states");
  EXPECT_EQ(registry.FindBySigningName("monitoring")->name(), "monitoring");
  EXPECT_EQ(registry.FindByEndpointPrefix("s3")->protocol(), Protocol::kRestXml);
  EXPECT_EQ(registry.FindByTargetPrefix(""), nullptr);
  EXPECT_EQ(registry.Find("nope"), nullptr);
  EXPECT_EQ(registry.FindBySigningName("nope"), nullptr);
}

TEST(ModelRegistryTest, ReturnsTheSameModelOnEveryLookup) {
  ModelRegistry registry;
  EXPECT_EQ(registry.Find("sqs"), registry.FindByTargetPrefix("AmazonSQS"));
}

TEST(ModelRegistryTest, SqsSpeaksJsonAndQueryWithTheQueryErrorCodes) {
  ModelRegistry registry;
  const ServiceModel* sqs = registry.Find("sqs");
  ASSERT_NE(sqs, nullptr);
  EXPECT_EQ(sqs->protocol(), Protocol::kJson10);
  EXPECT_TRUE(sqs->SpeaksProtocol(Protocol::kQuery));
  EXPECT_TRUE(sqs->aws_query_compatible());
  EXPECT_EQ(sqs->xml_namespace(), "http://queue.amazonaws.com/doc/2012-11-05/");
  std::string shape_name;
  const Json* shape = sqs->FindErrorShape("AWS.SimpleQueueService.NonExistentQueue", &shape_name);
  ASSERT_NE(shape, nullptr);
  EXPECT_EQ(shape_name, "QueueDoesNotExist");
  EXPECT_NE(sqs->FindErrorShape("QueueDoesNotExist"), nullptr);
  const OperationModel* receive = sqs->FindOperation("ReceiveMessage");
  ASSERT_NE(receive, nullptr);
  EXPECT_EQ(receive->result_wrapper, "ReceiveMessageResult");
  EXPECT_EQ(receive->input_shape, "ReceiveMessageRequest");
  // The XML names apply to the query view only: JSON members keep their names.
  const Json* list = sqs->QueryView().FindShape("MessageList");
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(StringTrait(ObjectTrait(*list, "member"), "locationName"), "Message");
  EXPECT_EQ(StringTrait(ObjectTrait(*sqs->FindShape("MessageList"), "member"), "locationName"), "");
  EXPECT_EQ(StringTrait((*sqs->FindShape("SendMessageRequest"))["members"]["MessageAttributes"],
                        "locationName"),
            "");
  EXPECT_NE(sqs->QueryView().FindOperation("SendMessage"), nullptr);
}

TEST(ModelRegistryTest, KeepsProtocolTraitsAndDropsDocumentation) {
  ModelRegistry registry;
  const ServiceModel* s3 = registry.Find("s3");
  ASSERT_NE(s3, nullptr);
  const OperationModel* put = s3->FindOperation("PutObject");
  ASSERT_NE(put, nullptr);
  EXPECT_EQ(put->http_method, "PUT");
  EXPECT_EQ(put->request_uri, "/{Bucket}/{Key+}");
  EXPECT_FALSE(put->json.contains("documentation"));
  const Json* request = s3->FindShape("PutObjectRequest");
  ASSERT_NE(request, nullptr);
  EXPECT_EQ(StringTrait(*request, "payload"), "Body");
  EXPECT_EQ(StringTrait((*request)["members"]["Bucket"], "location"), "uri");
}

}  // namespace
}  // namespace stratus::aws
