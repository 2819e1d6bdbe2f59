#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "states/jsonata/value_internal.h"

namespace stratus::states::jsonata {

/// A JSONata function signature such as "<s-nn?:s>": one parameter per type
/// symbol (b n s l a o f j x, or a choice "(sao)"), each optionally followed
/// by '-' (use the context when missing), '?' (optional), '+' (one or more) and
/// a type parameter "<n>" for arrays and functions. The return type is ignored.
///
/// Thread safety: immutable after Parse().
class Signature {
 public:
  /// Parses `text`; errors are S0401/S0402.
  static Result<Signature> Parse(std::string_view text);

  /// Checks `args` against the signature and returns the arguments the
  /// function receives: the context substituted for a missing '-' parameter,
  /// non-array values wrapped for 'a' parameters, undefined for missing
  /// optional ones. Errors are T0410, T0411 and T0412, naming `function_name`.
  Result<std::vector<Value>> Validate(const std::vector<Value>& args,
                                      const Value& context,
                                      std::string_view function_name) const;

  /// The number of declared parameters.
  size_t num_params() const { return params_.size(); }

  const std::string& text() const { return text_; }

 private:
  enum class Quantifier : uint8_t { kOne, kOptional, kOneOrMore };

  struct Param {
    char type = 'x';           // the symbol, or '(' for a choice
    std::string allowed = {};  // the argument symbols it accepts ('m' is undefined)
    Quantifier quantifier = Quantifier::kOne;
    bool context = false;
    std::string subtype = {};
  };

  bool Match(std::string_view symbols,
             size_t param,
             size_t at,
             bool anchored,
             std::vector<size_t>& counts) const;

  std::string text_;
  std::vector<Param> params_;
};

/// The signature symbol of a value: s n b l a o f, or m for undefined.
char SignatureSymbol(const Value& value);

}  // namespace stratus::states::jsonata
