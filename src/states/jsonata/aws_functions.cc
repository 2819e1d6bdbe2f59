#include "states/jsonata/aws_functions.h"

namespace stratus::states {

void AddAwsFunctions(JsonataBindings& bindings, IdGenerator& ids) {
  (void)bindings;
  (void)ids;
}

}  // namespace stratus::states
