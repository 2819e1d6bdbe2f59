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
    reply(Status::NotImplemented(Format("operation {} is not implemented for service {}",
                                        operation, service))
              .WithAwsType("UnknownOperationException", 400));
    return;
  }
  (*handler)(context, std::move(input), std::move(reply));
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
