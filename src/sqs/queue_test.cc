#include "sqs/queue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/digest.h"
#include "base/fake_clock.h"
#include "testing/status_matchers.h"

namespace stratus::sqs {
namespace {

using namespace std::chrono_literals;

class QueueTest : public ::testing::Test {
 protected:
  std::unique_ptr<Queue> MakeQueue(QueueConfig config) {
    return std::make_unique<Queue>(QueueId{.account_id = "1", .region = "r", .name = "q"}, 1,
                                   std::move(config), clock_.NowMillis(), clock_, ids_);
  }

  std::string Send(Queue& queue,
                   std::string body,
                   std::string group = "",
                   std::string deduplication_id = "") {
    QueueChanges changes;
    Result<SentMessage> sent =
        queue.Enqueue(OutgoingMessage{.body = std::move(body),
                                      .group_id = std::move(group),
                                      .deduplication_id = std::move(deduplication_id)},
                      &changes);
    EXPECT_TRUE(sent.ok()) << sent.status().ToString();
    return sent.ok() ? sent->message_id : "";
  }

  std::vector<ReceivedMessage> Receive(Queue& queue,
                                       int max_messages = 10,
                                       ReceiveOptions options = {}) {
    options.max_messages = max_messages;
    QueueChanges changes;
    return queue.Receive(options, &changes).received;
  }

  static std::vector<std::string> Bodies(const std::vector<ReceivedMessage>& received) {
    std::vector<std::string> bodies;
    for (const ReceivedMessage& message : received) {
      bodies.push_back(message.message.body);
    }
    return bodies;
  }

  Status Delete(Queue& queue, const ReceivedMessage& received) {
    QueueChanges changes;
    Result<ReceiptHandleParts> parts = ParseReceiptHandle(received.receipt_handle.value);
    if (!parts.ok()) {
      return parts.status();
    }
    return queue.Delete(*parts, &changes);
  }

