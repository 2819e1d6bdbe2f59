#include "console/dashboards.h"

#include <chrono>
#include <future>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "console/console.h"
#include "console/dashboards_store.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::console {
namespace {

using ::testing::HasSubstr;

Json Chart(std::string kind = "bar") {
  return Json{
      {"title", "cost by day"},
      {"database", "mydatabase"},
      {"query", "SELECT dt, user_id, total_cost_usd FROM t"},
      {"spec",
       {{"kind", kind}, {"dimension", "dt"}, {"metric", "total_cost_usd"}, {"split", "user_id"}}}};
}

Json Dashboard(Json charts = Json::array({Chart()})) {
  return Json{{"name", "Batch ETL"}, {"charts", std::move(charts)}};
}

// Returns the message of the validation error of `body` put at `id`.
std::string ErrorOf(std::string_view id, const Json& body) {
  Result<DashboardInput> input = ValidateDashboard(id, body);
  EXPECT_FALSE(input.ok());
  EXPECT_EQ(input.status().code(), StatusCode::kInvalidArgument);
  return input.ok() ? "" : input.status().message();
}

TEST(DashboardsTest, ValidDashboardKeepsItsChartsInOrder) {
  Json charts = Json::array({Chart("bar"), Chart("pie"), Chart("table")});
  charts[1]["spec"]["aggregate"] = "avg";
  ASSERT_OK_AND_ASSIGN(DashboardInput input, ValidateDashboard("batch-etl_1", Dashboard(charts)));
  EXPECT_EQ(input.name, "Batch ETL");
  ASSERT_EQ(input.charts.size(), 3u);
  EXPECT_EQ(input.charts[1]["spec"]["kind"], "pie");
  EXPECT_EQ(input.charts[1]["spec"]["aggregate"], "avg");
  EXPECT_EQ(input.charts[0]["spec"]["split"], "user_id");
}

TEST(DashboardsTest, IdsAreOneToSixtyFourSafeCharacters) {
  EXPECT_TRUE(IsValidDashboardId("a"));
  EXPECT_TRUE(IsValidDashboardId(std::string(64, 'z')));
  EXPECT_FALSE(IsValidDashboardId(""));
  EXPECT_FALSE(IsValidDashboardId(std::string(65, 'z')));
  EXPECT_FALSE(IsValidDashboardId("a b"));
  EXPECT_FALSE(IsValidDashboardId("a/b"));
  EXPECT_FALSE(IsValidDashboardId("a.b"));
  EXPECT_THAT(ErrorOf("bad id", Dashboard()), HasSubstr("dashboard id"));
}

TEST(DashboardsTest, NameIsRequiredAndAtMost256Characters) {
  EXPECT_THAT(ErrorOf("d", Json{{"charts", Json::array()}}), HasSubstr("name is required"));
  EXPECT_THAT(ErrorOf("d", Json{{"name", ""}}), HasSubstr("name must not be empty"));
  EXPECT_THAT(ErrorOf("d", Json{{"name", 7}}), HasSubstr("name must be a string"));
  EXPECT_THAT(ErrorOf("d", Json{{"name", std::string(257, 'n')}}), HasSubstr("longer than 256"));
  EXPECT_OK(ValidateDashboard("d", Json{{"name", std::string(256, 'n')}}).status());
  std::string accented;
  for (int i = 0; i < 256; ++i) {
    accented += "\xC3\xA9";  // U+00E9: 256 characters in 512 bytes.
  }
  EXPECT_OK(ValidateDashboard("d", Json{{"name", accented}}).status());
  EXPECT_THAT(ErrorOf("d", Json{{"name", accented + "e"}}),
              HasSubstr("longer than 256 characters"));
}

TEST(DashboardsTest, AtMostFiftyCharts) {
  Json charts = Json::array();
  for (int i = 0; i < 50; ++i) {
    charts.push_back(Chart());
  }
  EXPECT_OK(ValidateDashboard("d", Dashboard(charts)).status());
  charts.push_back(Chart());
  EXPECT_THAT(ErrorOf("d", Dashboard(charts)), HasSubstr("at most 50 charts"));
}

TEST(DashboardsTest, ChartKindMustBeKnown) {
  EXPECT_THAT(ErrorOf("d", Dashboard(Json::array({Chart(), Chart("scatter")}))),
              HasSubstr("charts[1].spec.kind must be one of bar, line, area, pie, table"));
}

TEST(DashboardsTest, QueryIsRequiredAndAtMost256KiB) {
  Json chart = Chart();
  chart["query"] = "";
  EXPECT_THAT(ErrorOf("d", Dashboard(Json::array({chart}))),
              HasSubstr("charts[0].query must not be empty"));
  chart["query"] = std::string(256 * 1024, 'x');
  EXPECT_OK(ValidateDashboard("d", Dashboard(Json::array({chart}))).status());
  chart["query"] = std::string(256 * 1024 + 1, 'x');
  EXPECT_THAT(ErrorOf("d", Dashboard(Json::array({chart}))),
              HasSubstr("charts[0].query is longer"));
  std::string wide(200 * 1024, 'x');
  for (int i = 0; i < 30 * 1024; ++i) {
    wide += "\xC3\xA9";  // 230 Ki characters but 260 KiB.
  }
  chart["query"] = wide;
  EXPECT_THAT(ErrorOf("d", Dashboard(Json::array({chart}))), HasSubstr("longer than 262144 bytes"));
}

TEST(DashboardsTest, UnknownMembersAndMismatchedIdsAreRejected) {
  Json chart = Chart();
  chart["spec"]["colour"] = "red";
  EXPECT_THAT(ErrorOf("d", Dashboard(Json::array({chart}))),
              HasSubstr("unknown member \"colour\""));
  Json body = Dashboard();
  body["id"] = "other";
  EXPECT_THAT(ErrorOf("d", body), HasSubstr("does not match"));
  Json aggregate = Chart();
  aggregate["spec"]["aggregate"] = "median";
  EXPECT_THAT(ErrorOf("d", Dashboard(Json::array({aggregate}))),
              HasSubstr("aggregate must be one of"));
  EXPECT_THAT(ErrorOf("d", Json::array()), HasSubstr("must be a JSON object"));
}

// Puts and waits for the store's answer.
Result<Json> PutAndWait(DashboardStore& store, std::string id, const Json& body) {
  STRATUS_ASSIGN_OR_RETURN(DashboardInput input, ValidateDashboard(id, body));
  std::promise<Result<Json>> answer;
  store.Put(std::move(id), std::move(input),
            [&answer](Result<Json> stored) { answer.set_value(std::move(stored)); });
  return answer.get_future().get();
}

Result<bool> DeleteAndWait(DashboardStore& store, std::string id) {
  std::promise<Result<bool>> answer;
  store.Delete(std::move(id), [&answer](Result<bool> deleted) { answer.set_value(deleted); });
  return answer.get_future().get();
}

TEST(DashboardsTest, DashboardsSurviveReopenWithCreationTimeKeptOnReplace) {
  storage::TempDir dir;
  FakeClock clock(FromUnixMillis(1'000'000));
  {
    ASSERT_OK_AND_ASSIGN(auto store, DashboardStore::Open(dir.File("console.db"), clock));
    ASSERT_OK_AND_ASSIGN(Json first, PutAndWait(*store, "b", Dashboard()));
    EXPECT_EQ(first["created"], 1'000'000);
    clock.Advance(std::chrono::seconds(5));
    ASSERT_OK(PutAndWait(*store, "a", Json{{"name", "Zeta"}}).status());
    ASSERT_OK(PutAndWait(*store, "gone", Json{{"name", "Gone"}}).status());
    ASSERT_OK_AND_ASSIGN(bool deleted, DeleteAndWait(*store, "gone"));
    EXPECT_TRUE(deleted);
    ASSERT_OK_AND_ASSIGN(deleted, DeleteAndWait(*store, "gone"));
    EXPECT_FALSE(deleted);
    clock.Advance(std::chrono::seconds(5));
    Json replaced = Dashboard(Json::array({Chart("line"), Chart("area")}));
    replaced["name"] = "Batch ETL 2";
    ASSERT_OK(PutAndWait(*store, "b", replaced).status());
    store->Stop();
  }
  ASSERT_OK_AND_ASSIGN(auto store, DashboardStore::Open(dir.File("console.db"), clock));
  ASSERT_OK_AND_ASSIGN(std::vector<DashboardSummary> list, store->List());
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, "b");  // By name: "Batch ETL 2" before "Zeta".
  EXPECT_EQ(list[0].num_charts, 2);
  EXPECT_EQ(list[0].updated_millis, 1'010'000);
  EXPECT_EQ(list[1].id, "a");
  ASSERT_OK_AND_ASSIGN(std::optional<Json> b, store->Get("b"));
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ((*b)["id"], "b");
  EXPECT_EQ((*b)["name"], "Batch ETL 2");
  EXPECT_EQ((*b)["created"], 1'000'000);
  EXPECT_EQ((*b)["updated"], 1'010'000);
  EXPECT_EQ((*b)["charts"][1]["spec"]["kind"], "area");
  EXPECT_EQ((*b)["charts"][0]["query"], Chart()["query"]);
  ASSERT_OK_AND_ASSIGN(std::optional<Json> gone, store->Get("gone"));
  EXPECT_FALSE(gone.has_value());
}

