#include "sql/exec/spill_file.h"

#include <cstring>
#include <utility>

#include "io/crc32c.h"
#include "io/file_system.h"
#include "sql/types/int128.h"
#include "sql/vector/string_heap.h"
#include "sql/vector/string_view.h"
#include "sql/vector/validity.h"

namespace stratus::sql::exec {
namespace {

constexpr char kMagic[4] = {'S', 'S', 'P', 'L'};
constexpr uint8_t kVersion = 1;
constexpr size_t kHeaderBytes = 8;

template <typename T>
void Put(std::string* out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out->append(bytes, sizeof(T));
}

// Reads from a payload, failing on a short one.
class PayloadReader {
 public:
  explicit PayloadReader(std::string_view bytes) : bytes_(bytes) {}

  template <typename T>
  bool Get(T* value) {
    if (bytes_.size() < sizeof(T)) {
      return false;
    }
    std::memcpy(value, bytes_.data(), sizeof(T));
    bytes_.remove_prefix(sizeof(T));
    return true;
  }

  bool Take(size_t size, std::string_view* out) {
    if (bytes_.size() < size) {
      return false;
    }
    *out = bytes_.substr(0, size);
    bytes_.remove_prefix(size);
    return true;
  }

  bool empty() const { return bytes_.empty(); }

 private:
  std::string_view bytes_;
};

Status Corrupt(const std::string& what) {
  return Status::Corruption("spill file: " + what);
}

}  // namespace

bool CanSpill(const std::vector<LogicalType>& types) {
  for (const LogicalType& type : types) {
    if (type.is_nested()) {
      return false;
    }
  }
  return true;
}

std::string EncodeSpillBatch(const Batch& batch) {
  const size_t rows = batch.num_rows();
  std::string out;
  Put<uint32_t>(&out, static_cast<uint32_t>(rows));
  Put<uint16_t>(&out, static_cast<uint16_t>(batch.num_columns()));
  for (const Vector& column : batch.columns()) {
    const Vector flat = column.Flatten();
    const PhysicalType physical = flat.physical_type();
    const uint64_t* validity = flat.validity();
    Put<uint8_t>(&out, static_cast<uint8_t>(physical));
    Put<uint8_t>(&out, validity != nullptr ? 1 : 0);
    if (validity != nullptr) {
      out.append(reinterpret_cast<const char*>(validity), ValidityWords(rows) * 8);
    }
    if (physical == PhysicalType::kString) {
      const StringView* values = flat.values<StringView>();
      for (size_t i = 0; i < rows; ++i) {
        const bool valid = validity == nullptr || IsValidBit(validity, i);
        Put<uint32_t>(&out, valid ? values[i].size() : 0);
      }
      for (size_t i = 0; i < rows; ++i) {
        if (validity == nullptr || IsValidBit(validity, i)) {
          out.append(values[i].view());
        }
      }
      continue;
    }
    const size_t width = PhysicalTypeWidth(physical);
    const size_t begin = out.size();
    out.append(reinterpret_cast<const char*>(flat.values<uint8_t>()), rows * width);
    if (validity != nullptr) {
      for (size_t i = 0; i < rows; ++i) {
        if (!IsValidBit(validity, i)) {
          std::memset(out.data() + begin + i * width, 0, width);
        }
      }
    }
  }
  return out;
}

Result<Batch> DecodeSpillBatch(std::string_view payload, const std::vector<LogicalType>& types) {
  PayloadReader reader(payload);
  uint32_t rows = 0;
  uint16_t num_columns = 0;
  if (!reader.Get(&rows) || !reader.Get(&num_columns) || num_columns != types.size()) {
    return Corrupt("bad batch header");
  }
  std::vector<Vector> columns;
  for (const LogicalType& type : types) {
    uint8_t physical = 0;
    uint8_t flags = 0;
    if (!reader.Get(&physical) || !reader.Get(&flags) ||
        physical != static_cast<uint8_t>(type.physical_type()) || (flags & ~1) != 0) {
      return Corrupt("bad column header");
    }
    Vector column(type, rows);
    column.set_size(rows);
    std::string_view bytes;
    if ((flags & 1) != 0) {
      if (!reader.Take(ValidityWords(rows) * 8, &bytes)) {
        return Corrupt("short validity");
      }
      if (rows > 0) {
        std::memcpy(column.mutable_validity(), bytes.data(), bytes.size());
      }
    }
    if (type.physical_type() == PhysicalType::kString) {
      std::string_view lengths;
      if (!reader.Take(size_t{rows} * 4, &lengths)) {
        return Corrupt("short string lengths");
      }
      StringView* values = column.mutable_values<StringView>();
      StringHeap& heap = column.heap();
      for (size_t i = 0; i < rows; ++i) {
        uint32_t length = 0;
        std::memcpy(&length, lengths.data() + i * 4, 4);
        if (!reader.Take(length, &bytes)) {
          return Corrupt("short string bytes");
        }
        values[i] = heap.Add(bytes);
      }
    } else {
      const size_t width = PhysicalTypeWidth(type.physical_type());
      if (!reader.Take(size_t{rows} * width, &bytes)) {
        return Corrupt("short values");
      }
      if (rows > 0) {
        std::memcpy(column.mutable_values<uint8_t>(), bytes.data(), bytes.size());
      }
    }
    columns.push_back(std::move(column));
  }
  if (!reader.empty()) {
    return Corrupt("trailing bytes in a batch");
  }
  return Batch(std::move(columns), rows);
}

Result<std::unique_ptr<SpillWriter>> SpillWriter::Create(io::FileSystem& files, std::string path) {
  Status removed = files.Remove(path);
  if (!removed.ok() && removed.code() != StatusCode::kNotFound) {
    return removed;
  }
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<io::WritableFile> file, files.NewWritableFile(path));
  std::string header(kMagic, sizeof(kMagic));
  Put<uint8_t>(&header, kVersion);
  header.append(3, '\0');
  STRATUS_RETURN_IF_ERROR(file->Append(header));
  return std::unique_ptr<SpillWriter>(new SpillWriter(
      std::move(file), std::move(path)));  // STRATUS_LINT_ALLOW(private constructor)
}