  FakeClock clock_;
  IdGenerator ids_{7};
};

TEST_F(QueueTest, ReceivedMessageStaysHiddenUntilVisibilityTimeoutExpires) {
  auto queue = MakeQueue({.visibility_timeout = 30s});
  Send(*queue, "hello");
  std::vector<ReceivedMessage> first = Receive(*queue, 1);
  ASSERT_EQ(first.size(), 1u);

  clock_.Advance(29s);
  EXPECT_TRUE(Receive(*queue, 1).empty());

  clock_.Advance(1s);
  std::vector<ReceivedMessage> after_timeout = Receive(*queue, 1);
  ASSERT_EQ(after_timeout.size(), 1u);
  EXPECT_EQ(after_timeout[0].message.body, "hello");
  EXPECT_EQ(after_timeout[0].message.receive_count, 2);
  EXPECT_EQ(after_timeout[0].message.first_receive_millis, first[0].message.first_receive_millis);
  EXPECT_NE(after_timeout[0].receipt_handle, first[0].receipt_handle);
}

TEST_F(QueueTest, ReceiveOptionVisibilityTimeoutOverridesQueueDefault) {
  auto queue = MakeQueue({.visibility_timeout = 30s});
  Send(*queue, "m");
  ASSERT_EQ(Receive(*queue, 1, {.visibility_timeout = 5s}).size(), 1u);
  clock_.Advance(5s);
  EXPECT_EQ(Receive(*queue, 1).size(), 1u);
}

TEST_F(QueueTest, StandardQueueDeliversInSendOrderUpToMax) {
  auto queue = MakeQueue({});
  for (int i = 0; i < 5; ++i) {
    Send(*queue, std::to_string(i));
  }
  EXPECT_THAT(Bodies(Receive(*queue, 3)), ::testing::ElementsAre("0", "1", "2"));
  EXPECT_THAT(Bodies(Receive(*queue, 3)), ::testing::ElementsAre("3", "4"));
}

TEST_F(QueueTest, QueueDelayHidesNewMessages) {
  auto queue = MakeQueue({.delay = 10s});
  Send(*queue, "late");
  EXPECT_EQ(queue->Counts().delayed, 1);
  EXPECT_TRUE(Receive(*queue).empty());
  EXPECT_EQ(queue->NextVisibleMillis(), clock_.NowMillis() + 10000);
  clock_.Advance(10s);
  EXPECT_EQ(queue->Counts().visible, 1);
  EXPECT_EQ(Receive(*queue).size(), 1u);
}

TEST_F(QueueTest, MessageDelayOverridesQueueDelay) {
  auto queue = MakeQueue({.delay = 10s});
  QueueChanges changes;
  ASSERT_OK(queue->Enqueue(OutgoingMessage{.body = "now", .delay = 0s}, &changes));
  EXPECT_EQ(Receive(*queue).size(), 1u);
}

TEST_F(QueueTest, ExpiredMessagesVanish) {
  auto queue = MakeQueue({.retention = 60s});
  Send(*queue, "old");
  clock_.Advance(59s);
  Send(*queue, "new");
  clock_.Advance(1s);
  QueueChanges changes;
  ReceiveOutcome outcome = queue->Receive({.max_messages = 10}, &changes);
  EXPECT_THAT(Bodies(outcome.received), ::testing::ElementsAre("new"));
  EXPECT_EQ(changes.deleted.size(), 1u);
  EXPECT_EQ(queue->num_messages(), 1u);
}

TEST_F(QueueTest, DeleteRemovesMessageAndIsIdempotent) {
  auto queue = MakeQueue({.visibility_timeout = 0s});
  Send(*queue, "m");
  std::vector<ReceivedMessage> received = Receive(*queue);
  ASSERT_EQ(received.size(), 1u);
  ASSERT_OK(Delete(*queue, received[0]));
  ASSERT_OK(Delete(*queue, received[0]));
  EXPECT_TRUE(Receive(*queue).empty());
}

TEST_F(QueueTest, ChangeVisibilityToZeroMakesMessageVisibleAgain) {
  auto queue = MakeQueue({.visibility_timeout = 30s});
  Send(*queue, "m");
  std::vector<ReceivedMessage> received = Receive(*queue);
  ASSERT_OK_AND_ASSIGN(ReceiptHandleParts parts,
                       ParseReceiptHandle(received[0].receipt_handle.value));
  QueueChanges changes;
  ASSERT_OK(queue->ChangeVisibility(parts, 0s, &changes));
  EXPECT_EQ(changes.updated.size(), 1u);
  EXPECT_EQ(Receive(*queue).size(), 1u);
}

TEST_F(QueueTest, ChangeVisibilityOfVisibleMessageIsNotInFlight) {
  auto queue = MakeQueue({.visibility_timeout = 10s});
  Send(*queue, "m");
  std::vector<ReceivedMessage> received = Receive(*queue);
  clock_.Advance(10s);
  ASSERT_OK_AND_ASSIGN(ReceiptHandleParts parts,
                       ParseReceiptHandle(received[0].receipt_handle.value));
  QueueChanges changes;
  EXPECT_STATUS(StatusCode::kFailedPrecondition, queue->ChangeVisibility(parts, 5s, &changes));
  ASSERT_OK(queue->Delete(parts, &changes));
  EXPECT_STATUS(StatusCode::kNotFound, queue->ChangeVisibility(parts, 5s, &changes));
}

TEST_F(QueueTest, CountsSplitVisibleInFlightAndDelayed) {
  auto queue = MakeQueue({});
  Send(*queue, "a");
  Send(*queue, "b");
  QueueChanges changes;
  ASSERT_OK(queue->Enqueue(OutgoingMessage{.body = "c", .delay = 5s}, &changes));
  Receive(*queue, 1);
  const QueueCounts counts = queue->Counts();
  EXPECT_EQ(counts.visible, 1);
  EXPECT_EQ(counts.in_flight, 1);
  EXPECT_EQ(counts.delayed, 1);
}

TEST_F(QueueTest, MessageIsDeadLetteredOnTheReceiveAfterMaxReceiveCount) {
  auto queue = MakeQueue({.visibility_timeout = 0s,
                          .redrive_policy = RedrivePolicy{.dead_letter_queue = {.name = "dlq"},
                                                          .max_receive_count = 2}});
  Send(*queue, "poison");
  const ReceiveOptions options{.max_messages = 10, .dead_letter_enabled = true};
  QueueChanges changes;
  EXPECT_EQ(queue->Receive(options, &changes).received.size(), 1u);
  EXPECT_EQ(queue->Receive(options, &changes).received.size(), 1u);
  ReceiveOutcome third = queue->Receive(options, &changes);
  EXPECT_TRUE(third.received.empty());
  ASSERT_EQ(third.dead_letters.size(), 1u);
  EXPECT_EQ(third.dead_letters[0].body, "poison");
  EXPECT_EQ(queue->num_messages(), 0u);
}

TEST_F(QueueTest, MovedMessageStartsFreshWithItsSource) {
  auto queue = MakeQueue({});
  StoredMessage moved{
      .id = "m-1", .body = "b", .sent_millis = clock_.NowMillis(), .receive_count = 3};
  QueueChanges changes;
  queue->InsertMoved(moved, QueueId{.name = "src"}, &changes);
  std::vector<ReceivedMessage> received = Receive(*queue);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].message.id, "m-1");
  EXPECT_EQ(received[0].message.receive_count, 1);
  EXPECT_EQ(received[0].message.dead_letter_source, (QueueId{.name = "src"}));
}