// Sends one request to the console and waits for its (possibly asynchronous) answer.
http::Response Ask(const Console& console,
                   std::string method,
                   std::string path,
                   std::string body = "") {
  http::Request request;
  request.method = std::move(method);
  request.path = path;
  request.target = path;
  request.body = std::move(body);
  auto answer = std::make_shared<std::promise<http::Response>>();
  http::Responder respond = [answer](http::Response response) {
    answer->set_value(std::move(response));
  };
  if (!console.Handle(request, respond)) {
    return http::Response{.status = 0, .headers = {}, .body = "not handled"};
  }
  return answer->get_future().get();
}

TEST(DashboardsTest, EndpointsCreateListGetReplaceAndDelete) {
  storage::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto console, Console::Open(ConsoleContext{.data_dir = dir.path()}));
  http::Response put =
      Ask(*console, "PUT", "/_stratus/dashboards/batch-etl", DumpJson(Dashboard()));
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.headers.Get("content-type").value_or(""), "application/json");
  http::Response list = Ask(*console, "GET", "/_stratus/dashboards");
  ASSERT_EQ(list.status, 200);
  ASSERT_OK_AND_ASSIGN(Json listed, ParseJson(list.body));
  ASSERT_EQ(listed["dashboards"].size(), 1u);
  EXPECT_EQ(listed["dashboards"][0]["id"], "batch-etl");
  EXPECT_EQ(listed["dashboards"][0]["num_charts"], 1);
  http::Response get = Ask(*console, "GET", "/_stratus/dashboards/batch-etl");
  ASSERT_EQ(get.status, 200);
  ASSERT_OK_AND_ASSIGN(Json got, ParseJson(get.body));
  EXPECT_EQ(got["charts"][0]["spec"]["split"], "user_id");
  EXPECT_EQ(Ask(*console, "DELETE", "/_stratus/dashboards/batch-etl").status, 204);
  EXPECT_EQ(Ask(*console, "DELETE", "/_stratus/dashboards/batch-etl").status, 404);
  EXPECT_EQ(Ask(*console, "GET", "/_stratus/dashboards/batch-etl").status, 404);
  console->Stop();
}

