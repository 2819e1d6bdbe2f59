// The lake contract (see object_store_contract.h). Every test runs on a fresh
// store from the target; keys go under the store's key root.

#include "lake/object_store_contract.h"

#include <algorithm>
#include <atomic>
#include <latch>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include <gmock/gmock.h>

#include "base/format.h"
#include "testing/status_matchers.h"

namespace stratus::lake::contract {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

constexpr size_t kMiB = 1024 * 1024;

// Returns `size` pseudo-random bytes, the same for the same seed.
std::string Bytes(size_t size, uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::string out(size, '\0');
  for (size_t i = 0; i < size; i += 8) {
    const uint64_t word = engine();
    for (size_t j = 0; j < 8 && i + j < size; ++j) {
      out[i + j] = static_cast<char>(word >> (8 * j));
    }
  }
  return out;
}

WriteOptions IfAbsent() {
  return WriteOptions{.condition = WriteCondition{.if_absent = true, .if_match = std::nullopt},
                      .content_type = {}};
}

WriteOptions IfMatch(std::string etag) {
  return WriteOptions{.condition = WriteCondition{.if_absent = false, .if_match = std::move(etag)},
                      .content_type = {}};
}

// Reads everything `reader` has, in pieces of `piece` bytes.
Result<std::string> ReadAll(const ObjectReader& reader, size_t piece) {
  std::string out;
  std::string buffer(piece, '\0');
  while (out.size() < reader.size()) {
    STRATUS_ASSIGN_OR_RETURN(size_t got, reader.ReadAt(out.size(), buffer));
    if (got == 0) {
      return Status::IoError(Format("short read at {}", out.size()));
    }
    out.append(buffer.data(), got);
  }
  return out;
}

// Reads `length` bytes at `offset`; the error, or the bytes read.
Result<std::string> ReadAtOffset(const ObjectReader& reader, uint64_t offset, size_t length) {
  std::string buffer(length, '\0');
  STRATUS_ASSIGN_OR_RETURN(size_t got, reader.ReadAt(offset, buffer));
  buffer.resize(got);
  return buffer;
}

}  // namespace

std::string ContractTargetName(const ::testing::TestParamInfo<ContractTarget>& info) {
  return info.param.name;
}

void PrintTo(const ContractTarget& target, std::ostream* out) {
  *out << target.name;
}

void ObjectStoreContract::SetUp() {
  Result<std::unique_ptr<ContractStore>> made = GetParam().make();
  if (!made.ok()) {
    if (made.status().code() == StatusCode::kFailedPrecondition) {
      GTEST_SKIP() << made.status().message();
    }
    FAIL() << "cannot make the store: " << made.status().ToString();
  }
  store_ = std::move(made).value();
  bucket_ = store_->bucket();
  root_ = store_->key_root();
}

void ObjectStoreContract::TearDown() {
  store_.reset();
}

std::string ObjectStoreContract::Name(std::string_view key) const {
  return std::string(key.starts_with(root_) ? key.substr(root_.size()) : key);
}

TEST_P(ObjectStoreContract, WrittenObjectReadsBackWithItsHead) {
  ASSERT_OK_AND_ASSIGN(ObjectInfo written, store().Write(bucket(), Key("hello.txt"), "hello", {}));
  EXPECT_EQ(written.key, Key("hello.txt"));
  EXPECT_EQ(written.size, 5U);
  EXPECT_FALSE(written.etag.empty());
  EXPECT_EQ(store().Read(bucket(), Key("hello.txt")).value_or("<error>"), "hello");
  ASSERT_OK_AND_ASSIGN(ObjectInfo head, store().Head(bucket(), Key("hello.txt")));
  EXPECT_EQ(head.key, Key("hello.txt"));
  EXPECT_EQ(head.size, 5U);
  EXPECT_EQ(head.etag, written.etag);
  if (capabilities().modification_times) {
    EXPECT_GT(head.modified_millis, 0);
  }
}

TEST_P(ObjectStoreContract, MissingObjectIsNotFound) {
  EXPECT_STATUS(StatusCode::kNotFound, store().Head(bucket(), Key("missing")));
  EXPECT_STATUS(StatusCode::kNotFound, store().Read(bucket(), Key("missing")));
  EXPECT_STATUS(StatusCode::kNotFound, store().Open(bucket(), Key("missing")));
}

