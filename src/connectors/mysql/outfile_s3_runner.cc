#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "base/format.h"
#include "connectors/mysql/packet_channel_internal.h"
#include "connectors/mysql/s3_statement.h"
#include "connectors/mysql/s3_statement_runner.h"
#include "connectors/mysql/s3_uri.h"
#include "connectors/mysql/text_result.h"
#include "connectors/mysql/text_row_encoder.h"
#include "connectors/mysql/write_behind_internal.h"
#include "lake/lake.h"
#include "lake/list_all.h"

namespace stratus::connectors::mysql {
namespace {

// AWS: an existing file with OVERWRITE OFF fails with MySQL's
// ER_FILE_EXISTS_ERROR, "File '...' already exists".
constexpr uint16_t kErrorFileExists = 1086;
// Errors of the lake (no such bucket, a failed write).
constexpr uint16_t kErrorS3 = 1105;
// MySQL's ER_UNKNOWN_CHARACTER_SET.
constexpr uint16_t kErrorUnknownCharacterSet = 1115;

std::string Err(uint16_t code, std::string message) {
  return ErrPayload(ErrFields{.code = code, .sql_state = "HY000", .message = std::move(message)});
}

// Streams encoded rows into part files, starting a new part when one would
// pass the size limit. Nothing is visible until Finish(); Abandon() removes
// the parts already published.
//
// The lake's side of each write (the object's MD5 and CRC64, the blob
// file's write) runs behind, on a WriteBehind's thread, so that the
// connection is read and the rows encoded meanwhile: done inline, the
// server stops sending while the front hashes and writes each buffer.
class PartWriter {
 public:
  PartWriter(lake::Lake& lake, std::string aurora_uri, std::string lake_uri, uint64_t max_bytes)
      : lake_(lake),
        aurora_uri_(std::move(aurora_uri)),
        lake_uri_(std::move(lake_uri)),
        max_bytes_(max_bytes) {}

  // Appends one row, encoded straight into the part's buffer (no copy of
  // the line), to the current part; a row that would take the part past
  // the limit starts the next one.
  Status AddRow(const TextRowEncoder& encoder,
                std::span<const FieldValue> fields,
                std::string_view header) {
    if (writer_ == nullptr) {
      STRATUS_RETURN_IF_ERROR(StartPart(header));
    }
    const size_t start = buffer_.size();
    encoder.AppendRow(fields, &buffer_);
    const size_t line_bytes = buffer_.size() - start;
    if (part_bytes_ > 0 && part_bytes_ + line_bytes > max_bytes_) {
      // Rare (a part is gigabytes): the line moves to the next part.
      std::string line = buffer_.substr(start);
      buffer_.resize(start);
      STRATUS_RETURN_IF_ERROR(StartPart(header));
      buffer_.append(line);
    }
    part_bytes_ += line_bytes;
    if (buffer_.size() >= kFlushBytes) {
      return Flush();
    }
    return Status::Ok();
  }

  // Publishes the last part (an empty one when no rows came).
  Status Finish(std::string_view header) {
    if (writer_ == nullptr) {
      STRATUS_RETURN_IF_ERROR(StartPart(header));
    }
    return CommitPart();
  }

  void Abandon() {
    behind_.reset();  // Drops the writes not yet made.
    writer_.reset();
    for (size_t i = 0; i < published_; ++i) {
      (void)lake_.Delete(PartUri(lake_uri_, i));
    }
  }

  size_t num_published() const { return published_; }

  // The parts published, as the statement named them.
  std::vector<std::string> part_uris() const {
    std::vector<std::string> uris;
    for (size_t i = 0; i < published_; ++i) {
      uris.push_back(PartUri(aurora_uri_, i));
    }
    return uris;
  }

 private:
  // The buffer goes to the lake at this size; at most kMaxFullBuffers of
  // them wait or are being written (AddRow() blocks beyond).
  static constexpr size_t kFlushBytes = size_t{1} << 20;
  static constexpr size_t kMaxFullBuffers = 4;

  Status StartPart(std::string_view header) {
    if (writer_ != nullptr) {
      STRATUS_RETURN_IF_ERROR(CommitPart());
    }
    STRATUS_ASSIGN_OR_RETURN(writer_, lake_.CreateWriter(PartUri(lake_uri_, published_)));
    buffer_.assign(header);
    part_bytes_ = header.size();
    return Status::Ok();
  }

  // Queues the full buffer for the part's writer (starting the
  // WriteBehind with the first: an export of less than a buffer writes
  // inline, at the commit).
  Status Flush() {
    if (failed_.load(std::memory_order_relaxed)) {
      buffer_.clear();
      return WaitForWrites();
    }
    if (behind_ == nullptr) {
      behind_ = std::make_unique<WriteBehind>([this](std::string_view bytes) { AppendNow(bytes); },
                                              kMaxFullBuffers);
    }
    behind_->Swap(&buffer_);  // Hands back a written buffer's memory, if any.
    if (buffer_.capacity() < kFlushBytes) {
      buffer_.reserve(kFlushBytes + kFlushBytes / 8);
    }
    return Status::Ok();
  }

