#include "cloudformation/providers/inline_zip.h"

#include <gtest/gtest.h>

#include "lambda/zip_archive.h"
#include "testing/status_matchers.h"

namespace stratus::cloudformation {
namespace {

TEST(InlineZipTest, LambdasZipReaderReadsTheSingleFileBack) {
  const std::string source = "exports.handler = async () => ({ ok: true });\n";
  const std::string zip = ZipSingleFile("index.js", source);
  ASSERT_OK_AND_ASSIGN(lambda::ZipArchive archive, lambda::ZipArchive::Open(zip));
  ASSERT_EQ(archive.entries().size(), 1u);
  EXPECT_EQ(archive.entries()[0].name, "index.js");
  EXPECT_EQ(archive.entries()[0].unix_mode & 0777, 0644u);
  ASSERT_OK_AND_ASSIGN(std::string read, archive.Read(archive.entries()[0]));
  EXPECT_EQ(read, source);
}

TEST(InlineZipTest, AnEmptyFileIsAValidArchive) {
  const std::string zip = ZipSingleFile("index.py", "");
  ASSERT_OK_AND_ASSIGN(lambda::ZipArchive archive, lambda::ZipArchive::Open(zip));
  ASSERT_OK_AND_ASSIGN(std::string read, archive.Read(archive.entries()[0]));
  EXPECT_TRUE(read.empty());
}

}  // namespace
}  // namespace stratus::cloudformation
