#include "sql/exec/vector_hash.h"

#include <cmath>
#include <cstring>
#include <string_view>

#include "sql/types/int128.h"
#include "sql/types/value.h"
#include "sql/vector/string_view.h"
#include "sql/vector/validity.h"
#include "sql/vector/vector.h"

namespace stratus::sql::exec {
namespace {

constexpr uint64_t kNullHash = 0x9ae16a3b2f90404fULL;

inline uint64_t Combine(uint64_t seed, uint64_t hash) {
  return (seed ^ hash) * 0x9e3779b97f4a7c15ULL + (seed >> 29);
}

inline uint64_t HashOne(int64_t value) {
  return MixHash(static_cast<uint64_t>(value));
}

inline uint64_t HashOne(double value) {
  if (value == 0) {
    value = 0;  // -0.0 hashes as 0.0.
  }
  if (std::isnan(value)) {
    return 0x7ff8000000000000ULL;
  }
  uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof(bits));
  return MixHash(bits);
}

inline uint64_t HashOne(Int128 value) {
  const auto bits = static_cast<UInt128>(value);
  return Combine(MixHash(static_cast<uint64_t>(bits)), MixHash(static_cast<uint64_t>(bits >> 64)));
}

inline uint64_t HashOne(const StringView& value) {
  const std::string_view bytes = value.view();
  return MixHash(std::hash<std::string_view>()(bytes) ^ bytes.size());
}

template <typename T, typename Hashed>
void HashFlat(const Vector& flat, size_t rows, bool combine, uint64_t* hashes) {
  const T* values = flat.values<T>();
  const uint64_t* validity = flat.validity();
  for (size_t i = 0; i < rows; ++i) {
    uint64_t hash = kNullHash;
    if (validity == nullptr || IsValidBit(validity, i)) {
      hash = HashOne(static_cast<Hashed>(values[i]));
    }
    hashes[i] = combine ? Combine(hashes[i], hash) : hash;
  }
}

void HashGeneric(const Vector& flat, size_t rows, bool combine, uint64_t* hashes) {
  for (size_t i = 0; i < rows; ++i) {
    const uint64_t hash = flat.IsNull(i) ? kNullHash : flat.GetValue(i).Hash();
    hashes[i] = combine ? Combine(hashes[i], hash) : hash;
  }
}

}  // namespace

void HashColumn(const Vector& column, size_t rows, bool combine, uint64_t* hashes) {
  if (column.encoding() == VectorEncoding::kConstant) {
    uint64_t hash = 0;
    HashColumn(column.base(), 1, false, &hash);
    for (size_t i = 0; i < rows; ++i) {
      hashes[i] = combine ? Combine(hashes[i], hash) : hash;
    }
    return;
  }
  const Vector flat = column.Flatten();
  switch (flat.physical_type()) {
    case PhysicalType::kBool:
    case PhysicalType::kInt8:
      return HashFlat<int8_t, int64_t>(flat, rows, combine, hashes);
    case PhysicalType::kInt16:
      return HashFlat<int16_t, int64_t>(flat, rows, combine, hashes);
    case PhysicalType::kInt32:
      return HashFlat<int32_t, int64_t>(flat, rows, combine, hashes);
    case PhysicalType::kInt64:
      return HashFlat<int64_t, int64_t>(flat, rows, combine, hashes);
    case PhysicalType::kInt128:
      return HashFlat<Int128, Int128>(flat, rows, combine, hashes);
    case PhysicalType::kFloat:
      return HashFlat<float, double>(flat, rows, combine, hashes);
    case PhysicalType::kDouble:
      return HashFlat<double, double>(flat, rows, combine, hashes);
    case PhysicalType::kString:
      return HashFlat<StringView, const StringView&>(flat, rows, combine, hashes);
    case PhysicalType::kList:
    case PhysicalType::kMap:
    case PhysicalType::kStruct:
      return HashGeneric(flat, rows, combine, hashes);
  }
}

}  // namespace stratus::sql::exec
