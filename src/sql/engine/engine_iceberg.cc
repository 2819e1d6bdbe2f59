// Iceberg tables (formats/iceberg): CREATE TABLE, INSERT INTO, MERGE INTO,
// UPDATE and DELETE, and the commit protocol they share.
//
// A statement reads the table's metadata through Glue's pointer
// (table parameter metadata_location), writes its data and delete files
// (exec/iceberg_writer.h), writes the new snapshot's manifests, manifest
// list and metadata file (formats/iceberg/snapshot_producer.h), and then
// swaps Glue's pointer with compare-and-swap on the table's version. If
// another writer committed first, it reloads, checks that its change still
// applies (appends always do; row changes unless the other commit removed
// or deleted from the data files they delete from), and tries again on the
// newer base; otherwise it fails with ICEBERG_COMMIT_ERROR and removes the
// files it wrote. Until the swap nothing is visible: readers see whole
// snapshots only, and a crash before the swap leaves the table as it was
// (the files it wrote are orphans, which VACUUM removes).

#include <algorithm>
#include <atomic>
#include <cctype>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "formats/iceberg/metadata_tables.h"
#include "formats/iceberg/partition_spec.h"
#include "formats/iceberg/scan_planner.h"
#include "formats/iceberg/snapshot_producer.h"
#include "formats/iceberg/table_io.h"
#include "formats/iceberg/table_loader.h"
#include "formats/iceberg/table_updates.h"
#include "formats/iceberg/vacuum.h"
#include "sql/binder/binder.h"
#include "sql/binder/optimizer.h"
#include "sql/catalog/catalog.h"
#include "sql/catalog/memory_catalog.h"
#include "sql/engine/engine_internal.h"
#include "sql/exec/iceberg_writer.h"
#include "sql/exec/operator.h"
#include "sql/parser/parser.h"
#include "sql/parser/statement.h"
#include "sql/parser/to_sql.h"
#include "sql/types/sql_error.h"
#include "sql/vector/batch.h"
#include "sql/vector/selection_vector.h"
#include "sql/vector/string_view.h"
#include "sql/vector/vector.h"

