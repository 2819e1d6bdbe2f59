#include "sql/exec/spill_file.h"

#include <gtest/gtest.h>

#include "io/in_memory_file_system.h"
#include "sql/exec/test_functions.h"
#include "testing/status_matchers.h"

namespace stratus::sql::exec {
namespace {

TEST(SpillFileTest, BatchesRoundTripWithNullsAndLongStrings) {
  io::InMemoryFileSystem files;
  ASSERT_OK(files.CreateDirectories("/spill"));
  const std::string long_text(40, 'q');
  const Batch first = testing::MakeBatch(
      {testing::Bigints({1, std::nullopt, 3}), testing::Varchars({"a", long_text, std::nullopt})});
  const Batch second = testing::MakeBatch({testing::Bigints({4}), testing::Varchars({""})});
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<SpillWriter> writer,
                       SpillWriter::Create(files, "/spill/run-0.spill"));
  ASSERT_OK(writer->Append(first));
  ASSERT_OK(writer->Append(second));
  ASSERT_OK(writer->Close());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<SpillReader> reader,
                       SpillReader::Open(files, "/spill/run-0.spill",
                                         {LogicalType::Bigint(), LogicalType::Varchar()}));
  Batch batch;
  ASSERT_OK_AND_ASSIGN(bool more, reader->Next(&batch));
  ASSERT_TRUE(more);
  EXPECT_EQ(batch.ToString(), "1 | a\nNULL | " + long_text + "\n3 | NULL\n");
  ASSERT_OK_AND_ASSIGN(more, reader->Next(&batch));
  ASSERT_TRUE(more);
  EXPECT_EQ(batch.ToString(), "4 | \n");
  ASSERT_OK_AND_ASSIGN(more, reader->Next(&batch));
  EXPECT_FALSE(more);
}

TEST(SpillFileTest, EncodingIsTheDocumentedLayout) {
  // docs/formats/sql_spill.md: rows u32, columns u16, then per column type,
  // flags, [validity], values.
  const Batch batch = testing::MakeBatch({testing::Bigints({7}), testing::Varchars({"hi"})});
  const std::string expected = std::string("\x01\x00\x00\x00\x02\x00", 6) +
                               std::string("\x04\x00", 2) +  // kInt64, no validity
                               std::string("\x07\x00\x00\x00\x00\x00\x00\x00", 8) +
                               std::string("\x08\x00", 2) +  // kString, no validity
                               std::string("\x02\x00\x00\x00", 4) + "hi";
  EXPECT_EQ(EncodeSpillBatch(batch), expected);
}

TEST(SpillFileTest, ACorruptRecordIsReported) {
  io::InMemoryFileSystem files;
  ASSERT_OK(files.CreateDirectories("/spill"));
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<SpillWriter> writer,
                         SpillWriter::Create(files, "/spill/bad.spill"));
    ASSERT_OK(writer->Append(testing::MakeBatch({testing::Bigints({1, 2})})));
    ASSERT_OK(writer->Close());
  }
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<io::RandomAccessFile> file,
                       files.OpenForRead("/spill/bad.spill"));
  std::string bytes(file->size(), '\0');
  ASSERT_OK(file->ReadAt(0, std::span<char>(bytes.data(), bytes.size())));
  bytes.back() ^= 0x40;
  ASSERT_OK(files.Remove("/spill/bad.spill"));
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<io::WritableFile> out,
                         files.NewWritableFile("/spill/bad.spill"));
    ASSERT_OK(out->Append(bytes));
    ASSERT_OK(out->Close());
  }
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<SpillReader> reader,
                       SpillReader::Open(files, "/spill/bad.spill", {LogicalType::Bigint()}));
  Batch batch;
  EXPECT_EQ(reader->Next(&batch).status().code(), StatusCode::kCorruption);
}

TEST(SpillFileTest, NestedTypesCannotSpill) {
  EXPECT_TRUE(CanSpill({LogicalType::Bigint(), LogicalType::Varchar()}));
  EXPECT_FALSE(CanSpill({LogicalType::Array(LogicalType::Bigint())}));
}

}  // namespace
}  // namespace stratus::sql::exec
