#include "aws/operation_table.h"

#include "base/check.h"

namespace stratus::aws {

OperationHandler Sync(std::function<Result<Json>(const RequestContext&, const Json&)> handler) {
  return [handler = std::move(handler)](const RequestContext& context, Json input, Reply reply) {
    reply(handler(context, input));
  };
}

void OperationTable::Add(std::string_view service,
                         std::string_view operation,
                         OperationHandler handler) {
  auto& operations = handlers_[std::string(service)];
  const bool inserted = operations.emplace(std::string(operation), std::move(handler)).second;
  STRATUS_CHECK(inserted, "operation {}:{} registered twice", service, operation);
}

const OperationHandler* OperationTable::Find(std::string_view service,
                                             std::string_view operation) const {
  auto service_it = handlers_.find(service);
  if (service_it == handlers_.end()) {
    return nullptr;
  }
  auto it = service_it->second.find(operation);
  return it == service_it->second.end() ? nullptr : &it->second;
}

void OperationTable::Invoke(const RequestContext& context,
                            std::string_view service,
                            std::string_view operation,
                            Json input,
                            Reply reply) const {
  const OperationHandler* handler = Find(service, operation);
  if (handler == nullptr) {
    // AWS: an operation the service does not know is UnknownOperationException (HTTP 400).
    reply(Status::NotImplemented(
              Format("operation {} is not implemented for service {}", operation, service))
              .WithAwsType("UnknownOperationException", 400));
    return;
  }
  (*handler)(context, std::move(input), std::move(reply));
}

void OperationTable::SetPayloadSinkFactory(std::string_view service,
                                           std::string_view operation,
                                           PayloadSinkFactory factory) {
  STRATUS_CHECK(Find(service, operation) != nullptr, "payload sink for unknown operation {}:{}",
                service, operation);
  const bool inserted =
      sinks_
          .emplace(std::make_pair(std::string(service), std::string(operation)), std::move(factory))
          .second;
  STRATUS_CHECK(inserted, "payload sink of {}:{} registered twice", service, operation);
}

const PayloadSinkFactory* OperationTable::FindPayloadSinkFactory(std::string_view service,
                                                                 std::string_view operation) const {
  if (sinks_.empty()) {
    return nullptr;
  }
  auto it = sinks_.find(std::make_pair(std::string(service), std::string(operation)));
  return it == sinks_.end() ? nullptr : &it->second;
}

void OperationTable::SetHttpHooks(std::string_view service, HttpHooks hooks) {
  const bool inserted = hooks_.emplace(std::string(service), std::move(hooks)).second;
  STRATUS_CHECK(inserted, "HTTP hooks of {} registered twice", service);
}

const HttpHooks* OperationTable::FindHttpHooks(std::string_view service) const {
  auto it = hooks_.find(service);
  return it == hooks_.end() ? nullptr : &it->second;
}

std::vector<std::string> OperationTable::Services() const {
  std::vector<std::string> names;
  for (const auto& [name, operations] : handlers_) {
    if (!operations.empty()) {
      names.push_back(name);
    }
  }
  return names;
}

size_t OperationTable::NumOperations(std::string_view service) const {
  auto it = handlers_.find(service);
  return it == handlers_.end() ? 0 : it->second.size();
}

}  // namespace stratus::aws
