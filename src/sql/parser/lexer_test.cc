#include "sql/parser/lexer.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sql/parser/syntax_error.h"
#include "testing/status_matchers.h"

namespace stratus::sql::parser {
namespace {

std::vector<TokenKind> Kinds(const std::vector<Token>& tokens) {
  std::vector<TokenKind> kinds;
  for (const Token& token : tokens) {
    kinds.push_back(token.kind);
  }
  return kinds;
}

TEST(LexerTest, SplitsWordsNumbersStringsAndOperators) {
  ASSERT_OK_AND_ASSIGN(std::vector<Token> tokens,
                       Tokenize("SELECT a1, 'it''s', 1.5, 1e3, 42 <> b || \"Q\" FROM `t`"));
  EXPECT_EQ(Kinds(tokens),
            (std::vector<TokenKind>{
                TokenKind::kWord, TokenKind::kWord, TokenKind::kComma, TokenKind::kString,
                TokenKind::kComma, TokenKind::kDecimal, TokenKind::kComma, TokenKind::kDouble,
                TokenKind::kComma, TokenKind::kInteger, TokenKind::kNotEqual, TokenKind::kWord,
                TokenKind::kConcat, TokenKind::kQuotedIdentifier, TokenKind::kWord,
                TokenKind::kBackquotedIdentifier, TokenKind::kEnd}));
  EXPECT_EQ(tokens[3].text, "'it''s'");
}

TEST(LexerTest, SkipsCommentsAndTracksLinesAndColumns) {
  ASSERT_OK_AND_ASSIGN(std::vector<Token> tokens,
                       Tokenize("-- note\nSELECT /* multi\nline */ x\n  FROM t"));
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].position, (SourcePosition{2, 1}));
  EXPECT_EQ(tokens[1].position, (SourcePosition{3, 9}));
  EXPECT_EQ(tokens[2].position, (SourcePosition{4, 3}));
  EXPECT_EQ(tokens[4].kind, TokenKind::kEnd);
  EXPECT_EQ(tokens[4].position, (SourcePosition{4, 9}));
}

TEST(LexerTest, CountsColumnsInCharactersNotBytes) {
  ASSERT_OK_AND_ASSIGN(std::vector<Token> tokens, Tokenize("'数据' x"));
  EXPECT_EQ(tokens[1].position, (SourcePosition{1, 6}));
}

TEST(LexerTest, ReadsSpecialStringsAndOperators) {
  ASSERT_OK_AND_ASSIGN(std::vector<Token> tokens, Tokenize("U&'\\0041' X'0aFF' x -> y ? :: !="));
  EXPECT_EQ(
      Kinds(tokens),
      (std::vector<TokenKind>{TokenKind::kUnicodeString, TokenKind::kBinaryString, TokenKind::kWord,
                              TokenKind::kArrow, TokenKind::kWord, TokenKind::kQuestion,
                              TokenKind::kDoubleColon, TokenKind::kNotEqual, TokenKind::kEnd}));
}

TEST(LexerTest, RejectsWhatItCannotRead) {
  for (const char* sql : {"SELECT 'open", "SELECT \"open", "SELECT /* open", "SELECT #",
                          "SELECT 1abc", "SELECT a | b"}) {
    Result<std::vector<Token>> tokens = Tokenize(sql);
    ASSERT_FALSE(tokens.ok()) << sql;
    EXPECT_TRUE(IsSyntaxError(tokens.status())) << tokens.status().ToString();
  }
  EXPECT_EQ(Tokenize("SELECT #").status().message(), "line 1:8: token recognition error at: '#'");
}

}  // namespace
}  // namespace stratus::sql::parser