TEST_F(QueueTest, FifoRequiresGroupAndDeduplicationId) {
  auto queue = MakeQueue({.fifo = true});
  QueueChanges changes;
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                queue->Enqueue(OutgoingMessage{.body = "x", .deduplication_id = "d"}, &changes));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                queue->Enqueue(OutgoingMessage{.body = "x", .group_id = "g"}, &changes));
}

TEST_F(QueueTest, FifoDeliversGroupInOrderAndBlocksGroupWhileInFlight) {
  auto queue = MakeQueue({.fifo = true, .visibility_timeout = 30s});
  Send(*queue, "a1", "a", "1");
  Send(*queue, "b1", "b", "2");
  Send(*queue, "a2", "a", "3");
  Send(*queue, "b2", "b", "4");
  EXPECT_THAT(Bodies(Receive(*queue, 1)), ::testing::ElementsAre("a1"));
  // Group a is blocked while a1 is in flight; b is served.
  EXPECT_THAT(Bodies(Receive(*queue, 10)), ::testing::ElementsAre("b1", "b2"));
  EXPECT_TRUE(Receive(*queue, 10).empty());
  clock_.Advance(30s);
  // a1 became visible again and comes before a2; b's messages too.
  EXPECT_THAT(Bodies(Receive(*queue, 10)), ::testing::ElementsAre("a1", "a2", "b1", "b2"));
}

TEST_F(QueueTest, FifoGroupUnblocksWhenInFlightMessageIsDeleted) {
  auto queue = MakeQueue({.fifo = true});
  Send(*queue, "a1", "a", "1");
  Send(*queue, "a2", "a", "2");
  std::vector<ReceivedMessage> first = Receive(*queue, 1);
  EXPECT_TRUE(Receive(*queue, 1).empty());
  ASSERT_OK(Delete(*queue, first[0]));
  EXPECT_THAT(Bodies(Receive(*queue, 1)), ::testing::ElementsAre("a2"));
}

TEST_F(QueueTest, FifoDuplicateWithinFiveMinutesReturnsOriginal) {
  auto queue = MakeQueue({.fifo = true});
  QueueChanges changes;
  ASSERT_OK_AND_ASSIGN(
      SentMessage first,
      queue->Enqueue({.body = "x", .group_id = "g", .deduplication_id = "d"}, &changes));
  clock_.Advance(299s);
  ASSERT_OK_AND_ASSIGN(
      SentMessage duplicate,
      queue->Enqueue({.body = "y", .group_id = "g", .deduplication_id = "d"}, &changes));
  EXPECT_TRUE(duplicate.duplicate);
  EXPECT_EQ(duplicate.message_id, first.message_id);
  EXPECT_EQ(duplicate.seq, first.seq);
  EXPECT_EQ(queue->num_messages(), 1u);
  clock_.Advance(1s);
  ASSERT_OK_AND_ASSIGN(
      SentMessage later,
      queue->Enqueue({.body = "z", .group_id = "g", .deduplication_id = "d"}, &changes));
  EXPECT_FALSE(later.duplicate);
  EXPECT_GT(later.seq, first.seq);
}

