// glue::Engine: partitions.

#include <utility>

#include "glue/engine.h"
#include "glue/engine_internal.h"
#include "glue/errors.h"
#include "glue/partition_expression.h"
#include "glue/record_codec.h"

namespace stratus::glue {
namespace {

using internal::TableRow;

constexpr int kMaxPartitionPage = 1000;

struct PartitionRow {
  int64_t id = 0;
  Partition partition = {};
};

Status CheckValueCount(const Table& table, const std::vector<std::string>& values) {
  if (values.size() != table.definition.partition_keys.size()) {
    return GlueError::InvalidInput(
        "The number of partition keys do not match the number of partition values");
  }
  return Status::Ok();
}

Result<Partition> ReadPartition(const storage::Row& row, const Table& table) {
  STRATUS_ASSIGN_OR_RETURN(PartitionDefinition definition, DecodePartition(row.GetText(2)));
  return Partition{.catalog_id = table.catalog_id,
                   .database_name = table.database_name,
                   .table_name = table.definition.name,
                   .definition = std::move(definition),
                   .created_millis = row.GetInt(1)};
}

Result<std::optional<PartitionRow>> FindPartition(storage::Transaction& transaction,
                                                  const TableRow& table,
                                                  const std::vector<std::string>& values) {
  std::optional<PartitionRow> found;
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      "SELECT id, created_millis, definition FROM partitions "
      "WHERE table_id = ?1 AND partition_values = ?2",
      {table.id, storage::Blob{.bytes = EncodeValues(values)}},
      [&](const storage::Row& row) -> Status {
        STRATUS_ASSIGN_OR_RETURN(Partition partition, ReadPartition(row, table.table));
        found = PartitionRow{.id = row.GetInt(0), .partition = std::move(partition)};
        return Status::Ok();
      }));
  return found;
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

void Engine::CreatePartitions(TableRef table,
                              std::vector<PartitionDefinition> definitions,
                              Done<std::vector<Status>> done) {
  const int64_t now = parts_->clock->NowMillis();
  parts_->Submit<std::vector<Status>>(
      [table = std::move(table), definitions = std::move(definitions),
       now](storage::Transaction& transaction) -> Result<std::vector<Status>> {
        STRATUS_ASSIGN_OR_RETURN(TableRow row, internal::RequireTable(transaction, table));
        std::vector<Status> statuses;
        statuses.reserve(definitions.size());
        for (const PartitionDefinition& definition : definitions) {
          if (Status count = CheckValueCount(row.table, definition.values); !count.ok()) {
            statuses.push_back(std::move(count));
            continue;
          }
          STRATUS_ASSIGN_OR_RETURN(std::optional<PartitionRow> existing,
                                   FindPartition(transaction, row, definition.values));
          if (existing.has_value()) {
            statuses.push_back(GlueError::AlreadyExists("Partition"));
            continue;
          }
          STRATUS_RETURN_IF_ERROR(
              transaction
                  .Exec("INSERT INTO partitions (table_id, partition_values, created_millis, "
                        "definition) VALUES (?1, ?2, ?3, ?4)",
                        {row.id, storage::Blob{.bytes = EncodeValues(definition.values)}, now,
                         storage::Blob{.bytes = EncodePartition(definition)}})
                  .status());
          statuses.push_back(Status::Ok());
        }
        return statuses;
      },
      std::move(done));
}

Result<Partition> Engine::GetPartition(const TableRef& table,
                                       const std::vector<std::string>& values) const {
  return parts_->Read<Partition>([&](storage::Transaction& transaction) -> Result<Partition> {
    STRATUS_ASSIGN_OR_RETURN(TableRow row, internal::RequireTable(transaction, table));
    STRATUS_ASSIGN_OR_RETURN(std::optional<PartitionRow> found,
                             FindPartition(transaction, row, values));
    if (!found.has_value()) {
      return GlueError::PartitionNotFound();
    }
    return std::move(found->partition);
  });
}

Result<std::vector<Partition>> Engine::GetPartitions(
    const TableRef& table, const std::vector<std::vector<std::string>>& value_lists) const {
  return parts_->Read<std::vector<Partition>>(
      [&](storage::Transaction& transaction) -> Result<std::vector<Partition>> {
        STRATUS_ASSIGN_OR_RETURN(TableRow row, internal::RequireTable(transaction, table));
        std::vector<Partition> partitions;
        for (const std::vector<std::string>& values : value_lists) {
          STRATUS_ASSIGN_OR_RETURN(std::optional<PartitionRow> found,
                                   FindPartition(transaction, row, values));
          if (found.has_value()) {
            partitions.push_back(std::move(found->partition));
          }
        }
        return partitions;
      });
}

Result<PartitionPage> Engine::ListPartitions(const TableRef& table,
                                             const PartitionQuery& query) const {
  STRATUS_ASSIGN_OR_RETURN(int64_t after, internal::NumericToken(query.page.token));
  if (query.segment.total_segments < 1 || query.segment.segment_number < 0 ||
      query.segment.segment_number >= query.segment.total_segments) {
    return GlueError::InvalidInput(
        "Invalid segment: SegmentNumber must be less than TotalSegments");
  }
  const int64_t limit = internal::PageSize(query.page.max_results, kMaxPartitionPage);
  return parts_->Read<PartitionPage>([&](storage::Transaction& transaction)
                                         -> Result<PartitionPage> {
    STRATUS_ASSIGN_OR_RETURN(TableRow row, internal::RequireTable(transaction, table));
    std::optional<PartitionFilter> filter;
    if (!IsBlank(query.expression)) {
      STRATUS_ASSIGN_OR_RETURN(
          filter, PartitionFilter::Parse(query.expression, row.table.definition.partition_keys));
    }
    PartitionPage page;
    int64_t last_id = 0;
    STRATUS_RETURN_IF_ERROR(transaction.Query(
        "SELECT id, created_millis, definition FROM partitions "
        "WHERE table_id = ?1 AND id > ?2 ORDER BY id",
        {row.id, after}, [&](const storage::Row& partition_row) -> Status {
          const int64_t id = partition_row.GetInt(0);
          if (!page.next_token.empty() ||
              id % query.segment.total_segments != query.segment.segment_number) {
            return Status::Ok();
          }
          STRATUS_ASSIGN_OR_RETURN(Partition partition, ReadPartition(partition_row, row.table));
          if (filter.has_value() &&
              (partition.definition.values.size() != row.table.definition.partition_keys.size() ||
               !filter->Matches(partition.definition.values))) {
            return Status::Ok();
          }
          if (query.predicate != nullptr && !query.predicate(partition.definition.values)) {
            return Status::Ok();
          }
          if (std::ssize(page.partitions) == limit) {
            page.next_token = std::to_string(last_id);
            return Status::Ok();
          }
          last_id = id;
          page.partitions.push_back(std::move(partition));
          return Status::Ok();
        }));
    return page;
  });
}

void Engine::UpdatePartition(TableRef table,
                             std::vector<std::string> values,
                             PartitionDefinition definition,
                             Done<Partition> done) {
  parts_->Submit<Partition>(
      [table = std::move(table), values = std::move(values), definition = std::move(definition)](
          storage::Transaction& transaction) mutable -> Result<Partition> {
        STRATUS_ASSIGN_OR_RETURN(TableRow row, internal::RequireTable(transaction, table));
        STRATUS_ASSIGN_OR_RETURN(std::optional<PartitionRow> found,
                                 FindPartition(transaction, row, values));
        if (!found.has_value()) {
          return GlueError::PartitionNotFound();
        }
        if (definition.values.empty()) {
          definition.values = values;
        }
        if (definition.values != values) {
          STRATUS_RETURN_IF_ERROR(CheckValueCount(row.table, definition.values));
          STRATUS_ASSIGN_OR_RETURN(std::optional<PartitionRow> clash,
                                   FindPartition(transaction, row, definition.values));
          if (clash.has_value()) {
            return GlueError::AlreadyExists("Partition");
          }
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("UPDATE partitions SET partition_values = ?2, definition = ?3 WHERE id = ?1",
                      {found->id, storage::Blob{.bytes = EncodeValues(definition.values)},
                       storage::Blob{.bytes = EncodePartition(definition)}})
                .status());
        found->partition.definition = std::move(definition);
        return std::move(found->partition);
      },
      std::move(done));
}

void Engine::DeletePartitions(TableRef table,
                              std::vector<std::vector<std::string>> value_lists,
                              Done<std::vector<Status>> done) {
  parts_->Submit<std::vector<Status>>(
      [table = std::move(table), value_lists = std::move(value_lists)](
          storage::Transaction& transaction) -> Result<std::vector<Status>> {
        STRATUS_ASSIGN_OR_RETURN(TableRow row, internal::RequireTable(transaction, table));
        std::vector<Status> statuses;
        statuses.reserve(value_lists.size());
        for (const std::vector<std::string>& values : value_lists) {
          STRATUS_ASSIGN_OR_RETURN(
              int64_t num_deleted,
              transaction.Exec(
                  "DELETE FROM partitions WHERE table_id = ?1 AND partition_values = ?2",
                  {row.id, storage::Blob{.bytes = EncodeValues(values)}}));
          statuses.push_back(num_deleted > 0 ? Status::Ok() : GlueError::PartitionNotFound());
        }
        return statuses;
      },
      std::move(done));
}

}  // namespace stratus::glue
