#include "s3/api/raw_body.h"

#include <algorithm>
#include <vector>

#include "io/file_system.h"
#include "s3/object_reader.h"

namespace stratus::s3::api {
namespace {

// Reads a blob without a descriptor (an in-memory file system) in pieces of this size.
constexpr uint64_t kCopyPieceBytes = uint64_t{256} * 1024;

// Streams a string once.
class StringStream final : public http::BodyStream {
 public:
  explicit StringStream(std::string bytes) : bytes_(std::move(bytes)), size_(bytes_.size()) {}

  uint64_t size() const override { return size_; }

  Result<http::BodyPiece> Next() override {
    http::BodyPiece piece;
    if (!sent_) {
      sent_ = true;
      piece.bytes = std::move(bytes_);
    }
    return piece;
  }

 private:
  std::string bytes_;
  uint64_t size_ = 0;
  bool sent_ = false;
};

// Streams a range of an object, piece by piece.
class ObjectStream final : public http::BodyStream {
 public:
  ObjectStream(std::shared_ptr<ObjectReader> reader, uint64_t first, uint64_t length)
      : reader_(std::move(reader)), pieces_(reader_->Pieces(first, length)), size_(length) {}

  uint64_t size() const override { return size_; }

  Result<http::BodyPiece> Next() override {
    http::BodyPiece out;
    if (index_ >= pieces_.size()) {
      return out;
    }
    ObjectPiece& piece = pieces_[index_];
    if (piece.file == nullptr) {
      out.bytes = std::string(piece.bytes);
      ++index_;
      return out;
    }
    if (const int fd = piece.file->native_handle(); fd >= 0) {
      out.fd = fd;
      out.offset = piece.offset;
      out.length = piece.length;
      ++index_;
      return out;
    }
    const uint64_t take = std::min(piece.length, kCopyPieceBytes);
    out.bytes.resize(take);
    STRATUS_ASSIGN_OR_RETURN(size_t got, piece.file->ReadAt(piece.offset, out.bytes));
    if (got != take) {
      return Status::Corruption("an object's blob ended early");
    }
    piece.offset += take;
    piece.length -= take;
    if (piece.length == 0) {
      ++index_;
    }
    return out;
  }

 private:
  std::shared_ptr<ObjectReader> reader_;
  std::vector<ObjectPiece> pieces_;
  size_t index_ = 0;
  uint64_t size_ = 0;
};

}  // namespace

bool SetRawXmlBody(const aws::RequestContext& context, std::string xml) {
  if (context.response_payload == nullptr) {
    return false;
  }
  context.response_payload->stream = std::make_shared<StringStream>(std::move(xml));
  context.response_payload->headers.Set("Content-Type", "application/xml");
  return true;
}

std::shared_ptr<http::BodyStream> ObjectBodyStream(std::shared_ptr<ObjectReader> reader,
                                                   uint64_t first,
                                                   uint64_t length) {
  return std::make_shared<ObjectStream>(std::move(reader), first, length);
}

}  // namespace stratus::s3::api
