#include "cli/extract_command.h"

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <ostream>

#include <unistd.h>

#include "base/clock.h"
#include "base/format.h"
#include "connectors/mysql/extract.h"
#include "io/posix_file_system.h"
#include "lake/lake.h"

namespace stratus::cli {
namespace {

constexpr std::string_view kExtractUsage =
    R"(Usage: stratus extract mysql://USER:PASSWORD@HOST:PORT/DB (--table T | --query SQL)
                       --to s3://BUCKET/PREFIX/ [options]

Copies a table or a query's result into the lake as headerless, Hive-compatible CSV
(LazySimpleSerDe with escape.delim '\') or as Parquet typed from the result's columns,
streaming rows without holding them in memory.

  --table T                   a table (or SCHEMA.TABLE) to extract
  --query SQL                 a SELECT to extract instead
  --to URI                    the prefix objects go under (s3://... or file:///...)
  --format csv | parquet      the output format (default csv)
  --compression C             Parquet's codec: snappy (default), zstd, gzip, lz4, none
  --file-size-mb N            Parquet files roll over at about N MB (default 128)
  --null-as '\N' | ''         how NULL is written in CSV (default \N)
  --incremental-column C      only rows whose C is past the last run's watermark, kept in
                              URI_stratus_extract_state.json
  --parallel N                N connections over ranges of the integer primary key
  --endpoint-url URL          the stratus server whose S3 s3:// URIs go to
                              (default http://localhost:4566)
)";

struct ParsedArgs {
  connectors::mysql::ExtractOptions extract = {};
  std::string endpoint = "http://localhost:4566";
};

Result<formats::parquet::Codec> ParseCodec(std::string_view name) {
  using formats::parquet::Codec;
  if (name == "snappy") {
    return Codec::kSnappy;
  }
  if (name == "zstd") {
    return Codec::kZstd;
  }
  if (name == "gzip") {
    return Codec::kGzip;
  }
  if (name == "lz4") {
    return Codec::kLz4Raw;
  }
  if (name == "none" || name == "uncompressed") {
    return Codec::kUncompressed;
  }
  return Status::InvalidArgument(
      Format("--compression {} is not supported (snappy, zstd, gzip, lz4, none are)", name));
}

Result<ParsedArgs> ParseArgs(const std::vector<std::string>& args) {
  ParsedArgs parsed;
  bool parquet_option_given = false;
  if (args.empty() || args[0] == "-h" || args[0] == "--help") {
    return Status::InvalidArgument("");
  }
  STRATUS_ASSIGN_OR_RETURN(parsed.extract.source, connectors::mysql::ParseMySqlUrl(args[0]));
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& name = args[i];
    if (i + 1 >= args.size()) {
      return Status::InvalidArgument(Format("{} needs a value", name));
    }
    const std::string& value = args[++i];
    if (name == "--table") {
      parsed.extract.table = value;
    } else if (name == "--query") {
      parsed.extract.query = value;
    } else if (name == "--to") {
      parsed.extract.to = value;
    } else if (name == "--format") {
      if (value == "csv") {
        parsed.extract.format = connectors::mysql::ExtractFormat::kCsv;
      } else if (value == "parquet") {
        parsed.extract.format = connectors::mysql::ExtractFormat::kParquet;
      } else {
        return Status::InvalidArgument(
            Format("--format {} is not supported (csv and parquet are)", value));
      }
    } else if (name == "--compression") {
      STRATUS_ASSIGN_OR_RETURN(parsed.extract.parquet.codec, ParseCodec(value));
      parquet_option_given = true;
    } else if (name == "--file-size-mb") {
      int megabytes = 0;
      if (std::from_chars(value.data(), value.data() + value.size(), megabytes).ptr !=
              value.data() + value.size() ||
          megabytes < 1 || megabytes > 65536) {
        return Status::InvalidArgument(
            Format("--file-size-mb must be a number of megabytes (1-65536), not '{}'", value));
      }
      parsed.extract.parquet.file_bytes = static_cast<uint64_t>(megabytes) << 20;
      parquet_option_given = true;
    } else if (name == "--null-as") {
      parsed.extract.null_as = value;
    } else if (name == "--incremental-column") {
      parsed.extract.incremental_column = value;
    } else if (name == "--parallel") {
      int number = 0;
      if (std::from_chars(value.data(), value.data() + value.size(), number).ptr !=
          value.data() + value.size()) {
        return Status::InvalidArgument(Format("--parallel must be a number, not '{}'", value));
      }
      parsed.extract.parallel = number;
    } else if (name == "--endpoint-url") {
      parsed.endpoint = value;
    } else {
      return Status::InvalidArgument(Format("unknown option '{}'", name));
    }
  }
  if (parsed.extract.to.empty()) {
    return Status::InvalidArgument("--to is required");
  }
  if (parquet_option_given && parsed.extract.format != connectors::mysql::ExtractFormat::kParquet) {
    return Status::InvalidArgument("--compression and --file-size-mb need --format parquet");
  }
  return parsed;
}

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

}  // namespace

int RunExtractCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Result<ParsedArgs> parsed = ParseArgs(args);
  if (!parsed.ok()) {
    if (!parsed.status().message().empty()) {
      err << "stratus extract: " << parsed.status().message() << "\n\n";
    }
    err << kExtractUsage;
    return 2;
  }
  // s3:// goes to the server's S3 over HTTP (signed when the usual AWS
  // variables hold keys); file:// to this machine's files.
  io::PosixFileSystem files;
  SystemClock clock;
  Result<std::unique_ptr<lake::Lake>> lake = lake::Lake::Open(lake::LakeOptions{
      .local_s3 = nullptr,
      .endpoint =
          lake::RemoteS3Options{
              .endpoint = parsed->endpoint,
              .region = EnvOr("AWS_DEFAULT_REGION", EnvOr("AWS_REGION", "us-east-1")),
              .access_key_id = EnvOr("AWS_ACCESS_KEY_ID", ""),
              .secret_access_key = EnvOr("AWS_SECRET_ACCESS_KEY", ""),
          },
      .file_system = &files,
      .file_options = {},
      .clock = &clock});
  if (!lake.ok()) {
    err << "stratus extract: " << lake.status().message() << "\n";
    return 2;
  }
  const bool terminal = ::isatty(STDERR_FILENO) == 1;
  const auto started = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  if (terminal) {
    parsed->extract.on_progress = [&](uint64_t num_rows, uint64_t num_bytes) {
      err << Format("\rextracting: {} rows, {:.1f} MB, {:.1f} s", num_rows,
                    static_cast<double>(num_bytes) / 1e6, seconds())
          << std::flush;
    };
  }
  Result<connectors::mysql::ExtractSummary> summary =
      connectors::mysql::RunExtract(parsed->extract, **lake);
  if (terminal) {
    err << "\n";
  }
  if (!summary.ok()) {
    err << "stratus extract: " << summary.status().message() << "\n";
    return 1;
  }
  if (!summary->note.empty()) {
    err << "stratus extract: " << summary->note << "\n";
  }
  out << Format("{} rows, {} bytes in {:.2f} s into {} object(s)", summary->num_rows,
                summary->num_bytes, seconds(), summary->objects.size());
  if (summary->watermark.has_value()) {
    out << Format("; watermark {}", *summary->watermark);
  }
  out << "\n";
  for (const std::string& object : summary->objects) {
    out << "  " << object << "\n";
  }
  return 0;
}

}  // namespace stratus::cli