TEST_P(ObjectStoreContract, ReplacingAnObjectChangesItsETag) {
  ASSERT_OK_AND_ASSIGN(ObjectInfo first, store().Write(bucket(), Key("k"), "first", {}));
  ASSERT_OK_AND_ASSIGN(ObjectInfo second, store().Write(bucket(), Key("k"), "other", {}));
  EXPECT_NE(first.etag, second.etag);
  EXPECT_EQ(store().Read(bucket(), Key("k")).value_or("<error>"), "other");
  EXPECT_EQ(store().Head(bucket(), Key("k")).value().etag, second.etag);
}

TEST_P(ObjectStoreContract, EmptyObjectIsAnObject) {
  ASSERT_OK(store().Write(bucket(), Key("empty"), "", {}));
  EXPECT_EQ(store().Read(bucket(), Key("empty")).value_or("<error>"), "");
  EXPECT_EQ(store().Head(bucket(), Key("empty")).value().size, 0U);
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ObjectReader> reader, store().Open(bucket(), Key("empty")));
  EXPECT_EQ(reader->size(), 0U);
  EXPECT_EQ(ReadAtOffset(*reader, 0, 10).value_or("<error>"), "");
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                store().Read(bucket(), Key("empty"), ByteRange{.first = 0, .last = 0}));
}

TEST_P(ObjectStoreContract, ReadsRangesAndRefusesThosePastTheEnd) {
  const std::string bytes = Bytes(100, 1);
  ASSERT_OK(store().Write(bucket(), Key("r"), bytes, {}));
  EXPECT_EQ(store().Read(bucket(), Key("r"), ByteRange{.first = 10, .last = 19}).value(),
            bytes.substr(10, 10));
  EXPECT_EQ(store().Read(bucket(), Key("r"), ByteRange{.first = 0, .last = 0}).value(),
            bytes.substr(0, 1));
  EXPECT_EQ(store().Read(bucket(), Key("r"), ByteRange{.first = 99, .last = 99}).value(),
            bytes.substr(99));
  // A range that ends past the object is cut at its end, as HTTP ranges are.
  EXPECT_EQ(store().Read(bucket(), Key("r"), ByteRange{.first = 90, .last = 1000}).value(),
            bytes.substr(90));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                store().Read(bucket(), Key("r"), ByteRange{.first = 100, .last = 105}));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                store().Read(bucket(), Key("r"), ByteRange{.first = 500, .last = 600}));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                store().Read(bucket(), Key("r"), ByteRange{.first = 5, .last = 4}));
}

