#include "storage/timer_service.h"

#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::storage {
namespace {

using std::chrono::seconds;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

Status ScheduleAndWait(TimerService& timers,
                       const std::string& owner,
                       const std::string& id,
                       Clock::TimePoint due,
                       const std::string& payload = "") {
  std::promise<Status> committed;
  timers.Schedule(owner, id, due, payload, [&](Status s) { committed.set_value(std::move(s)); });
  return committed.get_future().get();
}

Status CancelAndWait(TimerService& timers, const std::string& id) {
  std::promise<Status> committed;
  timers.Cancel(id, [&](Status s) { committed.set_value(std::move(s)); });
  return committed.get_future().get();
}

// Waits until every work submitted so far (e.g. timer acks) has committed:
// works commit in Submit() order.
Status Flush(Database& db) {
  return db.Write([](Transaction&) { return Status::Ok(); });
}

Result<std::vector<std::string>> StoredIds(Database& db) {
  std::vector<std::string> ids;
  STRATUS_RETURN_IF_ERROR(db.Read([&](Transaction& txn) {
    return txn.Query("SELECT id FROM stratus_timers_v1 ORDER BY id", {}, [&](const Row& row) {
      ids.push_back(row.GetText(0));
      return Status::Ok();
    });
  }));
  return ids;
}

// Records fired timer ids; thread-safe.
class FiredLog {
 public:
  std::function<void(TimerFired)> Handler() {
    return [this](TimerFired fired) {
      std::lock_guard lock(mu_);
      ids_.push_back(fired.id);
      payloads_.push_back(fired.payload);
    };
  }

  std::vector<std::string> ids() {
    std::lock_guard lock(mu_);
    return ids_;
  }

  std::vector<std::string> payloads() {
    std::lock_guard lock(mu_);
    return payloads_;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> ids_;
  std::vector<std::string> payloads_;
};

class TimerServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open() {
    auto opened = Database::Open(dir_.File("svc.db"));
    ASSERT_OK(opened);
    db_ = std::move(opened).value();
    timers_ = std::make_unique<TimerService>(*db_, clock_);
  }

  // Simulates a restart: stops everything, reopens, registers `handler`, loads.
  void Restart(std::function<void(TimerFired)> handler) {
    timers_->Stop();
    db_->Stop();
    timers_.reset();
    db_.reset();
    Open();
    timers_->RegisterHandler("sqs", std::move(handler));
    ASSERT_OK(timers_->Load());
  }

