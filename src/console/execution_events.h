#pragma once

// Live execution events: the history of a Step Functions execution as a
// stream of server-sent events, for the console's execution page.
//
// The model. `GET /_stratus/states/executions/<url-encoded ARN>/events`
// answers `text/event-stream`: one event per history event after the
// request's `Last-Event-ID` header (or `?after=N`; 0 without either),
// `id: <event id>`, `event: history`, `data: <the event as
// GetExecutionHistory shows it>`, then `event: end` once the execution has
// ended and every event was sent. The HTTP server sends bodies of known
// length, so each request is a long poll that EventSource follows natively:
// when there is nothing new, the request waits (no thread blocks: it is
// parked here) until the engine reports new committed history of that
// execution (ExecutionEngine::SetHistoryListener) or the poll timeout
// passes, then answers what is new with `retry: 100`, and EventSource
// reconnects with the last id it saw.
//
// Threads. Handle() reads the database on the caller's (I/O) thread, as
// GetExecutionHistory does, and parks the request when there is nothing
// new. The engine's listener, on the database's writer thread, only moves
// that execution's parked requests to a ready list. One thread of this
// class answers ready and timed-out requests. Stop() answers every parked
// request and joins the thread.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "http/message.h"

namespace stratus::states::api {
class StatesService;
}  // namespace stratus::states::api

namespace stratus::console {

/// The path prefix of the endpoint; the ARN and "/events" follow.
inline constexpr std::string_view kExecutionEventsPath = "/_stratus/states/executions/";

struct ExecutionEventsOptions {
  /// How long a request waits for new events before it answers without any.
  std::chrono::milliseconds poll_timeout = std::chrono::seconds(15);
  /// How long a request for a child execution of a Map Run waits: its parent
  /// commits its history, and the engine reports only the parent's ARN.
  std::chrono::milliseconds child_poll_timeout = std::chrono::seconds(1);
  /// Events in one answer at most; the client asks again for the rest.
  size_t max_events = 500;
  /// Requests parked at once at most; more get 503.
  size_t max_waiting = 1000;
  /// The reconnection delay the answers ask EventSource for.
  int retry_millis = 100;
};

/// Serves the live execution events (see the file comment). Borrows the
/// states service, which must outlive Stop().
///
/// Thread safety: Handle() from any thread; Stop() from the owner.
class ExecutionEvents {
 public:
  ExecutionEvents(states::api::StatesService& states, ExecutionEventsOptions options);
  ExecutionEvents(const ExecutionEvents&) = delete;
  ExecutionEvents& operator=(const ExecutionEvents&) = delete;
  /// REQUIRES: Stop() was called.
  ~ExecutionEvents();

  /// Answers a GET below kExecutionEventsPath, now or once there is news.
  void Handle(http::Request request, http::Responder respond);

  /// Answers every parked request, stops listening and joins the thread.
  /// Idempotent.
  void Stop();

  /// The number of parked requests (for tests).
  size_t num_waiting() const;

 private:
  struct Waiter {
    std::string arn = {};
    int64_t after = 0;
    http::Responder respond = {};
    std::chrono::steady_clock::time_point deadline = {};
  };

  void OnHistory(std::string_view arn);
  void Loop();
  /// Removes a parked request; returns false when another thread took it.
  bool TakeBack(uint64_t id, Waiter* waiter);
  /// Reads what is new for `waiter` and answers it (an empty answer when
  /// nothing is).
  void Answer(Waiter& waiter);

  states::api::StatesService& states_;
  const ExecutionEventsOptions options_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  // Guarded by mu_.
  std::map<uint64_t, Waiter> waiting_ = {};
  std::vector<Waiter> ready_ = {};
  uint64_t next_id_ = 1;
  bool stopping_ = false;

  std::thread thread_;
};

}  // namespace stratus::console