namespace stratus::sql {

namespace iceberg = formats::iceberg;

namespace {

constexpr std::string_view kIcebergCommitError = "ICEBERG_COMMIT_ERROR";
constexpr std::string_view kIcebergBadData = "ICEBERG_BAD_DATA";
constexpr std::string_view kMetadataLocation = "metadata_location";
constexpr std::string_view kPreviousMetadataLocation = "previous_metadata_location";
constexpr int kMaxCommitAttempts = 5;

std::string PositionPrefix(parser::SourcePosition position) {
  return "line " + std::to_string(position.line) + ":" + std::to_string(position.column) + ": ";
}

std::string Lower(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

std::string TrimSlash(std::string location) {
  while (!location.empty() && location.back() == '/') {
    location.pop_back();
  }
  return location;
}

// Maps a lake or Iceberg library error to the engine's names.
Status IcebergError(const Status& status, std::string_view name = kIcebergBadData) {
  if (!SqlErrorName(status).empty()) {
    return status;
  }
  return SqlError(name, status.message());
}

// Athena's TBLPROPERTIES for Iceberg tables and the Iceberg properties they set.
void MapTableProperties(const catalog::Properties& given, std::map<std::string, std::string>* out) {
  for (const auto& [key, value] : given) {
    std::string lower = Lower(key);
    if (lower == "table_type") {
      continue;
    }
    if (lower == "format") {
      (*out)["write.format.default"] = [&] {
        std::string upper = value;
        for (char& c : upper) {
          c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        return upper;
      }();
    } else if (lower == "write_compression") {
      (*out)["write.parquet.compression-codec"] = Lower(value);
    } else if (lower == "write_target_data_file_size_bytes") {
      (*out)["write.target-file-size-bytes"] = value;
    }
    (*out)[key] = value;
  }
}

formats::parquet::Codec CodecOf(const iceberg::TableMetadata& metadata) {
  std::string codec = Lower(metadata.Property("write.parquet.compression-codec", "zstd"));
  if (codec == "snappy") {
    return formats::parquet::Codec::kSnappy;
  }
  if (codec == "gzip") {
    return formats::parquet::Codec::kGzip;
  }
  if (codec == "uncompressed" || codec == "none") {
    return formats::parquet::Codec::kUncompressed;
  }
  if (codec == "lz4" || codec == "lz4_raw") {
    return formats::parquet::Codec::kLz4Raw;
  }
  return formats::parquet::Codec::kZstd;
}

uint64_t TargetFileBytes(const iceberg::TableMetadata& metadata) {
  std::string text = metadata.Property("write_target_data_file_size_bytes",
                                       metadata.Property("write.target-file-size-bytes"));
  if (!text.empty()) {
    try {
      uint64_t value = std::stoull(text);
      if (value > 0) {
        return value;
      }
    } catch (const std::exception&) {
    }
  }
  return uint64_t{512} << 20;
}

// Turns `dt`, `day(ts)`, `bucket(16, id)` into the library's partition columns.
Result<iceberg::PartitionColumn> PartitionColumnOf(const parser::Expression& expression) {
  if (expression.kind == parser::ExpressionKind::kIdentifier) {
    return iceberg::PartitionColumn{
        .column = expression.As<parser::IdentifierExpression>().identifier.name,
        .transform = {},
        .argument = std::nullopt};
  }
  if (expression.kind == parser::ExpressionKind::kFunctionCall) {
    const auto& call = expression.As<parser::FunctionCallExpression>();
    iceberg::PartitionColumn out;
    out.transform = Lower(call.name.ToString());
    for (const parser::ExpressionPtr& argument : call.arguments) {
      if (argument->kind == parser::ExpressionKind::kIdentifier) {
        out.column = argument->As<parser::IdentifierExpression>().identifier.name;
      } else if (argument->kind == parser::ExpressionKind::kLiteral &&
                 argument->As<parser::LiteralExpression>().literal_kind ==
                     parser::LiteralKind::kInteger) {
        try {
          out.argument = std::stoi(argument->As<parser::LiteralExpression>().value);
        } catch (const std::exception&) {
          return SqlError(kInvalidTableProperty,
                          "Invalid partition transform argument in " + call.name.ToString());
        }
      } else {
        return SqlError(kInvalidTableProperty,
                        "Unable to parse partitioning value: " + call.name.ToString());
      }
    }
    if (out.column.empty()) {
      return SqlError(kInvalidTableProperty,
                      "Unable to parse partitioning value: " + call.name.ToString());
    }
    return out;
  }
  return SqlError(kInvalidTableProperty, "Unable to parse partitioning value");
}

// The data files of the base snapshot a row change may delete from, by path.
using DeleteTargetIndex = std::unordered_map<std::string_view, uint32_t>;

// One driver's row changes (binder.h, RowChangePlan) into its file writer:
// the new rows are written, the target rows' ($path, $pos) deleted.
class RowChangeSink final : public exec::Sink {
 public:
  RowChangeSink(exec::IcebergFileWriter& writer,
                const DeleteTargetIndex& targets,
                size_t width,
                std::atomic<uint64_t>* changed)
      : writer_(writer), targets_(targets), width_(width), changed_(changed) {}

  Status Consume(Batch batch) override {
    const Vector ops = batch.column(width_).Flatten();
    const Vector paths = batch.column(width_ + 1).Flatten();
    const Vector positions = batch.column(width_ + 2).Flatten();
    if (ops.physical_type() != PhysicalType::kInt32 ||
        paths.physical_type() != PhysicalType::kString ||
        positions.physical_type() != PhysicalType::kInt64) {
      return SqlError(kGenericInternalError, "Row changes of unexpected types");
    }
    const auto* op_values = ops.values<int32_t>();
    const auto* path_values = paths.values<StringView>();
    const auto* position_values = positions.values<int64_t>();
    SelectionVector writes;
    uint64_t changed = 0;
    std::string_view last_path;
    uint32_t last_target = UINT32_MAX;
    for (size_t row = 0; row < batch.num_rows(); ++row) {
      if (ops.IsNull(row)) {
        continue;
      }
      auto kind = static_cast<binder::RowChangeOp>(op_values[row]);
      if (kind == binder::RowChangeOp::kInsert || kind == binder::RowChangeOp::kUpdate) {
        writes.Append(static_cast<uint32_t>(row));
      }
      if (kind == binder::RowChangeOp::kDelete || kind == binder::RowChangeOp::kUpdate) {
        if (paths.IsNull(row) || positions.IsNull(row)) {
          return SqlError(kGenericInternalError, "A changed row has no position");
        }
        std::string_view path = path_values[row].view();
        if (last_target == UINT32_MAX || path != last_path) {
          auto file = targets_.find(path);
          if (file == targets_.end()) {
            return SqlError(kGenericInternalError,
                            "A changed row's file is not in the snapshot: " + std::string(path));
          }
          last_target = file->second;
          last_path = file->first;
        }
        writer_.DeleteRow(last_target, position_values[row]);
      }
      ++changed;
    }
    changed_->fetch_add(changed, std::memory_order_relaxed);
    if (!writes.empty()) {
      STRATUS_RETURN_IF_ERROR(writer_.WriteRows(batch, &writes));
    }
    return Status::Ok();
  }

  Status Finish() override { return Status::Ok(); }

 private:
  exec::IcebergFileWriter& writer_;
  const DeleteTargetIndex& targets_;
  size_t width_;
  std::atomic<uint64_t>* changed_;
};

// One driver's rows of an INSERT (or an OPTIMIZE's rewrite) into its file writer.
class AppendSink final : public exec::Sink {
 public:
  explicit AppendSink(exec::IcebergFileWriter& writer) : writer_(writer) {}

  Status Consume(Batch batch) override { return writer_.WriteRows(batch, nullptr); }

  Status Finish() override { return Status::Ok(); }

 private:
  exec::IcebergFileWriter& writer_;
};

// Every driver's rows into one sink, one batch at a time: OPTIMIZE packs each
// partition into as few files as its target size allows, which one writer per
// driver would not.
class SerialSink final : public exec::Sink {
 public:
  SerialSink(std::unique_ptr<exec::Sink> sink, std::mutex* mu) : sink_(std::move(sink)), mu_(mu) {}

  Status Consume(Batch batch) override {
    std::lock_guard<std::mutex> lock(*mu_);
    return sink_->Consume(std::move(batch));
  }

  Status Finish() override {
    std::lock_guard<std::mutex> lock(*mu_);
    return sink_->Finish();
  }

 private:
  std::unique_ptr<exec::Sink> sink_;
  std::mutex* mu_;
};

// A driver's sink that could not be made: fails the run.
class FailedSink final : public exec::Sink {
 public:
  explicit FailedSink(Status status) : status_(std::move(status)) {}

  Status Consume(Batch /*batch*/) override { return status_; }

  Status Finish() override { return status_; }

 private:
  Status status_;
};

// The file writers of one statement, one per driver of its plan: the
// statement's writer for the first, siblings of it for the others. At the
// end the siblings are absorbed into the first, which finishes them all.
class DriverWriters {
 public:
  explicit DriverWriters(exec::IcebergFileWriter& first) : first_(first) {}

  // A driver's sink over its own writer.
  std::unique_ptr<exec::Sink> MakeSink(
      const std::function<std::unique_ptr<exec::Sink>(exec::IcebergFileWriter&)>& make) {
    if (!first_taken_) {
      first_taken_ = true;
      return make(first_);
    }
    auto sibling = first_.MakeSibling();
    if (!sibling.ok()) {
      return std::make_unique<FailedSink>(sibling.status());
    }
    siblings_.push_back(std::move(*sibling));
    return make(*siblings_.back());
  }

  // Absorbs the siblings and finishes the first writer.
  Result<std::vector<iceberg::DataFile>> Finish() {
    for (const std::unique_ptr<exec::IcebergFileWriter>& sibling : siblings_) {
      STRATUS_RETURN_IF_ERROR(first_.Absorb(*sibling));
    }
    deleted_from_ = first_.DeletedFrom();
    return first_.Finish();
  }

  // Every file written by any of the writers (to remove on failure).
  std::vector<std::string> written_paths() const {
    std::vector<std::string> paths = first_.written_paths();
    for (const std::unique_ptr<exec::IcebergFileWriter>& sibling : siblings_) {
      paths.insert(paths.end(), sibling->written_paths().begin(), sibling->written_paths().end());
    }
    return paths;
  }

  // The data files rows were deleted from (known after Finish).
  const std::vector<std::string>& deleted_from() const { return deleted_from_; }

 private:
  exec::IcebergFileWriter& first_;
  bool first_taken_ = false;
  std::vector<std::unique_ptr<exec::IcebergFileWriter>> siblings_;
  std::vector<std::string> deleted_from_;
};

}  // namespace

struct Engine::Impl::IcebergTable {
  catalog::TableDescriptor descriptor;
  std::unique_ptr<iceberg::TableIo> io;
  iceberg::TableMetadata metadata;
  std::string metadata_location;
};

Result<std::unique_ptr<Engine::Impl::IcebergTable>> Engine::Impl::LoadIcebergTable(
    catalog::TableDescriptor descriptor) {
  auto table = std::make_unique<IcebergTable>();
  auto location = descriptor.table_properties.find(std::string(kMetadataLocation));
  if (location == descriptor.table_properties.end() || location->second.empty()) {
    return SqlError(kIcebergBadData, "Table '" + descriptor.database + "." + descriptor.name +
                                         "' has no metadata_location");
  }
  if (options.lake == nullptr) {
    return SqlError(kNotSupported, "Iceberg tables need the lake");
  }
  table->metadata_location = location->second;
  table->io = std::make_unique<iceberg::TableIo>(*options.lake);
  auto metadata = iceberg::LoadTableMetadata(*table->io, table->metadata_location);
  if (!metadata.ok()) {
    return IcebergError(metadata.status());
  }
  table->metadata = std::move(*metadata);
  table->descriptor = std::move(descriptor);
  return table;
}

Result<catalog::TableDescriptor> Engine::Impl::RegisterIcebergTable(
    catalog::TableDescriptor table,
    std::optional<std::string> location,
    std::vector<iceberg::PartitionColumn> partitioning,
    StatementContext& context) {
  iceberg::NewTableOptions create;
  auto database = options.catalog->GetDatabase(table.database);
  std::string database_location =
      database.ok() && database->has_value() ? (*database)->location : std::string();
  if (location.has_value()) {
    create.location = TrimSlash(*location);
  } else if (!database_location.empty()) {
    create.location = TrimSlash(JoinLocation(database_location, table.name));
  } else if (!context.session->output_location.empty()) {
    // As CTAS does: <OutputLocation>/tables/<query id>.
    create.location =
        JoinLocation(JoinLocation(context.session->output_location, "tables"), context.query_id);
  } else if (!options.default_table_location.empty()) {
    create.location = TrimSlash(
        JoinLocation(JoinLocation(options.default_table_location, table.database), table.name));
  } else {
    return SqlError(kGenericUserError,
                    "CREATE TABLE needs a LOCATION (no default table location is configured)");
  }
  for (const catalog::ColumnDescriptor& column : table.columns) {
    create.columns.push_back(
        {.name = column.name, .type = column.type, .comment = column.comment, .required = false});
  }
  create.partitioning = std::move(partitioning);
  MapTableProperties(table.table_properties, &create.properties);

  iceberg::TableIo io(*options.lake);
  IdGenerator ids;
  iceberg::CommitEnv env{.io = &io, .clock = &ClockOf(options.clock), .ids = &ids};
  auto created = iceberg::CreateTable(env, create);
  if (!created.ok()) {
    std::string name = SqlErrorName(created.status()).empty() ? std::string(kInvalidTableProperty)
                                                              : SqlErrorName(created.status());
    return SqlError(name, created.status().message());
  }
  table.kind = catalog::TableKind::kIceberg;
  table.location = create.location;
  table.partition_keys.clear();
  table.table_properties.clear();
  table.table_properties["table_type"] = "ICEBERG";
  table.table_properties[std::string(kMetadataLocation)] = created->metadata_location;
  Status status = options.catalog->CreateTable(table, /*if_not_exists=*/false);
  if (!status.ok()) {
    for (const std::string& path : created->written_files) {
      (void)io.Delete(path);
    }
    return status;
  }
  auto registered = options.catalog->GetTable(table.database, table.name);
  if (!registered.ok() || !registered->has_value()) {
    return registered.ok() ? SqlError(kGenericInternalError, "The new table went away")
                           : registered.status();
  }
  return std::move(**registered);
}

Status Engine::Impl::CreateIcebergTable(const parser::CreateTableStatement& statement,
                                        catalog::TableDescriptor table,
                                        StatementContext& context) {
  auto existing = options.catalog->GetTable(table.database, table.name);
  if (!existing.ok()) {
    return existing.status();
  }
  if (existing->has_value()) {
    if (statement.if_not_exists) {
      return context.sink->Begin(DdlDescription("CREATE_TABLE"));
    }
    return SqlError(kTableAlreadyExists, PositionPrefix(statement.name.position()) + "Table '" +
                                             context.session->catalog + "." + table.database + "." +
                                             table.name + "' already exists");
  }
  if (!statement.partition_columns.empty()) {
    // Athena: Iceberg partitions are columns of the table, named in PARTITIONED BY.
    return SqlError(kNotSupported,
                    PositionPrefix(statement.position) +
                        "Partition columns of Iceberg tables are table columns: declare them in "
                        "the column list and name them in PARTITIONED BY (col, day(ts), ...)");
  }
  std::vector<iceberg::PartitionColumn> partitioning;
  for (const parser::ExpressionPtr& transform : statement.partition_transforms) {
    auto column = PartitionColumnOf(*transform);
    if (!column.ok()) {
      return SqlError(SqlErrorName(column.status()),
                      PositionPrefix(transform->position) + column.status().message());
    }
    partitioning.push_back(std::move(*column));
  }
  auto registered =
      RegisterIcebergTable(std::move(table), statement.location, std::move(partitioning), context);
  if (!registered.ok()) {
    std::string name = SqlErrorName(registered.status());
    return SqlError(name.empty() ? std::string(kGenericInternalError) : name,
                    PositionPrefix(statement.position) + registered.status().message());
  }
  return context.sink->Begin(DdlDescription("CREATE_TABLE"));
}

Result<uint64_t> Engine::Impl::CreateIcebergTableAs(catalog::TableDescriptor table,
                                                    std::optional<std::string> location,
                                                    const std::vector<std::string>& partitioning,
                                                    plan::NodePtr query,
                                                    StatementContext& context) {
  std::vector<iceberg::PartitionColumn> columns;
  for (const std::string& text : partitioning) {
    // Athena's partitioning = ARRAY['dt', 'day(ts)', 'bucket(id, 16)' or 'bucket(16, id)'].
    std::string trimmed;
    for (char c : text) {
      if (c != ' ' && c != '`' && c != '"') {
        trimmed.push_back(c);
      }
    }
    iceberg::PartitionColumn column;
    size_t open = trimmed.find('(');
    if (open == std::string::npos || trimmed.back() != ')') {
      column.column = Lower(trimmed);
    } else {
      column.transform = Lower(trimmed.substr(0, open));
      std::string inside = trimmed.substr(open + 1, trimmed.size() - open - 2);
      size_t comma = inside.find(',');
      std::vector<std::string> args = {inside.substr(0, comma)};
      if (comma != std::string::npos) {
        args.push_back(inside.substr(comma + 1));
      }
      for (const std::string& arg : args) {
        if (!arg.empty() && std::all_of(arg.begin(), arg.end(), [](char c) {
              return std::isdigit(static_cast<unsigned char>(c)) != 0;
            })) {
          column.argument = std::stoi(arg);
        } else {
          column.column = Lower(arg);
        }
      }
    }
    columns.push_back(std::move(column));
  }
  STRATUS_ASSIGN_OR_RETURN(
      catalog::TableDescriptor registered,
      RegisterIcebergTable(std::move(table), std::move(location), std::move(columns), context));
  auto rows = AppendIcebergRows(registered, std::move(query), context);
  if (!rows.ok()) {
    // As Athena: a failed CTAS leaves no table behind.
    (void)options.catalog->DropTable(registered.database, registered.name, true);
    return rows.status();
  }
  return *rows;
}

Status Engine::Impl::CommitIceberg(IcebergTable& table,
                                   std::optional<int64_t> read_snapshot,
                                   const iceberg::SnapshotUpdate& update,
                                   const std::vector<std::string>& data_files,
                                   StatementContext& context) {
  IdGenerator ids;
  iceberg::CommitEnv env{.io = table.io.get(), .clock = &ClockOf(options.clock), .ids = &ids};
  auto cleanup = [&](const std::vector<std::string>& paths) {
    for (const std::string& path : paths) {
      (void)table.io->Delete(path);
    }
  };
  std::string qualified = table.descriptor.database + "." + table.descriptor.name;
  iceberg::SnapshotUpdate pending = update;
  pending.extra_summary.emplace_back("trino_query_id", context.query_id);
  for (int attempt = 1;; ++attempt) {
    auto committed = iceberg::CommitSnapshot(env, table.metadata, table.metadata_location, pending);
    if (!committed.ok()) {
      cleanup(data_files);
      return IcebergError(committed.status(), kIcebergCommitError);
    }
    catalog::TableDescriptor next = table.descriptor;
    next.table_properties[std::string(kMetadataLocation)] = committed->metadata_location;
    next.table_properties[std::string(kPreviousMetadataLocation)] = table.metadata_location;
    Status swapped = options.catalog->UpdateTable(next);
    if (swapped.ok()) {
      return Status::Ok();
    }
    cleanup(committed->written_files);
    // Someone else committed first (or the table went away): reload and retry.
    auto fresh = options.catalog->GetTable(table.descriptor.database, table.descriptor.name);
    if (!fresh.ok() || !fresh->has_value()) {
      cleanup(data_files);
      return SqlError(kIcebergCommitError, "Failed to commit Iceberg update to table: " +
                                               qualified + ": the table was dropped");
    }
    auto fresh_location = (*fresh)->table_properties.find(std::string(kMetadataLocation));
    if (attempt >= kMaxCommitAttempts || fresh_location == (*fresh)->table_properties.end() ||
        fresh_location->second == table.metadata_location) {
      cleanup(data_files);
      return SqlError(kIcebergCommitError, "Failed to commit Iceberg update to table: " +
                                               qualified + ": " + swapped.message());
    }
    auto reloaded = LoadIcebergTable(std::move(**fresh));
    if (!reloaded.ok()) {
      cleanup(data_files);
      return reloaded.status();
    }
    Status valid = iceberg::ValidateNoConflicts(*(*reloaded)->io, (*reloaded)->metadata,
                                                read_snapshot, pending);
    if (!valid.ok()) {
      cleanup(data_files);
      return SqlError(kIcebergCommitError, "Failed to commit Iceberg update to table: " +
                                               qualified + ": " + valid.message());
    }
    table.descriptor = std::move((*reloaded)->descriptor);
    table.metadata = std::move((*reloaded)->metadata);
    table.metadata_location = std::move((*reloaded)->metadata_location);
  }
}

exec::IcebergWriteOptions Engine::Impl::IcebergWriteOptionsFor(const IcebergTable& table,
                                                               const StatementContext& context) {
  const iceberg::TableMetadata& metadata = table.metadata;
  std::string data_location =
      metadata.Property("write.data.path", TrimSlash(metadata.location) + "/data");
  return {.lake = options.lake,
          .schema = metadata.current_schema(),
          .spec = metadata.default_spec(),
          .data_location = data_location,
          .file_prefix = context.query_id,
          .codec = CodecOf(metadata),
          .target_file_bytes = TargetFileBytes(metadata)};
}

Result<std::unique_ptr<exec::IcebergFileWriter>> Engine::Impl::MakeIcebergWriter(
    const IcebergTable& table, const StatementContext& context) {
  return exec::IcebergFileWriter::Make(IcebergWriteOptionsFor(table, context));
}

Result<uint64_t> Engine::Impl::AppendIcebergRows(const catalog::TableDescriptor& descriptor,
                                                 plan::NodePtr input,
                                                 StatementContext& context) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<IcebergTable> table, LoadIcebergTable(descriptor));
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<exec::IcebergFileWriter> writer,
                           MakeIcebergWriter(*table, context));
  DriverWriters writers(*writer);
  Status ran = RunPlanPerDriver(*input, context, [&] {
    return writers.MakeSink(
        [](exec::IcebergFileWriter& own) { return std::make_unique<AppendSink>(own); });
  });
  context.statistics.rows_output = 0;
  auto files = ran.ok() ? writers.Finish() : Result<std::vector<iceberg::DataFile>>(ran);
  if (!files.ok()) {
    for (const std::string& path : writers.written_paths()) {
      (void)table->io->Delete(path);
    }
    return files.status();
  }
  if (files->empty()) {
    return uint64_t{0};
  }
  iceberg::SnapshotUpdate update;
  update.kind = iceberg::SnapshotUpdate::Kind::kAppend;
  update.added_data_files = std::move(*files);
  const iceberg::Snapshot* current = table->metadata.current_snapshot();
  std::optional<int64_t> read_snapshot =
      current != nullptr ? std::optional<int64_t>(current->snapshot_id) : std::nullopt;
  STRATUS_RETURN_IF_ERROR(
      CommitIceberg(*table, read_snapshot, update, writer->written_paths(), context));
  context.statistics.rows_written += writer->rows_written();
  return writer->rows_written();
}

