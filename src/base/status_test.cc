#include "base/status.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

TEST(StatusTest, DefaultIsOkAndHasEmptyMessage) {
  Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kOk);
  EXPECT_EQ(status.message(), "");
  EXPECT_EQ(status.ToString(), "Ok");
}

TEST(StatusTest, FactoryCarriesCodeAndMessage) {
  Status status = Status::NotFound("no queue");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "no queue");
  EXPECT_EQ(status.ToString(), "NotFound: no queue");
}

TEST(StatusTest, AwsTypeIsKeptOnCopiesAndShownInToString) {
  Status status = Status::NotFound("gone").WithAwsType("QueueDoesNotExist", 400);
  Status copy = status;
  EXPECT_EQ(copy.aws_type(), "QueueDoesNotExist");
  EXPECT_EQ(copy.http_status(), 400);
  EXPECT_EQ(copy.ToString(), "NotFound (QueueDoesNotExist): gone");
}

TEST(StatusTest, UserErrorsAreSeparatedFromInternalErrors) {
  EXPECT_TRUE(IsUserError(StatusCode::kInvalidArgument));
  EXPECT_TRUE(IsUserError(StatusCode::kThrottled));
  EXPECT_FALSE(IsUserError(StatusCode::kIoError));
  EXPECT_FALSE(IsUserError(StatusCode::kInternal));
}

Status FailsThenPropagates() {
  STRATUS_RETURN_IF_ERROR(Status::Timeout("slow"));
  return Status::Internal("not reached");
}

TEST(StatusTest, ReturnIfErrorPropagatesTheFirstError) {
  EXPECT_EQ(FailsThenPropagates().code(), StatusCode::kTimeout);
}

}  // namespace
}  // namespace stratus
