// s3::LakeStore runs the lake contract (lake/object_store_contract.h) over a
// real s3::Engine in a temporary directory: the same suite FileStore and
// RemoteS3Store run.
#include <future>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "base/random.h"
#include "io/posix_file_system.h"
#include "lake/object_store_contract.h"
#include "s3/engine.h"
#include "s3/lake_store.h"
#include "storage/temp_dir_for_test.h"

namespace stratus::s3 {
namespace {

using lake::contract::ObjectStoreContract;

class EngineContractStore final : public lake::contract::ContractStore {
 public:
  ~EngineContractStore() override {
    store_.reset();
    if (engine_ != nullptr) {
      engine_->Stop();
    }
  }

  static Result<std::unique_ptr<lake::contract::ContractStore>> Make() {
    auto made = std::make_unique<EngineContractStore>();
    STRATUS_ASSIGN_OR_RETURN(made->engine_,
                             Engine::Open(EngineOptions{.data_dir = made->dir_.path(),
                                                        .max_inline_bytes = 4096,
                                                        .fsync = false,
                                                        .num_file_threads = 2},
                                          made->files_, made->clock_, made->ids_));
    auto promise = std::make_shared<std::promise<Result<BucketInfo>>>();
    made->engine_->CreateBucket(
        BucketInfo{.name = "lake", .region = "us-east-1", .owner_account = "000000000000"},
        [promise](Result<BucketInfo> result) { promise->set_value(std::move(result)); });
    STRATUS_RETURN_IF_ERROR(promise->get_future().get().status());
    made->store_ = std::make_unique<LakeStore>(*made->engine_);
    return std::unique_ptr<lake::contract::ContractStore>(std::move(made));
  }

  lake::ObjectStore& store() override { return *store_; }

  std::string bucket() const override { return "lake"; }

  std::string key_root() const override { return ""; }

 private:
  storage::TempDir dir_;
  io::PosixFileSystem files_;
  FakeClock clock_;
  IdGenerator ids_{42};
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<LakeStore> store_;
};

INSTANTIATE_TEST_SUITE_P(LocalS3,
                         ObjectStoreContract,
                         ::testing::Values(lake::contract::ContractTarget{
                             .name = "LakeStore",
                             .capabilities = {.arbitrary_keys = true,
                                              .reader_keeps_replaced_bytes = true,
                                              .multipart_etags = false,
                                              .modification_times = true},
                             .make = &EngineContractStore::Make}),
                         lake::contract::ContractTargetName);

}  // namespace
}  // namespace stratus::s3