Status Engine::Impl::RunRowChange(const parser::Statement& statement, StatementContext& context) {
  int64_t start = NowMillis(options.clock);
  binder::Binder binder(BinderOptionsFor(context));
  Result<binder::RowChangePlan> bound = SqlError(kNotSupported, "");
  std::string substatement;
  switch (statement.kind) {
    case parser::StatementKind::kMerge:
      bound = binder.BindMerge(statement.As<parser::MergeStatement>());
      substatement = "MERGE";
      break;
    case parser::StatementKind::kUpdate:
      bound = binder.BindUpdate(statement.As<parser::UpdateStatement>());
      substatement = "UPDATE";
      break;
    default:
      bound = binder.BindDelete(statement.As<parser::DeleteStatement>());
      substatement = "DELETE";
      break;
  }
  STRATUS_RETURN_IF_ERROR(bound.status());
  STRATUS_ASSIGN_OR_RETURN(plan::NodePtr optimized,
                           binder::Optimize(bound->plan, {.folder = ConstantFolderFor(context),
                                                          .scan_size = ScanSizer()}));
  context.statistics.planning_millis +=
      static_cast<uint64_t>(std::max<int64_t>(0, NowMillis(options.clock) - start));

  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<IcebergTable> table, LoadIcebergTable(*bound->table));
  const iceberg::Snapshot* snapshot = table->metadata.current_snapshot();
  std::optional<int64_t> read_snapshot =
      snapshot != nullptr ? std::optional<int64_t>(snapshot->snapshot_id) : std::nullopt;
  // The data files rows may be deleted from, by path.
  std::vector<iceberg::ManifestEntry> live;
  if (snapshot != nullptr) {
    auto entries = iceberg::ReadLiveEntries(*table->io, table->metadata, *snapshot);
    if (!entries.ok()) {
      return IcebergError(entries.status());
    }
    live = std::move(*entries);
  }
  exec::IcebergWriteOptions write_options = IcebergWriteOptionsFor(*table, context);
  DeleteTargetIndex targets;
  for (const iceberg::ManifestEntry& entry : live) {
    if (entry.data_file.content == iceberg::FileContent::kData &&
        targets
            .emplace(entry.data_file.file_path,
                     static_cast<uint32_t>(write_options.delete_targets.size()))
            .second) {
      write_options.delete_targets.push_back(&entry.data_file);
    }
  }
  write_options.single_change_per_row = bound->single_change_per_row;
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<exec::IcebergFileWriter> writer,
                           exec::IcebergFileWriter::Make(std::move(write_options)));
  size_t width = bound->table->columns.size() + bound->table->partition_keys.size();
  std::atomic<uint64_t> changed{0};
  DriverWriters writers(*writer);
  Status ran = RunPlanPerDriver(*optimized, context, [&] {
    return writers.MakeSink([&](exec::IcebergFileWriter& own) {
      return std::make_unique<RowChangeSink>(own, targets, width, &changed);
    });
  });
  context.statistics.rows_output = 0;
  auto written = ran.ok() ? writers.Finish() : Result<std::vector<iceberg::DataFile>>(ran);
  if (!written.ok()) {
    for (const std::string& path : writers.written_paths()) {
      (void)table->io->Delete(path);
    }
    return written.status();
  }
  if (!written->empty()) {
    iceberg::SnapshotUpdate update;
    update.kind = iceberg::SnapshotUpdate::Kind::kRowDelta;
    for (iceberg::DataFile& file : *written) {
      if (file.content == iceberg::FileContent::kData) {
        update.added_data_files.push_back(std::move(file));
      } else {
        update.added_delete_files.push_back(std::move(file));
      }
    }
    update.referenced_data_files = writers.deleted_from();
    // MERGE reads the whole table to decide what is new: a concurrent commit
    // that added data files may hold rows it should have matched, so it
    // fails rather than duplicate them (serializable, as Iceberg's MERGE).
    update.fail_on_concurrent_data_files = statement.kind == parser::StatementKind::kMerge;
    STRATUS_RETURN_IF_ERROR(
        CommitIceberg(*table, read_snapshot, update, writer->written_paths(), context));
  }
  context.statistics.rows_written += changed.load();
  return SendRowCount(*context.sink, substatement, changed.load());
}