TEST_F(QueueTest, ContentBasedDeduplicationUsesBodySha256) {
  auto queue = MakeQueue({.fifo = true, .content_based_deduplication = true});
  QueueChanges changes;
  ASSERT_OK_AND_ASSIGN(SentMessage first,
                       queue->Enqueue({.body = "same", .group_id = "g"}, &changes));
  ASSERT_OK_AND_ASSIGN(SentMessage second,
                       queue->Enqueue({.body = "same", .group_id = "h"}, &changes));
  EXPECT_TRUE(second.duplicate);
  std::vector<ReceivedMessage> received = Receive(*queue);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].message.deduplication_id, Sha256Hex("same"));
}

TEST_F(QueueTest, MessageGroupDeduplicationScopeKeysByGroup) {
  auto queue = MakeQueue({.fifo = true, .deduplication_scope = DeduplicationScope::kMessageGroup});
  QueueChanges changes;
  ASSERT_OK(queue->Enqueue({.body = "x", .group_id = "g", .deduplication_id = "d"}, &changes));
  ASSERT_OK_AND_ASSIGN(
      SentMessage other_group,
      queue->Enqueue({.body = "x", .group_id = "h", .deduplication_id = "d"}, &changes));
  EXPECT_FALSE(other_group.duplicate);
}

TEST_F(QueueTest, ReceiveAttemptIdReturnsSameMessagesAndHandles) {
  auto queue = MakeQueue({.fifo = true});
  Send(*queue, "a1", "a", "1");
  Send(*queue, "b1", "b", "2");
  std::vector<ReceivedMessage> first = Receive(*queue, 1, {.attempt_id = "attempt"});
  std::vector<ReceivedMessage> retried = Receive(*queue, 1, {.attempt_id = "attempt"});
  ASSERT_EQ(first.size(), 1u);
  ASSERT_EQ(retried.size(), 1u);
  EXPECT_EQ(retried[0].receipt_handle, first[0].receipt_handle);
  EXPECT_EQ(retried[0].message.receive_count, 1);
  // Another attempt id is a fresh receive.
  EXPECT_THAT(Bodies(Receive(*queue, 1, {.attempt_id = "other"})), ::testing::ElementsAre("b1"));
}

TEST_F(QueueTest, ReceiveAttemptIdIsFreshAfterTheMessagesWereDeleted) {
  auto queue = MakeQueue({.fifo = true});
  Send(*queue, "a1", "a", "1");
  Send(*queue, "a2", "a", "2");
  std::vector<ReceivedMessage> first = Receive(*queue, 1, {.attempt_id = "attempt"});
  ASSERT_OK(Delete(*queue, first[0]));
  EXPECT_THAT(Bodies(Receive(*queue, 1, {.attempt_id = "attempt"})), ::testing::ElementsAre("a2"));
}

TEST_F(QueueTest, PurgeDeletesEverything) {
  auto queue = MakeQueue({});
  Send(*queue, "a");
  Send(*queue, "b");
  QueueChanges changes;
  queue->Purge(&changes);
  EXPECT_TRUE(changes.delete_all_messages);
  EXPECT_EQ(queue->num_messages(), 0u);
  EXPECT_TRUE(Receive(*queue).empty());
}

TEST_F(QueueTest, EnqueueRecordsRowChanges) {
  auto queue = MakeQueue({.fifo = true});
  QueueChanges changes;
  ASSERT_OK(queue->Enqueue({.body = "x", .group_id = "g", .deduplication_id = "d"}, &changes));
  ASSERT_EQ(changes.inserted.size(), 1u);
  EXPECT_EQ(changes.inserted[0].body, "x");
  ASSERT_EQ(changes.deduplication_added.size(), 1u);
  EXPECT_EQ(changes.deduplication_added[0].key, "d");
}

}  // namespace
}  // namespace stratus::sqs