TEST(DashboardsTest, EndpointsAnswerBadInputWithJsonErrors) {
  storage::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto console, Console::Open(ConsoleContext{.data_dir = dir.path()}));
  http::Response not_json = Ask(*console, "PUT", "/_stratus/dashboards/x", "{");
  EXPECT_EQ(not_json.status, 400);
  ASSERT_OK_AND_ASSIGN(Json error, ParseJson(not_json.body));
  EXPECT_EQ(error["error"], "InvalidJson");
  http::Response bad_kind = Ask(*console, "PUT", "/_stratus/dashboards/x",
                                DumpJson(Dashboard(Json::array({Chart("radar")}))));
  EXPECT_EQ(bad_kind.status, 400);
  ASSERT_OK_AND_ASSIGN(error, ParseJson(bad_kind.body));
  EXPECT_EQ(error["error"], "InvalidDashboard");
  EXPECT_THAT(error["message"].get<std::string>(), HasSubstr("charts[0].spec.kind"));
  EXPECT_EQ(Ask(*console, "PUT", "/_stratus/dashboards/a.b", DumpJson(Dashboard())).status, 400);
  EXPECT_EQ(Ask(*console, "PUT", "/_stratus/dashboards/", DumpJson(Dashboard())).status, 400);
  EXPECT_EQ(Ask(*console, "GET", "/_stratus/dashboards/a/b").status, 404);
  console->Stop();
}

}  // namespace
}  // namespace stratus::console
