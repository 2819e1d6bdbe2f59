// RemoteS3Store: the lake contract against a second stratus server started
// on loopback (path-style and virtual-hosted addressing, every request's
// signature verified by the server), or against any endpoint named by
// STRATUS_LAKE_TEST_ENDPOINT (e.g. moto_server: http://127.0.0.1:5055);
// and what is the remote store's own: endpoint checks, signature and
// transport errors.
#include "lake/remote_s3_store.h"

#include <atomic>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/clock.h"
#include "base/format.h"
#include "base/random.h"
#include "lake/object_store_contract.h"
#include "lake/stratus_process_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::lake {
namespace {

using contract::ObjectStoreContract;

constexpr std::string_view kAccessKey = "AKIDLAKECONTRACT";
constexpr std::string_view kSecret = "lake-contract-secret";

std::string EnvOr(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

// The server every test of this binary shares: an external endpoint, or a
// stratus child started on first use (and stopped when the binary exits).
struct SharedServer {
  std::string endpoint = {};
  std::string localhost_endpoint = {};  // For virtual-hosted addressing.
  bool verifies_signatures = false;
  std::unique_ptr<StratusProcess> process = nullptr;
};

Result<const SharedServer*> Server() {
  static std::mutex mu;
  static std::unique_ptr<SharedServer> server;
  static Status failure;
  const std::lock_guard lock(mu);
  if (server != nullptr) {
    return server.get();
  }
  if (!failure.ok()) {
    return failure;
  }
  auto made = std::make_unique<SharedServer>();
  const std::string external = EnvOr("STRATUS_LAKE_TEST_ENDPOINT", "");
  if (!external.empty()) {
    made->endpoint = external;
    // Virtual-hosted addressing needs a name: BUCKET.localhost resolves to loopback.
    if (const size_t at = external.find("127.0.0.1"); at != std::string::npos) {
      made->localhost_endpoint = external;
      made->localhost_endpoint.replace(at, 9, "localhost");
    }
  } else {
    Result<std::unique_ptr<StratusProcess>> process = StratusProcess::Start(
        {.binary = EnvOr("STRATUS_BIN", STRATUS_TEST_BINARY),
         .environment = {{"STRATUS_ACCESS_KEY_ID", std::string(kAccessKey)},
                         {"STRATUS_SECRET_ACCESS_KEY", std::string(kSecret)}}});
    if (!process.ok()) {
      failure = process.status();
      return failure;
    }
    made->process = std::move(process).value();
    made->endpoint = Format("http://127.0.0.1:{}", made->process->port());
    made->localhost_endpoint = Format("http://localhost:{}", made->process->port());
    made->verifies_signatures = true;
  }
  server = std::move(made);
  return server.get();
}

RemoteS3Options OptionsFor(const SharedServer& server, S3Addressing addressing) {
  RemoteS3Options options;
  options.endpoint =
      addressing == S3Addressing::kVirtualHosted ? server.localhost_endpoint : server.endpoint;
  options.addressing = addressing;
  options.access_key_id = std::string(kAccessKey);
  options.secret_access_key = std::string(kSecret);
  options.initial_backoff_millis = 10;
  return options;
}

class RemoteContractStore final : public contract::ContractStore {
 public:
  static Result<std::unique_ptr<contract::ContractStore>> Make(S3Addressing addressing) {
    STRATUS_ASSIGN_OR_RETURN(const SharedServer* server, Server());
    if (addressing == S3Addressing::kVirtualHosted && server->localhost_endpoint.empty()) {
      return Status::FailedPrecondition(
          "virtual-hosted addressing needs a loopback endpoint (BUCKET.localhost)");
    }
    auto made = std::make_unique<RemoteContractStore>();
    STRATUS_ASSIGN_OR_RETURN(made->store_,
                             RemoteS3Store::Open(OptionsFor(*server, addressing), made->clock_));
    static std::atomic<int> counter = 0;
    static IdGenerator ids;
    made->bucket_ = Format("lake-contract-{}-{}", ids.Hex(3), counter++);
    STRATUS_RETURN_IF_ERROR(made->store_->CreateBucket(made->bucket_));
    return std::unique_ptr<contract::ContractStore>(std::move(made));
  }

  ObjectStore& store() override { return *store_; }

  std::string bucket() const override { return bucket_; }

  std::string key_root() const override { return ""; }

 private:
  SystemClock clock_;
  std::unique_ptr<RemoteS3Store> store_;
  std::string bucket_;
};

contract::ContractTarget RemoteTarget(std::string name, S3Addressing addressing) {
  return contract::ContractTarget{.name = std::move(name),
                                  .capabilities = {.arbitrary_keys = true,
                                                   .reader_keeps_replaced_bytes = false,
                                                   .multipart_etags = true,
                                                   .modification_times = true},
                                  .make = [addressing] {
                                    return RemoteContractStore::Make(addressing);
                                  }};
}

INSTANTIATE_TEST_SUITE_P(Remote,
                         ObjectStoreContract,
                         ::testing::Values(RemoteTarget("PathStyle", S3Addressing::kPathStyle),
                                           RemoteTarget("VirtualHosted",
                                                        S3Addressing::kVirtualHosted)),
                         contract::ContractTargetName);

class RemoteS3StoreTest : public ::testing::Test {
 protected:
  SystemClock clock_;
};

TEST_F(RemoteS3StoreTest, RefusesMalformedEndpoints) {
  for (const char* endpoint : {"", "localhost:4566", "ftp://host", "http://", "http://h/path",
                               "http://user@host", "http://h:1/?q"}) {
    SCOPED_TRACE(endpoint);
    EXPECT_STATUS(StatusCode::kInvalidArgument,
                  RemoteS3Store::Open(RemoteS3Options{.endpoint = endpoint}, clock_));
  }
  EXPECT_OK(RemoteS3Store::Open(RemoteS3Options{.endpoint = "https://s3.amazonaws.com/"}, clock_));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                RemoteS3Store::Open(
                    RemoteS3Options{.endpoint = "http://h:1", .part_size = 1024 * 1024}, clock_));
}

TEST_F(RemoteS3StoreTest, UnreachableEndpointIsAnIoErrorAfterRetries) {
  RemoteS3Options options{.endpoint = "http://127.0.0.1:1"};
  options.max_attempts = 2;
  options.initial_backoff_millis = 1;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RemoteS3Store> store, RemoteS3Store::Open(options, clock_));
  const Result<ObjectInfo> head = store->Head("bucket", "key");
  EXPECT_EQ(head.status().code(), StatusCode::kIoError) << head.status().ToString();
  EXPECT_THAT(head.status().message(), ::testing::HasSubstr("127.0.0.1:1"));
}