SpillWriter::SpillWriter(std::unique_ptr<io::WritableFile> file, std::string path)
    : file_(std::move(file)), path_(std::move(path)) {}

SpillWriter::~SpillWriter() = default;

uint64_t SpillWriter::bytes_written() const {
  return file_->size();
}

Status SpillWriter::Append(const Batch& batch) {
  const std::string payload = EncodeSpillBatch(batch);
  std::string record;
  Put<uint32_t>(&record, static_cast<uint32_t>(payload.size()));
  Put<uint32_t>(&record, io::Crc32c(payload));
  STRATUS_RETURN_IF_ERROR(file_->Append(record));
  return file_->Append(payload);
}

Status SpillWriter::Close() {
  return file_->Close();
}

Result<std::unique_ptr<SpillReader>> SpillReader::Open(io::FileSystem& files,
                                                       const std::string& path,
                                                       std::vector<LogicalType> types) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<io::RandomAccessFile> file, files.OpenForRead(path));
  std::unique_ptr<SpillReader> reader(new SpillReader(
      std::move(file), std::move(types)));  // STRATUS_LINT_ALLOW(private constructor)
  std::string header;
  STRATUS_RETURN_IF_ERROR(reader->ReadExactly(0, kHeaderBytes, &header));
  if (std::memcmp(header.data(), kMagic, sizeof(kMagic)) != 0 ||
      static_cast<uint8_t>(header[4]) != kVersion) {
    return Corrupt("bad magic or version in " + path);
  }
  reader->offset_ = kHeaderBytes;
  return reader;
}

SpillReader::SpillReader(std::unique_ptr<io::RandomAccessFile> file, std::vector<LogicalType> types)
    : file_(std::move(file)), types_(std::move(types)) {}

SpillReader::~SpillReader() = default;

Status SpillReader::ReadExactly(uint64_t offset, size_t size, std::string* out) const {
  out->resize(size);
  size_t done = 0;
  while (done < size) {
    STRATUS_ASSIGN_OR_RETURN(
        size_t read,
        file_->ReadAt(offset + done, std::span<char>(out->data() + done, size - done)));
    if (read == 0) {
      return Corrupt("a record is cut short");
    }
    done += read;
  }
  return Status::Ok();
}

Result<bool> SpillReader::Next(Batch* out) {
  if (offset_ >= file_->size()) {
    return false;
  }
  std::string head;
  STRATUS_RETURN_IF_ERROR(ReadExactly(offset_, 8, &head));
  uint32_t length = 0;
  uint32_t checksum = 0;
  std::memcpy(&length, head.data(), 4);
  std::memcpy(&checksum, head.data() + 4, 4);
  std::string payload;
  STRATUS_RETURN_IF_ERROR(ReadExactly(offset_ + 8, length, &payload));
  if (io::Crc32c(payload) != checksum) {
    return Corrupt("checksum mismatch");
  }
  offset_ += 8 + length;
  STRATUS_ASSIGN_OR_RETURN(*out, DecodeSpillBatch(payload, types_));
  return true;
}

}  // namespace stratus::sql::exec