Result<catalog::Properties> Engine::Impl::IcebergTableProperties(
    const catalog::TableDescriptor& descriptor) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<IcebergTable> table, LoadIcebergTable(descriptor));
  catalog::Properties properties(table->metadata.properties.begin(),
                                 table->metadata.properties.end());
  properties["table_type"] = "ICEBERG";
  return properties;
}

Status Engine::Impl::SwapIcebergMetadata(IcebergTable& table,
                                         const std::string& metadata_location,
                                         const std::vector<std::string>& written_files) {
  catalog::TableDescriptor next = table.descriptor;
  next.table_properties[std::string(kMetadataLocation)] = metadata_location;
  next.table_properties[std::string(kPreviousMetadataLocation)] = table.metadata_location;
  Status swapped = options.catalog->UpdateTable(next);
  if (!swapped.ok()) {
    for (const std::string& path : written_files) {
      (void)table.io->Delete(path);
    }
    return SqlError(kIcebergCommitError,
                    "Failed to commit Iceberg update to table: " + table.descriptor.database + "." +
                        table.descriptor.name + ": " + swapped.message());
  }
  table.descriptor = std::move(next);
  table.metadata_location = metadata_location;
  return Status::Ok();
}

Status Engine::Impl::AlterIcebergTable(const parser::AlterTableStatement& statement,
                                       catalog::TableDescriptor descriptor,
                                       StatementContext& context) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<IcebergTable> table,
                           LoadIcebergTable(std::move(descriptor)));
  binder::Binder binder(BinderOptionsFor(context));
  Result<iceberg::TableMetadata> updated = SqlError(kNotSupported, "");
  std::string substatement;
  std::string column = statement.column.name;
  switch (statement.action) {
    case parser::AlterTableAction::kAddColumns: {
      std::vector<iceberg::ColumnDefinition> columns;
      for (const parser::ColumnDefinition& definition : statement.columns) {
        STRATUS_ASSIGN_OR_RETURN(LogicalType type, binder.ResolveType(definition.type));
        columns.push_back({.name = definition.name.name,
                           .type = type,
                           .comment = definition.comment.value_or(""),
                           .required = false});
      }
      updated = iceberg::AddColumns(table->metadata, columns);
      substatement = "ALTER_TABLE_ADD_COLUMNS";
      column = columns.empty() ? "" : columns.front().name;
      break;
    }
    case parser::AlterTableAction::kDropColumn:
      updated = iceberg::DropColumn(table->metadata, statement.column.name);
      substatement = "ALTER_TABLE_DROP_COLUMN";
      break;
    case parser::AlterTableAction::kRenameColumn:
    case parser::AlterTableAction::kChangeColumn: {
      if (!statement.new_column.has_value()) {
        return SqlError(kGenericUserError, PositionPrefix(statement.position) +
                                               "ALTER TABLE CHANGE COLUMN needs the new column");
      }
      const iceberg::NestedField* field =
          table->metadata.current_schema().FindColumn(statement.column.name);
      if (statement.action == parser::AlterTableAction::kChangeColumn && field != nullptr) {
        STRATUS_ASSIGN_OR_RETURN(LogicalType type, binder.ResolveType(statement.new_column->type));
        auto current = iceberg::ToLogicalType(field->type);
        if (current.ok() && *current != type) {
          return SqlError(kNotSupported, PositionPrefix(statement.position) +
                                             "Cannot change type of column '" +
                                             statement.column.name + "' from " +
                                             current->ToString() + " to " + type.ToString());
        }
      }
      updated = iceberg::RenameColumn(table->metadata, statement.column.name,
                                      statement.new_column->name.name);
      substatement = "ALTER_TABLE_CHANGE_COLUMN";
      break;
    }
    case parser::AlterTableAction::kSetTableProperties: {
      catalog::Properties given;
      for (const parser::StringProperty& property : statement.table_properties) {
        given[property.key] = property.value;
      }
      std::map<std::string, std::string> mapped;
      MapTableProperties(given, &mapped);
      updated = iceberg::UpdateProperties(table->metadata, mapped);
      substatement = "ALTER_TABLE_SET_TBLPROPERTIES";
      break;
    }
    default:
      return SqlError(kNotSupported, PositionPrefix(statement.position) +
                                         "This ALTER TABLE is not supported on Iceberg tables");
  }
  if (!updated.ok()) {
    const Status& status = updated.status();
    if (status.code() == StatusCode::kNotFound) {
      return SqlError(kColumnNotFound, PositionPrefix(statement.position) + "Column '" + column +
                                           "' does not exist");
    }
    if (status.code() == StatusCode::kAlreadyExists) {
      return SqlError("COLUMN_ALREADY_EXISTS", PositionPrefix(statement.position) + "Column '" +
                                                   column + "' already exists");
    }
    std::string name =
        SqlErrorName(status).empty() ? std::string(kNotSupported) : SqlErrorName(status);
    return SqlError(name, PositionPrefix(statement.position) + status.message());
  }
  IdGenerator ids;
  iceberg::CommitEnv env{.io = table->io.get(), .clock = &ClockOf(options.clock), .ids = &ids};
  auto committed =
      iceberg::CommitMetadata(env, table->metadata, table->metadata_location, std::move(*updated));
  if (!committed.ok()) {
    return IcebergError(committed.status(), kIcebergCommitError);
  }
  // Glue's columns follow the schema.
  auto columns = iceberg::SchemaToColumns(committed->metadata.current_schema());
  if (!columns.ok()) {
    return IcebergError(columns.status());
  }
  table->descriptor.columns.clear();
  for (const iceberg::ColumnDefinition& definition : *columns) {
    table->descriptor.columns.push_back({.name = definition.name,
                                         .type = definition.type,
                                         .hive_type = HiveTypeOf(definition.type),
                                         .comment = definition.comment});
  }
  STRATUS_RETURN_IF_ERROR(
      SwapIcebergMetadata(*table, committed->metadata_location, committed->written_files));
  return context.sink->Begin(DdlDescription(substatement));
}