TEST_F(RemoteS3StoreTest, ServerErrorsKeepTheirS3Codes) {
  Result<const SharedServer*> server = Server();
  if (!server.ok()) {
    GTEST_SKIP() << server.status().message();
  }
  RemoteS3Options options = OptionsFor(**server, S3Addressing::kPathStyle);
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RemoteS3Store> store, RemoteS3Store::Open(options, clock_));
  const Status missing_bucket = store->Read("no-such-bucket-here", "k").status();
  EXPECT_EQ(missing_bucket.code(), StatusCode::kNotFound) << missing_bucket.ToString();
  EXPECT_EQ(missing_bucket.aws_type(), "NoSuchBucket");
  ASSERT_OK(store->CreateBucket("lake-errors"));
  ASSERT_OK(store->CreateBucket("lake-errors"));  // Owned already: fine.
  const Status missing_key = store->Read("lake-errors", "nothing").status();
  EXPECT_EQ(missing_key.aws_type(), "NoSuchKey");
  ASSERT_OK(store->Write("lake-errors", "k", "x", {}));
  const Status range = store->Read("lake-errors", "k", ByteRange{.first = 5, .last = 9}).status();
  EXPECT_EQ(range.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(range.aws_type(), "InvalidRange");
  if ((*server)->verifies_signatures) {
    options.secret_access_key = "not-the-secret";
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<RemoteS3Store> forged,
                         RemoteS3Store::Open(options, clock_));
    const Status denied = forged->Read("lake-errors", "k").status();
    EXPECT_EQ(denied.code(), StatusCode::kUnauthenticated) << denied.ToString();
    EXPECT_EQ(denied.aws_type(), "SignatureDoesNotMatch");
  }
}

}  // namespace
}  // namespace stratus::lake
