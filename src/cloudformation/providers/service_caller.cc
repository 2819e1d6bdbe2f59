#include "cloudformation/providers/service_caller.h"

#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>

#include "aws/operation_table.h"
#include "aws/request_context.h"
#include "base/clock.h"
#include "base/format.h"
#include "base/random.h"
#include "cloudformation/providers/resource_provider.h"

namespace stratus::cloudformation {
namespace {

// Rebuilds `status` with the operation's name in front of its message,
// keeping its code and AWS error type.
Status NameOperation(const Status& status, std::string_view operation) {
  const std::string message =
      status.aws_type().empty()
          ? Format("{} failed: {}", operation, status.message())
          : Format("{} failed ({}): {}", operation, status.aws_type(), status.message());
  Status renamed(status.code(), message);
  return status.aws_type().empty() ? renamed
                                   : renamed.WithAwsType(status.aws_type(), status.http_status());
}

}  // namespace

ServiceCaller::ServiceCaller(const aws::OperationTable& table, const Clock& clock, IdGenerator& ids)
    : table_(table), clock_(clock), ids_(ids) {}

Result<Json> ServiceCaller::Call(const StackIdentity& stack,
                                 std::string_view service,
                                 std::string_view operation,
                                 Json input) const {
  aws::RequestContext context{.request_id = ids_.Uuid(),
                              .account_id = stack.account_id,
                              .region = stack.region,
                              .access_key_id = {},
                              .service = std::string(service),
                              .operation = std::string(operation),
                              .host = stack.host,
                              .scheme = "http",
                              .received = clock_.Now()};
  auto promise = std::make_shared<std::promise<Result<Json>>>();
  std::future<Result<Json>> reply = promise->get_future();
  table_.Invoke(context, service, operation, std::move(input),
                [promise](Result<Json> result) { promise->set_value(std::move(result)); });
  Result<Json> result = reply.get();
  if (!result.ok()) {
    return NameOperation(result.status(), operation);
  }
  return result;
}

Result<Json> ServiceCaller::WaitFor(const StackIdentity& stack,
                                    std::string_view service,
                                    std::string_view operation,
                                    const Json& input,
                                    const PollCheck& check,
                                    const WaitOptions& options) const {
  const Clock::TimePoint deadline = clock_.Now() + options.timeout;
  std::mutex mu;
  std::condition_variable never_notified;
  for (;;) {
    Result<Json> output = Call(stack, service, operation, input);
    if (!output.ok()) {
      if (options.until_gone && IsNotFound(output.status())) {
        return Json::object();
      }
      return output.status();
    }
    STRATUS_ASSIGN_OR_RETURN(Poll poll, check(*output));
    if (poll == Poll::kDone) {
      return std::move(*output);
    }
    if (clock_.Now() >= deadline) {
      return Status::Timeout(Format(
          "Timed out after {} seconds waiting for {}",
          std::chrono::duration_cast<std::chrono::seconds>(options.timeout).count(), options.what));
    }
    // Waits on a condition variable nobody signals: a bounded pause between polls.
    std::unique_lock<std::mutex> lock(mu);
    never_notified.wait_for(lock, options.interval);
  }
}

bool IsNotFound(const Status& status) {
  if (status.code() == StatusCode::kNotFound) {
    return true;
  }
  const std::string& type = status.aws_type();
  return type.find("NotFound") != std::string::npos || type.find("NoSuch") != std::string::npos ||
         type.find("NonExistent") != std::string::npos;
}

}  // namespace stratus::cloudformation
