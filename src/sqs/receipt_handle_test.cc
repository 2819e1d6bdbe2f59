#include "sqs/receipt_handle.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::sqs {
namespace {

TEST(ReceiptHandleTest, RoundTrips) {
  const ReceiptHandleParts parts{.seq = 42, .message_id = "0b1f-uuid", .receive_nonce = 0xabcdef};
  ASSERT_OK_AND_ASSIGN(ReceiptHandleParts parsed,
                       ParseReceiptHandle(MakeReceiptHandle(parts).value));
  EXPECT_EQ(parsed, parts);
}

TEST(ReceiptHandleTest, RejectsGarbage) {
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseReceiptHandle(""));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseReceiptHandle("not a handle"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseReceiptHandle("aGVsbG8="));      // "hello"
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseReceiptHandle("MjoxOjE6aWQ="));  // "2:1:1:id"
}

}  // namespace
}  // namespace stratus::sqs