namespace {

int64_t IntegerProperty(const iceberg::TableMetadata& metadata,
                        const std::string& key,
                        int64_t fallback) {
  std::string text = metadata.Property(key);
  if (text.empty()) {
    return fallback;
  }
  try {
    return std::stoll(text);
  } catch (const std::exception&) {
    return fallback;
  }
}

}  // namespace

Status Engine::Impl::Optimize(const parser::OptimizeStatement& statement,
                              StatementContext& context) {
  STRATUS_ASSIGN_OR_RETURN(catalog::TableDescriptor descriptor,
                           RequireTable(statement.table, context));
  if (descriptor.kind != catalog::TableKind::kIceberg) {
    return SqlError(kNotSupported, PositionPrefix(statement.position) +
                                       "OPTIMIZE is only supported for Iceberg tables");
  }
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<IcebergTable> table, LoadIcebergTable(descriptor));
  const iceberg::Snapshot* snapshot = table->metadata.current_snapshot();
  if (snapshot == nullptr) {
    return context.sink->Begin(DdlDescription("OPTIMIZE"));
  }
  // The data files the WHERE clause (over partition columns) selects: those
  // with a matching row.
  std::optional<std::set<std::string>> selected;
  if (statement.where != nullptr) {
    std::string sql = "SELECT DISTINCT \"$path\" FROM \"" + descriptor.database + "\".\"" +
                      descriptor.name + "\" WHERE " + parser::ToSql(*statement.where);
    STRATUS_ASSIGN_OR_RETURN(parser::StatementPtr parsed, parser::ParseStatement(sql));
    STRATUS_ASSIGN_OR_RETURN(plan::NodePtr paths,
                             PlanQuery(*parsed->As<parser::QueryStatement>().query, context));

    class PathSink : public ResultSink {
     public:
      Status Begin(const ResultDescription& /*description*/) override { return Status::Ok(); }

      Status Append(const Batch& batch) override {
        for (size_t row = 0; row < batch.num_rows(); ++row) {
          Value value = batch.column(0).GetValue(row);
          if (!value.is_null()) {
            paths.insert(value.string_value());
          }
        }
        return Status::Ok();
      }

      std::set<std::string> paths;
    } sink;

    STRATUS_RETURN_IF_ERROR(RunPlan(*paths, context, &sink));
    selected = std::move(sink.paths);
  }
  auto entries = iceberg::ReadLiveEntries(*table->io, table->metadata, *snapshot);
  if (!entries.ok()) {
    return IcebergError(entries.status());
  }
  // Athena's BIN_PACK: a data file needs rewriting when its size is outside
  // [0.75, 1.8] x the target or enough delete files apply to it; a partition
  // is rewritten when enough of its files need it or one has deletes.
  uint64_t target = TargetFileBytes(table->metadata);
  int64_t min_size = IntegerProperty(table->metadata, "optimize_rewrite_min_data_file_size_bytes",
                                     static_cast<int64_t>(target * 3 / 4));
  int64_t max_size = IntegerProperty(table->metadata, "optimize_rewrite_max_data_file_size_bytes",
                                     static_cast<int64_t>(target * 9 / 5));
  int64_t file_threshold =
      IntegerProperty(table->metadata, "optimize_rewrite_data_file_threshold", 5);
  int64_t delete_threshold =
      IntegerProperty(table->metadata, "optimize_rewrite_delete_file_threshold", 2);

  struct Group {
    std::vector<const iceberg::DataFile*> data;
    std::vector<const iceberg::DataFile*> deletes;
  };

  std::map<std::string, Group> groups;  // By spec id and partition.
  auto group_key = [](const iceberg::DataFile& file) {
    std::string key = std::to_string(file.spec_id);
    for (const Value& value : file.partition) {
      key += value.is_null() ? "\x1f-" : "\x1f+" + value.ToString();
    }
    return key;
  };
  for (const iceberg::ManifestEntry& entry : *entries) {
    Group& group = groups[group_key(entry.data_file)];
    if (entry.data_file.content == iceberg::FileContent::kData) {
      group.data.push_back(&entry.data_file);
    } else {
      group.deletes.push_back(&entry.data_file);
    }
  }
  std::vector<std::string> rewrite;
  iceberg::SnapshotUpdate update;
  update.kind = iceberg::SnapshotUpdate::Kind::kRewrite;
  for (auto& [key, group] : groups) {
    std::vector<const iceberg::DataFile*> candidates;
    bool has_deletes = static_cast<int64_t>(group.deletes.size()) >= delete_threshold;
    for (const iceberg::DataFile* file : group.data) {
      if (selected.has_value() && selected->count(file->file_path) == 0) {
        continue;
      }
      if (has_deletes || file->file_size_in_bytes < min_size ||
          file->file_size_in_bytes > max_size) {
        candidates.push_back(file);
      }
    }
    if (candidates.empty() ||
        (!has_deletes && static_cast<int64_t>(candidates.size()) < file_threshold &&
         candidates.size() < 2)) {
      continue;
    }
    for (const iceberg::DataFile* file : candidates) {
      rewrite.push_back(file->file_path);
      update.removed_data_files.push_back(file->file_path);
    }
    // Delete files go when every data file of their partition is rewritten.
    if (candidates.size() == group.data.size()) {
      for (const iceberg::DataFile* file : group.deletes) {
        update.removed_delete_files.push_back(file->file_path);
      }
    }
  }
  if (rewrite.empty()) {
    return context.sink->Begin(DdlDescription("OPTIMIZE"));
  }
  // Reads the chosen files (their deletes applied) and writes them anew.
  auto scan = std::make_shared<plan::ScanNode>();
  scan->table = std::make_shared<const catalog::TableDescriptor>(table->descriptor);
  for (size_t i = 0; i < table->descriptor.columns.size(); ++i) {
    scan->table_columns.push_back(i);
    scan->columns.push_back(
        {.name = table->descriptor.columns[i].name, .type = table->descriptor.columns[i].type});
  }
  scan->only_files = std::make_shared<const std::vector<std::string>>(rewrite);
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<exec::IcebergFileWriter> writer,
                           MakeIcebergWriter(*table, context));
  std::mutex serial;
  Status ran = RunPlanPerDriver(*scan, context, [&] {
    return std::make_unique<SerialSink>(std::make_unique<AppendSink>(*writer), &serial);
  });
  context.statistics.rows_output = 0;
  auto files = ran.ok() ? writer->Finish() : Result<std::vector<iceberg::DataFile>>(ran);
  if (!files.ok()) {
    for (const std::string& path : writer->written_paths()) {
      (void)table->io->Delete(path);
    }
    return files.status();
  }
  update.added_data_files = std::move(*files);
  STRATUS_RETURN_IF_ERROR(
      CommitIceberg(*table, snapshot->snapshot_id, update, writer->written_paths(), context));
  return context.sink->Begin(DdlDescription("OPTIMIZE"));
}

