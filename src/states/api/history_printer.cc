#include "states/api/history_printer.h"

#include <ostream>

#include "base/clock.h"
#include "base/format.h"

namespace stratus::states::api {
namespace {

using interpreter::HistoryEventType;

std::string Shorten(std::string text, size_t limit = 200) {
  if (text.size() > limit) {
    text = text.substr(0, limit) + "…";
  }
  return text;
}

}  // namespace

void HistoryPrinter::Print(const std::vector<interpreter::HistoryEvent>& events) {
  std::lock_guard lock(mu_);
  for (const interpreter::HistoryEvent& event : events) {
    PrintOne(event);
  }
  out_.flush();
}

void HistoryPrinter::Line(const interpreter::HistoryEvent& event,
                          std::string_view mark,
                          const std::string& name,
                          const std::string& detail) {
  const int64_t millis = ToUnixMillis(event.timestamp);
  if (first_millis_ < 0) {
    first_millis_ = millis;
  }
  out_ << Format("{:>+9.3f}s  {}{} {:<28} {}\n",
                 static_cast<double>(millis - first_millis_) / 1000.0,
                 std::string(static_cast<size_t>(depth_) * 2, ' '), mark, name, detail);
}

void HistoryPrinter::PrintOne(const interpreter::HistoryEvent& event) {
  const std::string type(interpreter::HistoryEventTypeName(event.type));
  const Json& details = event.details.is_object() ? event.details : Json::object();
  const std::string name = details.value("name", "");
  const int64_t millis = ToUnixMillis(event.timestamp);
  if (type.ends_with("StateEntered")) {
    const std::string kind = type.substr(0, type.size() - std::string_view("StateEntered").size());
    entered_[name] = millis;
    attempts_[name] = 0;
    failed_[name] = false;
    open_states_.push_back(name);
    Line(event, "▶", name, kind);
  } else if (type.ends_with("StateExited")) {
    const int64_t started = entered_.count(name) != 0 ? entered_[name] : millis;
    std::erase(open_states_, name);
    const double elapsed = static_cast<double>(millis - started);
    if (failed_[name]) {
      Line(event, "↪", name, Format("caught after {:.1f} ms", elapsed));
    } else {
      Line(event, "✔", name, Format("{:.1f} ms", elapsed));
    }
  } else if (type == "TaskScheduled" || type == "LambdaFunctionScheduled") {
    const std::string state = open_states_.empty() ? std::string() : open_states_.back();
    if (attempts_[state]++ > 0) {
      Line(event, "↻", state, Format("retry {}", attempts_[state] - 1));
    }
  } else if (type.ends_with("Failed") || type.ends_with("TimedOut")) {
    if (type == "ExecutionFailed" || type == "ExecutionTimedOut") {
      return;  // The summary reports them.
    }
    const std::string state = !name.empty()          ? name
                              : open_states_.empty() ? std::string()
                                                     : open_states_.back();
    failed_[state] = true;
    Line(event, "✗", state,
         Shorten(Format("{}: {}", details.value("error", type), details.value("cause", ""))));
  } else if (type == "MapStateStarted" || type == "ParallelStateStarted") {
    ++depth_;
  } else if (type == "MapStateSucceeded" || type == "ParallelStateSucceeded" ||
             type == "MapStateFailed" || type == "ParallelStateFailed" ||
             type == "MapStateAborted" || type == "ParallelStateAborted") {
    depth_ = depth_ > 0 ? depth_ - 1 : 0;
  } else if (type == "MapIterationStarted") {
    Line(event, "·", Format("iteration {}", details.value("index", 0)), "");
  } else if (type == "WaitStateAborted" || type == "TaskStateAborted") {
    Line(event, "■", open_states_.empty() ? std::string() : open_states_.back(), "aborted");
  }
}

}  // namespace stratus::states::api