TEST_P(ObjectStoreContract, ReaderReadsAtAnyOffset) {
  const std::string bytes = Bytes(kMiB + 17, 2);
  ASSERT_OK_AND_ASSIGN(ObjectInfo written, store().Write(bucket(), Key("big"), bytes, {}));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ObjectReader> reader, store().Open(bucket(), Key("big")));
  EXPECT_EQ(reader->size(), bytes.size());
  EXPECT_EQ(reader->etag(), written.etag);
  const uint64_t size = bytes.size();
  for (uint64_t offset : {uint64_t{0}, uint64_t{1}, uint64_t{4095}, uint64_t{262143},
                          uint64_t{262144}, uint64_t{524289}, size - 100, size - 1}) {
    SCOPED_TRACE(Format("offset {}", offset));
    EXPECT_EQ(ReadAtOffset(*reader, offset, 100).value_or("<error>"), bytes.substr(offset, 100));
  }
  // At or past the end: nothing, and no error.
  EXPECT_EQ(ReadAtOffset(*reader, size, 10).value_or("<error>"), "");
  EXPECT_EQ(ReadAtOffset(*reader, size + 5, 10).value_or("<error>"), "");
  // Backwards, and a read bigger than any read-ahead.
  EXPECT_EQ(ReadAtOffset(*reader, 3, 5).value_or("<error>"), bytes.substr(3, 5));
  EXPECT_EQ(ReadAtOffset(*reader, 7, 600'000).value_or("<error>"), bytes.substr(7, 600'000));
  EXPECT_EQ(ReadAll(*reader, 65'536).value_or("<error>"), bytes);
  EXPECT_EQ(ReadAll(*reader, 1000).value_or("<error>"), bytes);
}

TEST_P(ObjectStoreContract, ReaderServesSeveralThreadsAtOnce) {
  const std::string bytes = Bytes(2 * kMiB, 3);
  ASSERT_OK(store().Write(bucket(), Key("shared"), bytes, {}));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ObjectReader> reader, store().Open(bucket(), Key("shared")));
  std::atomic<int> mismatches = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      const uint64_t seed = 100 + t;
      std::mt19937_64 engine(seed);
      for (int i = 0; i < 40; ++i) {
        const uint64_t offset = engine() % bytes.size();
        const size_t length = 1 + engine() % 5000;
        Result<std::string> got = ReadAtOffset(*reader, offset, length);
        if (!got.ok() || *got != bytes.substr(offset, length)) {
          ++mismatches;
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(mismatches.load(), 0) << "seeds 100-103";
}

TEST_P(ObjectStoreContract, WriterPublishesNothingUntilCommit) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ObjectWriter> writer,
                       store().Create(bucket(), Key("dir/pending"), {}));
  ASSERT_OK(writer->Append("some "));
  ASSERT_OK(writer->Append("bytes"));
  EXPECT_STATUS(StatusCode::kNotFound, store().Head(bucket(), Key("dir/pending")));
  ListOptions options{.prefix = Key(""), .delimiter = {}, .after = {}, .max_keys = 1000};
  EXPECT_THAT(store().List(bucket(), options).value().objects, IsEmpty());
  ASSERT_OK_AND_ASSIGN(ObjectInfo info, writer->Commit());
  EXPECT_EQ(info.size, 10U);
  EXPECT_EQ(store().Read(bucket(), Key("dir/pending")).value_or("<error>"), "some bytes");
  ASSERT_OK_AND_ASSIGN(ListPage page, store().List(bucket(), options));
  ASSERT_EQ(page.objects.size(), 1U);
  EXPECT_EQ(page.objects[0].key, Key("dir/pending"));
  EXPECT_EQ(page.objects[0].etag, info.etag);
  EXPECT_EQ(page.objects[0].size, 10U);
}

TEST_P(ObjectStoreContract, AbandonedWriterLeavesNoObject) {
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<ObjectWriter> writer,
                         store().Create(bucket(), Key("abandoned"), {}));
    ASSERT_OK(writer->Append(Bytes(9 * kMiB, 4)));  // Past one part: an upload started.
  }
  EXPECT_STATUS(StatusCode::kNotFound, store().Head(bucket(), Key("abandoned")));
  ListOptions options{.prefix = Key(""), .delimiter = {}, .after = {}, .max_keys = 1000};
  EXPECT_THAT(store().List(bucket(), options).value().objects, IsEmpty());
}

TEST_P(ObjectStoreContract, LargeObjectStreamsThroughTheWriter) {
  const std::string bytes = Bytes(20 * kMiB, 5);
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ObjectWriter> writer,
                       store().Create(bucket(), Key("large.bin"), {}));
  for (size_t offset = 0; offset < bytes.size(); offset += kMiB) {
    ASSERT_OK(writer->Append(std::string_view(bytes).substr(offset, kMiB)));
  }
  ASSERT_OK_AND_ASSIGN(ObjectInfo info, writer->Commit());
  EXPECT_EQ(info.size, bytes.size());
  if (capabilities().multipart_etags) {
    EXPECT_TRUE(info.etag.ends_with("-3\"")) << info.etag;  // 8 + 8 + 4 MiB.
  }
  ASSERT_OK_AND_ASSIGN(ObjectInfo head, store().Head(bucket(), Key("large.bin")));
  EXPECT_EQ(head.size, bytes.size());
  EXPECT_EQ(head.etag, info.etag);
  ASSERT_OK_AND_ASSIGN(std::string read, store().Read(bucket(), Key("large.bin")));
  EXPECT_TRUE(read == bytes) << "20 MiB differ";
  EXPECT_EQ(
      store()
          .Read(bucket(), Key("large.bin"), ByteRange{.first = 8 * kMiB - 10, .last = 8 * kMiB + 9})
          .value(),
      bytes.substr(8 * kMiB - 10, 20));
}

