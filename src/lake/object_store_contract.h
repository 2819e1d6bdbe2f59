#pragma once

// The lake's contract as one value-parameterised gtest suite,
// ObjectStoreContract, that every ObjectStore implementation runs: each test
// binary instantiates it with the stores it can build,
//
//   INSTANTIATE_TEST_SUITE_P(File, ObjectStoreContract,
//                            ::testing::Values(FileStoreTarget()), ContractTargetName);
//
// and links the suite's object library (stratus_lake_contract), whose tests
// register themselves with gtest when the binary starts. For tests only.

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "base/result.h"
#include "lake/object_store.h"

namespace stratus::lake::contract {

/// One fresh store for one test.
class ContractStore {
 public:
  virtual ~ContractStore() = default;
  virtual ObjectStore& store() = 0;
  /// The bucket the test uses (it exists and is empty).
  virtual std::string bucket() const = 0;
  /// Goes before every key the test uses: "" for S3 stores, an empty
  /// directory's path and '/' for FileStore.
  virtual std::string key_root() const = 0;
};

/// Where implementations may differ, as their headers document.
struct ContractCapabilities {
  /// Keys may be any UTF-8 ("../x", "a//b", "dir/"); when false such keys
  /// are InvalidArgument (FileStore).
  bool arbitrary_keys = true;
  /// An open reader keeps the bytes it opened after the object is replaced;
  /// when false, its next fetch fails with FailedPrecondition instead
  /// (RemoteS3Store).
  bool reader_keeps_replaced_bytes = true;
  /// A large object written through a writer is a multipart upload, whose
  /// ETag ends in "-<number of parts>" (RemoteS3Store).
  bool multipart_etags = false;
  /// Modification times are real (FileStore over InMemoryFileSystem has none).
  bool modification_times = true;
};

/// An implementation under test.
struct ContractTarget {
  std::string name = {};
  ContractCapabilities capabilities = {};
  /// Makes a fresh store. FailedPrecondition means "cannot run here" (a
  /// binary or server missing): the test is skipped with its message.
  std::function<Result<std::unique_ptr<ContractStore>>()> make = nullptr;
};

/// Names an instantiation's tests after the target.
std::string ContractTargetName(const ::testing::TestParamInfo<ContractTarget>& info);

/// Prints a target (gtest shows it when a test fails).
void PrintTo(const ContractTarget& target, std::ostream* out);

/// The fixture of the contract suite.
class ObjectStoreContract : public ::testing::TestWithParam<ContractTarget> {
 protected:
  void SetUp() override;
  void TearDown() override;

  ObjectStore& store() { return store_->store(); }

  const std::string& bucket() const { return bucket_; }

  const ContractCapabilities& capabilities() const { return GetParam().capabilities; }

  /// Returns the full key of `name` (key_root() + name).
  std::string Key(std::string_view name) const { return root_ + std::string(name); }

  /// Returns the key with the root taken off.
  std::string Name(std::string_view key) const;

 private:
  std::unique_ptr<ContractStore> store_;
  std::string bucket_;
  std::string root_;
};

}  // namespace stratus::lake::contract