Status Engine::Impl::Vacuum(const parser::VacuumStatement& statement, StatementContext& context) {
  STRATUS_ASSIGN_OR_RETURN(catalog::TableDescriptor descriptor,
                           RequireTable(statement.table, context));
  if (descriptor.kind != catalog::TableKind::kIceberg) {
    return SqlError(kNotSupported, PositionPrefix(statement.position) +
                                       "VACUUM is only supported for Iceberg tables");
  }
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<IcebergTable> table, LoadIcebergTable(descriptor));
  int64_t now = NowMillis(options.clock);
  auto plan = iceberg::PlanExpiration(*table->io, table->metadata, now);
  if (!plan.ok()) {
    return IcebergError(plan.status());
  }
  if (!plan->expired_snapshot_ids.empty() || !plan->files_to_delete.empty()) {
    IdGenerator ids;
    iceberg::CommitEnv env{.io = table->io.get(), .clock = &ClockOf(options.clock), .ids = &ids};
    auto committed = iceberg::CommitMetadata(env, table->metadata, table->metadata_location,
                                             std::move(plan->metadata));
    if (!committed.ok()) {
      return IcebergError(committed.status(), kIcebergCommitError);
    }
    STRATUS_RETURN_IF_ERROR(
        SwapIcebergMetadata(*table, committed->metadata_location, committed->written_files));
    table->metadata = std::move(committed->metadata);
    // Only now that no kept snapshot reaches them.
    for (const std::string& path : plan->files_to_delete) {
      (void)table->io->Delete(path);
    }
  }
  auto orphans =
      iceberg::FindOrphanFiles(*table->io, table->metadata, table->metadata_location, now);
  if (!orphans.ok()) {
    return IcebergError(orphans.status());
  }
  for (const std::string& path : *orphans) {
    (void)table->io->Delete(path);
  }
  return context.sink->Begin(DdlDescription("VACUUM"));
}

