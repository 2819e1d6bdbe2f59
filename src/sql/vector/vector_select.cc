// Vector::Select: gathers rows into a new flat vector, one kernel per
// physical type (instantiated here, not in the header).

#include <cstring>

#include "base/check.h"
#include "sql/types/int128.h"
#include "sql/vector/buffer.h"
#include "sql/vector/validity.h"
#include "sql/vector/vector.h"

namespace stratus::sql {

/// Builds the flat result of Vector::Select (a friend of Vector).
class VectorCopier {
 public:
  static Vector SelectFlat(const Vector& source, const SelectionVector& rows);

 private:
  template <typename T>
  static void Gather(const Vector& source, const uint32_t* rows, size_t count, Vector* target) {
    const T* in = source.values<T>();
    T* out = target->mutable_values<T>();
    for (size_t i = 0; i < count; ++i) {
      out[i] = in[rows[i]];
    }
  }

  static void GatherValidity(const Vector& source,
                             const uint32_t* rows,
                             size_t count,
                             Vector* target) {
    const uint64_t* in = source.validity();
    if (in == nullptr) {
      return;
    }
    uint64_t* out = target->mutable_validity();
    for (size_t i = 0; i < count; ++i) {
      if (!IsValidBit(in, rows[i])) {
        ClearValidBit(out, i);
      }
    }
  }

  static void GatherValues(const Vector& source, const SelectionVector& rows, Vector* target);
};

void VectorCopier::GatherValues(const Vector& source, const SelectionVector& rows, Vector* target) {
  const uint32_t* row_data = rows.data();
  const size_t count = rows.size();
  switch (source.physical_type()) {
    case PhysicalType::kBool:
    case PhysicalType::kInt8:
      Gather<uint8_t>(source, row_data, count, target);
      return;
    case PhysicalType::kInt16:
      Gather<int16_t>(source, row_data, count, target);
      return;
    case PhysicalType::kInt32:
      Gather<int32_t>(source, row_data, count, target);
      return;
    case PhysicalType::kFloat:
      Gather<float>(source, row_data, count, target);
      return;
    case PhysicalType::kInt64:
      Gather<int64_t>(source, row_data, count, target);
      return;
    case PhysicalType::kDouble:
      Gather<double>(source, row_data, count, target);
      return;
    case PhysicalType::kInt128:
      Gather<Int128>(source, row_data, count, target);
      return;
    case PhysicalType::kString:
      Gather<StringView>(source, row_data, count, target);
      for (const std::shared_ptr<const void>& owner : source.owners_) {
        target->KeepAlive(owner);
      }
      return;
    case PhysicalType::kList:
    case PhysicalType::kMap:
      // Entries keep pointing into the same (shared) children.
      Gather<ListEntry>(source, row_data, count, target);
      target->children_ = source.children_;
      return;
    case PhysicalType::kStruct:
      for (size_t i = 0; i < source.children_.size(); ++i) {
        target->children_[i] = std::make_shared<Vector>(source.children_[i]->Select(rows));
      }
      return;
  }
}

Vector VectorCopier::SelectFlat(const Vector& source, const SelectionVector& rows) {
  STRATUS_DCHECK(source.encoding() == VectorEncoding::kFlat, "SelectFlat of a non-flat vector");
  Vector target(source.type(), rows.size());
  target.size_ = rows.size();
  GatherValues(source, rows, &target);
  GatherValidity(source, rows.data(), rows.size(), &target);
  return target;
}

Vector Vector::Select(const SelectionVector& rows) const {
  switch (encoding_) {
    case VectorEncoding::kFlat:
      return VectorCopier::SelectFlat(*this, rows);
    case VectorEncoding::kConstant:
      return base_->Select(SelectionVector(std::vector<uint32_t>(rows.size(), 0)));
    case VectorEncoding::kDictionary: {
      std::vector<uint32_t> composed(rows.size());
      for (size_t i = 0; i < rows.size(); ++i) {
        composed[i] = indices_[rows[i]];
      }
      return base_->Select(SelectionVector(std::move(composed)));
    }
  }
  return Vector();
}

}  // namespace stratus::sql
