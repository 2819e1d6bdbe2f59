#include <future>
#include <string>

#include <gtest/gtest.h>

#include "aws/model/model_registry.h"
#include "aws/operation_table.h"
#include "aws/request_context.h"
#include "base/fake_clock.h"
#include "base/random.h"
#include "iam/api/operations.h"
#include "iam/iam_store.h"
#include "storage/temp_dir_for_test.h"
#include "sts/api/operations.h"
#include "testing/status_matchers.h"

namespace stratus::sts {
namespace {

constexpr int64_t kNow = 1'700'000'000'000;
constexpr uint64_t kSeed = 7;
constexpr std::string_view kTrust =
    R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]})";

// Drives STS (and IAM, which it reads) through the operation table, as the
// front door and in-process callers do.
class StsOperationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<iam::IamStore>> opened = iam::IamStore::Open(
        dir_.File("iam.db"),
        iam::IamStoreOptions{
            .account_id = "123456789012", .fsync = false, .clock = &clock_, .ids = &ids_});
    ASSERT_OK(opened.status());
    store_ = *std::move(opened);
    iam::RegisterIamOperations(table_, models_, *store_);
    RegisterStsOperations(table_, models_, *store_);
  }

  Result<Json> Call(std::string_view service,
                    std::string_view operation,
                    Json input,
                    std::string access_key_id = "AKIDCONFIGURED") {
    aws::RequestContext context{.account_id = "123456789012",
                                .access_key_id = std::move(access_key_id),
                                .service = std::string(service),
                                .operation = std::string(operation)};
    std::promise<Result<Json>> promise;
    table_.Invoke(context, service, operation, std::move(input),
                  [&promise](Result<Json> result) { promise.set_value(std::move(result)); });
    return promise.get_future().get();
  }

  storage::TempDir dir_;
  FakeClock clock_{FromUnixMillis(kNow)};
  IdGenerator ids_{kSeed};
  aws::ModelRegistry models_;
  aws::OperationTable table_;
  std::unique_ptr<iam::IamStore> store_;
};

TEST_F(StsOperationsTest, CallerIdentityFollowsTheSigningKey) {
  ASSERT_OK_AND_ASSIGN(Json root, Call("sts", "GetCallerIdentity", Json::object()));
  EXPECT_EQ(root["Arn"], "arn:aws:iam::123456789012:root");
  EXPECT_EQ(root["UserId"], "123456789012");

  ASSERT_OK_AND_ASSIGN(
      Json role,
      Call("iam", "CreateRole", {{"RoleName", "Loader"}, {"AssumeRolePolicyDocument", kTrust}}));
  ASSERT_OK_AND_ASSIGN(Json assumed, Call("sts", "AssumeRole",
                                          {{"RoleArn", role["Role"]["Arn"]},
                                           {"RoleSessionName", "nightly"},
                                           {"DurationSeconds", 900}}));
  const std::string key = assumed["Credentials"]["AccessKeyId"];
  EXPECT_EQ(assumed["Credentials"]["Expiration"], (kNow + 900'000) / 1000.0);
  ASSERT_OK_AND_ASSIGN(Json as_role, Call("sts", "GetCallerIdentity", Json::object(), key));
  EXPECT_EQ(as_role["Arn"], "arn:aws:sts::123456789012:assumed-role/Loader/nightly");
  EXPECT_EQ(as_role["UserId"], std::string(role["Role"]["RoleId"]) + ":nightly");
  EXPECT_EQ(as_role["Account"], "123456789012");
}

TEST_F(StsOperationsTest, AssumeRoleRefusesUnknownRolesAndLongSessions) {
  Result<Json> unknown =
      Call("sts", "AssumeRole",
           {{"RoleArn", "arn:aws:iam::123456789012:role/Nobody"}, {"RoleSessionName", "s1"}});
  EXPECT_EQ(unknown.status().aws_type(), "AccessDenied");
  EXPECT_EQ(unknown.status().http_status(), 403);

  ASSERT_OK(Call("iam", "CreateRole", {{"RoleName", "Short"}, {"AssumeRolePolicyDocument", kTrust}})
                .status());
  Result<Json> too_long = Call("sts", "AssumeRole",
                               {{"RoleArn", "arn:aws:iam::123456789012:role/Short"},
                                {"RoleSessionName", "s1"},
                                {"DurationSeconds", 3601}});
  EXPECT_EQ(too_long.status().aws_type(), "ValidationError");
  Result<Json> too_short = Call("sts", "AssumeRole",
                                {{"RoleArn", "arn:aws:iam::123456789012:role/Short"},
                                 {"RoleSessionName", "s1"},
                                 {"DurationSeconds", 899}});
  EXPECT_EQ(too_short.status().aws_type(), "ValidationError");
}

TEST_F(StsOperationsTest, SessionCredentialsCannotMakeMore) {
  ASSERT_OK_AND_ASSIGN(Json token, Call("sts", "GetSessionToken", Json::object()));
  const std::string key = token["Credentials"]["AccessKeyId"];
  EXPECT_EQ(token["Credentials"]["Expiration"], (kNow + 43'200'000) / 1000.0);
  Result<Json> again = Call("sts", "GetSessionToken", Json::object(), key);
  EXPECT_EQ(again.status().aws_type(), "AccessDenied");
  ASSERT_OK_AND_ASSIGN(Json identity, Call("sts", "GetCallerIdentity", Json::object(), key));
  EXPECT_EQ(identity["Arn"], "arn:aws:iam::123456789012:root");
}

}  // namespace
}  // namespace stratus::sts
