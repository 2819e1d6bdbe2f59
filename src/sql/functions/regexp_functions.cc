// regexp_like, regexp_extract, regexp_extract_all, regexp_replace,
// regexp_count, regexp_split and regexp_position over RE2. Patterns are
// compiled once and cached per binding (a constant pattern compiles once per
// query); the cache is the kernels' only shared state and has its own mutex.

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <re2/re2.h>

#include "base/format.h"
#include "sql/functions/kernel_frame_internal.h"
#include "sql/functions/utf8_internal.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::functions {
namespace {

/// Compiled patterns by text. Thread safety: Get() locks mu_.
class RegexCache {
 public:
  Result<std::shared_ptr<const RE2>> Get(std::string_view pattern) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = patterns_.find(std::string(pattern));
    if (it != patterns_.end()) {
      return it->second;
    }
    RE2::Options options;
    options.set_log_errors(false);
    auto compiled =
        std::make_shared<const RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
    if (!compiled->ok()) {
      return SqlError(kInvalidFunctionArgument,
                      Format("Invalid regular expression: {}", compiled->error()));
    }
    if (patterns_.size() >= kMaxPatterns) {
      patterns_.clear();
    }
    patterns_.emplace(std::string(pattern), compiled);
    return std::shared_ptr<const RE2>(compiled);
  }

 private:
  static constexpr size_t kMaxPatterns = 64;

  std::mutex mu_;
  // Guarded by mu_.
  std::unordered_map<std::string, std::shared_ptr<const RE2>> patterns_;
};

re2::StringPiece Piece(std::string_view text) {
  return {text.data(), text.size()};
}

std::string_view View(const re2::StringPiece& piece) {
  return {piece.data(), piece.size()};
}

// Calls fn(groups) for each successive match of `re` in text; empty matches
// advance by one code point. fn returns false to stop.
template <typename Fn>
void ForEachMatch(const RE2& re, std::string_view text, int num_groups, Fn fn) {
  std::vector<re2::StringPiece> groups(static_cast<size_t>(num_groups) + 1);
  size_t pos = 0;
  while (pos <= text.size()) {
    if (!re.Match(Piece(text), pos, text.size(), RE2::UNANCHORED, groups.data(),
                  static_cast<int>(groups.size()))) {
      return;
    }
    if (!fn(groups)) {
      return;
    }
    const auto match_end = static_cast<size_t>(groups[0].data() - text.data()) + groups[0].size();
    if (groups[0].empty()) {
      if (match_end >= text.size()) {
        return;
      }
      pos = match_end + Utf8Length(static_cast<unsigned char>(text[match_end]));
    } else {
      pos = match_end;
    }
  }
}

Status CheckGroup(const RE2& re, int64_t group) {
  if (group < 0 || group > re.NumberOfCapturingGroups()) {
    return SqlError(kInvalidFunctionArgument,
                    Format("Pattern has {} groups. Cannot access group {}",
                           re.NumberOfCapturingGroups(), group));
  }
  return Status::Ok();
}

// Converts a Trino replacement ($1, ${name}, \$) into RE2's (\1, \\).
Result<std::string> ConvertReplacement(const RE2& re, std::string_view replacement) {
  std::string out;
  for (size_t i = 0; i < replacement.size(); ++i) {
    const char c = replacement[i];
    if (c == '\\' && i + 1 < replacement.size()) {
      ++i;
      if (replacement[i] == '\\') {
        out += "\\\\";
      } else {
        out += replacement[i];
      }
    } else if (c == '$' && i + 1 < replacement.size()) {
      if (replacement[i + 1] == '{') {
        const size_t close = replacement.find('}', i);
        if (close == std::string_view::npos) {
          return SqlError(kInvalidFunctionArgument, "Illegal replacement sequence");
        }
        const std::string name(replacement.substr(i + 2, close - i - 2));
        auto it = re.NamedCapturingGroups().find(name);
        if (it == re.NamedCapturingGroups().end()) {
          return SqlError(kInvalidFunctionArgument, Format("No group with name {{{}}}", name));
        }
        out += "\\" + std::to_string(it->second);
        i = close;
      } else if (replacement[i + 1] >= '0' && replacement[i + 1] <= '9') {
        ++i;
        const int group = replacement[i] - '0';
        if (group > re.NumberOfCapturingGroups()) {
          return SqlError(kInvalidFunctionArgument, Format("Illegal group reference: {}", group));
        }
        out += "\\";
        out += replacement[i];
      } else {
        return SqlError(kInvalidFunctionArgument, "Illegal replacement sequence");
      }
    } else if (c == '$') {
      return SqlError(kInvalidFunctionArgument, "Illegal replacement sequence");
    } else {
      out += c;
    }
  }
  return out;
}

