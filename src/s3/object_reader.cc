#include "s3/object_reader.h"

#include <algorithm>
#include <utility>

#include "io/file_system.h"

namespace stratus::s3 {

ObjectReader::ObjectReader(std::string bytes) : bytes_(std::move(bytes)), size_(bytes_.size()) {}

ObjectReader::ObjectReader(std::vector<std::unique_ptr<io::RandomAccessFile>> files)
    : files_(std::move(files)) {
  starts_.reserve(files_.size());
  for (const auto& file : files_) {
    starts_.push_back(size_);
    size_ += file->size();
  }
}

ObjectReader::~ObjectReader() = default;

Result<size_t> ObjectReader::ReadAt(uint64_t offset, std::span<char> out) const {
  if (offset >= size_ || out.empty()) {
    return size_t{0};
  }
  const uint64_t length = std::min<uint64_t>(out.size(), size_ - offset);
  size_t num_read = 0;
  for (const ObjectPiece& piece : Pieces(offset, length)) {
    std::span<char> target = out.subspan(num_read, piece.length);
    if (piece.file == nullptr) {
      std::copy(piece.bytes.begin(), piece.bytes.end(), target.begin());
    } else {
      STRATUS_ASSIGN_OR_RETURN(size_t got, piece.file->ReadAt(piece.offset, target));
      if (got != piece.length) {
        return Status::Corruption("an object's blob is shorter than its record says");
      }
    }
    num_read += piece.length;
  }
  return num_read;
}

std::vector<ObjectPiece> ObjectReader::Pieces(uint64_t first, uint64_t length) const {
  std::vector<ObjectPiece> pieces;
  if (length == 0) {
    return pieces;
  }
  if (files_.empty()) {
    pieces.push_back(ObjectPiece{.bytes = std::string_view(bytes_).substr(first, length),
                                 .file = nullptr,
                                 .offset = 0,
                                 .length = length});
    return pieces;
  }
  // The last file starting at or before `first`.
  size_t index = static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), first) -
                                     starts_.begin()) -
                 1;
  uint64_t position = first;
  const uint64_t end = first + length;
  for (; index < files_.size() && position < end; ++index) {
    const uint64_t file_start = starts_[index];
    const uint64_t file_end = file_start + files_[index]->size();
    if (file_end <= position) {
      continue;
    }
    const uint64_t take = std::min(end, file_end) - position;
    pieces.push_back(ObjectPiece{
        .bytes = {}, .file = files_[index].get(), .offset = position - file_start, .length = take});
    position += take;
  }
  return pieces;
}

}  // namespace stratus::s3
