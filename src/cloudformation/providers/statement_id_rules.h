#pragma once

#include "cloudformation/providers/physical_name.h"

namespace stratus::cloudformation {

/// The rules of a generated Lambda policy statement id (AddPermission,
/// AddLayerVersionPermission): at most 100 letters, digits, '-' and '_'.
inline constexpr PhysicalNameRules kStatementIdRules{
    .max_length = 100, .lowercase = false, .extra_characters = "-_", .suffix = {}};

}  // namespace stratus::cloudformation