// The binding-level state every regexp kernel shares.
using Cache = std::shared_ptr<RegexCache>;

// Registers a regexp function whose per-row body is fn(frame, row, re).
template <typename Fn>
void AddRegexpFunction(FunctionRegistry::Impl& impl, const ScalarSpec& spec, Fn fn) {
  const LogicalType type = *ParseTrinoType(spec.returns);
  impl.AddScalar(spec, [type, fn](const std::vector<LogicalType>& bound) -> Result<ScalarBinding> {
    Cache cache = std::make_shared<RegexCache>();
    return ScalarBinding{
        .argument_types = bound,
        .return_type = type,
        .kernel = [type, fn, cache](std::span<const Vector> arguments, size_t rows,
                                    const FunctionContext& /*context*/, Vector* result) -> Status {
          KernelFrame frame(arguments, rows, type, result);
          std::shared_ptr<const RE2> constant;
          if (frame.IsConstant(1) && !frame.ArgumentIsNull(1, 0)) {
            STRATUS_ASSIGN_OR_RETURN(constant, cache->Get(frame.String(1, 0)));
          }
          std::optional<ArrayWriter> writer;
          if (type.kind() == TypeKind::kArray) {
            writer.emplace(result);
          }
          return frame.ForEachRow([&](size_t row) -> Status {
            std::shared_ptr<const RE2> re = constant;
            if (re == nullptr) {
              STRATUS_ASSIGN_OR_RETURN(re, cache->Get(frame.String(1, row)));
            }
            return fn(frame, row, *re, writer.has_value() ? &*writer : nullptr);
          });
        }};
  });
}

int64_t GroupArgument(KernelFrame& frame, size_t row) {
  return frame.num_arguments() > 2 ? frame.Get<int64_t>(2, row) : 0;
}

void RegisterExtracts(FunctionRegistry::Impl& impl) {
  AddRegexpFunction(impl,
                    ScalarSpec{.name = "regexp_like",
                               .arguments = {"varchar", "varchar"},
                               .returns = "boolean",
                               .description = "Returns whether the pattern matches within the "
                                              "string"},
                    [](KernelFrame& frame, size_t row, const RE2& re, ArrayWriter*) {
                      frame.out<uint8_t>()[row] =
                          RE2::PartialMatch(Piece(frame.String(0, row)), re);
                      return Status::Ok();
                    });
  for (bool with_group : {false, true}) {
    ScalarSpec extract{.name = "regexp_extract",
                       .arguments = {"varchar", "varchar"},
                       .returns = "varchar",
                       .description = "Returns the first match (or its group), or NULL"};
    ScalarSpec extract_all{.name = "regexp_extract_all",
                           .arguments = {"varchar", "varchar"},
                           .returns = "array(varchar)",
                           .description = "Returns every match (or its group)"};
    if (with_group) {
      extract.arguments.emplace_back("bigint");
      extract_all.arguments.emplace_back("bigint");
    }
    AddRegexpFunction(impl, extract,
                      [](KernelFrame& frame, size_t row, const RE2& re, ArrayWriter*) -> Status {
                        const int64_t group = GroupArgument(frame, row);
                        STRATUS_RETURN_IF_ERROR(CheckGroup(re, group));
                        bool found = false;
                        ForEachMatch(re, frame.String(0, row), static_cast<int>(group),
                                     [&](const std::vector<re2::StringPiece>& groups) {
                                       found = groups[group].data() != nullptr;
                                       if (found) {
                                         frame.SetString(row, View(groups[group]));
                                       }
                                       return false;
                                     });
                        if (!found) {
                          frame.SetNull(row);
                        }
                        return Status::Ok();
                      });
    AddRegexpFunction(
        impl, extract_all,
        [](KernelFrame& frame, size_t row, const RE2& re, ArrayWriter* writer) -> Status {
          const int64_t group = GroupArgument(frame, row);
          STRATUS_RETURN_IF_ERROR(CheckGroup(re, group));
          ForEachMatch(re, frame.String(0, row), static_cast<int>(group),
                       [&](const std::vector<re2::StringPiece>& groups) {
                         if (groups[group].data() == nullptr) {
                           writer->AddNull();
                         } else {
                           writer->AddString(View(groups[group]));
                         }
                         return true;
                       });
          writer->FinishRow(row);
          return Status::Ok();
        });
  }
}