  TempDir dir_;
  FakeClock clock_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<TimerService> timers_;
};

TEST_F(TimerServiceTest, FiresInDueOrderOnlyWhenDue) {
  FiredLog log;
  timers_->RegisterHandler("sqs", log.Handler());
  ASSERT_OK(timers_->Load());
  const auto now = clock_.Now();
  ASSERT_OK(ScheduleAndWait(*timers_, "sqs", "c", now + seconds(30), "pc"));
  ASSERT_OK(ScheduleAndWait(*timers_, "sqs", "a", now + seconds(10), "pa"));
  ASSERT_OK(ScheduleAndWait(*timers_, "sqs", "b", now + seconds(20), "pb"));
  EXPECT_EQ(timers_->NextDue(), now + seconds(10));

  EXPECT_EQ(timers_->RunDue(), 0U);
  clock_.Advance(seconds(15));
  EXPECT_EQ(timers_->RunDue(), 1U);
  EXPECT_THAT(log.ids(), ElementsAre("a"));
  clock_.Advance(seconds(60));
  EXPECT_EQ(timers_->RunDue(), 2U);
  EXPECT_THAT(log.ids(), ElementsAre("a", "b", "c"));
  EXPECT_THAT(log.payloads(), ElementsAre("pa", "pb", "pc"));
  EXPECT_EQ(timers_->RunDue(), 0U);  // Each fires once.

  ASSERT_OK(Flush(*db_));
  ASSERT_OK_AND_ASSIGN(auto stored, StoredIds(*db_));
  EXPECT_THAT(stored, IsEmpty());  // Rows deleted after the handlers returned.
  EXPECT_EQ(timers_->num_timers(), 0U);
}

TEST_F(TimerServiceTest, CancelledTimerDoesNotFire) {
  FiredLog log;
  timers_->RegisterHandler("sqs", log.Handler());
  ASSERT_OK(timers_->Load());
  ASSERT_OK(ScheduleAndWait(*timers_, "sqs", "keep", clock_.Now() + seconds(1)));
  ASSERT_OK(ScheduleAndWait(*timers_, "sqs", "drop", clock_.Now() + seconds(1)));
  ASSERT_OK(CancelAndWait(*timers_, "drop"));
  ASSERT_OK(CancelAndWait(*timers_, "never-existed"));
  clock_.Advance(seconds(2));
  EXPECT_EQ(timers_->RunDue(), 1U);
  EXPECT_THAT(log.ids(), ElementsAre("keep"));
}

TEST_F(TimerServiceTest, SchedulingAnExistingIdReplacesIt) {
  FiredLog log;
  timers_->RegisterHandler("sqs", log.Handler());
  ASSERT_OK(timers_->Load());
  ASSERT_OK(ScheduleAndWait(*timers_, "sqs", "t", clock_.Now() + seconds(5), "old"));
  ASSERT_OK(ScheduleAndWait(*timers_, "sqs", "t", clock_.Now() + seconds(50), "new"));
  clock_.Advance(seconds(10));
  EXPECT_EQ(timers_->RunDue(), 0U);
  clock_.Advance(seconds(50));
  EXPECT_EQ(timers_->RunDue(), 1U);
  EXPECT_THAT(log.payloads(), ElementsAre("new"));
}

TEST_F(TimerServiceTest, TimersAreReArmedAfterReopenAndOverdueOnesFirePromptly) {
  timers_->RegisterHandler("sqs", [](TimerFired) { FAIL() << "must not fire before restart"; });
  ASSERT_OK(timers_->Load());
  ASSERT_OK(ScheduleAndWait(*timers_, "sqs", "soon", clock_.Now() + seconds(5), "p1"));
  ASSERT_OK(ScheduleAndWait(*timers_, "sqs", "later", clock_.Now() + seconds(500), "p2"));

  FiredLog log;
  Restart(log.Handler());
  EXPECT_EQ(timers_->num_timers(), 2U);
  clock_.Advance(seconds(60));  // "soon" became overdue while the process was down.
  EXPECT_EQ(timers_->RunDue(), 1U);
  EXPECT_THAT(log.ids(), ElementsAre("soon"));
  EXPECT_THAT(log.payloads(), ElementsAre("p1"));
  clock_.Advance(seconds(500));
  EXPECT_EQ(timers_->RunDue(), 1U);
  EXPECT_THAT(log.ids(), ElementsAre("soon", "later"));
}

TEST_F(TimerServiceTest, UnacknowledgedTimerFiresAgainAfterRestart) {
  std::vector<TimerAck> acks;
  timers_->RegisterAsyncHandler("sqs", [&](TimerFired fired, TimerAck ack) {
    if (fired.id == "acked") {
      ack();
    } else {
      acks.push_back(std::move(ack));  // Effect "never committed": no ack.
    }
  });
  ASSERT_OK(timers_->Load());
  ASSERT_OK(ScheduleAndWait(*timers_, "sqs", "acked", clock_.Now()));
  ASSERT_OK(ScheduleAndWait(*timers_, "sqs", "lost", clock_.Now()));
  EXPECT_EQ(timers_->RunDue(), 2U);
  EXPECT_EQ(timers_->RunDue(), 0U);  // At most once per process.
  ASSERT_OK(Flush(*db_));
  ASSERT_OK_AND_ASSIGN(auto stored, StoredIds(*db_));
  EXPECT_THAT(stored, ElementsAre("lost"));

  FiredLog log;
  Restart(log.Handler());
  EXPECT_EQ(timers_->RunDue(), 1U);
  EXPECT_THAT(log.ids(), ElementsAre("lost"));
}

TEST_F(TimerServiceTest, HandlerMayRescheduleTheSameIdWithoutLosingIt) {
  int num_fired = 0;
  timers_->RegisterHandler("states", [&](TimerFired fired) {
    ++num_fired;
    if (num_fired == 1) {  // A recurring schedule: arm the next occurrence.
      timers_->Schedule(fired.owner, fired.id, clock_.Now() + seconds(60), "next", {});
    }
  });
  ASSERT_OK(timers_->Load());
  ASSERT_OK(ScheduleAndWait(*timers_, "states", "cron", clock_.Now()));
  EXPECT_EQ(timers_->RunDue(), 1U);
  ASSERT_OK(Flush(*db_));  // The reschedule and then the first firing's ack commit.
  ASSERT_OK_AND_ASSIGN(auto stored, StoredIds(*db_));
  EXPECT_THAT(stored, ElementsAre("cron"));  // The ack deleted only the old generation.
  clock_.Advance(seconds(61));
  EXPECT_EQ(timers_->RunDue(), 1U);
  EXPECT_EQ(num_fired, 2);
}

TEST_F(TimerServiceTest, CompleteInTransactionCommitsEffectAndDeletionTogether) {
  ASSERT_OK(db_->Write(
      [](Transaction& txn) { return txn.Exec("CREATE TABLE effects(id TEXT)").status(); }));
  timers_->RegisterAsyncHandler("sqs", [&](TimerFired fired, TimerAck /*ack*/) {
    db_->Submit(
        [fired](Transaction& txn) {
          STRATUS_RETURN_IF_ERROR(
              txn.Exec("INSERT INTO effects(id) VALUES(?1)", {fired.id}).status());
          return TimerService::CompleteInTransaction(txn, fired);
        },
        {});
  });
  ASSERT_OK(timers_->Load());
  ASSERT_OK(ScheduleAndWait(*timers_, "sqs", "t1", clock_.Now()));
  EXPECT_EQ(timers_->RunDue(), 1U);

  FiredLog log;
  Restart(log.Handler());
  EXPECT_EQ(timers_->RunDue(), 0U);
  int64_t num_effects = 0;
  ASSERT_OK(db_->Read([&](Transaction& txn) {
    return txn.Query("SELECT count(*) FROM effects", {}, [&](const Row& row) {
      num_effects = row.GetInt(0);
      return Status::Ok();
    });
  }));
  EXPECT_EQ(num_effects, 1);
}

TEST_F(TimerServiceTest, WriteInTransactionThenArm) {
  FiredLog log;
  timers_->RegisterHandler("states", log.Handler());
  ASSERT_OK(timers_->Load());
  const Timer timer = timers_->MakeTimer("states", "wait-1", clock_.Now() + seconds(3), "{}");
  ASSERT_OK(
      db_->Write([&](Transaction& txn) { return TimerService::WriteInTransaction(txn, timer); }));
  timers_->Arm(timer);
  clock_.Advance(seconds(3));
  EXPECT_EQ(timers_->RunDue(), 1U);
  EXPECT_THAT(log.ids(), ElementsAre("wait-1"));
}

TEST_F(TimerServiceTest, TimerWithoutHandlerIsParkedUntilOneIsRegistered) {
  ASSERT_OK(timers_->Load());
  ASSERT_OK(ScheduleAndWait(*timers_, "events", "e1", clock_.Now()));
  EXPECT_EQ(timers_->RunDue(), 0U);
  EXPECT_EQ(timers_->num_timers(), 1U);
  FiredLog log;
  timers_->RegisterHandler("events", log.Handler());
  EXPECT_EQ(timers_->RunDue(), 1U);
  EXPECT_THAT(log.ids(), ElementsAre("e1"));
}

TEST_F(TimerServiceTest, ScheduleBeforeLoadIsRefused) {
  const Status status_1 =
      ::stratus::testing::GetStatus(ScheduleAndWait(*timers_, "sqs", "x", clock_.Now()));
  EXPECT_STATUS(StatusCode::kFailedPrecondition, status_1);
  ASSERT_OK(timers_->Load());
  const Status status_2 = ::stratus::testing::GetStatus(timers_->Load());
  EXPECT_STATUS(StatusCode::kFailedPrecondition, status_2);
}

TEST_F(TimerServiceTest, ThreadModeFiresDueTimers) {
  timers_ =
      std::make_unique<TimerService>(*db_, clock_, TimerServiceOptions{.max_sleep_millis = 5});
  std::promise<std::string> first;
  std::promise<std::string> second;
  int num_fired = 0;  // Only the firing thread touches it.
  timers_->RegisterHandler(
      "sqs", [&](TimerFired fired) { (++num_fired == 1 ? first : second).set_value(fired.id); });
  ASSERT_OK(timers_->Load());
  timers_->Start();
  ASSERT_OK(ScheduleAndWait(*timers_, "sqs", "overdue", clock_.Now() - seconds(1)));
  EXPECT_EQ(first.get_future().get(), "overdue");
  ASSERT_OK(ScheduleAndWait(*timers_, "sqs", "future", clock_.Now() + seconds(30)));
  clock_.Advance(seconds(31));  // Noticed within max_sleep_millis.
  EXPECT_EQ(second.get_future().get(), "future");
  timers_->Stop();
  timers_->Stop();  // Idempotent.
}

}  // namespace
}  // namespace stratus::storage
