#pragma once

#include <span>
#include <string_view>

namespace stratus::lambda {

/// The migrations of lambda.db, in order (docs/formats/lambda.md).
std::span<const std::string_view> LambdaMigrations();

}  // namespace stratus::lambda
