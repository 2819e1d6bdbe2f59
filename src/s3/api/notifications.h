#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "aws/operation_table.h"
#include "base/json.h"
#include "base/result.h"
#include "s3/object_types.h"

namespace stratus::s3::api {

class S3Service;

/// Reads a NotificationConfiguration (model JSON) into the rules the engine
/// records events by. Queue destinations only; topic and Lambda ones are
/// kept in the stored document but deliver nothing yet. InvalidArgument for
/// an unknown event name or filter rule, as S3 words it.
Result<std::vector<NotificationRule>> NotificationRulesFromConfiguration(const Json& configuration);

/// Returns the SQS message body S3 sends for `event` (an "s3:*" record in
/// the 2.1 event format; keys URL-encoded as S3 does).
std::string EventMessage(const StoredEvent& event,
                         std::string_view region,
                         std::string_view owner_account);

/// Delivers recorded notification events to their SQS queues through the
/// operation table, oldest first, and forgets each once SQS accepted it.
/// Delivery is at least once: events recorded before a crash are delivered
/// after the restart. An event whose queue no longer exists is dropped.
///
/// Thread safety: Wake() from any thread; Start()/Stop() from the owner.
class Notifier {
 public:
  explicit Notifier(S3Service& service);
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;
  ~Notifier();

  /// Loads every bucket's rules into the engine and starts delivering.
  Status Start(const aws::OperationTable& table);
  /// Asks the delivery thread to look for events.
  void Wake();
  void Stop();

  /// Sends s3:TestEvent to the queues of `rules` (as S3 does when a
  /// configuration is set); InvalidArgument naming the queues that do not exist.
  Status SendTestEvents(const std::vector<NotificationRule>& rules,
                        std::string_view bucket,
                        std::string_view request_id);

 private:
  void Loop();
  // Delivers one batch; returns false when nothing was pending.
  bool DeliverBatch();

  S3Service& service_;
  const aws::OperationTable* table_ = nullptr;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool wake_ = false;      // Guarded by mu_.
  bool stopping_ = false;  // Guarded by mu_.
};

/// Returns the PutBucketNotificationConfiguration handler: validates the
/// configuration, checks its queues with a test event, stores it and hands
/// its rules to the engine.
aws::OperationHandler PutNotificationConfiguration(S3Service& service, Notifier& notifier);

}  // namespace stratus::s3::api
