#include "sql/functions/kernel_frame_internal.h"

namespace stratus::sql::functions {

KernelFrame::KernelFrame(std::span<const Vector> arguments,
                         size_t rows,
                         const LogicalType& type,
                         Vector* result,
                         bool propagate_nulls)
    : rows_(rows), result_(result) {
  NewResult(type, rows, result);
  for (const Vector& argument : arguments) {
    arguments_.push_back(std::make_unique<ArgumentData>(argument));
    if (propagate_nulls) {
      PropagateNulls(*arguments_.back(), rows, result);
    }
  }
  if (type.physical_type() == PhysicalType::kString) {
    auto* values = result->mutable_values<StringView>();
    for (size_t row = 0; row < rows; ++row) {
      values[row] = StringView();
    }
  } else if (type.physical_type() == PhysicalType::kList ||
             type.physical_type() == PhysicalType::kMap) {
    auto* entries = result->mutable_values<ListEntry>();
    for (size_t row = 0; row < rows; ++row) {
      entries[row] = ListEntry{};
    }
  }
}

ArrayWriter::ArrayWriter(Vector* result) : result_(result), elements_(&result->child(0)) {}

size_t ArrayWriter::AddElement() {
  const size_t index = elements_->size();
  if (index + 1 > elements_->capacity()) {
    elements_->Reserve(std::max<size_t>(16, (index + 1) * 2));
  }
  elements_->set_size(index + 1);
  elements_->SetNull(index, false);
  return index;
}

void ArrayWriter::AddString(std::string_view bytes) {
  const size_t index = AddElement();
  elements_->mutable_values<StringView>()[index] = functions::AddString(elements_, bytes);
}

void ArrayWriter::AddNull() {
  const size_t index = AddElement();
  elements_->SetNull(index, true);
}

void ArrayWriter::FinishRow(size_t row) {
  const auto end = static_cast<uint32_t>(elements_->size());
  result_->mutable_values<ListEntry>()[row] =
      ListEntry{.offset = row_start_, .length = end - row_start_};
  row_start_ = end;
}

}  // namespace stratus::sql::functions