void RegisterReplaceAndSplit(FunctionRegistry::Impl& impl) {
  for (bool with_replacement : {false, true}) {
    ScalarSpec spec{.name = "regexp_replace",
                    .arguments = {"varchar", "varchar"},
                    .returns = "varchar",
                    .description =
                        "Replaces every match with the replacement ($1 refers to a "
                        "group)"};
    if (with_replacement) {
      spec.arguments.emplace_back("varchar");
    }
    AddRegexpFunction(
        impl, spec, [](KernelFrame& frame, size_t row, const RE2& re, ArrayWriter*) -> Status {
          std::string rewrite;
          if (frame.num_arguments() > 2) {
            STRATUS_ASSIGN_OR_RETURN(rewrite, ConvertReplacement(re, frame.String(2, row)));
          }
          const std::string_view text = frame.String(0, row);
          std::string out;
          size_t copied = 0;
          ForEachMatch(re, text, re.NumberOfCapturingGroups(),
                       [&](const std::vector<re2::StringPiece>& groups) {
                         const auto start = static_cast<size_t>(groups[0].data() - text.data());
                         out.append(text.substr(copied, start - copied));
                         re.Rewrite(&out, rewrite, groups.data(), static_cast<int>(groups.size()));
                         copied = start + groups[0].size();
                         return true;
                       });
          out.append(text.substr(copied));
          frame.SetString(row, out);
          return Status::Ok();
        });
  }
  AddRegexpFunction(impl,
                    ScalarSpec{.name = "regexp_count",
                               .arguments = {"varchar", "varchar"},
                               .returns = "bigint",
                               .description = "Returns the number of matches"},
                    [](KernelFrame& frame, size_t row, const RE2& re, ArrayWriter*) {
                      int64_t count = 0;
                      ForEachMatch(re, frame.String(0, row), 0,
                                   [&](const std::vector<re2::StringPiece>&) {
                                     ++count;
                                     return true;
                                   });
                      frame.out<int64_t>()[row] = count;
                      return Status::Ok();
                    });
  AddRegexpFunction(impl,
                    ScalarSpec{.name = "regexp_split",
                               .arguments = {"varchar", "varchar"},
                               .returns = "array(varchar)",
                               .description = "Splits the string around the matches"},
                    [](KernelFrame& frame, size_t row, const RE2& re, ArrayWriter* writer) {
                      const std::string_view text = frame.String(0, row);
                      size_t from = 0;
                      ForEachMatch(re, text, 0, [&](const std::vector<re2::StringPiece>& groups) {
                        const auto start = static_cast<size_t>(groups[0].data() - text.data());
                        writer->AddString(text.substr(from, start - from));
                        from = start + groups[0].size();
                        return true;
                      });
                      writer->AddString(text.substr(from));
                      writer->FinishRow(row);
                      return Status::Ok();
                    });
  AddRegexpFunction(impl,
                    ScalarSpec{.name = "regexp_position",
                               .arguments = {"varchar", "varchar"},
                               .returns = "integer",
                               .description = "Returns the position (1-based) of the first match, "
                                              "or -1"},
                    [](KernelFrame& frame, size_t row, const RE2& re, ArrayWriter*) {
                      const std::string_view text = frame.String(0, row);
                      int32_t position = -1;
                      ForEachMatch(re, text, 0, [&](const std::vector<re2::StringPiece>& groups) {
                        const auto start = static_cast<size_t>(groups[0].data() - text.data());
                        position = static_cast<int32_t>(CountCodePoints(text.substr(0, start))) + 1;
                        return false;
                      });
                      frame.out<int32_t>()[row] = position;
                      return Status::Ok();
                    });
}

}  // namespace

void RegisterRegexpFunctions(FunctionRegistry& registry) {
  FunctionRegistry::Impl& impl = registry.impl();
  RegisterExtracts(impl);
  RegisterReplaceAndSplit(impl);
}

}  // namespace stratus::sql::functions
