#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "states/interpreter/history_event.h"

namespace stratus::states::api {

/// Prints execution history events as a live, human-readable trace:
///
///   +0.000s  ▶ Extract            Task
///   +0.012s  ✗ Extract            Lambda.Unknown: boom
///   +1.013s  ↻ Extract            retry 1
///   +1.020s  ✔ Extract            1020.4 ms
///
/// Times are the events' (nominal) timestamps relative to the first event.
///
/// Thread safety: Print() may be called from any thread; lines are whole.
class HistoryPrinter {
 public:
  explicit HistoryPrinter(std::ostream& out) : out_(out) {}

  void Print(const std::vector<interpreter::HistoryEvent>& events);

 private:
  void PrintOne(const interpreter::HistoryEvent& event);
  void Line(const interpreter::HistoryEvent& event,
            std::string_view mark,
            const std::string& name,
            const std::string& detail);

  std::ostream& out_;
  std::mutex mu_;
  int64_t first_millis_ = -1;                // Guarded by mu_.
  int depth_ = 0;                            // Guarded by mu_.
  std::map<std::string, int64_t> entered_;   // Guarded by mu_. State → entered millis.
  std::map<std::string, int64_t> attempts_;  // Guarded by mu_. State → task attempts.
  std::vector<std::string> open_states_;     // Guarded by mu_. Entered, not exited.
  std::map<std::string, bool> failed_;       // Guarded by mu_. State → failed since entered.
};

}  // namespace stratus::states::api
