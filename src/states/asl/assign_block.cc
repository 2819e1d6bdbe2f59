#include "states/asl/assign_block.h"

#include "states/asl/evaluation_context.h"

namespace stratus::states::asl {

Result<Json> AssignBlock::Evaluate(const StateValues& values,
                                   const EvaluationContext& context) const {
  if (const auto* jsonata = std::get_if<JsonataTemplate>(&template_)) {
    return jsonata->Evaluate(values, context, "Assign");
  }
  // JSONPath: `$` is the error output in a Catcher, else the result, else the input.
  static const Json empty_object = Json::object();
  const Json* root = values.error_output != nullptr ? values.error_output
                     : values.result != nullptr     ? values.result
                     : values.input != nullptr      ? values.input
                                                    : &empty_object;
  return std::get<PayloadTemplate>(template_).Evaluate(*root, context);
}

const Json& AssignBlock::source() const {
  if (const auto* jsonata = std::get_if<JsonataTemplate>(&template_)) {
    return jsonata->source();
  }
  return std::get<PayloadTemplate>(template_).source();
}

}  // namespace stratus::states::asl
