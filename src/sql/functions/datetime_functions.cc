// Date and time functions: fields (year ... millisecond, ISO weeks),
// date_trunc/date_add/date_diff, current_date and friends, unix times,
// ISO 8601 text, time zones (UTC and fixed offsets), last_day_of_month.

#include <cmath>
#include <cstring>
#include <string>

#include "base/format.h"
#include "sql/functions/calendar_math_internal.h"
#include "sql/functions/cast_internal.h"
#include "sql/functions/datetime_internal.h"
#include "sql/functions/kernel_frame_internal.h"
#include "sql/functions/simple_function_internal.h"
#include "sql/types/calendar.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::functions {
namespace {

constexpr std::string_view kTimestampTzName = "timestamp(3) with time zone";

// Registers name(date), name(timestamp), name(timestamp with time zone) → bigint
// from field(local millis).
void AddField(FunctionRegistry::Impl& impl,
              std::string_view name,
              int64_t (*field)(int64_t millis),
              std::string_view description,
              bool on_dates = true) {
  if (on_dates) {
    AddUnaryFunction<int32_t, int64_t>(
        impl,
        ScalarSpec{
            .name = name, .arguments = {"date"}, .returns = "bigint", .description = description},
        [field](int32_t days) { return field(days * kMillisPerDay); });
  }
  AddUnaryFunction<int64_t, int64_t>(impl,
                                     ScalarSpec{.name = name,
                                                .arguments = {"timestamp"},
                                                .returns = "bigint",
                                                .description = description},
                                     field);
  AddUnaryFunction<int64_t, int64_t>(
      impl,
      ScalarSpec{.name = name,
                 .arguments = {"timestamptz"},
                 .returns = "bigint",
                 .description = description},
      [field](int64_t packed) { return field(LocalMillisOf(packed)); });
}

int64_t DaysOf(int64_t millis) {
  return FloorDivide(millis, kMillisPerDay);
}

void RegisterFields(FunctionRegistry::Impl& impl) {
  AddField(
      impl, "year", [](int64_t m) { return PartsFromMillis(m).year; }, "Returns the year");
  AddField(
      impl, "quarter", [](int64_t m) -> int64_t { return (PartsFromMillis(m).month - 1) / 3 + 1; },
      "Returns the quarter of the year (1 to 4)");
  AddField(
      impl, "month", [](int64_t m) -> int64_t { return PartsFromMillis(m).month; },
      "Returns the month (1 to 12)");
  for (std::string_view name : {"day", "day_of_month"}) {
    AddField(
        impl, name, [](int64_t m) -> int64_t { return PartsFromMillis(m).day; },
        "Returns the day of the month");
  }
  for (std::string_view name : {"day_of_week", "dow"}) {
    AddField(
        impl, name, [](int64_t m) -> int64_t { return IsoDayOfWeek(DaysOf(m)); },
        "Returns the ISO day of the week (1 = Monday to 7 = Sunday)");
  }
  for (std::string_view name : {"day_of_year", "doy"}) {
    AddField(
        impl, name, [](int64_t m) -> int64_t { return DayOfYear(DaysOf(m)); },
        "Returns the day of the year (1 to 366)");
  }
  for (std::string_view name : {"week", "week_of_year"}) {
    AddField(
        impl, name,
        [](int64_t m) -> int64_t {
          int64_t week_year = 0;
          return IsoWeek(DaysOf(m), &week_year);
        },
        "Returns the ISO week of the year (1 to 53)");
  }
  for (std::string_view name : {"year_of_week", "yow"}) {
    AddField(
        impl, name,
        [](int64_t m) -> int64_t {
          int64_t week_year = 0;
          IsoWeek(DaysOf(m), &week_year);
          return week_year;
        },
        "Returns the year of the ISO week");
  }
  AddField(
      impl, "hour", [](int64_t m) -> int64_t { return PartsFromMillis(m).hour; },
      "Returns the hour of the day (0 to 23)", false);
  AddField(
      impl, "minute", [](int64_t m) -> int64_t { return PartsFromMillis(m).minute; },
      "Returns the minute of the hour", false);
  AddField(
      impl, "second", [](int64_t m) -> int64_t { return PartsFromMillis(m).second; },
      "Returns the second of the minute", false);
  AddField(
      impl, "millisecond", [](int64_t m) -> int64_t { return PartsFromMillis(m).millis; },
      "Returns the millisecond of the second", false);
}

enum class Unit : uint8_t {
  kMillisecond,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kMonth,
  kQuarter,
  kYear
};

Result<Unit> ParseUnit(std::string_view text, bool date_only) {
  std::string lower(text);
  for (char& c : lower) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  static constexpr std::pair<std::string_view, Unit> kUnits[] = {
      {"millisecond", Unit::kMillisecond},
      {"second", Unit::kSecond},
      {"minute", Unit::kMinute},
      {"hour", Unit::kHour},
      {"day", Unit::kDay},
      {"week", Unit::kWeek},
      {"month", Unit::kMonth},
      {"quarter", Unit::kQuarter},
      {"year", Unit::kYear},
  };
  for (const auto& [name, unit] : kUnits) {
    if (lower == name) {
      if (date_only && unit < Unit::kDay) {
        break;
      }
      return unit;
    }
  }
  return SqlError(kInvalidFunctionArgument,
                  Format("'{}' is not a valid {} field", text, date_only ? "DATE" : "TIMESTAMP"));
}

int64_t UnitMillis(Unit unit) {
  switch (unit) {
    case Unit::kMillisecond:
      return 1;
    case Unit::kSecond:
      return 1000;
    case Unit::kMinute:
      return 60'000;
    case Unit::kHour:
      return 3'600'000;
    case Unit::kDay:
      return kMillisPerDay;
    default:
      return 7 * kMillisPerDay;
  }
}

int64_t Truncate(Unit unit, int64_t millis) {
  if (unit <= Unit::kDay) {
    const int64_t size = UnitMillis(unit);
    return FloorDivide(millis, size) * size;
  }
  const int64_t days = DaysOf(millis);
  if (unit == Unit::kWeek) {
    return (days - (IsoDayOfWeek(days) - 1)) * kMillisPerDay;
  }
  const CivilDate date = CivilFromDays(days);
  int month = date.month;
  if (unit == Unit::kQuarter) {
    month = (month - 1) / 3 * 3 + 1;
  } else if (unit == Unit::kYear) {
    month = 1;
  }
  return DaysFromCivil(CivilDate{.year = date.year, .month = month, .day = 1}) * kMillisPerDay;
}

int64_t AddUnits(Unit unit, int64_t amount, int64_t millis) {
  switch (unit) {
    case Unit::kMonth:
      return AddMonthsToMillis(millis, amount);
    case Unit::kQuarter:
      return AddMonthsToMillis(millis, amount * 3);
    case Unit::kYear:
      return AddMonthsToMillis(millis, amount * 12);
    default:
      return millis + amount * UnitMillis(unit);
  }
}

// Whole months from a to b, as Joda-Time counts them (Trino's date_diff): the
// month difference, less one when adding it to a (end-of-month clamped)
// overshoots b. So 2024-01-31 to 2024-02-29 is one month.
int64_t MonthsBetween(int64_t a, int64_t b) {
  const DateTimeParts x = PartsFromMillis(a);
  const DateTimeParts y = PartsFromMillis(b);
  int64_t months = (y.year - x.year) * 12 + (y.month - x.month);
  const int64_t reached = AddMonthsToMillis(a, months);
  if (months > 0 && reached > b) {
    --months;
  } else if (months < 0 && reached < b) {
    ++months;
  }
  return months;
}

int64_t Difference(Unit unit, int64_t a, int64_t b) {
  switch (unit) {
    case Unit::kMonth:
      return MonthsBetween(a, b);
    case Unit::kQuarter:
      return MonthsBetween(a, b) / 3;
    case Unit::kYear:
      return MonthsBetween(a, b) / 12;
    default:
      return (b - a) / UnitMillis(unit);
  }
}

// How a date/time argument of each kind reads and writes local millis.
enum class TimeKind : uint8_t { kDate, kTimestamp, kTimestampTz };

int64_t ReadLocal(const KernelFrame& frame, size_t argument, size_t row, TimeKind kind) {
  switch (kind) {
    case TimeKind::kDate:
      return frame.Get<int32_t>(argument, row) * kMillisPerDay;
    case TimeKind::kTimestamp:
      return frame.Get<int64_t>(argument, row);
    case TimeKind::kTimestampTz:
      return LocalMillisOf(frame.Get<int64_t>(argument, row));
  }
  return 0;
}

void WriteLocal(KernelFrame& frame, size_t row, TimeKind kind, int64_t millis, int64_t packed) {
  switch (kind) {
    case TimeKind::kDate:
      frame.out<int32_t>()[row] = static_cast<int32_t>(DaysOf(millis));
      break;
    case TimeKind::kTimestamp:
      frame.out<int64_t>()[row] = millis;
      break;
    case TimeKind::kTimestampTz: {
      const int16_t key = ZoneKeyOfPacked(packed);
      frame.out<int64_t>()[row] = PackTimestampWithTimeZone(UtcMillisFromLocal(key, millis), key);
      break;
    }
  }
}

void RegisterTruncAddDiff(FunctionRegistry::Impl& impl) {
  struct Kind {
    std::string_view type;
    TimeKind kind;
  };

  for (const Kind k : {Kind{"date", TimeKind::kDate}, Kind{"timestamp", TimeKind::kTimestamp},
                       Kind{"timestamptz", TimeKind::kTimestampTz}}) {
    const TimeKind kind = k.kind;
    const bool date_only = kind == TimeKind::kDate;
    AddRowFunction(
        impl,
        ScalarSpec{.name = "date_trunc",
                   .arguments = {"varchar", k.type},
                   .returns = date_only ? "date" : "timestamp(3)",
                   .description = "Truncates x to the unit (second, minute, ..., year)"},
        [kind, date_only](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
          STRATUS_ASSIGN_OR_RETURN(Unit unit, ParseUnit(frame.String(0, row), date_only));
          const int64_t packed = kind == TimeKind::kTimestampTz ? frame.Get<int64_t>(1, row) : 0;
          WriteLocal(frame, row, kind, Truncate(unit, ReadLocal(frame, 1, row, kind)), packed);
          return Status::Ok();
        });
    AddRowFunction(
        impl,
        ScalarSpec{.name = "date_add",
                   .arguments = {"varchar", "bigint", k.type},
                   .returns = date_only ? "date" : "timestamp(3)",
                   .description = "Adds value units to x"},
        [kind, date_only](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
          STRATUS_ASSIGN_OR_RETURN(Unit unit, ParseUnit(frame.String(0, row), date_only));
          const int64_t packed = kind == TimeKind::kTimestampTz ? frame.Get<int64_t>(2, row) : 0;
          WriteLocal(frame, row, kind,
                     AddUnits(unit, frame.Get<int64_t>(1, row), ReadLocal(frame, 2, row, kind)),
                     packed);
          return Status::Ok();
        });
    AddRowFunction(
        impl,
        ScalarSpec{.name = "date_diff",
                   .arguments = {"varchar", k.type, k.type},
                   .returns = "bigint",
                   .description = "Returns the whole units from x1 to x2"},
        [kind, date_only](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
          STRATUS_ASSIGN_OR_RETURN(Unit unit, ParseUnit(frame.String(0, row), date_only));
          frame.out<int64_t>()[row] =
              Difference(unit, ReadLocal(frame, 1, row, kind), ReadLocal(frame, 2, row, kind));
          return Status::Ok();
        });
    AddRowFunction(
        impl,
        ScalarSpec{.name = "last_day_of_month",
                   .arguments = {k.type},
                   .returns = "date",
                   .description = "Returns the last day of x's month"},
        [kind](KernelFrame& frame, size_t row, const FunctionContext&) {
          const CivilDate date = CivilFromDays(DaysOf(ReadLocal(frame, 0, row, kind)));
          frame.out<int32_t>()[row] = static_cast<int32_t>(DaysFromCivil(CivilDate{
              .year = date.year, .month = date.month, .day = DaysInMonth(date.year, date.month)}));
          return Status::Ok();
        });
  }
}

// date_trunc and date_add on timestamps keep the argument's type: fix the
// bindings whose return text was a placeholder.
void KeepTimestampTypes(FunctionRegistry::Impl& impl) {
  for (std::string_view name : {"date_trunc", "date_add"}) {
    for (ScalarOverload& overload : impl.scalars[std::string(name)]) {
      const TypePattern& last = overload.signature.arguments.back();
      if (last.type.kind() == TypeKind::kDate) {
        continue;
      }
      ScalarFactory inner = overload.factory;
      overload.signature.return_text =
          last.type.kind() == TypeKind::kTimestamp ? "timestamp(p)" : "timestamp(p) with time zone";
      overload.factory = [inner](const std::vector<LogicalType>& bound) -> Result<ScalarBinding> {
        STRATUS_ASSIGN_OR_RETURN(ScalarBinding binding, inner(bound));
        const LogicalType& type = bound.back();
        ScalarKernel kernel = binding.kernel;
        binding.return_type = type;
        binding.kernel = [kernel, type](std::span<const Vector> arguments, size_t rows,
                                        const FunctionContext& context, Vector* result) -> Status {
          Vector raw;
          STRATUS_RETURN_IF_ERROR(kernel(arguments, rows, context, &raw));
          ArgumentData data(raw);
          NewResult(type, rows, result);
          PropagateNulls(data, rows, result);
          std::memcpy(result->mutable_values<int64_t>(), data.values<int64_t>(),
                      rows * sizeof(int64_t));
          return Status::Ok();
        };
        return binding;
      };
    }
  }
}

ScalarKernel FromContext(const LogicalType& type, int64_t (*value)(const FunctionContext&)) {
  return [type, value](std::span<const Vector> /*arguments*/, size_t rows,
                       const FunctionContext& context, Vector* result) -> Status {
    NewResult(type, rows, result);
    const int64_t v = value(context);
    if (type.physical_type() == PhysicalType::kInt32) {
      auto* out = result->mutable_values<int32_t>();
      for (size_t i = 0; i < rows; ++i) {
        out[i] = static_cast<int32_t>(v);
      }
    } else {
      auto* out = result->mutable_values<int64_t>();
      for (size_t i = 0; i < rows; ++i) {
        out[i] = v;
      }
    }
    return Status::Ok();
  };
}

int16_t SessionZone(const FunctionContext& context) {
  Result<int16_t> key = ZoneKeyOf(context.session_time_zone);
  return key.ok() ? *key : int16_t{0};
}

void RegisterCurrent(FunctionRegistry::Impl& impl) {
  impl.AddScalar(ScalarSpec{.name = "current_date",
                            .returns = "date",
                            .description = "Returns the query's start date in the session zone"},
                 FromContext(LogicalType::Date(), [](const FunctionContext& context) -> int64_t {
                   const int64_t local =
                       context.query_start_millis +
                       ZoneOffsetMillis(SessionZone(context), context.query_start_millis);
                   return FloorDivide(local, kMillisPerDay);
                 }));
  for (std::string_view name : {"current_timestamp", "now"}) {
    impl.AddScalar(
        ScalarSpec{.name = name,
                   .returns = kTimestampTzName,
                   .description = "Returns the query's start time"},
        FromContext(LogicalType::TimestampWithTimeZone(), [](const FunctionContext& c) -> int64_t {
          return PackTimestampWithTimeZone(c.query_start_millis, SessionZone(c));
        }));
  }
  impl.AddScalar(
      ScalarSpec{.name = "localtimestamp",
                 .returns = "timestamp(3)",
                 .description = "Returns the query's start time in the session zone"},
      FromContext(LogicalType::Timestamp(), [](const FunctionContext& context) -> int64_t {
        return context.query_start_millis +
               ZoneOffsetMillis(SessionZone(context), context.query_start_millis);
      }));
  AddRowFunction(impl,
                 ScalarSpec{.name = "current_timezone",
                            .returns = "varchar",
                            .description = "Returns the session's time zone"},
                 [](KernelFrame& frame, size_t row, const FunctionContext& context) {
                   frame.SetString(row, context.session_time_zone);
                   return Status::Ok();
                 });
}

void RegisterConversions(FunctionRegistry::Impl& impl) {
  struct DateOf {
    std::string_view type;
    TimeKind kind;
  };

  for (const DateOf d :
       {DateOf{"timestamp", TimeKind::kTimestamp}, DateOf{"timestamptz", TimeKind::kTimestampTz}}) {
    const TimeKind kind = d.kind;
    AddRowFunction(impl,
                   ScalarSpec{.name = "date",
                              .arguments = {d.type},
                              .returns = "date",
                              .description = "Returns the date part of x"},
                   [kind](KernelFrame& frame, size_t row, const FunctionContext&) {
                     frame.out<int32_t>()[row] =
                         static_cast<int32_t>(DaysOf(ReadLocal(frame, 0, row, kind)));
                     return Status::Ok();
                   });
    AddRowFunction(impl,
                   ScalarSpec{.name = "to_unixtime",
                              .arguments = {d.type},
                              .returns = "double",
                              .description = "Returns x as seconds since 1970-01-01 UTC"},
                   [kind](KernelFrame& frame, size_t row, const FunctionContext&) {
                     const int64_t millis = kind == TimeKind::kTimestampTz
                                                ? UtcMillisOf(frame.Get<int64_t>(0, row))
                                                : frame.Get<int64_t>(0, row);
                     frame.out<double>()[row] = static_cast<double>(millis) / 1000.0;
                     return Status::Ok();
                   });
  }
  AddRowFunction(impl,
                 ScalarSpec{.name = "date",
                            .arguments = {"varchar"},
                            .returns = "date",
                            .description = "Parses a 'YYYY-MM-DD' date"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                   std::optional<int32_t> days = ParseDateText(frame.String(0, row));
                   if (!days.has_value()) {
                     return SqlError(
                         kInvalidCastArgument,
                         Format("Value cannot be cast to date: {}", frame.String(0, row)));
                   }
                   frame.out<int32_t>()[row] = *days;
                   return Status::Ok();
                 });
  AddUnaryFunction<int32_t, int32_t>(impl,
                                     ScalarSpec{.name = "date",
                                                .arguments = {"date"},
                                                .returns = "date",
                                                .description = "Returns the date"},
                                     [](int32_t days) { return days; });
  AddRowFunction(impl,
                 ScalarSpec{.name = "from_unixtime",
                            .arguments = {"double"},
                            .returns = kTimestampTzName,
                            .description = "Returns the UNIX timestamp as a timestamp"},
                 [](KernelFrame& frame, size_t row, const FunctionContext& context) {
                   const auto seconds = frame.Get<double>(0, row);
                   frame.out<int64_t>()[row] = PackTimestampWithTimeZone(
                       static_cast<int64_t>(std::llround(seconds * 1000.0)), SessionZone(context));
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "from_unixtime",
                            .arguments = {"double", "varchar"},
                            .returns = kTimestampTzName,
                            .description = "Returns the UNIX timestamp in the zone"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                   STRATUS_ASSIGN_OR_RETURN(int16_t key, ZoneKeyOf(frame.String(1, row)));
                   const auto seconds = frame.Get<double>(0, row);
                   frame.out<int64_t>()[row] = PackTimestampWithTimeZone(
                       static_cast<int64_t>(std::llround(seconds * 1000.0)), key);
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "from_unixtime",
                            .arguments = {"double", "bigint", "bigint"},
                            .returns = kTimestampTzName,
                            .description = "Returns the UNIX timestamp at an hours:minutes offset"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                   const int64_t minutes =
                       frame.Get<int64_t>(1, row) * 60 + frame.Get<int64_t>(2, row);
                   if (minutes < -14LL * 60 || minutes > 14LL * 60) {
                     return SqlError(kInvalidFunctionArgument, "Invalid offset minutes");
                   }
                   const auto seconds = frame.Get<double>(0, row);
                   frame.out<int64_t>()[row] = PackTimestampWithTimeZone(
                       static_cast<int64_t>(std::llround(seconds * 1000.0)),
                       static_cast<int16_t>(minutes == 0 ? 0 : minutes + 841));
                   return Status::Ok();
                 });
}

int64_t OffsetMinutesOf(int64_t packed) {
  return ZoneOffsetMillis(ZoneKeyOfPacked(packed), UtcMillisOf(packed)) / 60'000;
}

void RegisterTimeZones(FunctionRegistry::Impl& impl) {
  AddUnaryFunction<int64_t, int64_t>(
      impl,
      ScalarSpec{.name = "timezone_hour",
                 .arguments = {"timestamptz"},
                 .returns = "bigint",
                 .description = "Returns the hours of the zone's offset"},
      [](int64_t packed) -> int64_t { return OffsetMinutesOf(packed) / 60; });
  AddUnaryFunction<int64_t, int64_t>(
      impl,
      ScalarSpec{.name = "timezone_minute",
                 .arguments = {"timestamptz"},
                 .returns = "bigint",
                 .description = "Returns the minutes of the zone's offset"},
      [](int64_t packed) -> int64_t { return OffsetMinutesOf(packed) % 60; });
  AddRowFunction(impl,
                 ScalarSpec{.name = "at_timezone",
                            .arguments = {"timestamptz", "varchar"},
                            .returns = kTimestampTzName,
                            .description = "Returns the same instant in another zone"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                   STRATUS_ASSIGN_OR_RETURN(int16_t key, ZoneKeyOf(frame.String(1, row)));
                   frame.out<int64_t>()[row] =
                       PackTimestampWithTimeZone(UtcMillisOf(frame.Get<int64_t>(0, row)), key);
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "with_timezone",
                            .arguments = {"timestamp", "varchar"},
                            .returns = kTimestampTzName,
                            .description = "Reads the wall-clock time x in the zone"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                   STRATUS_ASSIGN_OR_RETURN(int16_t key, ZoneKeyOf(frame.String(1, row)));
                   const auto local = frame.Get<int64_t>(0, row);
                   frame.out<int64_t>()[row] =
                       PackTimestampWithTimeZone(UtcMillisFromLocal(key, local), key);
                   return Status::Ok();
                 });
}

}  // namespace

void RegisterDatetimeFunctions(FunctionRegistry& registry) {
  FunctionRegistry::Impl& impl = registry.impl();
  RegisterFields(impl);
  RegisterTruncAddDiff(impl);
  KeepTimestampTypes(impl);
  RegisterCurrent(impl);
  RegisterConversions(impl);
  RegisterTimeZones(impl);
  RegisterIso8601Functions(impl);
  RegisterDatetimeFormatFunctions(impl);
}

}  // namespace stratus::sql::functions
