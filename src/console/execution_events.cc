#include "console/execution_events.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <utility>

#include "base/check.h"
#include "base/format.h"
#include "base/json.h"
#include "base/result.h"
#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/execution_engine.h"
#include "states/api/execution_store.h"
#include "states/api/states_service.h"
#include "states/interpreter/execution_status.h"
#include "storage/database.h"

namespace stratus::console {
namespace {

constexpr std::string_view kEventsSuffix = "/events";

// What a request asks for: the execution and the last event id it has.
struct Target {
  std::string arn = {};
  int64_t after = 0;
};

// What is new for a request, read in one transaction so that `ended` and
// `events` agree.
struct Snapshot {
  std::vector<std::pair<int64_t, std::string>> events = {};
  std::string status = {};
  bool ended = false;  // The execution has ended and `events` reach its last event.
  bool child = false;  // A child execution of a Map Run.
};

Result<int64_t> ParseEventId(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) {
    return Status::InvalidArgument(Format("not an event id: '{}'", text));
  }
  return value;
}

Result<Target> ParseTarget(const http::Request& request) {
  std::string_view path = request.path;
  path.remove_prefix(std::min(path.size(), kExecutionEventsPath.size()));
  if (!path.ends_with(kEventsSuffix) || path.size() == kEventsSuffix.size()) {
    return Status::NotFound(Format("no such console endpoint: {} (use {}<execution ARN>/events)",
                                   request.path, kExecutionEventsPath));
  }
  Target target{.arn = http::PercentDecode(path.substr(0, path.size() - kEventsSuffix.size())),
                .after = 0};
  if (std::optional<std::string_view> last = request.headers.Get("last-event-id");
      last.has_value() && !last->empty()) {
    STRATUS_ASSIGN_OR_RETURN(target.after, ParseEventId(*last));
  } else {
    for (const auto& [name, value] : http::ParseQueryString(request.query)) {
      if (name == "after") {
        STRATUS_ASSIGN_OR_RETURN(target.after, ParseEventId(value));
        break;
      }
    }
  }
  STRATUS_RETURN_IF_ERROR(states::api::ParseExecutionArn(target.arn).status());
  return target;
}

Result<Snapshot> ReadSnapshot(states::api::StatesService& states,
                              const Target& target,
                              size_t max_events) {
  std::optional<states::api::ExecutionRecord> record;
  std::vector<std::string> bodies;
  STRATUS_RETURN_IF_ERROR(states.database().Read([&](storage::Transaction& txn) -> Status {
    STRATUS_ASSIGN_OR_RETURN(record, states::api::FindExecution(txn, target.arn));
    if (record.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(bodies, states::api::ReadHistory(txn, record->id, target.after,
                                                                /*reverse=*/false, max_events + 1));
    }
    return Status::Ok();
  }));
  if (!record.has_value()) {
    return states::api::StatesApiError::ExecutionDoesNotExist(target.arn);
  }
  Snapshot snapshot;
  const bool complete = bodies.size() <= max_events;
  bodies.resize(std::min(bodies.size(), max_events));
  for (std::string& body : bodies) {
    STRATUS_ASSIGN_OR_RETURN(Json event, ParseJson(body));
    snapshot.events.emplace_back(event.value("id", int64_t{0}), std::move(body));
  }
  snapshot.status = std::string(states::interpreter::ExecutionStatusName(record->status));
  snapshot.ended = complete && record->status != states::api::ExecutionStatus::kRunning;
  snapshot.child = !record->map_run_arn.empty();
  return snapshot;
}

// Appends one server-sent event; a multi-line `data` becomes several data lines.
void AppendEvent(std::string& out,
                 std::string_view id,
                 std::string_view type,
                 std::string_view data) {
  if (!id.empty()) {
    out += Format("id: {}\n", id);
  }
  out += Format("event: {}\n", type);
  while (true) {
    const size_t newline = data.find('\n');
    out += Format("data: {}\n", data.substr(0, newline));
    if (newline == std::string_view::npos) {
      break;
    }
    data.remove_prefix(newline + 1);
  }
  out += "\n";
}

http::Response EventStream(std::string body) {
  http::Response response{.status = 200, .headers = {}, .body = std::move(body)};
  response.headers.Set("Content-Type", "text/event-stream; charset=utf-8");
  response.headers.Set("Cache-Control", "no-cache");
  response.headers.Set("X-Content-Type-Options", "nosniff");
  return response;
}

http::Response StreamOf(const Snapshot& snapshot, int retry_millis) {
  std::string body = Format("retry: {}\n\n", retry_millis);
  for (const auto& [id, event] : snapshot.events) {
    AppendEvent(body, std::to_string(id), "history", event);
  }
  if (snapshot.ended) {
    AppendEvent(body, "", "end", DumpJson(Json{{"status", snapshot.status}}));
  }
  return EventStream(std::move(body));
}

// Not found is 404 here, though the AWS API answers ExecutionDoesNotExist
// with 400: this is a resource path, not an operation.
int HttpStatusOf(const Status& status) {
  switch (status.code()) {
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kResourceExhausted:
    case StatusCode::kThrottled:
      return 503;
    default:
      return status.http_status() != 0 ? status.http_status() : 500;
  }
}

// An AWS-shaped JSON error.
http::Response ErrorResponse(const Status& status) {
  std::string type = status.aws_type();
  if (type.empty()) {
    type = HttpStatusOf(status) == 404   ? "ResourceNotFoundException"
           : HttpStatusOf(status) == 400 ? "ValidationException"
                                         : "InternalFailure";
  }
  http::Response response{.status = HttpStatusOf(status),
                          .headers = {},
                          .body = DumpJson(Json{{"__type", type}, {"message", status.message()}})};
  response.headers.Set("Content-Type", "application/json");
  return response;
}

}  // namespace