Result<binder::ComputedTable> Engine::Impl::IcebergMetadataTable(
    const catalog::TableDescriptor& table, std::string_view suffix) const {
  if (table.kind != catalog::TableKind::kIceberg) {
    return Status::NotFound("not an Iceberg table");
  }
  auto kind = iceberg::ParseMetadataTableKind(suffix);
  if (!kind.ok()) {
    return Status::NotFound("no such metadata table");
  }
  auto location = table.table_properties.find(std::string(kMetadataLocation));
  if (location == table.table_properties.end() || options.lake == nullptr) {
    return SqlError(kIcebergBadData,
                    "Table '" + table.database + "." + table.name + "' has no metadata_location");
  }
  iceberg::TableIo io(*options.lake);
  auto metadata = iceberg::LoadTableMetadata(io, location->second);
  if (!metadata.ok()) {
    return IcebergError(metadata.status());
  }
  auto built = iceberg::BuildMetadataTable(io, *metadata, *kind);
  if (!built.ok()) {
    return IcebergError(built.status());
  }
  return binder::ComputedTable{.columns = std::move(built->columns),
                               .rows = std::move(built->rows)};
}

Result<std::vector<std::string>> Engine::Impl::IcebergCreateTableLines(
    const catalog::TableDescriptor& descriptor) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<IcebergTable> table, LoadIcebergTable(descriptor));
  const iceberg::TableMetadata& metadata = table->metadata;
  std::vector<std::string> lines;
  lines.push_back("CREATE TABLE " + descriptor.database + "." + descriptor.name + " (");
  const std::vector<catalog::ColumnDescriptor>& columns = descriptor.columns;
  for (size_t i = 0; i < columns.size(); ++i) {
    std::string line = "  " + columns[i].name + " " + columns[i].hive_type;
    if (!columns[i].comment.empty()) {
      line += " COMMENT '" + columns[i].comment + "'";
    }
    lines.push_back(line + (i + 1 < columns.size() ? "," : ")"));
  }
  const iceberg::PartitionSpec& spec = metadata.default_spec();
  if (!spec.is_unpartitioned()) {
    std::string partitioned = "PARTITIONED BY (";
    for (size_t i = 0; i < spec.fields.size(); ++i) {
      const iceberg::PartitionField& field = spec.fields[i];
      const iceberg::NestedField* source = metadata.current_schema().FindField(field.source_id);
      std::string column = "`" + (source != nullptr ? source->name : field.name) + "`";
      const iceberg::Transform& transform = field.transform;
      std::string text;
      switch (transform.kind) {
        case iceberg::TransformKind::kIdentity:
          text = column;
          break;
        case iceberg::TransformKind::kBucket:
        case iceberg::TransformKind::kTruncate:
          text = std::string(transform.kind == iceberg::TransformKind::kBucket ? "bucket"
                                                                               : "truncate") +
                 "(" + std::to_string(transform.param) + ", " + column + ")";
          break;
        default: {
          std::string name = transform.ToString();
          text = name + "(" + column + ")";
          break;
        }
      }
      partitioned += (i > 0 ? ", " : "") + text;
    }
    lines.push_back(partitioned + ")");
  }
  lines.push_back("LOCATION '" + metadata.location + "'");
  lines.push_back("TBLPROPERTIES (");
  std::vector<std::pair<std::string, std::string>> properties;
  properties.emplace_back("table_type", "iceberg");
  properties.emplace_back("format", Lower(metadata.Property("write.format.default", "parquet")));
  properties.emplace_back("write_compression",
                          Lower(metadata.Property("write.parquet.compression-codec", "zstd")));
  for (const auto& [key, value] : metadata.properties) {
    // Athena's own names; Iceberg's (dotted) stay in the metadata.
    if (key.find('.') == std::string::npos && key != "format" && key != "write_compression" &&
        key != "table_type") {
      properties.emplace_back(key, value);
    }
  }
  for (size_t i = 0; i < properties.size(); ++i) {
    lines.push_back("  '" + properties[i].first + "'='" + properties[i].second + "'" +
                    (i + 1 < properties.size() ? "," : ")"));
  }
  return lines;
}

}  // namespace stratus::sql
