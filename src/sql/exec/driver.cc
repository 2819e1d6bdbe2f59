#include "sql/exec/driver.h"

#include <utility>

#include "sql/types/sql_error.h"

namespace stratus::sql::exec {

Status CancelledError() {
  return SqlError(kUserCancelled, "Query was canceled");
}

Driver::Driver(std::unique_ptr<Source> source,
               std::vector<std::unique_ptr<Operator>> operators,
               std::unique_ptr<Sink> sink,
               std::vector<const std::atomic<bool>*> interrupts)
    : source_(std::move(source)),
      operators_(std::move(operators)),
      sink_(std::move(sink)),
      interrupts_(std::move(interrupts)),
      done_at_(operators_.size()) {}

Driver::~Driver() = default;

bool Driver::Interrupted() const {
  for (const std::atomic<bool>* flag : interrupts_) {
    if (flag != nullptr && flag->load(std::memory_order_relaxed)) {
      return true;
    }
  }
  return false;
}

Status Driver::Run() {
  Batch batch;
  while (done_at_ == operators_.size()) {
    if (Interrupted()) {
      return CancelledError();
    }
    STRATUS_ASSIGN_OR_RETURN(bool more, source_->Next(&batch));
    if (!more) {
      return FinishFrom(0);
    }
    if (batch.num_rows() == 0) {
      continue;
    }
    STRATUS_RETURN_IF_ERROR(PushFrom(0, std::move(batch)));
    batch = Batch();
  }
  // An operator is done: what follows it still has to finish.
  return FinishFrom(done_at_ + 1);
}

Status Driver::PushFrom(size_t index, Batch batch) {
  if (index == operators_.size()) {
    return sink_->Consume(std::move(batch));
  }
  if (index >= done_at_) {
    return Status::Ok();
  }
  STRATUS_RETURN_IF_ERROR(operators_[index]->Push(std::move(batch)));
  return Drain(index);
}

Status Driver::Drain(size_t index) {
  Batch out;
  while (true) {
    if (Interrupted()) {
      return CancelledError();
    }
    STRATUS_ASSIGN_OR_RETURN(Flow flow, operators_[index]->Next(&out));
    switch (flow) {
      case Flow::kOutput:
        STRATUS_RETURN_IF_ERROR(PushFrom(index + 1, std::move(out)));
        out = Batch();
        break;
      case Flow::kNeedInput:
        return Status::Ok();
      case Flow::kDone:
        if (index < done_at_) {
          done_at_ = index;
        }
        return Status::Ok();
    }
  }
}

Status Driver::FinishFrom(size_t index) {
  for (size_t i = index; i < operators_.size(); ++i) {
    STRATUS_RETURN_IF_ERROR(operators_[i]->Finish());
    STRATUS_RETURN_IF_ERROR(Drain(i));
  }
  return sink_->Finish();
}

}  // namespace stratus::sql::exec
