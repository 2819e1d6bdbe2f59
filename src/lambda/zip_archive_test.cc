#include "lambda/zip_archive.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <zlib.h>

#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::lambda {
namespace {

void Put16(std::string& out, uint16_t value) {
  out.push_back(static_cast<char>(value & 0xFF));
  out.push_back(static_cast<char>(value >> 8));
}

void Put32(std::string& out, uint32_t value) {
  Put16(out, static_cast<uint16_t>(value & 0xFFFF));
  Put16(out, static_cast<uint16_t>(value >> 16));
}

std::string Deflate(const std::string& data) {
  z_stream stream{};
  deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, data.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

struct TestEntry {
  std::string name = {};
  std::string data = {};
  bool deflated = false;
  uint32_t mode = 0100644;
};

// Builds a zip the way Info-ZIP and Python's zipfile do (made on Unix).
std::string BuildZip(const std::vector<TestEntry>& entries) {
  std::string out;
  std::string directory;
  for (const TestEntry& entry : entries) {
    const std::string stored = entry.deflated ? Deflate(entry.data) : entry.data;
    const uint32_t crc =
        static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(entry.data.data()),
                                    static_cast<uInt>(entry.data.size())));
    const uint32_t offset = static_cast<uint32_t>(out.size());
    const uint16_t method = entry.deflated ? 8 : 0;
    Put32(out, 0x04034b50);
    Put16(out, 20);
    Put16(out, 0);
    Put16(out, method);
    Put32(out, 0);
    Put32(out, crc);
    Put32(out, static_cast<uint32_t>(stored.size()));
    Put32(out, static_cast<uint32_t>(entry.data.size()));
    Put16(out, static_cast<uint16_t>(entry.name.size()));
    Put16(out, 0);
    out += entry.name;
    out += stored;
    Put32(directory, 0x02014b50);
    Put16(directory, (3 << 8) | 20);
    Put16(directory, 20);
    Put16(directory, 0);
    Put16(directory, method);
    Put32(directory, 0);
    Put32(directory, crc);
    Put32(directory, static_cast<uint32_t>(stored.size()));
    Put32(directory, static_cast<uint32_t>(entry.data.size()));
    Put16(directory, static_cast<uint16_t>(entry.name.size()));
    Put16(directory, 0);
    Put16(directory, 0);
    Put16(directory, 0);
    Put16(directory, 0);
    Put32(directory, entry.mode << 16);
    Put32(directory, offset);
    directory += entry.name;
  }
  const uint32_t directory_offset = static_cast<uint32_t>(out.size());
  out += directory;
  Put32(out, 0x06054b50);
  Put16(out, 0);
  Put16(out, 0);
  Put16(out, static_cast<uint16_t>(entries.size()));
  Put16(out, static_cast<uint16_t>(entries.size()));
  Put32(out, static_cast<uint32_t>(directory.size()));
  Put32(out, directory_offset);
  Put16(out, 0);
  return out;
}

std::string Slurp(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(ZipArchiveTest, ExtractsStoredAndDeflatedEntriesWithTheirModes) {
  const std::string zip =
      BuildZip({{.name = "pkg/"},
                {.name = "pkg/app.py", .data = "def h(e, c):\n  return 1\n", .deflated = true},
                {.name = "bootstrap", .data = "#!/bin/sh\n", .mode = 0100755}});
  ASSERT_OK_AND_ASSIGN(ZipArchive archive, ZipArchive::Open(zip));
  ASSERT_EQ(archive.entries().size(), 3u);
  storage::TempDir dir;
  ASSERT_OK(archive.ExtractTo(dir.File("code")));
  EXPECT_EQ(Slurp(dir.File("code/pkg/app.py")), "def h(e, c):\n  return 1\n");

  struct stat info {};

  ASSERT_EQ(::stat(dir.File("code/bootstrap").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0755u);
}

TEST(ZipArchiveTest, RejectsEntriesThatEscapeTheRoot) {
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                ZipArchive::Open(BuildZip({{.name = "../evil", .data = "x"}})).status());
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                ZipArchive::Open(BuildZip({{.name = "/etc/passwd", .data = "x"}})).status());
}

TEST(ZipArchiveTest, RejectsWhatIsNotAZip) {
  EXPECT_STATUS(StatusCode::kInvalidArgument, ZipArchive::Open("hello, world").status());
  std::string zip = BuildZip({{.name = "a.txt", .data = "abc"}});
  zip[30 + 5] = 'X';  // Corrupt the stored data: the CRC no longer matches.
  ASSERT_OK_AND_ASSIGN(ZipArchive archive, ZipArchive::Open(zip));
  EXPECT_STATUS(StatusCode::kInvalidArgument, archive.Read(archive.entries()[0]).status());
}

}  // namespace
}  // namespace stratus::lambda
