#pragma once

// Recognises Aurora MySQL's S3 statements in a COM_QUERY's text:
//
//   SELECT ... INTO OUTFILE S3 'uri' [CHARACTER SET name] [FORMAT {CSV|TEXT} [HEADER]]
//     [{FIELDS|COLUMNS} [TERMINATED BY 'x'] [[OPTIONALLY] ENCLOSED BY 'x'] [ESCAPED BY 'x']]
//     [LINES [STARTING BY 'x'] [TERMINATED BY 'x']] [MANIFEST {ON|OFF}] [OVERWRITE {ON|OFF}]
//
//   LOAD DATA FROM S3 [FILE | PREFIX | MANIFEST] 'uri' [REPLACE | IGNORE] INTO TABLE ...
//
// Keywords are case-insensitive; whitespace and comments (-- , #, /* */) may
// sit anywhere MySQL allows them; the INTO OUTFILE S3 clause may stand
// before FROM or at the end. Everything else in the statement is the
// server's business and is kept byte for byte.

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "base/result.h"

namespace stratus::connectors::mysql {

/// FIELDS and LINES options of a text file, with MySQL's meanings.
struct TextFileOptions {
  std::string fields_terminated_by = "\t";
  std::string enclosed_by = {};
  bool optionally_enclosed = false;
  std::string escaped_by = "\\";
  std::string lines_starting_by = {};
  std::string lines_terminated_by = "\n";
};

/// `SELECT ... INTO OUTFILE S3 ...`.
struct OutfileS3Statement {
  /// The statement without its INTO OUTFILE S3 clause: what the server runs.
  std::string select_sql = {};
  std::string uri = {};
  std::optional<std::string> character_set = std::nullopt;
  bool csv = false;
  bool header = false;
  TextFileOptions text = {};
  bool manifest = false;
  bool overwrite = false;
};

/// Which objects `LOAD DATA FROM S3` reads.
enum class LoadSource { kFile, kPrefix, kManifest };

/// `LOAD DATA FROM S3 ...`.
struct LoadFromS3Statement {
  LoadSource source = LoadSource::kFile;
  std::string uri = {};
  /// The statement as `LOAD DATA LOCAL INFILE '<name>' ...`: the server asks
  /// the front for the file's bytes.
  std::string local_infile_sql = {};
};

using S3Statement = std::variant<OutfileS3Statement, LoadFromS3Statement>;

/// The name the rewritten LOAD DATA LOCAL INFILE asks for.
inline constexpr std::string_view kLocalInfileName = "stratus-s3-load";

/// Recognises an S3 statement. nullopt when `query` is not one (it then
/// goes to the server unchanged); InvalidArgument, with a message for the
/// client, when it is one but malformed; NotImplemented for LOAD XML FROM S3.
Result<std::optional<S3Statement>> ParseS3Statement(std::string_view query);

}  // namespace stratus::connectors::mysql
