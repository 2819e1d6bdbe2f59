#pragma once

#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "base/json.h"

namespace stratus::aws {

class ServiceModel;
struct JsonShapePlan;

/// Writes operation JSON as the text of a json or rest-json wire body, byte
/// for byte what DumpJson(WriteJsonValue(...)) gives (json_body.h: members
/// renamed to their locationName, timestamps in their timestampFormat,
/// members the shape does not have and null members left out), without
/// building the wire value first: a response is written in one pass over
/// the handler's output, guided by a plan compiled once per shape.

/// Appends the wire text of `value` as the shape `ref` points at to `*out`.
void AppendJsonWireValue(const ServiceModel& service,
                         const Json& ref,
                         const Json& value,
                         std::string* out);

/// Appends the wire text of the members of `structure` that `include`
/// accepts (as WriteJsonMembers()) to `*out`.
void AppendJsonWireMembers(const ServiceModel& service,
                           const Json& structure,
                           const Json& value,
                           bool (*include)(const Json& member_ref),
                           std::string* out);

/// The compiled plans of one model's shapes, built on first use and kept for
/// the model's life (ServiceModel owns one). A plan holds, per shape, what
/// writing needs from the model: member names in wire order and their wire
/// names, timestamp formats, and the plans of nested shapes.
///
/// Thread safety: safe from any thread; plans, once returned, never change.
class JsonWirePlans {
 public:
  JsonWirePlans();
  ~JsonWirePlans();
  JsonWirePlans(const JsonWirePlans&) = delete;
  JsonWirePlans& operator=(const JsonWirePlans&) = delete;

  /// Returns the plan of `shape`, a shape of `service`, compiling it (and
  /// the shapes it reaches) when first asked.
  const JsonShapePlan& PlanOf(const ServiceModel& service, const Json& shape) const;

 private:
  const JsonShapePlan& CompileLocked(const ServiceModel& service, const Json& shape) const;

  mutable std::shared_mutex mu_;
  // Guarded by mu_. Key: the shape in the model's shapes.
  mutable std::unordered_map<const Json*, std::unique_ptr<JsonShapePlan>> plans_;
};

}  // namespace stratus::aws
