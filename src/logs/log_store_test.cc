#include "logs/log_store.h"

#include <chrono>
#include <future>

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::logs {
namespace {

using namespace std::chrono_literals;

constexpr int64_t kNow = 1'700'000'000'000;

template <typename T>
Result<T> Wait(const std::function<void(Done<T>)>& start) {
  std::promise<Result<T>> promise;
  start([&promise](Result<T> result) { promise.set_value(std::move(result)); });
  return promise.get_future().get();
}

class LogStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<LogStore>> opened =
        LogStore::Open(dir_.File("logs.db"), /*fsync=*/false, clock_);
    ASSERT_OK(opened.status());
    store_ = *std::move(opened);
  }

  Status CreateGroupAndStream(const std::string& group, const std::string& stream) {
    STRATUS_RETURN_IF_ERROR(Wait<bool>([&](Done<bool> done) {
                              store_->CreateGroup(LogGroup{.name = group}, std::move(done));
                            }).status());
    return Wait<bool>(
               [&](Done<bool> done) { store_->CreateStream(group, stream, std::move(done)); })
        .status();
  }

  Result<PutEventsResult> Put(const std::string& group,
                              const std::string& stream,
                              std::vector<InputEvent> events) {
    return Wait<PutEventsResult>([&](Done<PutEventsResult> done) {
      store_->PutEvents(group, stream, std::move(events), std::move(done));
    });
  }

  storage::TempDir dir_;
  FakeClock clock_{FromUnixMillis(kNow)};
  std::unique_ptr<LogStore> store_;
};

TEST_F(LogStoreTest, GroupsAreUniqueAndListedByName) {
  ASSERT_OK(CreateGroupAndStream("/b", "s"));
  ASSERT_OK(CreateGroupAndStream("/a", "s"));
  EXPECT_STATUS(StatusCode::kAlreadyExists, Wait<bool>([&](Done<bool> done) {
                                              store_->CreateGroup(LogGroup{.name = "/a"},
                                                                  std::move(done));
                                            }).status());
  bool more = false;
  ASSERT_OK_AND_ASSIGN(std::vector<LogGroup> groups, store_->ListGroups("", "", 1, &more));
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].name, "/a");
  EXPECT_TRUE(more);
  ASSERT_OK_AND_ASSIGN(groups, store_->ListGroups("", "/a", 1, &more));
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].name, "/b");
  EXPECT_FALSE(more);
}

TEST_F(LogStoreTest, EventsOfEqualTimestampsKeepTheirOrderAndPageBothWays) {
  ASSERT_OK(CreateGroupAndStream("g", "s"));
  ASSERT_OK(Put("g", "s", {{kNow, "one"}, {kNow, "two"}, {kNow + 1, "three"}}).status());
  ASSERT_OK_AND_ASSIGN(
      EventPage head,
      store_->GetEvents({.group = "g", .stream = "s", .forward = true, .limit = 2}));
  ASSERT_EQ(head.events.size(), 2u);
  EXPECT_EQ(head.events[0].message, "one");
  EXPECT_EQ(head.events[1].message, "two");
  const EventCursor after{head.events[1].timestamp_millis, head.events[1].id};
  ASSERT_OK_AND_ASSIGN(
      EventPage next,
      store_->GetEvents(
          {.group = "g", .stream = "s", .forward = true, .after = after, .limit = 2}));
  ASSERT_EQ(next.events.size(), 1u);
  EXPECT_EQ(next.events[0].message, "three");
  ASSERT_OK_AND_ASSIGN(
      EventPage tail,
      store_->GetEvents({.group = "g", .stream = "s", .forward = false, .limit = 2}));
  ASSERT_EQ(tail.events.size(), 2u);
  EXPECT_EQ(tail.events[0].message, "two");
  EXPECT_EQ(tail.events[1].message, "three");
}

TEST_F(LogStoreTest, PutEventsReportsEventsTooOldOrTooNew) {
  ASSERT_OK(CreateGroupAndStream("g", "s"));
  const int64_t day = 24 * 3600 * 1000;
  ASSERT_OK_AND_ASSIGN(
      PutEventsResult result,
      Put("g", "s", {{kNow - 15 * day, "old"}, {kNow, "ok"}, {kNow + day, "new"}}));
  EXPECT_EQ(result.too_old_end_index, 0);
  EXPECT_EQ(result.too_new_start_index, 2);
  ASSERT_OK_AND_ASSIGN(EventPage page, store_->GetEvents({.group = "g", .stream = "s"}));
  ASSERT_EQ(page.events.size(), 1u);
  EXPECT_EQ(page.events[0].message, "ok");
}

TEST_F(LogStoreTest, AppendCreatesGroupAndStreamAndFilterMatchesAcrossStreams) {
  store_->Append("/aws/lambda/f", "a", {{kNow, "START"}, {kNow + 2, "ERROR boom"}});
  store_->Append("/aws/lambda/f", "b", {{kNow + 1, "ERROR other"}});
  ASSERT_OK(store_->Flush());
  ASSERT_OK_AND_ASSIGN(
      EventPage page,
      store_->FilterEvents({.group = "/aws/lambda/f",
                            .matches = [](const std::string& m) { return m.starts_with("ERROR"); },
                            .limit = 1}));
  ASSERT_EQ(page.events.size(), 1u);
  EXPECT_EQ(page.events[0].stream, "b");
  EXPECT_TRUE(page.more);
  const EventCursor after{page.events[0].timestamp_millis, page.events[0].id};
  ASSERT_OK_AND_ASSIGN(page, store_->FilterEvents({.group = "/aws/lambda/f", .after = after}));
  ASSERT_EQ(page.events.size(), 1u);
  EXPECT_EQ(page.events[0].message, "ERROR boom");
  EXPECT_FALSE(page.more);
}

TEST_F(LogStoreTest, RetentionHidesAndPurgesOldEvents) {
  ASSERT_OK(CreateGroupAndStream("g", "s"));
  ASSERT_OK(Put("g", "s", {{kNow, "kept for a day"}}).status());
  ASSERT_OK(
      Wait<bool>([&](Done<bool> done) { store_->SetRetention("g", 1, std::move(done)); }).status());
  clock_.Advance(25h);
  ASSERT_OK_AND_ASSIGN(EventPage page, store_->GetEvents({.group = "g", .stream = "s"}));
  EXPECT_TRUE(page.events.empty());
  ASSERT_OK_AND_ASSIGN(int64_t purged, store_->PurgeExpired());
  EXPECT_EQ(purged, 1);
}

TEST_F(LogStoreTest, DeletingAGroupDeletesItsStreams) {
  ASSERT_OK(CreateGroupAndStream("g", "s"));
  ASSERT_OK(
      Wait<bool>([&](Done<bool> done) { store_->DeleteGroup("g", std::move(done)); }).status());
  EXPECT_STATUS(StatusCode::kNotFound, store_->GetGroup("g").status());
  ASSERT_OK(CreateGroupAndStream("g", "s"));
}

}  // namespace
}  // namespace stratus::logs
