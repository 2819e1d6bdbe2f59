#pragma once

// Vector: one column of a batch, up to kBatchRows values of one LogicalType,
// in the layout of docs/adr/0002-sql-engine.md ("Data").
//
// Encodings:
// - flat: a values buffer of the type's physical width (PhysicalTypeWidth),
//   an optional validity bitmap (absent when the vector has no NULLs), and
//   for nested types the children: array → one child (elements), map → two
//   (keys, values), each row a ListEntry {offset, length} into them; row → one
//   child per field, aligned with the parent's rows.
// - constant: every row is row 0 of a one-row flat base vector.
// - dictionary: row i is row indices[i] of a base vector (any encoding).
// Kernels that want only flat input call Flatten(); Resolve() maps a row of
// any encoding to a flat vector and row.
//
// Strings are StringViews whose bytes live inline or in buffers the vector
// keeps alive: its own StringHeap (heap()), or anything registered with
// KeepAlive() — a scan's read buffer, so that strings point straight into the
// bytes read (late materialisation). Copying views into another vector
// (Select, Slice) passes those owners on, so copies never dangle.
//
// Ownership: buffers, heaps, children and dictionary bases are shared
// (std::shared_ptr); copying a Vector is cheap and shallow. Treat a vector as
// immutable once it has been copied or handed on: writes through one copy are
// seen by the others.
//
// Thread safety: concurrent reads are safe; writes need external exclusion.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sql/types/logical_type.h"
#include "sql/vector/selection_vector.h"
#include "sql/vector/string_view.h"

namespace stratus::sql {

class Buffer;
class StringHeap;
class Value;

/// How a vector stores its rows (see the essay above).
enum class VectorEncoding : uint8_t { kFlat, kConstant, kDictionary };

/// One row of an array or map vector: its elements are child rows
/// [offset, offset + length).
struct ListEntry {
  uint32_t offset = 0;
  uint32_t length = 0;
};

/// A column of values (see the essay at the top of this file).
class Vector {
 public:
  /// Constructs an empty flat vector of the unknown type.
  Vector();
  /// Constructs a flat vector with room for `capacity` rows and size 0.
  /// Children of nested types start empty, with capacity 0.
  Vector(LogicalType type, size_t capacity);
  ~Vector();
  Vector(const Vector&);
  Vector& operator=(const Vector&);
  Vector(Vector&&) noexcept;
  Vector& operator=(Vector&&) noexcept;

  /// Returns a vector of `size` rows that are all `value`.
  static Vector Constant(const Value& value, size_t size);
  /// Returns a vector whose row i is base's row indices[i].
  static Vector Dictionary(Vector base, SelectionVector indices);

  const LogicalType& type() const { return type_; }

  PhysicalType physical_type() const { return physical_type_; }

  VectorEncoding encoding() const { return encoding_; }

  size_t size() const { return size_; }

  /// The rows a flat vector has room for.
  size_t capacity() const { return capacity_; }

  /// Sets the number of rows. REQUIRES: flat and size <= capacity().
  void set_size(size_t size);
  /// Grows a flat vector's room to at least `capacity` rows, keeping its contents.
  void Reserve(size_t capacity);

  /// Returns the values buffer as T (T matching the physical type: uint8_t for
  /// kBool, int32_t for kInt32, Int128, StringView, ListEntry...). REQUIRES: flat.
  template <typename T>
  T* mutable_values() {
    return reinterpret_cast<T*>(MutableValuesBytes());
  }

  template <typename T>
  const T* values() const {
    return reinterpret_cast<const T*>(ValuesBytes());
  }

  /// Returns the validity bitmap, or nullptr when the vector has no NULLs. Flat only.
  const uint64_t* validity() const;
  /// Returns the validity bitmap, creating an all-valid one when absent. Flat only.
  uint64_t* mutable_validity();
  /// Returns true if row `row` is NULL (any encoding).
  bool IsNull(size_t row) const;
  /// Marks a row NULL or valid. REQUIRES: flat, row < capacity().
  void SetNull(size_t row, bool is_null);
  /// Returns true if any row in [0, size()) is NULL (scans the bitmap).
  bool HasNulls() const;

  /// Returns the vector's own string heap, creating it on first use.
  StringHeap& heap();
  /// Keeps `owner` alive as long as this vector (and copies of its strings) live.
  void KeepAlive(std::shared_ptr<const void> owner);

  /// Returns every owner of bytes this vector's strings may point into.
  const std::vector<std::shared_ptr<const void>>& string_owners() const { return owners_; }

  size_t num_children() const { return children_.size(); }

  /// Returns a child of a flat nested vector (see the essay).
  Vector& child(size_t i);
  const Vector& child(size_t i) const;

  /// The base of a constant or dictionary vector.
  const Vector& base() const;

  /// The indices of a dictionary vector.
  const SelectionVector& indices() const { return indices_; }

  /// Maps `row` to the flat vector and row that hold its value.
  struct ResolvedRow {
    const Vector* vector = nullptr;
    size_t row = 0;
  };

  ResolvedRow Resolve(size_t row) const;

  /// Returns the value of a row (any encoding). The slow path: tests, constants, results.
  Value GetValue(size_t row) const;
  /// Sets a row's value, converting nothing: the value's type must be this
  /// vector's type (or a NULL). Appends to children for nested values.
  /// REQUIRES: flat, row < capacity().
  void SetValue(size_t row, const Value& value);

  /// Returns a flat vector with the same rows (this one when already flat).
  Vector Flatten() const;
  /// Returns a flat vector holding rows `rows` of this one, in that order.
  Vector Select(const SelectionVector& rows) const;
  /// Returns a flat vector holding rows [offset, offset + length).
  Vector Slice(size_t offset, size_t length) const;

  /// Returns e.g. "bigint flat[1, NULL, 3]", for tests and debugging.
  std::string ToString() const;

 private:
  friend class VectorCopier;

  uint8_t* MutableValuesBytes();
  const uint8_t* ValuesBytes() const;
  void AllocateChildren();

  LogicalType type_;
  PhysicalType physical_type_ = PhysicalType::kBool;
  VectorEncoding encoding_ = VectorEncoding::kFlat;
  size_t size_ = 0;
  size_t capacity_ = 0;
  std::shared_ptr<Buffer> values_;
  std::shared_ptr<Buffer> validity_;  // Null when no row is NULL.
  std::shared_ptr<StringHeap> heap_;  // Also listed in owners_.
  std::vector<std::shared_ptr<const void>> owners_;
  std::vector<std::shared_ptr<Vector>> children_;
  std::shared_ptr<const Vector> base_;  // Constant and dictionary vectors.
  SelectionVector indices_;             // Dictionary vectors.
};

}  // namespace stratus::sql