TEST_P(ObjectStoreContract, ListsWithPrefixAndDelimiterInKeyOrder) {
  for (const char* name : {"a/1", "a/2", "a/b/3", "a-x", "b", "c/d/e", "c/d/f"}) {
    ASSERT_OK(store().Write(bucket(), Key(name), name, {}));
  }
  auto list = [&](std::string prefix, std::string delimiter) {
    ListOptions options{
        .prefix = Key(prefix), .delimiter = std::move(delimiter), .after = {}, .max_keys = 1000};
    std::vector<std::string> names;
    Result<ListPage> page = store().List(bucket(), options);
    if (!page.ok()) {
      return std::vector<std::string>{"<" + page.status().ToString() + ">"};
    }
    for (const ObjectInfo& object : page->objects) {
      names.push_back(Name(object.key));
    }
    for (const std::string& common : page->common_prefixes) {
      names.push_back("prefix:" + Name(common));
    }
    EXPECT_FALSE(page->next_after.has_value());
    return names;
  };
  EXPECT_THAT(list("", ""), ElementsAre("a-x", "a/1", "a/2", "a/b/3", "b", "c/d/e", "c/d/f"));
  EXPECT_THAT(list("", "/"), ElementsAre("a-x", "b", "prefix:a/", "prefix:c/"));
  EXPECT_THAT(list("a/", "/"), ElementsAre("a/1", "a/2", "prefix:a/b/"));
  EXPECT_THAT(list("a", "/"), ElementsAre("a-x", "prefix:a/"));
  EXPECT_THAT(list("c/", "/"), ElementsAre("prefix:c/d/"));
  EXPECT_THAT(list("c/d/", "/"), ElementsAre("c/d/e", "c/d/f"));
  EXPECT_THAT(list("a/b", ""), ElementsAre("a/b/3"));
  EXPECT_THAT(list("zz", "/"), IsEmpty());
  EXPECT_THAT(list("", "d/"), ElementsAre("a-x", "a/1", "a/2", "a/b/3", "b", "prefix:c/d/"));
}

