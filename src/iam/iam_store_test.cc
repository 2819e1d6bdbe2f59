#include "iam/iam_store.h"

#include <chrono>
#include <future>

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "base/random.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::iam {
namespace {

using namespace std::chrono_literals;

constexpr int64_t kNow = 1'700'000'000'000;
constexpr uint64_t kSeed = 42;
constexpr std::string_view kTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":)"
    R"({"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]})";

template <typename T>
Result<T> Wait(const std::function<void(Done<T>)>& start) {
  std::promise<Result<T>> promise;
  start([&promise](Result<T> result) { promise.set_value(std::move(result)); });
  return promise.get_future().get();
}

class IamStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    store_.reset();
    Result<std::unique_ptr<IamStore>> opened = IamStore::Open(
        dir_.File("iam.db"),
        IamStoreOptions{
            .account_id = "123456789012", .fsync = false, .clock = &clock_, .ids = &ids_});
    ASSERT_OK(opened.status());
    store_ = *std::move(opened);
  }

  Result<Role> CreateRole(const std::string& name, const std::string& path = "/") {
    return Wait<Role>([&](Done<Role> done) {
      store_->CreateRole(
          RoleSpec{.name = name, .path = path, .assume_role_policy = std::string(kTrust)},
          std::move(done));
    });
  }

  Result<ManagedPolicy> CreatePolicy(const std::string& name) {
    return Wait<ManagedPolicy>([&](Done<ManagedPolicy> done) {
      store_->CreatePolicy(PolicySpec{.name = name, .document = "{}"}, std::move(done));
    });
  }

  Status Run(const std::function<void(Done<bool>)>& start) { return Wait<bool>(start).status(); }

  storage::TempDir dir_;
  FakeClock clock_{FromUnixMillis(kNow)};
  IdGenerator ids_{kSeed};
  std::unique_ptr<IamStore> store_;
};

TEST_F(IamStoreTest, RoleGetsAwsShapedIdArnAndDate) {
  ASSERT_OK_AND_ASSIGN(Role role, CreateRole("Loader", "/etl/"));
  EXPECT_EQ(role.arn, "arn:aws:iam::123456789012:role/etl/Loader");
  ASSERT_EQ(role.id.size(), 21u);
  EXPECT_TRUE(role.id.starts_with("AROA"));
  EXPECT_EQ(role.created_millis, kNow);
  ASSERT_OK_AND_ASSIGN(Role got, store_->GetRole("Loader"));
  EXPECT_EQ(got.id, role.id);
  EXPECT_EQ(got.assume_role_policy, kTrust);
}

TEST_F(IamStoreTest, RoleNamesConflictWithoutRegardToCase) {
  ASSERT_OK(CreateRole("MyRole").status());
  Result<Role> again = CreateRole("myrole");
  EXPECT_STATUS(StatusCode::kAlreadyExists, again.status());
  EXPECT_EQ(again.status().aws_type(), "EntityAlreadyExists");
  ASSERT_OK_AND_ASSIGN(Role found, store_->GetRole("MYROLE"));
  EXPECT_EQ(found.name, "MyRole");
}

TEST_F(IamStoreTest, ListRolesPagesByNameWithMarker) {
  for (const char* name : {"c", "a", "b", "d", "e"}) {
    ASSERT_OK(CreateRole(name).status());
  }
  ASSERT_OK_AND_ASSIGN(Page<Role> first, store_->ListRoles("/", PageRequest{.max_items = 2}));
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0].name, "a");
  ASSERT_TRUE(first.marker.has_value());
  ASSERT_OK_AND_ASSIGN(
      Page<Role> second,
      store_->ListRoles("/", PageRequest{.marker = *first.marker, .max_items = 3}));
  ASSERT_EQ(second.items.size(), 3u);
  EXPECT_EQ(second.items[0].name, "c");
  EXPECT_FALSE(second.marker.has_value());
}

