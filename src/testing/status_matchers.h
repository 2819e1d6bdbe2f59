#pragma once

#include <gtest/gtest.h>

#include "base/result.h"
#include "base/status.h"

namespace stratus::testing {

inline const Status& GetStatus(const Status& status) {
  return status;
}

template <typename T>
const Status& GetStatus(const Result<T>& result) {
  return result.status();
}

}  // namespace stratus::testing

// Each macro keeps the evaluated expression alive in a local before taking
// its Status, so that a temporary Result is not destroyed under the check.
#define ASSERT_OK(expr)                                                             \
  do {                                                                              \
    const auto& stratus_r_ = (expr);                                                \
    const ::stratus::Status stratus_s_ = ::stratus::testing::GetStatus(stratus_r_); \
    ASSERT_TRUE(stratus_s_.ok()) << stratus_s_.ToString();                          \
  } while (false)

#define EXPECT_OK(expr)                                                             \
  do {                                                                              \
    const auto& stratus_r_ = (expr);                                                \
    const ::stratus::Status stratus_s_ = ::stratus::testing::GetStatus(stratus_r_); \
    EXPECT_TRUE(stratus_s_.ok()) << stratus_s_.ToString();                          \
  } while (false)

#define STRATUS_ASSERT_OK_AND_ASSIGN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                      \
  ASSERT_TRUE(tmp.ok()) << tmp.status().ToString();       \
  lhs = std::move(tmp).value()

#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  STRATUS_ASSERT_OK_AND_ASSIGN_IMPL(STRATUS_CONCAT(stratus_assert_, __LINE__), lhs, expr)

#define EXPECT_STATUS(expected_code, expr)                                          \
  do {                                                                              \
    const auto& stratus_r_ = (expr);                                                \
    const ::stratus::Status stratus_s_ = ::stratus::testing::GetStatus(stratus_r_); \
    EXPECT_EQ(stratus_s_.code(), expected_code) << stratus_s_.ToString();           \
  } while (false)
