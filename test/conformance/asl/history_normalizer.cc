#include "history_normalizer.h"

#include <algorithm>
#include <string>

namespace stratus::conformance::asl {
namespace {

using states::interpreter::HistoryEvent;
using states::interpreter::HistoryEventDetailsField;
using states::interpreter::HistoryEventTypeName;

bool IsParallelEnd(const std::string& type) {
  return type == "ParallelStateSucceeded" || type == "ParallelStateAborted" ||
         type == "ParallelStateExited" || type == "ParallelStateFailed";
}

}  // namespace

void ParseEmbeddedJson(Json& value) {
  // Like localstack-snapshot: object members (also of objects inside
  // arrays) whose string value starts with '{' are parsed; the parsed value
  // is not looked into again, and strings directly inside arrays stay.
  if (value.is_object()) {
    for (auto& [key, member] : value.items()) {
      if (member.is_string()) {
        const auto& text = member.get_ref<const std::string&>();
        if (!text.empty() && text.front() == '{') {
          Result<Json> parsed = ParseJson(text);
          if (parsed.ok()) {
            member = std::move(*parsed);
          }
        }
      } else {
        ParseEmbeddedJson(member);
      }
    }
  } else if (value.is_array()) {
    for (auto& element : value) {
      if (element.is_object() || element.is_array()) {
        ParseEmbeddedJson(element);
      }
    }
  }
}

Json NormalizeHistory(const std::vector<HistoryEvent>& events) {
  Json out = Json::array();
  for (const HistoryEvent& event : events) {
    Json json = Json::object();
    json["id"] = event.id;
    json["previousEventId"] = event.previous_event_id;
    json["type"] = std::string(HistoryEventTypeName(event.type));
    json["timestamp"] = "timestamp";
    std::string_view field = HistoryEventDetailsField(event.type);
    if (!field.empty() && !event.details.is_null()) {
      Json details = event.details;
      ParseEmbeddedJson(details);
      json[std::string(field)] = std::move(details);
    }
    out.push_back(std::move(json));
  }
  return out;
}

void ApplyParallelTransform(Json& events) {
  // A literal port of the Python loop: `for i, event in enumerate(events)`
  // over a list that the body shrinks with slice assignments.
  size_t start = 0;
  std::vector<Json> sublist;
  bool in_sublist = false;
  for (size_t i = 0; i < events.size(); ++i) {
    Json& event = events[i];
    const std::string type = event.value("type", std::string());
    if (type.empty()) {
      in_sublist = false;
    } else if (IsParallelEnd(type)) {
      std::vector<Json> sorted = sublist;
      std::sort(sorted.begin(), sorted.end(),
                [](const Json& a, const Json& b) { return DumpJson(a) < DumpJson(b); });
      Json rebuilt = Json::array();
      for (size_t k = 0; k < start; ++k) {
        rebuilt.push_back(events[k]);
      }
      for (Json& e : sorted) {
        rebuilt.push_back(e);
      }
      for (size_t k = i; k < events.size(); ++k) {
        rebuilt.push_back(events[k]);
      }
      // The slice [start, i) is replaced; like Python's enumerate, the loop
      // goes on with index i + 1 of the new, possibly shorter list.
      events = std::move(rebuilt);
      in_sublist = false;
    } else if (type == "ParallelStateStarted") {
      in_sublist = true;
      sublist.clear();
      start = i + 1;
    } else if (in_sublist) {
      event["id"] = Json::array({0});
      event["previousEventId"] = 0;
      sublist.push_back(event);
    }
  }
}

void SortParallelRuns(Json& events) {
  size_t i = 0;
  while (i < events.size()) {
    if (!events[i].contains("id") || !events[i]["id"].is_array()) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < events.size() && events[end].contains("id") && events[end]["id"].is_array()) {
      ++end;
    }
    std::vector<Json> run(events.begin() + static_cast<std::ptrdiff_t>(i),
                          events.begin() + static_cast<std::ptrdiff_t>(end));
    std::sort(run.begin(), run.end(),
              [](const Json& a, const Json& b) { return DumpJson(a) < DumpJson(b); });
    for (size_t k = i; k < end; ++k) {
      events[k] = std::move(run[k - i]);
    }
    i = end;
  }
}

bool UsesParallelTransform(const Json& events) {
  for (const Json& event : events) {
    if (event.contains("id") && event["id"].is_array()) {
      return true;
    }
  }
  return false;
}

}  // namespace stratus::conformance::asl