TEST_F(IamStoreTest, RoleWithPoliciesOrProfilesCannotBeDeleted) {
  ASSERT_OK(CreateRole("r").status());
  ASSERT_OK(Run([&](Done<bool> done) {
    store_->PutInlinePolicy(PrincipalKind::kRole, "r", "p", "{}", std::move(done));
  }));
  Status conflict = Run([&](Done<bool> done) { store_->DeleteRole("r", std::move(done)); });
  EXPECT_EQ(conflict.aws_type(), "DeleteConflict");
  ASSERT_OK(Run([&](Done<bool> done) {
    store_->DeleteInlinePolicy(PrincipalKind::kRole, "r", "P", std::move(done));
  }));
  ASSERT_OK(Run([&](Done<bool> done) {
    store_->AttachPolicy(PrincipalKind::kRole, "r", "arn:aws:iam::aws:policy/ReadOnlyAccess",
                         std::move(done));
  }));
  EXPECT_EQ(Run([&](Done<bool> done) { store_->DeleteRole("r", std::move(done)); }).aws_type(),
            "DeleteConflict");
  ASSERT_OK(Run([&](Done<bool> done) {
    store_->DetachPolicy(PrincipalKind::kRole, "r", "arn:aws:iam::aws:policy/ReadOnlyAccess",
                         std::move(done));
  }));
  ASSERT_OK(Wait<InstanceProfile>([&](Done<InstanceProfile> done) {
              store_->CreateInstanceProfile("ip", "/", std::move(done));
            }).status());
  ASSERT_OK(
      Run([&](Done<bool> done) { store_->AddRoleToInstanceProfile("ip", "r", std::move(done)); }));
  EXPECT_EQ(Run([&](Done<bool> done) { store_->DeleteRole("r", std::move(done)); }).aws_type(),
            "DeleteConflict");
  ASSERT_OK(Run(
      [&](Done<bool> done) { store_->RemoveRoleFromInstanceProfile("ip", "r", std::move(done)); }));
  ASSERT_OK(Run([&](Done<bool> done) { store_->DeleteRole("r", std::move(done)); }));
  EXPECT_EQ(store_->GetRole("r").status().aws_type(), "NoSuchEntity");
}

TEST_F(IamStoreTest, PolicyKeepsAtMostFiveVersionsAndItsDefault) {
  ASSERT_OK_AND_ASSIGN(ManagedPolicy policy, CreatePolicy("read"));
  EXPECT_TRUE(policy.id.starts_with("ANPA"));
  for (int i = 2; i <= 5; ++i) {
    ASSERT_OK_AND_ASSIGN(PolicyVersion version, Wait<PolicyVersion>([&](Done<PolicyVersion> done) {
                           store_->CreatePolicyVersion(policy.arn, "{}", i == 3, std::move(done));
                         }));
    EXPECT_EQ(version.version_id, "v" + std::to_string(i));
  }
  Result<PolicyVersion> sixth = Wait<PolicyVersion>([&](Done<PolicyVersion> done) {
    store_->CreatePolicyVersion(policy.arn, "{}", false, std::move(done));
  });
  EXPECT_EQ(sixth.status().aws_type(), "LimitExceeded");
  ASSERT_OK_AND_ASSIGN(ManagedPolicy got, store_->GetPolicy(policy.arn));
  EXPECT_EQ(got.default_version_id, "v3");
  EXPECT_EQ(Run([&](Done<bool> done) {
              store_->DeletePolicyVersion(policy.arn, "v3", std::move(done));
            }).aws_type(),
            "DeleteConflict");
  ASSERT_OK(Run(
      [&](Done<bool> done) { store_->DeletePolicyVersion(policy.arn, "v1", std::move(done)); }));
  ASSERT_OK_AND_ASSIGN(std::vector<PolicyVersion> versions, store_->ListPolicyVersions(policy.arn));
  ASSERT_EQ(versions.size(), 4u);
  EXPECT_EQ(versions[0].version_id, "v5");
  EXPECT_TRUE(versions[2].is_default);
}

