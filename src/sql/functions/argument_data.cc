#include <cstring>

#include "sql/functions/kernel_internal.h"

namespace stratus::sql::functions {

ArgumentData::ArgumentData(const Vector& vector) {
  switch (vector.encoding()) {
    case VectorEncoding::kFlat:
      flat_ = &vector;
      break;
    case VectorEncoding::kConstant:
      flat_ = &vector.base();
      mask_ = 0;
      break;
    case VectorEncoding::kDictionary:
      holder_ = vector.Flatten();
      flat_ = &holder_;
      break;
  }
  validity_ = flat_->validity();
}

void ArgumentData::ShareStringsWith(Vector* target) const {
  for (const std::shared_ptr<const void>& owner : flat_->string_owners()) {
    target->KeepAlive(owner);
  }
}

void NewResult(const LogicalType& type, size_t rows, Vector* result) {
  *result = Vector(type, rows);
  result->set_size(rows);
}

void PropagateNulls(const ArgumentData& argument, size_t rows, Vector* result) {
  const uint64_t* source = argument.validity();
  if (source == nullptr) {
    return;
  }
  uint64_t* target = result->mutable_validity();
  if (argument.is_constant()) {
    if (!IsValidBit(source, 0)) {
      std::memset(target, 0, ValidityWords(rows) * 8);
    }
    return;
  }
  const size_t words = ValidityWords(rows);
  for (size_t w = 0; w < words; ++w) {
    target[w] &= source[w];
  }
}

}  // namespace stratus::sql::functions
