#include "lambda/policy_statement_status.h"

#include "base/format.h"

namespace stratus::lambda {

Status StatementIdTaken(std::string_view statement_id) {
  // AWS: "The statement id (ID) provided already exists. Please provide a new statement
  // id, or remove the existing statement."
  return Status::AlreadyExists(
      Format("The statement id ({}) provided already exists. Please provide a new statement id, "
             "or remove the existing statement.",
             statement_id));
}

Status StatementNotFound(std::string_view statement_id) {
  // AWS: "Statement ID is not found in resource policy."
  return Status::NotFound(Format("Statement {} is not found in resource policy.", statement_id));
}

}  // namespace stratus::lambda