  // Runs on the WriteBehind's thread (on the caller's once it is drained).
  void AppendNow(std::string_view bytes) {
    if (append_status_.ok()) {
      append_status_ = writer_->Append(bytes);
      if (!append_status_.ok()) {
        failed_.store(true, std::memory_order_relaxed);
      }
    }
  }

  // Waits for the queued writes; returns the first that failed.
  Status WaitForWrites() {
    if (behind_ != nullptr) {
      behind_->Drain();
    }
    return append_status_;
  }

  Status CommitPart() {
    STRATUS_RETURN_IF_ERROR(WaitForWrites());
    if (!buffer_.empty()) {
      AppendNow(buffer_);
      buffer_.clear();
    }
    STRATUS_RETURN_IF_ERROR(append_status_);
    STRATUS_RETURN_IF_ERROR(writer_->Commit().status());
    writer_.reset();
    ++published_;
    return Status::Ok();
  }

  lake::Lake& lake_;
  std::string aurora_uri_;
  std::string lake_uri_;
  uint64_t max_bytes_;
  // Used by the WriteBehind's thread between a Swap() and the Drain()
  // after it, by the caller's otherwise.
  std::unique_ptr<lake::ObjectWriter> writer_;
  Status append_status_;  // Written by AppendNow(); read after a Drain().
  std::atomic<bool> failed_ = false;
  std::string buffer_;
  uint64_t part_bytes_ = 0;
  size_t published_ = 0;
  // Started by the first Flush(). Last: destroyed (its thread joined)
  // before the members it writes.
  std::unique_ptr<WriteBehind> behind_;
};

// The result set's head: the columns. Returns the reply for the client
// instead when the server answered with something else (an ERR).
struct ResultHead {
  std::vector<ColumnDefinition> columns = {};
  std::optional<std::string> reply = std::nullopt;
};

Result<ResultHead> ReadResultHead(PacketChannel& backend, bool deprecate_eof) {
  STRATUS_ASSIGN_OR_RETURN(Message first, backend.ReadServerMessage());
  ResultHead head;
  const uint8_t header = HeaderByte(first.payload);
  if (header == kErrHeader) {
    head.reply = first.payload;
    return head;
  }
  if (header == kOkHeader) {
    head.reply = Err(kErrorS3, "INTO OUTFILE S3 needs a statement that returns rows");
    return head;
  }
  PayloadReader reader(first.payload);
  std::optional<uint64_t> count = reader.LengthEncodedInt();
  if (!count.has_value() || *count == 0 || *count > 4096) {
    return Status::Corruption("the server sent a malformed result set");
  }
  for (uint64_t i = 0; i < *count; ++i) {
    STRATUS_ASSIGN_OR_RETURN(Message definition, backend.ReadServerMessage());
    std::optional<ColumnDefinition> column = ParseColumnDefinition(definition.payload);
    if (!column.has_value()) {
      return Status::Corruption("the server sent a malformed column definition");
    }
    head.columns.push_back(std::move(*column));
  }
  if (!deprecate_eof) {
    STRATUS_ASSIGN_OR_RETURN(Message eof, backend.ReadServerMessage());
    if (!IsEndOfRows(eof.payload)) {
      return Status::Corruption("the server sent no EOF after the column definitions");
    }
  }
  return head;
}

std::string HeaderLine(const std::vector<ColumnDefinition>& columns,
                       const TextRowEncoder& encoder) {
  std::vector<FieldValue> names;
  names.reserve(columns.size());
  for (const ColumnDefinition& column : columns) {
    names.push_back(FieldValue{.bytes = column.name, .is_null = false, .numeric = false});
  }
  std::string line;
  encoder.AppendRow(names, &line);
  return line;
}

// The SELECT as the server runs it for the export: with its values in the
// file's character set, as INTO OUTFILE writes them — the statement's
// CHARACTER SET, else each column's own (no conversion) — instead of the
// session's character_set_results. SET STATEMENT leaves the session as it
// was. nullopt for a character set name that is not a plain word.
std::optional<std::string> SelectInFileCharacterSet(const OutfileS3Statement& statement) {
  std::string character_set = "NULL";
  if (statement.character_set.has_value()) {
    character_set = *statement.character_set;
    const bool plain_word = !character_set.empty() &&
                            std::all_of(character_set.begin(), character_set.end(), [](char c) {
                              return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
                            });
    if (!plain_word) {
      return std::nullopt;
    }
  }
  return "SET STATEMENT character_set_results=" + character_set + " FOR " + statement.select_sql;
}

// Checks OVERWRITE OFF: the first part and the manifest must not exist.
std::optional<std::string> ExistingFile(lake::Lake& lake,
                                        const OutfileS3Statement& statement,
                                        const std::string& lake_uri) {
  if (lake.Head(PartUri(lake_uri, 0)).ok()) {
    return PartUri(statement.uri, 0);
  }
  if (statement.manifest && lake.Head(ManifestUri(lake_uri)).ok()) {
    return ManifestUri(statement.uri);
  }
  return std::nullopt;
}

// OVERWRITE ON replaces an earlier export at the same URI: once the new
// parts are complete, the earlier export's parts past the new last one go,
// and so does its manifest when this export writes none, so that a reader
// of the prefix sees only the new rows. Best effort: a part that cannot be
// deleted stays (the new parts and manifest are already complete).
void RemoveStaleExport(lake::Lake& lake,
                       const std::string& lake_uri,
                       size_t num_parts,
                       bool wrote_manifest) {
  const std::string part_prefix = lake_uri + ".part_";
  Result<std::vector<lake::ObjectInfo>> listed = lake::ListAll(lake, part_prefix);
  if (listed.ok()) {
    for (const lake::ObjectInfo& object : *listed) {
      if (!object.key.starts_with(part_prefix)) {
        continue;
      }
      const std::string_view digits = std::string_view(object.key).substr(part_prefix.size());
      size_t index = 0;
      const auto [end, error] =
          std::from_chars(digits.data(), digits.data() + digits.size(), index);
      if (error == std::errc() && end == digits.data() + digits.size() && digits.size() >= 5 &&
          index >= num_parts) {
        (void)lake.Delete(object.key);
      }
    }
  }
  if (!wrote_manifest && lake.Head(ManifestUri(lake_uri)).ok()) {
    (void)lake.Delete(ManifestUri(lake_uri));
  }
}

}  // namespace

Result<std::string> RunOutfileS3(const OutfileS3Statement& statement,
                                 const S3StatementContext& context) {
  Result<std::string> lake_uri = LakeUriOf(statement.uri);
  if (!lake_uri.ok()) {
    return Err(kErrorS3, lake_uri.status().message());
  }
  lake::Lake& lake = *context.lake;
  if (!statement.overwrite) {
    if (std::optional<std::string> existing = ExistingFile(lake, statement, *lake_uri)) {
      return Err(kErrorFileExists, fmt::format("File '{}' already exists", *existing));
    }
  }
  std::optional<std::string> select_sql = SelectInFileCharacterSet(statement);
  if (!select_sql.has_value()) {
    return Err(kErrorUnknownCharacterSet,
               fmt::format("Unknown character set: '{}'", *statement.character_set));
  }
  PacketChannel& backend = *context.backend;
  STRATUS_RETURN_IF_ERROR(
      backend.WritePayload(std::string(1, static_cast<char>(kComQuery)) + *select_sql, 0).status());
  const bool deprecate_eof = (context.capabilities & kClientDeprecateEof) != 0;
  STRATUS_ASSIGN_OR_RETURN(ResultHead head, ReadResultHead(backend, deprecate_eof));
  if (head.reply.has_value()) {
    return *head.reply;
  }
  const TextRowEncoder encoder(statement.text);
  const std::string header = statement.header ? HeaderLine(head.columns, encoder) : "";
  PartWriter parts(lake, statement.uri, *lake_uri, context.max_part_bytes);
  Status lake_status = Status::Ok();
  uint64_t num_rows = 0;
  std::vector<FieldValue> fields;
  Message long_row;  // A row of 16 MB or more, assembled from its packets.
  std::string_view row;
  while (true) {
    STRATUS_RETURN_IF_ERROR(backend.ReadServerPayload(&long_row, &row));
    if (IsEndOfRows(row)) {
      std::optional<OkFields> end = deprecate_eof ? ParseOk(row) : std::nullopt;
      const uint16_t status = end.has_value() ? end->status : ParseEofStatus(row).value_or(0);
      if (lake_status.ok()) {
        lake_status = parts.Finish(header);
      }
      if (lake_status.ok() && statement.manifest) {
        lake_status = lake.Write(ManifestUri(*lake_uri), ManifestJson(parts.part_uris())).status();
      }
      if (!lake_status.ok()) {
        parts.Abandon();
        return Err(kErrorS3, fmt::format("Error writing '{}' to S3: {}", statement.uri,
                                         lake_status.message()));
      }
      if (statement.overwrite) {
        RemoveStaleExport(lake, *lake_uri, parts.num_published(), statement.manifest);
      }
      return OkPayload(OkFields{.affected_rows = num_rows,
                                .last_insert_id = 0,
                                .status = static_cast<uint16_t>(status & ~kServerMoreResultsExist),
                                .warnings = 0,
                                .info = {}});
    }
    if (HeaderByte(row) == kErrHeader) {
      parts.Abandon();
      return std::string(row);  // The query failed midway (killed, a runtime error).
    }
    if (!ParseTextRow(row, head.columns, &fields)) {
      return Status::Corruption("the server sent a malformed row");
    }
    ++num_rows;
    if (!lake_status.ok()) {
      continue;  // Drains the rows so the connection stays in step.
    }
    lake_status = parts.AddRow(encoder, fields, header);
  }
}

}  // namespace stratus::connectors::mysql
