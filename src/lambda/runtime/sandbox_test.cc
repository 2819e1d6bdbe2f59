#include "lambda/runtime/sandbox.h"

#include <fstream>
#include <mutex>

#include <gtest/gtest.h>

#include "base/clock.h"
#include "base/json.h"
#include "lambda/runtime/runtime_catalog.h"
#include "lambda/runtime/shims.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::lambda {
namespace {

using namespace std::chrono_literals;

// Collects what a sandbox logs.
class RecordingSink final : public LogSink {
 public:
  void Append(const std::string& group,
              const std::string& stream,
              std::vector<LogLine> lines) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (LogLine& line : lines) {
      messages_.push_back(group + "|" + stream + "|" + line.message);
    }
  }

  std::vector<std::string> messages() const {
    std::lock_guard<std::mutex> lock(mu_);
    return messages_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::string> messages_;
};

void WriteFile(const std::string& path, std::string_view contents) {
  std::ofstream file(path);
  file << contents;
}

// Runs real python3 processes with our bootstrap: the handlers live in app.py.
class SandboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(dir_.File("bootstrap.py"), PythonBootstrap());
    WriteFile(dir_.File("app.py"), R"py(
import os, sys, time
def echo(event, context):
    print("echo", event.get("n"), context.aws_request_id)
    return {"n": event.get("n"), "fn": context.function_name,
            "left": context.get_remaining_time_in_millis() > 0,
            "env": os.environ.get("GREETING")}
def fail(event, context):
    raise ValueError("boom")
def slow(event, context):
    time.sleep(30)
def crash(event, context):
    sys.stdout.flush()
    os._exit(3)
)py");
  }

  std::unique_ptr<Sandbox> Start(const std::string& handler) {
    Result<std::unique_ptr<Sandbox>> started = Sandbox::Start(
        SandboxOptions{.argv = LaunchCommand(RuntimeFamily::kPython, dir_.path(), dir_.path()),
                       .environment = {{"_HANDLER", handler},
                                       {"LAMBDA_TASK_ROOT", dir_.path()},
                                       {"AWS_LAMBDA_FUNCTION_NAME", "fn"},
                                       {"GREETING", "hi"},
                                       {"PYTHONUNBUFFERED", "1"},
                                       {"PATH", "/usr/local/bin:/usr/bin:/bin"}},
                       .working_directory = dir_.path(),
                       .log_group = "/aws/lambda/fn",
                       .log_stream = "s",
                       .logs = &sink_,
                       .clock = &clock_});
    EXPECT_TRUE(started.ok()) << started.status().ToString();
    return started.ok() ? *std::move(started) : nullptr;
  }

  storage::TempDir dir_;
  SystemClock clock_;
  RecordingSink sink_;
};

TEST_F(SandboxTest, WarmProcessAnswersSuccessiveInvocations) {
  std::unique_ptr<Sandbox> sandbox = Start("app.echo");
  ASSERT_NE(sandbox, nullptr);
  for (int n = 1; n <= 2; ++n) {
    SandboxOutcome outcome = sandbox->Invoke(SandboxInvocation{
        .request_id = "req-" + std::to_string(n), .payload = "{\"n\": " + std::to_string(n) + "}"});
    EXPECT_EQ(outcome.function_error, "");
    ASSERT_OK_AND_ASSIGN(Json payload, ParseJson(outcome.payload));
    EXPECT_EQ(payload["n"], n);
    EXPECT_EQ(payload["fn"], "fn");
    EXPECT_EQ(payload["left"], true);
    EXPECT_EQ(payload["env"], "hi");
    EXPECT_NE(outcome.log.find("START RequestId: req-" + std::to_string(n)), std::string::npos);
    EXPECT_NE(outcome.log.find("echo " + std::to_string(n) + " req-" + std::to_string(n)),
              std::string::npos)
        << outcome.log;
    EXPECT_NE(outcome.log.find("REPORT RequestId: req-"), std::string::npos);
  }
  EXPECT_TRUE(sandbox->alive());
  sandbox->Stop();
  EXPECT_FALSE(sink_.messages().empty());
  EXPECT_EQ(sink_.messages().front().rfind("/aws/lambda/fn|s|START", 0), 0u);
}

TEST_F(SandboxTest, HandlerErrorComesBackAsUnhandled) {
  std::unique_ptr<Sandbox> sandbox = Start("app.fail");
  ASSERT_NE(sandbox, nullptr);
  SandboxOutcome outcome = sandbox->Invoke(SandboxInvocation{.request_id = "r", .payload = "{}"});
  EXPECT_EQ(outcome.function_error, "Unhandled");
  ASSERT_OK_AND_ASSIGN(Json payload, ParseJson(outcome.payload));
  EXPECT_EQ(payload["errorType"], "ValueError");
  EXPECT_EQ(payload["errorMessage"], "boom");
  EXPECT_TRUE(sandbox->alive());
  sandbox->Stop();
}

TEST_F(SandboxTest, TimeoutKillsTheProcess) {
  std::unique_ptr<Sandbox> sandbox = Start("app.slow");
  ASSERT_NE(sandbox, nullptr);
  SandboxOutcome outcome =
      sandbox->Invoke(SandboxInvocation{.request_id = "r", .payload = "{}", .timeout = 1s});
  EXPECT_EQ(outcome.function_error, "Unhandled");
  EXPECT_NE(outcome.payload.find("Task timed out after 1.00 seconds"), std::string::npos);
  EXPECT_NE(outcome.log.find("Task timed out after 1.00 seconds"), std::string::npos);
  EXPECT_FALSE(sandbox->alive());
  sandbox->Stop();
}

TEST_F(SandboxTest, CrashIsRuntimeExitError) {
  std::unique_ptr<Sandbox> sandbox = Start("app.crash");
  ASSERT_NE(sandbox, nullptr);
  SandboxOutcome outcome = sandbox->Invoke(SandboxInvocation{.request_id = "r", .payload = "{}"});
  EXPECT_EQ(outcome.function_error, "Unhandled");
  ASSERT_OK_AND_ASSIGN(Json payload, ParseJson(outcome.payload));
  EXPECT_EQ(payload["errorType"], "Runtime.ExitError");
  EXPECT_EQ(payload["errorMessage"],
            "RequestId: r Error: Runtime exited with error: exit status 3");
  EXPECT_FALSE(sandbox->alive());
  sandbox->Stop();
}

TEST_F(SandboxTest, MissingModuleIsImportModuleError) {
  std::unique_ptr<Sandbox> sandbox = Start("missing.handler");
  ASSERT_NE(sandbox, nullptr);
  SandboxOutcome outcome = sandbox->Invoke(SandboxInvocation{.request_id = "r", .payload = "{}"});
  EXPECT_EQ(outcome.function_error, "Unhandled");
  ASSERT_OK_AND_ASSIGN(Json payload, ParseJson(outcome.payload));
  EXPECT_EQ(payload["errorType"], "Runtime.ImportModuleError");
  EXPECT_EQ(payload["errorMessage"],
            "Unable to import module 'missing': No module named 'missing'");
  EXPECT_FALSE(sandbox->alive());
  sandbox->Stop();
}

}  // namespace
}  // namespace stratus::lambda