ExecutionEvents::ExecutionEvents(states::api::StatesService& states, ExecutionEventsOptions options)
    : states_(states), options_(options) {
  thread_ = std::thread([this] { Loop(); });
  states_.engine().SetHistoryListener([this](std::string_view arn) { OnHistory(arn); });
}

ExecutionEvents::~ExecutionEvents() {
  std::lock_guard lock(mu_);
  STRATUS_CHECK(stopping_ && !thread_.joinable(), "ExecutionEvents destroyed before Stop()");
}

void ExecutionEvents::Handle(http::Request request, http::Responder respond) {
  Result<Target> target = ParseTarget(request);
  if (!target.ok()) {
    respond(ErrorResponse(target.status()));
    return;
  }
  // Park the request before reading, so that history committed during the
  // read wakes it: whoever takes it back from `waiting_` answers it.
  uint64_t id = 0;
  {
    std::unique_lock lock(mu_);
    if (stopping_) {
      lock.unlock();
      respond(EventStream(Format("retry: {}\n\n", options_.retry_millis)));
      return;
    }
    if (waiting_.size() >= options_.max_waiting) {
      lock.unlock();
      respond(ErrorResponse(Status::ResourceExhausted("too many requests wait for execution events")
                                .WithAwsType("ThrottlingException", 503)));
      return;
    }
    id = next_id_++;
    waiting_.emplace(id,
                     Waiter{.arn = target->arn,
                            .after = target->after,
                            .respond = std::move(respond),
                            .deadline = std::chrono::steady_clock::now() + options_.poll_timeout});
  }
  // The loop sleeps until its earliest deadline: it must see this one.
  cv_.notify_all();
  Result<Snapshot> snapshot = ReadSnapshot(states_, *target, options_.max_events);
  if (snapshot.ok() && snapshot->events.empty() && !snapshot->ended) {
    if (snapshot->child) {
      std::lock_guard lock(mu_);
      if (auto parked = waiting_.find(id); parked != waiting_.end()) {
        parked->second.deadline =
            std::min(parked->second.deadline,
                     std::chrono::steady_clock::now() + options_.child_poll_timeout);
      }
      cv_.notify_all();
    }
    return;
  }
  Waiter waiter;
  if (!TakeBack(id, &waiter)) {
    return;
  }
  waiter.respond(snapshot.ok() ? StreamOf(*snapshot, options_.retry_millis)
                               : ErrorResponse(snapshot.status()));
}

bool ExecutionEvents::TakeBack(uint64_t id, Waiter* waiter) {
  std::lock_guard lock(mu_);
  auto parked = waiting_.find(id);
  if (parked == waiting_.end()) {
    return false;
  }
  *waiter = std::move(parked->second);
  waiting_.erase(parked);
  return true;
}

void ExecutionEvents::OnHistory(std::string_view arn) {
  std::lock_guard lock(mu_);
  bool woke = false;
  for (auto parked = waiting_.begin(); parked != waiting_.end();) {
    if (parked->second.arn == arn) {
      ready_.push_back(std::move(parked->second));
      parked = waiting_.erase(parked);
      woke = true;
    } else {
      ++parked;
    }
  }
  if (woke) {
    cv_.notify_all();
  }
}

void ExecutionEvents::Answer(Waiter& waiter) {
  Result<Snapshot> snapshot =
      ReadSnapshot(states_, Target{.arn = waiter.arn, .after = waiter.after}, options_.max_events);
  waiter.respond(snapshot.ok() ? StreamOf(*snapshot, options_.retry_millis)
                               : ErrorResponse(snapshot.status()));
}

void ExecutionEvents::Loop() {
  std::unique_lock lock(mu_);
  while (true) {
    std::vector<Waiter> due;
    due.swap(ready_);
    std::vector<Waiter> expired;
    const auto now = std::chrono::steady_clock::now();
    auto next = std::chrono::steady_clock::time_point::max();
    for (auto parked = waiting_.begin(); parked != waiting_.end();) {
      if (stopping_ || parked->second.deadline <= now) {
        expired.push_back(std::move(parked->second));
        parked = waiting_.erase(parked);
      } else {
        next = std::min(next, parked->second.deadline);
        ++parked;
      }
    }
    if (!due.empty() || !expired.empty()) {
      const bool stopping = stopping_;
      lock.unlock();
      for (Waiter& waiter : due) {
        Answer(waiter);
      }
      for (Waiter& waiter : expired) {
        // A last look on time-out (a Map Run's child hears of nothing);
        // none when stopping: the service may be on its way down.
        if (stopping) {
          waiter.respond(EventStream(Format("retry: {}\n\n", options_.retry_millis)));
        } else {
          Answer(waiter);
        }
      }
      lock.lock();
      continue;
    }
    if (stopping_) {
      return;
    }
    if (next == std::chrono::steady_clock::time_point::max()) {
      cv_.wait(lock);
    } else {
      cv_.wait_until(lock, next);
    }
  }
}

void ExecutionEvents::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) {
      return;
    }
    stopping_ = true;
  }
  states_.engine().SetHistoryListener({});
  cv_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

size_t ExecutionEvents::num_waiting() const {
  std::lock_guard lock(mu_);
  return waiting_.size() + ready_.size();
}

}  // namespace stratus::console
