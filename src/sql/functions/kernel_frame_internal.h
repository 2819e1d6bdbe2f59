#pragma once

// Private to sql/functions: KernelFrame, the scaffolding of a row-at-a-time
// kernel (string functions, date functions, anything whose per-row work
// dwarfs a branch): it reads every argument through ArgumentData, makes the
// result vector with the arguments' NULLs, and calls a function for each
// row whose arguments are all non-NULL. ArrayWriter appends array results.
//
// Thread safety: one frame per kernel call.

#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "sql/functions/function.h"
#include "sql/functions/kernel_internal.h"
#include "sql/functions/registry_internal.h"
#include "sql/types/type_names.h"

namespace stratus::sql::functions {

/// One kernel call's arguments and result (see the essay above).
class KernelFrame {
 public:
  /// Makes *result a flat vector of `type`, NULL where any argument is NULL
  /// (unless propagate_nulls is false: then every row starts valid).
  KernelFrame(std::span<const Vector> arguments,
              size_t rows,
              const LogicalType& type,
              Vector* result,
              bool propagate_nulls = true);
  KernelFrame(const KernelFrame&) = delete;
  KernelFrame& operator=(const KernelFrame&) = delete;

  size_t rows() const { return rows_; }

  size_t num_arguments() const { return arguments_.size(); }

  const ArgumentData& argument(size_t i) const { return *arguments_[i]; }

  template <typename T>
  T Get(size_t argument, size_t row) const {
    const ArgumentData& data = *arguments_[argument];
    return data.values<T>()[data.Index(row)];
  }

  /// Views a string argument's bytes (in the argument's own storage, so the
  /// view lives as long as the argument).
  std::string_view String(size_t argument, size_t row) const {
    const ArgumentData& data = *arguments_[argument];
    return data.values<StringView>()[data.Index(row)].view();
  }

  bool ArgumentIsNull(size_t argument, size_t row) const {
    return arguments_[argument]->IsNull(row);
  }

  /// True when every row of the argument is the same (a constant vector).
  bool IsConstant(size_t argument) const { return arguments_[argument]->is_constant(); }

  Vector* result() { return result_; }

  template <typename T>
  T* out() {
    return result_->mutable_values<T>();
  }

  void SetNull(size_t row) { result_->SetNull(row, true); }

  bool IsNull(size_t row) const { return result_->IsNull(row); }

  /// Stores a string result for `row`.
  void SetString(size_t row, std::string_view bytes) {
    out<StringView>()[row] = AddString(result_, bytes);
  }

  /// Calls fn(row) -> Status for every row that is not NULL; stops at the first error.
  template <typename Fn>
  Status ForEachRow(Fn fn) {
    const uint64_t* validity = result_->validity();
    for (size_t row = 0; row < rows_; ++row) {
      if (validity == nullptr || IsValidBit(validity, row)) {
        Status status = fn(row);
        if (!status.ok()) {
          return status;
        }
      }
    }
    return Status::Ok();
  }

 private:
  std::vector<std::unique_ptr<ArgumentData>> arguments_;
  size_t rows_ = 0;
  Vector* result_ = nullptr;
};

/// Appends the rows of an array result: elements go to the child vector.
/// REQUIRES: rows are finished in increasing order; a NULL row is not finished.
class ArrayWriter {
 public:
  explicit ArrayWriter(Vector* result);

  /// The element vector, to append values of other types by hand.
  Vector& elements() { return *elements_; }

  /// Makes room for one more element and returns its index.
  size_t AddElement();
  void AddString(std::string_view bytes);
  void AddNull();
  /// Closes row `row` with the elements added since the last FinishRow.
  void FinishRow(size_t row);

 private:
  Vector* result_;
  Vector* elements_;
  uint32_t row_start_ = 0;
};

/// Registers a row-at-a-time function: fn(KernelFrame&, size_t row) -> Status
/// runs for each row whose arguments are all non-NULL. The return type is
/// spec.returns when that parses as a type, else the first argument's bound
/// type (write e.g. "varchar(x)" for functions that keep their input's type).
template <typename Fn>
void AddRowFunction(FunctionRegistry::Impl& impl, const ScalarSpec& spec, Fn fn) {
  Result<LogicalType> fixed = ParseTrinoType(spec.returns);
  std::optional<LogicalType> fixed_type;
  if (fixed.ok()) {
    fixed_type = *fixed;
  }
  impl.AddScalar(
      spec, [fixed_type, fn](const std::vector<LogicalType>& bound) -> Result<ScalarBinding> {
        const LogicalType type = fixed_type.has_value() ? *fixed_type : bound[0];
        return ScalarBinding{
            .argument_types = bound,
            .return_type = type,
            .kernel = [type, fn](std::span<const Vector> arguments, size_t rows,
                                 const FunctionContext& context, Vector* result) -> Status {
              KernelFrame frame(arguments, rows, type, result);
              return frame.ForEachRow([&](size_t row) { return fn(frame, row, context); });
            }};
      });
}

}  // namespace stratus::sql::functions