TEST_F(IamStoreTest, AttachedPolicyCannotBeDeletedAndCountsAttachments) {
  ASSERT_OK(CreateRole("r").status());
  ASSERT_OK_AND_ASSIGN(ManagedPolicy policy, CreatePolicy("p"));
  ASSERT_OK(Run([&](Done<bool> done) {
    store_->AttachPolicy(PrincipalKind::kRole, "r", policy.arn, std::move(done));
  }));
  ASSERT_OK_AND_ASSIGN(ManagedPolicy got, store_->GetPolicy(policy.arn));
  EXPECT_EQ(got.attachment_count, 1);
  EXPECT_EQ(
      Run([&](Done<bool> done) { store_->DeletePolicy(policy.arn, std::move(done)); }).aws_type(),
      "DeleteConflict");
  ASSERT_OK_AND_ASSIGN(Page<ManagedPolicy> attached,
                       store_->ListPolicies(PolicyFilter{.only_attached = true}, PageRequest{}));
  EXPECT_EQ(attached.items.size(), 1u);
  EXPECT_EQ(Run([&](Done<bool> done) {
              store_->AttachPolicy(PrincipalKind::kRole, "r",
                                   "arn:aws:iam::123456789012:policy/missing", std::move(done));
            }).aws_type(),
            "NoSuchEntity");
}

TEST_F(IamStoreTest, AccessKeysAndSessionsAreFoundAsCredentials) {
  ASSERT_OK(Wait<User>([&](Done<User> done) {
              store_->CreateUser("alice", "/", {}, std::move(done));
            }).status());
  ASSERT_OK_AND_ASSIGN(AccessKey key, Wait<AccessKey>([&](Done<AccessKey> done) {
                         store_->CreateAccessKey("alice", std::move(done));
                       }));
  EXPECT_TRUE(key.access_key_id.starts_with("AKIA"));
  EXPECT_EQ(key.access_key_id.size(), 20u);
  EXPECT_EQ(key.secret_access_key.size(), 40u);
  ASSERT_OK_AND_ASSIGN(std::optional<Credential> found, store_->FindCredential(key.access_key_id));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->secret_access_key, key.secret_access_key);
  EXPECT_EQ(found->arn, "arn:aws:iam::123456789012:user/alice");

  ASSERT_OK_AND_ASSIGN(Session session, Wait<Session>([&](Done<Session> done) {
                         store_->CreateSession("arn:aws:sts::123456789012:assumed-role/r/s",
                                               "AROAX:s", 900, std::move(done));
                       }));
  EXPECT_TRUE(session.access_key_id.starts_with("ASIA"));
  EXPECT_EQ(session.expires_millis, kNow + 900'000);
  Reopen();
  ASSERT_OK_AND_ASSIGN(std::optional<Credential> temporary,
                       store_->FindCredential(session.access_key_id));
  ASSERT_TRUE(temporary.has_value());
  EXPECT_EQ(temporary->session_token, session.session_token);
  EXPECT_EQ(temporary->expires_millis, session.expires_millis);
  ASSERT_OK_AND_ASSIGN(std::optional<Credential> unknown, store_->FindCredential("AKIAUNKNOWN"));
  EXPECT_FALSE(unknown.has_value());
}

TEST_F(IamStoreTest, UserWithKeysCannotBeDeleted) {
  ASSERT_OK(Wait<User>([&](Done<User> done) {
              store_->CreateUser("bob", "/", {}, std::move(done));
            }).status());
  ASSERT_OK_AND_ASSIGN(AccessKey key, Wait<AccessKey>([&](Done<AccessKey> done) {
                         store_->CreateAccessKey("bob", std::move(done));
                       }));
  ASSERT_OK(Wait<AccessKey>([&](Done<AccessKey> done) {
              store_->CreateAccessKey("bob", std::move(done));
            }).status());
  EXPECT_EQ(Wait<AccessKey>(
                [&](Done<AccessKey> done) { store_->CreateAccessKey("bob", std::move(done)); })
                .status()
                .aws_type(),
            "LimitExceeded");
  EXPECT_EQ(Run([&](Done<bool> done) { store_->DeleteUser("bob", std::move(done)); }).aws_type(),
            "DeleteConflict");
  ASSERT_OK(Run([&](Done<bool> done) {
    store_->UpdateAccessKey("bob", key.access_key_id, false, std::move(done));
  }));
  ASSERT_OK_AND_ASSIGN(std::vector<AccessKey> keys, store_->ListAccessKeys("bob"));
  ASSERT_EQ(keys.size(), 2u);
}

}  // namespace
}  // namespace stratus::iam
