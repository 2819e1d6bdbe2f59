#include "sqs/api/errors.h"
#include "sqs/api/handlers.h"

namespace stratus::sqs::api {

std::function<void(Status)> ReplyAfterCommit(aws::Reply reply, Json output) {
  return [reply = std::move(reply), output = std::move(output)](const Status& status) mutable {
    if (status.ok()) {
      reply(std::move(output));
    } else {
      reply(SqsError::FromEngine(status));
    }
  };
}

}  // namespace stratus::sqs::api
