#pragma once

// Private to sql/functions: the loops kernels are made of. An argument of
// any encoding is read through ArgumentData (flat and constant without a
// copy; dictionaries are flattened once per batch), so a loop indexes
// values[row & mask] with no branch on the encoding. Results are flat
// vectors whose validity is the AND of the arguments' (most functions
// return NULL when any argument is NULL); loops compute every row, NULL rows
// included, and report a failure only when it happened on a non-NULL row.
//
// The templates here are instantiated by the .cc files of this folder only.
//
// Thread safety: stateless helpers.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"
#include "sql/types/logical_type.h"
#include "sql/vector/string_heap.h"
#include "sql/vector/string_view.h"
#include "sql/vector/validity.h"
#include "sql/vector/vector.h"

namespace stratus::sql::functions {

/// Read access to one argument vector of any encoding (see the essay above).
class ArgumentData {
 public:
  explicit ArgumentData(const Vector& vector);
  ArgumentData(const ArgumentData&) = delete;
  ArgumentData& operator=(const ArgumentData&) = delete;

  template <typename T>
  const T* values() const {
    return flat_->values<T>();
  }

  /// The flat vector rows are read from (row & mask()).
  const Vector& flat() const { return *flat_; }

  const uint64_t* validity() const { return validity_; }

  bool is_constant() const { return mask_ == 0; }

  size_t mask() const { return mask_; }

  size_t Index(size_t row) const { return row & mask_; }

  bool IsNull(size_t row) const {
    return validity_ != nullptr && !IsValidBit(validity_, row & mask_);
  }

  /// True when every row is NULL (a constant NULL).
  bool all_null() const { return is_constant() && IsNull(0); }

  /// Lets strings of `target` point into this argument's bytes.
  void ShareStringsWith(Vector* target) const;

 private:
  Vector holder_;  // The flattened dictionary, when there was one.
  const Vector* flat_ = nullptr;
  const uint64_t* validity_ = nullptr;
  size_t mask_ = ~size_t{0};
};

/// Makes *result a flat vector of `type` with `rows` rows, all valid.
void NewResult(const LogicalType& type, size_t rows, Vector* result);

/// ANDs an argument's validity into the result's (creating the bitmap when needed).
void PropagateNulls(const ArgumentData& argument, size_t rows, Vector* result);

/// Returns true when row `row` of the result is NULL.
inline bool ResultIsNull(const uint64_t* validity, size_t row) {
  return validity != nullptr && !IsValidBit(validity, row);
}

/// A string-returning kernel's writer: copies bytes into the result's heap.
inline StringView AddString(Vector* result, std::string_view bytes) {
  if (bytes.size() <= StringView::kInlineLimit) {
    return {bytes.data(), static_cast<uint32_t>(bytes.size())};
  }
  return result->heap().Add(bytes);
}

/// Runs `op(a, &out) -> bool` over every row; on a failure at a non-NULL row
/// returns `error(a)`. A, R are physical value types.
template <typename A, typename R, typename Op, typename Error>
Status UnaryLoop(const Vector& input,
                 size_t rows,
                 const LogicalType& result_type,
                 Vector* result,
                 Op op,
                 Error error) {
  ArgumentData a(input);
  NewResult(result_type, rows, result);
  PropagateNulls(a, rows, result);
  const A* av = a.values<A>();
  R* out = result->mutable_values<R>();
  bool ok = true;
  const uint64_t* nulls = result->validity();
  if (a.is_constant()) {
    R value{};
    ok = a.IsNull(0) || op(av[0], &value);
    for (size_t i = 0; i < rows; ++i) {
      out[i] = value;
    }
  } else if (nulls != nullptr) {
    // NULL rows may hold garbage (a string view pointing anywhere): skip them.
    for (size_t i = 0; i < rows; ++i) {
      if (ResultIsNull(nulls, i)) {
        out[i] = R{};
      } else {
        ok &= op(av[i], &out[i]);
      }
    }
  } else {
    for (size_t i = 0; i < rows; ++i) {
      ok &= op(av[i], &out[i]);
    }
  }
  if (!ok) {
    const uint64_t* validity = result->validity();
    for (size_t i = 0; i < rows; ++i) {
      R scratch{};
      if (!ResultIsNull(validity, i) && !op(av[a.Index(i)], &scratch)) {
        return error(av[a.Index(i)]);
      }
    }
  }
  return Status::Ok();
}

/// Runs `op(a, b, &out) -> bool` over every row (see UnaryLoop).
template <typename A, typename B, typename R, typename Op, typename Error>
Status BinaryLoop(const Vector& left,
                  const Vector& right,
                  size_t rows,
                  const LogicalType& result_type,
                  Vector* result,
                  Op op,
                  Error error) {
  ArgumentData a(left);
  ArgumentData b(right);
  NewResult(result_type, rows, result);
  PropagateNulls(a, rows, result);
  PropagateNulls(b, rows, result);
  if (a.all_null() || b.all_null()) {
    return Status::Ok();
  }
  const A* av = a.values<A>();
  const B* bv = b.values<B>();
  R* out = result->mutable_values<R>();
  bool ok = true;
  const uint64_t* nulls = result->validity();
  if (nulls != nullptr) {
    // NULL rows may hold garbage (a string view pointing anywhere): skip them.
    for (size_t i = 0; i < rows; ++i) {
      if (ResultIsNull(nulls, i)) {
        out[i] = R{};
      } else {
        ok &= op(av[a.Index(i)], bv[b.Index(i)], &out[i]);
      }
    }
  } else if (!a.is_constant() && !b.is_constant()) {
    for (size_t i = 0; i < rows; ++i) {
      ok &= op(av[i], bv[i], &out[i]);
    }
  } else if (!a.is_constant()) {
    const B constant = bv[0];
    for (size_t i = 0; i < rows; ++i) {
      ok &= op(av[i], constant, &out[i]);
    }
  } else if (!b.is_constant()) {
    const A constant = av[0];
    for (size_t i = 0; i < rows; ++i) {
      ok &= op(constant, bv[i], &out[i]);
    }
  } else {
    R value{};
    ok = op(av[0], bv[0], &value);
    for (size_t i = 0; i < rows; ++i) {
      out[i] = value;
    }
  }
  if (!ok) {
    const uint64_t* validity = result->validity();
    for (size_t i = 0; i < rows; ++i) {
      R scratch{};
      if (!ResultIsNull(validity, i) && !op(av[a.Index(i)], bv[b.Index(i)], &scratch)) {
        return error(av[a.Index(i)], bv[b.Index(i)]);
      }
    }
  }
  return Status::Ok();
}

}  // namespace stratus::sql::functions