TEST_P(ObjectStoreContract, ListsFifteenHundredKeysInPages) {
  std::vector<std::string> names;
  for (int i = 0; i < 1500; ++i) {
    names.push_back(Format("k/{:04}", i));
  }
  std::atomic<size_t> next = 0;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (size_t i = next++; i < names.size(); i = next++) {
        if (!store().Write(bucket(), Key(names[i]), names[i], {}).ok()) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  ASSERT_EQ(failures.load(), 0);

  ListOptions options{.prefix = Key("k/"), .delimiter = {}, .after = {}, .max_keys = 1000};
  ASSERT_OK_AND_ASSIGN(ListPage first, store().List(bucket(), options));
  ASSERT_EQ(first.objects.size(), 1000U);
  EXPECT_EQ(Name(first.objects.front().key), "k/0000");
  EXPECT_EQ(Name(first.objects.back().key), "k/0999");
  ASSERT_TRUE(first.next_after.has_value());
  options.after = *first.next_after;
  ASSERT_OK_AND_ASSIGN(ListPage second, store().List(bucket(), options));
  ASSERT_EQ(second.objects.size(), 500U);
  EXPECT_EQ(Name(second.objects.front().key), "k/1000");
  EXPECT_EQ(Name(second.objects.back().key), "k/1499");
  EXPECT_FALSE(second.next_after.has_value());

  // Small pages add up to every key once, in order.
  std::vector<std::string> seen;
  options.after.clear();
  options.max_keys = 97;
  for (int pages = 0; pages < 100; ++pages) {
    ASSERT_OK_AND_ASSIGN(ListPage page, store().List(bucket(), options));
    for (const ObjectInfo& object : page.objects) {
      seen.push_back(Name(object.key));
    }
    if (!page.next_after.has_value()) {
      break;
    }
    options.after = *page.next_after;
  }
  EXPECT_THAT(seen, ElementsAreArray(names));

  // Any key continues a listing, not only a page's next_after.
  options.after = Key("k/0999x");
  options.max_keys = 2;
  ASSERT_OK_AND_ASSIGN(ListPage from_key, store().List(bucket(), options));
  ASSERT_EQ(from_key.objects.size(), 2U);
  EXPECT_EQ(Name(from_key.objects[0].key), "k/1000");
}

TEST_P(ObjectStoreContract, PagesThroughCommonPrefixesOnce) {
  std::vector<std::string> expected;
  for (int i = 0; i < 25; ++i) {
    const std::string dir = Format("p/{:02}/", i);
    expected.push_back(dir);
    ASSERT_OK(store().Write(bucket(), Key(dir + "x"), "x", {}));
    ASSERT_OK(store().Write(bucket(), Key(dir + "y"), "y", {}));
  }
  ASSERT_OK(store().Write(bucket(), Key("p/zz"), "z", {}));
  std::vector<std::string> seen;
  ListOptions options{.prefix = Key("p/"), .delimiter = "/", .after = {}, .max_keys = 10};
  for (int pages = 0; pages < 10; ++pages) {
    ASSERT_OK_AND_ASSIGN(ListPage page, store().List(bucket(), options));
    for (const std::string& common : page.common_prefixes) {
      seen.push_back(Name(common));
    }
    for (const ObjectInfo& object : page.objects) {
      seen.push_back(Name(object.key));
    }
    if (!page.next_after.has_value()) {
      break;
    }
    options.after = *page.next_after;
  }
  expected.push_back("p/zz");
  EXPECT_THAT(seen, ElementsAreArray(expected));
}

TEST_P(ObjectStoreContract, HostileKeysRoundTrip) {
  const std::vector<std::string> portable = {"unicodé/ключ/键/🙂",
                                             "with space",
                                             "plus+sign",
                                             "percent%20sign",
                                             "percent%",
                                             "query?x=1&y=2#frag",
                                             "equals=and;semi",
                                             "tilde~star*",
                                             "quote'\"",
                                             "a+b c%2Fd"};
  const std::vector<std::string> s3_only = {"../x", "a//b", "./y", "trailing/", "x/../../z"};
  auto round_trip = [&](const std::string& name) {
    SCOPED_TRACE("key " + name);
    const std::string key = Key(name);
    ASSERT_OK_AND_ASSIGN(ObjectInfo written, store().Write(bucket(), key, name, {}));
    EXPECT_EQ(written.key, key);
    EXPECT_EQ(store().Read(bucket(), key).value_or("<error>"), name);
    ASSERT_OK_AND_ASSIGN(ObjectInfo head, store().Head(bucket(), key));
    EXPECT_EQ(head.size, name.size());
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<ObjectReader> reader, store().Open(bucket(), key));
    EXPECT_EQ(ReadAtOffset(*reader, 0, 100).value_or("<error>"), name);
    ListOptions options{.prefix = key, .delimiter = {}, .after = {}, .max_keys = 10};
    ASSERT_OK_AND_ASSIGN(ListPage page, store().List(bucket(), options));
    ASSERT_FALSE(page.objects.empty());
    EXPECT_EQ(page.objects[0].key, key);
    ASSERT_OK(store().Delete(bucket(), key));
    EXPECT_STATUS(StatusCode::kNotFound, store().Head(bucket(), key));
  };
  for (const std::string& name : portable) {
    round_trip(name);
  }
  for (const std::string& name : s3_only) {
    if (capabilities().arbitrary_keys) {
      round_trip(name);
    } else {
      SCOPED_TRACE("key " + name);
      EXPECT_STATUS(StatusCode::kInvalidArgument, store().Write(bucket(), Key(name), "x", {}));
    }
  }
}

TEST_P(ObjectStoreContract, ExactlyOneOfEightRacingCreatesWins) {
  constexpr int kWriters = 8;
  std::latch start(kWriters);
  std::vector<Status> outcomes(kWriters);
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      outcomes[i] =
          store().Write(bucket(), Key("pointer"), Format("writer {}", i), IfAbsent()).status();
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  int winner = -1;
  for (int i = 0; i < kWriters; ++i) {
    if (outcomes[i].ok()) {
      EXPECT_EQ(winner, -1) << "writers " << winner << " and " << i << " both won";
      winner = i;
    } else {
      EXPECT_EQ(outcomes[i].code(), StatusCode::kFailedPrecondition) << outcomes[i].ToString();
    }
  }
  ASSERT_NE(winner, -1);
  EXPECT_EQ(store().Read(bucket(), Key("pointer")).value_or("<error>"),
            Format("writer {}", winner));
}

