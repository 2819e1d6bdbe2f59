#include "logs/filter_pattern.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::logs {
namespace {

bool Matches(std::string_view pattern, std::string_view message) {
  Result<FilterPattern> parsed = FilterPattern::Parse(pattern);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() && parsed->Matches(message);
}

TEST(FilterPatternTest, EmptyPatternMatchesEverything) {
  EXPECT_TRUE(Matches("", "anything"));
  EXPECT_TRUE(Matches("  ", ""));
}

TEST(FilterPatternTest, EveryTermMustAppearCaseSensitively) {
  EXPECT_TRUE(Matches("ERROR timeout", "ERROR: read timeout"));
  EXPECT_FALSE(Matches("ERROR timeout", "ERROR: read failed"));
  EXPECT_FALSE(Matches("ERROR", "error"));
}

TEST(FilterPatternTest, QuotedPhraseMatchesAsOneTerm) {
  EXPECT_TRUE(Matches("\"read timeout\"", "a read timeout here"));
  EXPECT_FALSE(Matches("\"read timeout\"", "timeout on read"));
}

TEST(FilterPatternTest, QuestionTermsMatchAnyOne) {
  EXPECT_TRUE(Matches("?ERROR ?WARN", "WARN disk"));
  EXPECT_TRUE(Matches("?ERROR ?WARN", "ERROR disk"));
  EXPECT_FALSE(Matches("?ERROR ?WARN", "INFO disk"));
}

TEST(FilterPatternTest, MinusTermsExclude) {
  EXPECT_TRUE(Matches("ERROR -retrying", "ERROR gave up"));
  EXPECT_FALSE(Matches("ERROR -retrying", "ERROR retrying"));
}

TEST(FilterPatternTest, JsonComparisonsSelectFields) {
  EXPECT_TRUE(Matches("{ $.level = \"ERROR\" }", R"({"level":"ERROR"})"));
  EXPECT_FALSE(Matches("{ $.level = \"ERROR\" }", R"({"level":"INFO"})"));
  EXPECT_TRUE(Matches("{ $.a.b > 3 && $.c = x* }", R"({"a":{"b":4},"c":"xyz"})"));
  EXPECT_FALSE(Matches("{ $.a.b > 3 && $.c = x* }", R"({"a":{"b":2},"c":"xyz"})"));
  EXPECT_TRUE(Matches("{ $.a = 1 || $.b = 2 }", R"({"b":2})"));
  EXPECT_TRUE(Matches("{ $.a NOT EXISTS }", R"({"b":2})"));
  EXPECT_FALSE(Matches("{ $.a = 1 }", "not json"));
}

TEST(FilterPatternTest, RejectsUnsupportedAndMalformedPatterns) {
  EXPECT_STATUS(StatusCode::kInvalidArgument, FilterPattern::Parse("[ip, user]").status());
  EXPECT_STATUS(StatusCode::kInvalidArgument, FilterPattern::Parse("\"open").status());
  EXPECT_STATUS(StatusCode::kInvalidArgument, FilterPattern::Parse("{ level = 1 }").status());
}

}  // namespace
}  // namespace stratus::logs
