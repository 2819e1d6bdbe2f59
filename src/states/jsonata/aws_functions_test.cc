// The functions Step Functions adds to JSONata. Expected values for
// $partition, $range and $parse are the ones AWS recorded.

#include "states/jsonata/aws_functions.h"

#include <gtest/gtest.h>

#include "states/jsonata/expression_tester.h"

namespace stratus::states {
namespace {

TEST(AwsFunctionsTest, PartitionsArrays) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"$partition([1, 2, 3, 4, 5], 2)", "[[1, 2], [3, 4], [5]]"},
      {"$partition([0], 1)", "[[0]]"},
      {"$partition([0, 1, 2], 5)", "[[0, 1, 2]]"},
  });
}

TEST(AwsFunctionsTest, BuildsRangesAsSequences) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"$range(0, 9, 3)", "[0, 3, 6, 9]"},
      {"$range(0, 10, 3)", "[0, 3, 6, 9]"},
      {"$range(1, 9, 2)", "[1, 3, 5, 7, 9]"},
      {"$range(1, 9, 9)", "1"},  // AWS: a one-item result is unwrapped
      {"$range(0, 10, 2)", "[0, 2, 4, 6, 8, 10]"},
  });
}

TEST(AwsFunctionsTest, HashesWithEachAlgorithm) {
  ExpressionTester tester;
  tester.ExpectAll({
      {R"($hash("input data", "MD5"))", R"("812f45842bc6d66ee14572ce20db8e86")"},
      {R"($hash("input data", "SHA-1"))", R"("aaff4a450a104cd177d28d18d74485e8cae074b7")"},
      {R"($hash("input data", "SHA-256"))",
       R"("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")"},
  });
  EXPECT_FALSE(tester.Evaluate(R"($hash("x", "CRC32"))").ok());
}

TEST(AwsFunctionsTest, ParsesJsonText) {
  ExpressionTester tester(R"({"text": "{\"Arg1\": 1, \"Arg2\": []}"})");
  tester.ExpectAll({
      {"$parse(text)", R"({"Arg1": 1, "Arg2": []})"},
      {R"($parse("-0"))", "0"},
      {R"($parse("1.1"))", "1.1"},
      {R"($parse("\"HelloWorld\""))", R"("HelloWorld")"},
      {R"($parse("[1, 2, \"HelloWorld\"]"))", R"([1, 2, "HelloWorld"])"},
  });
  EXPECT_FALSE(tester.Evaluate(R"($parse("{"))").ok());
}

TEST(AwsFunctionsTest, MakesUuidsAndRandomNumbersFromTheIdGenerator) {
  ExpressionTester first;
  ExpressionTester second;
  const std::string uuid = first.Text("$uuid()");
  // "xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx" with quotes.
  ASSERT_EQ(uuid.size(), 38u) << uuid;
  for (size_t i = 1; i < 37; ++i) {
    const bool dash = i == 9 || i == 14 || i == 19 || i == 24;
    const char c = uuid[i];
    EXPECT_TRUE(dash ? c == '-' : ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) << uuid;
  }
  EXPECT_EQ(uuid[15], '4') << uuid;
  EXPECT_NE(std::string("89ab").find(uuid[20]), std::string::npos) << uuid;
  EXPECT_EQ(uuid, second.Text("$uuid()"));
  EXPECT_EQ(first.Text("$random(42) = $random(42)"), "true");
  EXPECT_EQ(first.Text("$random() < 1"), "true");
}

TEST(AwsFunctionsTest, UnknownFunctionsAreNotCallable) {
  ExpressionTester tester(R"({"fst": 1})");
  EXPECT_EQ(tester.Text("$randomSeeded(fst)"), "error: T1006: Attempted to invoke a non-function");
}

}  // namespace
}  // namespace stratus::states
