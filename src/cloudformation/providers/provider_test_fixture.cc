#include "cloudformation/providers/provider_test_fixture.h"

#include <filesystem>
#include <future>

#include "aws/service.h"
#include "cloudformation/providers/physical_name.h"
#include "testing/status_matchers.h"

namespace stratus::cloudformation {

void ProviderTest::SetUp() {
  data_dir_ =
      (std::filesystem::temp_directory_path() / ("stratus-cfnprov-" + ids_.Hex(8))).string();
  std::filesystem::create_directories(data_dir_);
  Result<std::unique_ptr<server::ServiceSet>> services = server::ServiceSet::Open(
      server::ServiceSetOptions{},
      aws::ServiceEnvironment{
          .data_dir = data_dir_, .clock = &clock_, .ids = &ids_, .models = &models_});
  ASSERT_OK(services.status());
  services_ = std::move(*services);
  ASSERT_OK(services_->Start(table_));
  registry_ = MakeBuiltInProviders(table_);
}

void ProviderTest::TearDown() {
  registry_.reset();
  if (services_ != nullptr) {
    services_->Stop();
  }
  std::error_code error;
  std::filesystem::remove_all(data_dir_, error);
}

ResourceProvider& ProviderTest::Provider(std::string_view type) {
  ResourceProvider* provider = registry_->Find(type);
  EXPECT_NE(provider, nullptr) << type;
  return *provider;
}

ResourceRequest ProviderTest::Request(std::string_view type,
                                      std::string_view logical_id,
                                      Json properties) const {
  ResourceRequest request;
  request.stack = StackIdentity{.stack_name = "teststack",
                                .stack_id =
                                    "arn:aws:cloudformation:us-east-1:000000000000:stack/teststack/"
                                    "11111111-2222-3333-4444-555555555555",
                                .account_id = "000000000000",
                                .region = "us-east-1",
                                .host = "localhost:4566"};
  request.logical_id = std::string(logical_id);
  request.type = std::string(type);
  request.properties = std::move(properties);
  // As the stack engine does before Create.
  if (const ResourceProvider* provider = registry_->Find(type); provider != nullptr) {
    request.generated_name = ChooseGeneratedName(*provider, request, ids_);
  }
  return request;
}

Result<Json> ProviderTest::TryCall(std::string_view service,
                                   std::string_view operation,
                                   Json input) {
  aws::RequestContext context{.request_id = ids_.Uuid(),
                              .account_id = "000000000000",
                              .region = "us-east-1",
                              .access_key_id = {},
                              .service = std::string(service),
                              .operation = std::string(operation),
                              .host = "localhost:4566",
                              .scheme = "http",
                              .received = clock_.Now()};
  std::promise<Result<Json>> promise;
  std::future<Result<Json>> future = promise.get_future();
  table_.Invoke(context, service, operation, std::move(input),
                [&promise](Result<Json> result) { promise.set_value(std::move(result)); });
  return future.get();
}

Json ProviderTest::Call(std::string_view service, std::string_view operation, Json input) {
  Result<Json> result = TryCall(service, operation, std::move(input));
  EXPECT_TRUE(result.ok()) << service << ":" << operation << ": " << result.status().ToString();
  return result.ok() ? *result : Json::object();
}

}  // namespace stratus::cloudformation
