#include "lambda/code_store.h"

#include <cstdio>
#include <filesystem>
#include <memory>

#include "base/digest.h"
#include "base/file_contents.h"
#include "base/format.h"
#include "lambda/errors.h"
#include "lambda/zip_archive.h"

namespace stratus::lambda {
namespace {

Status WriteWhole(const std::string& path, std::string_view data) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (file == nullptr) {
    return Status::IoError(Format("cannot create {}", path));
  }
  if (!data.empty() && std::fwrite(data.data(), 1, data.size(), file.get()) != data.size()) {
    return Status::IoError(Format("cannot write {}", path));
  }
  return Status::Ok();
}

}  // namespace

std::string CodeStore::ZipPath(std::string_view id) const {
  return Format("{}/{}.zip", directory_, id);
}

std::string CodeStore::DirectoryPath(std::string_view id) const {
  return Format("{}/{}", directory_, id);
}

Status CodeStore::Unpack(std::string_view id, std::string_view zip) {
  Result<ZipArchive> archive = ZipArchive::Open(zip);
  if (!archive.ok()) {
    return LambdaError::InvalidParameter(archive.status().message());
  }
  const std::string target = DirectoryPath(id);
  const std::string staging = target + ".unpacking";
  std::error_code error;
  std::filesystem::remove_all(staging, error);
  STRATUS_RETURN_IF_ERROR(archive->ExtractTo(staging));
  std::filesystem::rename(staging, target, error);
  if (error) {
    return Status::IoError(Format("cannot rename {}: {}", staging, error.message()));
  }
  return Status::Ok();
}

Result<CodeInfo> CodeStore::Put(std::string_view zip) {
  if (Result<ZipArchive> archive = ZipArchive::Open(zip); !archive.ok()) {
    return LambdaError::InvalidParameter(archive.status().message());
  }
  const std::string digest = Sha256(zip);
  CodeInfo code{.id = ToHex(digest),
                .sha256 = Base64Encode(digest),
                .size = static_cast<int64_t>(zip.size())};
  std::lock_guard<std::mutex> lock(mu_);
  std::error_code error;
  std::filesystem::create_directories(directory_, error);
  if (error) {
    return Status::IoError(Format("cannot create {}: {}", directory_, error.message()));
  }
  if (!std::filesystem::exists(ZipPath(code.id), error)) {
    const std::string staging = ZipPath(code.id) + ".tmp";
    STRATUS_RETURN_IF_ERROR(WriteWhole(staging, zip));
    std::filesystem::rename(staging, ZipPath(code.id), error);
    if (error) {
      return Status::IoError(Format("cannot rename {}: {}", staging, error.message()));
    }
  }
  if (!std::filesystem::exists(DirectoryPath(code.id), error)) {
    STRATUS_RETURN_IF_ERROR(Unpack(code.id, zip));
  }
  return code;
}

Result<std::string> CodeStore::UnpackedDirectory(const CodeInfo& code) {
  std::lock_guard<std::mutex> lock(mu_);
  if (unpacked_.contains(code.id)) {
    return DirectoryPath(code.id);
  }
  std::error_code error;
  if (!std::filesystem::exists(DirectoryPath(code.id), error)) {
    STRATUS_ASSIGN_OR_RETURN(std::string zip, ReadFileContents(ZipPath(code.id)));
    STRATUS_RETURN_IF_ERROR(Unpack(code.id, zip));
  }
  unpacked_.insert(code.id);
  return DirectoryPath(code.id);
}

Result<std::string> CodeStore::ReadZip(const CodeInfo& code) const {
  return ReadFileContents(ZipPath(code.id));
}

}  // namespace stratus::lambda