TEST_P(ObjectStoreContract, ConditionalWritesCheckTheCurrentObject) {
  ASSERT_OK_AND_ASSIGN(ObjectInfo v1, store().Write(bucket(), Key("ptr"), "v1", IfAbsent()));
  EXPECT_STATUS(StatusCode::kFailedPrecondition,
                store().Write(bucket(), Key("ptr"), "again", IfAbsent()));
  ASSERT_OK_AND_ASSIGN(ObjectInfo v2, store().Write(bucket(), Key("ptr"), "v2", IfMatch(v1.etag)));
  // A stale ETag loses: the commit primitive of a metadata pointer swap.
  EXPECT_STATUS(StatusCode::kFailedPrecondition,
                store().Write(bucket(), Key("ptr"), "v3", IfMatch(v1.etag)));
  EXPECT_EQ(store().Read(bucket(), Key("ptr")).value_or("<error>"), "v2");
  // AWS: If-Match on a missing key is NoSuchKey.
  EXPECT_STATUS(StatusCode::kNotFound,
                store().Write(bucket(), Key("absent"), "x", IfMatch(v2.etag)));
  EXPECT_STATUS(StatusCode::kNotFound, store().Head(bucket(), Key("absent")));
}

TEST_P(ObjectStoreContract, ConditionalWriteOfALargeObject) {
  const std::string bytes = Bytes(11 * kMiB, 6);
  ASSERT_OK_AND_ASSIGN(ObjectInfo small, store().Write(bucket(), Key("big-ptr"), "small", {}));
  auto write = [&](WriteOptions options) -> Result<ObjectInfo> {
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<ObjectWriter> writer,
                             store().Create(bucket(), Key("big-ptr"), options));
    for (size_t offset = 0; offset < bytes.size(); offset += 3 * kMiB) {
      STRATUS_RETURN_IF_ERROR(writer->Append(std::string_view(bytes).substr(offset, 3 * kMiB)));
    }
    return writer->Commit();
  };
  EXPECT_STATUS(StatusCode::kFailedPrecondition, write(IfAbsent()));
  EXPECT_STATUS(StatusCode::kFailedPrecondition, write(IfMatch("\"0123456789abcdef\"")));
  EXPECT_TRUE(store().Read(bucket(), Key("big-ptr")).value_or("<error>") == "small")
      << "a failed conditional write replaced the object";
  ASSERT_OK_AND_ASSIGN(ObjectInfo big, write(IfMatch(small.etag)));
  EXPECT_EQ(big.size, bytes.size());
  EXPECT_EQ(store().Head(bucket(), Key("big-ptr")).value().size, bytes.size());
}

TEST_P(ObjectStoreContract, DeletingAMissingKeySucceeds) {
  ASSERT_OK(store().Delete(bucket(), Key("never-written")));
  ASSERT_OK(store().Write(bucket(), Key("once"), "x", {}));
  ASSERT_OK(store().Delete(bucket(), Key("once")));
  EXPECT_STATUS(StatusCode::kNotFound, store().Head(bucket(), Key("once")));
  ASSERT_OK(store().Delete(bucket(), Key("once")));
}

TEST_P(ObjectStoreContract, ReaderOfAReplacedObjectKeepsItsBytesOrFailsCleanly) {
  const std::string old_bytes = Bytes(kMiB, 7);
  const std::string new_bytes = Bytes(kMiB, 8);
  ASSERT_OK(store().Write(bucket(), Key("swapped"), old_bytes, {}));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ObjectReader> reader,
                       store().Open(bucket(), Key("swapped")));
  EXPECT_EQ(ReadAtOffset(*reader, 0, 10).value_or("<error>"), old_bytes.substr(0, 10));
  ASSERT_OK(store().Write(bucket(), Key("swapped"), new_bytes, {}));
  // Bytes already read ahead stay the old ones in every store.
  EXPECT_EQ(ReadAtOffset(*reader, 5, 10).value_or("<error>"), old_bytes.substr(5, 10));
  Result<std::string> later = ReadAtOffset(*reader, kMiB / 2, 100);
  if (capabilities().reader_keeps_replaced_bytes) {
    EXPECT_EQ(later.value_or("<error>"), old_bytes.substr(kMiB / 2, 100));
  } else {
    EXPECT_STATUS(StatusCode::kFailedPrecondition, later);
  }
  EXPECT_EQ(store().Read(bucket(), Key("swapped")).value_or("<error>"), new_bytes);
}

}  // namespace stratus::lake::contract
