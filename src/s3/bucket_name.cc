#include "s3/bucket_name.h"

#include <array>

#include "s3/errors.h"

namespace stratus::s3 {
namespace {

bool IsLowerAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Returns true for four dot-separated decimal numbers ("192.168.5.4").
bool LooksLikeIpv4(std::string_view name) {
  int num_groups = 0;
  size_t group_length = 0;
  for (char c : name) {
    if (c == '.') {
      if (group_length == 0) {
        return false;
      }
      ++num_groups;
      group_length = 0;
    } else if (c >= '0' && c <= '9') {
      ++group_length;
    } else {
      return false;
    }
  }
  return num_groups == 3 && group_length > 0;
}

}  // namespace

Status ValidateBucketName(std::string_view name) {
  if (name.size() < 3 || name.size() > 63) {
    return S3Error::InvalidBucketName("The specified bucket is not valid.");
  }
  if (!IsLowerAlnum(name.front()) || !IsLowerAlnum(name.back())) {
    return S3Error::InvalidBucketName();
  }
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!IsLowerAlnum(c) && c != '.' && c != '-') {
      return S3Error::InvalidBucketName();
    }
    if (c == '.' && i + 1 < name.size() && name[i + 1] == '.') {
      return S3Error::InvalidBucketName();
    }
  }
  if (LooksLikeIpv4(name)) {
    return S3Error::InvalidBucketName();
  }
  constexpr std::array<std::string_view, 3> kReservedPrefixes = {"xn--", "sthree-",
                                                                 "amzn-s3-demo-"};
  constexpr std::array<std::string_view, 5> kReservedSuffixes = {"-s3alias", "--ol-s3", ".mrap",
                                                                 "--x-s3", "--table-s3"};
  for (std::string_view prefix : kReservedPrefixes) {
    if (name.starts_with(prefix)) {
      return S3Error::InvalidBucketName();
    }
  }
  for (std::string_view suffix : kReservedSuffixes) {
    if (name.ends_with(suffix)) {
      return S3Error::InvalidBucketName();
    }
  }
  return Status::Ok();
}

}  // namespace stratus::s3
