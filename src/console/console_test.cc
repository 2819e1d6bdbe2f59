#include "console/console.h"

#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "console/assets.h"

namespace stratus::console {
namespace {

struct Answer {
  std::optional<http::Response> response;
  bool handled = false;
};

Answer Ask(const Console& console,
           std::string method,
           std::string path,
           std::string accept_encoding = "gzip, deflate") {
  http::Request request;
  request.method = std::move(method);
  request.path = path;
  request.target = path;
  request.headers.Set("Accept-Encoding", accept_encoding);
  Answer answer;
  http::Responder respond = [&answer](http::Response response) {
    answer.response = std::move(response);
  };
  answer.handled = console.Handle(request, respond);
  return answer;
}

std::unique_ptr<Console> OpenConsole() {
  Result<std::unique_ptr<Console>> console = Console::Open(ConsoleContext{});
  EXPECT_TRUE(console.ok());
  return std::move(console).value();
}

TEST(ConsoleTest, IndexIsServedAtTheRootWithItsTypeAndNoCaching) {
  auto console = OpenConsole();
  Answer answer = Ask(*console, "GET", "/_stratus/ui/", "identity");
  ASSERT_TRUE(answer.handled);
  ASSERT_TRUE(answer.response.has_value());
  EXPECT_EQ(answer.response->status, 200);
  EXPECT_EQ(answer.response->headers.Get("content-type").value_or(""), "text/html; charset=utf-8");
  EXPECT_EQ(answer.response->headers.Get("cache-control").value_or(""), "no-cache");
  EXPECT_FALSE(answer.response->headers.Get("content-encoding").has_value());
  EXPECT_NE(answer.response->body.find("<"), std::string::npos);
  EXPECT_TRUE(answer.response->headers.Get("content-security-policy").has_value());
}

TEST(ConsoleTest, GzipFormGoesOnlyToClientsThatAcceptIt) {
  auto console = OpenConsole();
  for (const ConsoleAsset& asset : ConsoleAssets()) {
    if (!asset.gzip) {
      continue;
    }
    const std::string path = "/_stratus/ui/" + std::string(asset.path);
    Answer zipped = Ask(*console, "GET", path, "gzip");
    Answer plain = Ask(*console, "GET", path, "identity");
    ASSERT_TRUE(zipped.response.has_value() && plain.response.has_value());
    EXPECT_EQ(zipped.response->headers.Get("content-encoding").value_or(""), "gzip");
    EXPECT_EQ(zipped.response->body, asset.bytes);
    EXPECT_FALSE(plain.response->headers.Get("content-encoding").has_value());
    EXPECT_GT(plain.response->body.size(), 0u);
    EXPECT_NE(plain.response->body, zipped.response->body);
  }
}

TEST(ConsoleTest, BareConsolePathRedirectsToTheSlashForm) {
  auto console = OpenConsole();
  Answer answer = Ask(*console, "GET", "/_stratus/ui");
  ASSERT_TRUE(answer.response.has_value());
  EXPECT_EQ(answer.response->status, 302);
  EXPECT_EQ(answer.response->headers.Get("location").value_or(""), "/_stratus/ui/");
}

TEST(ConsoleTest, UnknownFileIs404AndUnknownRouteGetsTheConsole) {
  auto console = OpenConsole();
  Answer missing = Ask(*console, "GET", "/_stratus/ui/assets/nope.js");
  ASSERT_TRUE(missing.response.has_value());
  EXPECT_EQ(missing.response->status, 404);
  Answer route = Ask(*console, "GET", "/_stratus/ui/states/machines", "identity");
  ASSERT_TRUE(route.response.has_value());
  EXPECT_EQ(route.response->status, 200);
  EXPECT_EQ(route.response->headers.Get("content-type").value_or(""), "text/html; charset=utf-8");
}

TEST(ConsoleTest, WritesToTheConsoleFilesAreRefused) {
  auto console = OpenConsole();
  Answer answer = Ask(*console, "PUT", "/_stratus/ui/index.html");
  ASSERT_TRUE(answer.response.has_value());
  EXPECT_EQ(answer.response->status, 405);
  EXPECT_EQ(answer.response->headers.Get("allow").value_or(""), "GET, HEAD");
}

TEST(ConsoleTest, OtherStratusPathsAreNotTheConsoles) {
  auto console = OpenConsole();
  EXPECT_FALSE(Ask(*console, "GET", "/_stratus/health").handled);
  EXPECT_FALSE(Ask(*console, "GET", "/_stratus/nothing").handled);
}

}  // namespace
}  // namespace stratus::console
