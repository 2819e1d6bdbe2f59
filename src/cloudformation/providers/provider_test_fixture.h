#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "aws/model/model_registry.h"
#include "aws/operation_table.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/random.h"
#include "cloudformation/providers/resource_provider.h"
#include "server/service_set.h"

namespace stratus::cloudformation {

/// Opens every real service on a fresh temporary data dir, with the built-in
/// providers on their operation table; removes the data dir afterwards.
class ProviderTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  /// Returns the provider of `type`; fails the test when there is none.
  ResourceProvider& Provider(std::string_view type);

  /// Returns a request for `type` in the stack "teststack", with the
  /// generated name the stack engine would choose for it.
  ResourceRequest Request(std::string_view type,
                          std::string_view logical_id,
                          Json properties = Json::object()) const;

  /// Calls an operation directly (to check what a provider did); fails the
  /// test on error and returns {} then.
  Json Call(std::string_view service, std::string_view operation, Json input);

  /// Calls an operation and returns its result, error included.
  Result<Json> TryCall(std::string_view service, std::string_view operation, Json input);

  std::string data_dir_;
  SystemClock clock_;
  mutable IdGenerator ids_;  // Request() chooses generated names.
  aws::ModelRegistry models_;
  aws::OperationTable table_;
  std::unique_ptr<server::ServiceSet> services_;
  std::unique_ptr<ProviderRegistry> registry_;
};

}  // namespace stratus::cloudformation
