#include "sql/vector/vector.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "base/check.h"
#include "sql/types/value.h"
#include "sql/vector/buffer.h"
#include "sql/vector/string_heap.h"
#include "sql/vector/validity.h"

namespace stratus::sql {

Vector::Vector() = default;

Vector::Vector(LogicalType type, size_t capacity)
    : type_(std::move(type)), physical_type_(type_.physical_type()) {
  AllocateChildren();
  Reserve(capacity);
}

Vector::~Vector() = default;
Vector::Vector(const Vector&) = default;
Vector& Vector::operator=(const Vector&) = default;
Vector::Vector(Vector&&) noexcept = default;
Vector& Vector::operator=(Vector&&) noexcept = default;

void Vector::AllocateChildren() {
  children_.clear();
  if (!type_.is_nested()) {
    return;
  }
  for (const RowField& field : type_.children()) {
    children_.push_back(std::make_shared<Vector>(field.type, 0));
  }
}

Vector Vector::Constant(const Value& value, size_t size) {
  auto base = std::make_shared<Vector>(value.type(), 1);
  base->set_size(1);
  base->SetValue(0, value);
  Vector vector;
  vector.type_ = value.type();
  vector.physical_type_ = vector.type_.physical_type();
  vector.encoding_ = VectorEncoding::kConstant;
  vector.size_ = size;
  vector.base_ = std::move(base);
  return vector;
}

Vector Vector::Dictionary(Vector base, SelectionVector indices) {
  Vector vector;
  vector.type_ = base.type_;
  vector.physical_type_ = base.physical_type_;
  vector.encoding_ = VectorEncoding::kDictionary;
  vector.size_ = indices.size();
  vector.base_ = std::make_shared<const Vector>(std::move(base));
  vector.indices_ = std::move(indices);
  return vector;
}

void Vector::set_size(size_t size) {
  STRATUS_CHECK(encoding_ == VectorEncoding::kFlat, "set_size() on a non-flat vector");
  STRATUS_CHECK_LE(size, capacity_);
  size_ = size;
  if (physical_type_ == PhysicalType::kStruct) {
    for (const std::shared_ptr<Vector>& child : children_) {
      child->Reserve(size);
      child->set_size(size);
    }
  }
}

void Vector::Reserve(size_t capacity) {
  STRATUS_CHECK(encoding_ == VectorEncoding::kFlat, "Reserve() on a non-flat vector");
  if (physical_type_ == PhysicalType::kStruct) {
    for (const std::shared_ptr<Vector>& child : children_) {
      child->Reserve(capacity);
    }
  }
  if (capacity <= capacity_ && values_ != nullptr) {
    return;
  }
  const size_t new_capacity = std::max(capacity, capacity_ * 2);
  const size_t width = PhysicalTypeWidth(physical_type_);
  std::shared_ptr<Buffer> values = Buffer::Allocate(new_capacity * width);
  if (values_ != nullptr) {
    std::memcpy(values->data(), values_->data(), capacity_ * width);
  }
  values_ = std::move(values);
  if (validity_ != nullptr) {
    std::shared_ptr<Buffer> validity = Buffer::Allocate(ValidityWords(new_capacity) * 8);
    std::memset(validity->data(), 0xff, validity->size());
    std::memcpy(validity->data(), validity_->data(), ValidityWords(capacity_) * 8);
    validity_ = std::move(validity);
  }
  capacity_ = new_capacity;
}

uint8_t* Vector::MutableValuesBytes() {
  STRATUS_DCHECK(encoding_ == VectorEncoding::kFlat, "values of a non-flat vector");
  return values_->data();
}

const uint8_t* Vector::ValuesBytes() const {
  STRATUS_DCHECK(encoding_ == VectorEncoding::kFlat, "values of a non-flat vector");
  return values_->data();
}

const uint64_t* Vector::validity() const {
  return validity_ == nullptr ? nullptr : reinterpret_cast<const uint64_t*>(validity_->data());
}

uint64_t* Vector::mutable_validity() {
  STRATUS_CHECK(encoding_ == VectorEncoding::kFlat, "validity of a non-flat vector");
  if (validity_ == nullptr) {
    validity_ = Buffer::Allocate(std::max<size_t>(ValidityWords(capacity_), 1) * 8);
    std::memset(validity_->data(), 0xff, validity_->size());
  }
  return reinterpret_cast<uint64_t*>(validity_->data());
}

bool Vector::IsNull(size_t row) const {
  if (encoding_ != VectorEncoding::kFlat) {
    const ResolvedRow resolved = Resolve(row);
    return resolved.vector->IsNull(resolved.row);
  }
  return validity_ != nullptr && !IsValidBit(validity(), row);
}

void Vector::SetNull(size_t row, bool is_null) {
  STRATUS_CHECK_LT(row, capacity_);
  if (is_null) {
    ClearValidBit(mutable_validity(), row);
  } else if (validity_ != nullptr) {
    SetValidBit(mutable_validity(), row);
  }
}

bool Vector::HasNulls() const {
  for (size_t row = 0; row < size_; ++row) {
    if (IsNull(row)) {
      return true;
    }
  }
  return false;
}

StringHeap& Vector::heap() {
  if (heap_ == nullptr) {
    heap_ = std::make_shared<StringHeap>();
    owners_.push_back(heap_);
  }
  return *heap_;
}

void Vector::KeepAlive(std::shared_ptr<const void> owner) {
  if (std::find(owners_.begin(), owners_.end(), owner) == owners_.end()) {
    owners_.push_back(std::move(owner));
  }
}

Vector& Vector::child(size_t i) {
  STRATUS_CHECK_LT(i, children_.size());
  return *children_[i];
}

const Vector& Vector::child(size_t i) const {
  STRATUS_CHECK_LT(i, children_.size());
  return *children_[i];
}

const Vector& Vector::base() const {
  STRATUS_CHECK(base_ != nullptr, "base() of a flat vector");
  return *base_;
}

Vector::ResolvedRow Vector::Resolve(size_t row) const {
  const Vector* vector = this;
  while (vector->encoding_ != VectorEncoding::kFlat) {
    row = vector->encoding_ == VectorEncoding::kConstant ? 0 : vector->indices_[row];
    vector = vector->base_.get();
  }
  return ResolvedRow{.vector = vector, .row = row};
}

Vector Vector::Flatten() const {
  if (encoding_ == VectorEncoding::kFlat) {
    return *this;
  }
  return Select(SelectionVector::Identity(size_));
}

Vector Vector::Slice(size_t offset, size_t length) const {
  STRATUS_CHECK_LE(offset + length, size_);
  return Select(SelectionVector::Range(offset, length));
}

}  // namespace stratus::sql
