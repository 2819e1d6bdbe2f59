#include "cloudformation/engine/stack_engine.h"

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/clock.h"
#include "base/random.h"
#include "cloudformation/engine/stack_store.h"
#include "cloudformation/providers/resource_provider.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::cloudformation {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Keeps "resources" in a map: physical id → properties. Properties steer it:
// Fail: true fails the create or update; a changed Name needs replacement;
// Gate: true waits (briefly) until another gated create is in flight.
class TestProvider final : public ResourceProvider {
 public:
  std::vector<std::string> types() const override {
    return {"Test::Thing", "Test::Named", "AWS::IAM::Role", "AWS::Lambda::Function"};
  }

  // Test::Named has generated names (Name: gives one instead).
  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& request) const override {
    if (request.type != "Test::Named" || request.properties.contains("Name")) {
      return std::nullopt;
    }
    return PhysicalNameRules{.max_length = 64};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    if (request.properties.value("Fail", false)) {
      return Status::InvalidArgument("Thing " + request.logical_id + " refused to be created");
    }
    if (request.properties.value("Gate", false)) {
      std::unique_lock lock(mu_);
      ++gated_;
      cv_.notify_all();
      cv_.wait_for(lock, std::chrono::seconds(5), [&] { return gated_ >= 2; });
      max_gated_ = std::max(max_gated_, gated_);
    }
    if (request.type == "Test::Named") {
      return CreateNamed(request);
    }
    std::lock_guard lock(mu_);
    std::string id =
        request.stack.stack_name + "-" + request.logical_id + "-" + std::to_string(++next_);
    things_[id] = request.properties;
    return ResourceOutcome{.physical_id = id, .attributes = {{"Arn", Json("arn:" + id)}}};
  }

  UpdateKind KindOfUpdate(const ResourceRequest& request) const override {
    return request.properties.value("Name", "") == request.previous_properties.value("Name", "")
               ? UpdateKind::kNoInterruption
               : UpdateKind::kReplacement;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    if (request.properties.value("Fail", false)) {
      return Status::InvalidArgument("Thing " + request.logical_id + " refused the update");
    }
    std::lock_guard lock(mu_);
    things_[request.physical_id] = request.properties;
    return ResourceOutcome{.physical_id = request.physical_id,
                           .attributes = {{"Arn", Json("arn:" + request.physical_id)}}};
  }

  Status Delete(const ResourceRequest& request) override {
    std::lock_guard lock(mu_);
    things_.erase(request.physical_id);
    return Status::Ok();
  }

  /// Adds a thing as if a provider call had made it.
  void Put(const std::string& physical_id, Json properties) {
    std::lock_guard lock(mu_);
    things_[physical_id] = std::move(properties);
  }

  std::map<std::string, Json> things() {
    std::lock_guard lock(mu_);
    return things_;
  }

  int max_gated() {
    std::lock_guard lock(mu_);
    return max_gated_;
  }

  /// Waits until a Create with Hold: true has made its thing and waits to return.
  void WaitUntilHeld() {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::seconds(10), [&] { return held_; });
  }

  /// Lets the held Create return.
  void Release() {
    std::lock_guard lock(mu_);
    released_ = true;
    cv_.notify_all();
  }

 private:
  // The thing is named by the template or by the engine; Hold: true makes
  // it, then waits for Release() before returning (a crash would hit there).
  Result<ResourceOutcome> CreateNamed(const ResourceRequest& request) {
    std::string name = request.properties.value("Name", request.generated_name);
    if (name.empty()) {
      return Status::InvalidArgument("no name for " + request.logical_id);
    }
    std::unique_lock lock(mu_);
    things_[name] = request.properties;
    if (request.properties.value("Hold", false)) {
      held_ = true;
      cv_.notify_all();
      cv_.wait_for(lock, std::chrono::seconds(10), [&] { return released_; });
    }
    return ResourceOutcome{.physical_id = name, .attributes = {{"Arn", Json("arn:" + name)}}};
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, Json> things_;  // Guarded by mu_.
  int next_ = 0;                        // Guarded by mu_.
  int gated_ = 0;                       // Guarded by mu_.
  int max_gated_ = 0;                   // Guarded by mu_.
  bool held_ = false;                   // Guarded by mu_.
  bool released_ = false;               // Guarded by mu_.
};

class StackEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    provider_ = std::make_shared<TestProvider>();
    registry_.Add(provider_);
    Open();
  }

  void Open() {
    Result<std::unique_ptr<StackEngine>> opened =
        StackEngine::Open(dir_.File("cloudformation.db"),
                          StackEngineOptions{.clock = &clock_, .ids = &ids_}, /*fsync=*/false);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    engine_ = *std::move(opened);
    engine_->Start(&registry_);
  }

  // Waits until the stack's operation settles; returns the stack.
  Stack Settle(const std::string& id) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      Result<Stack> stack = engine_->FindStack(id);
      if (stack.ok() && IsSettledStatus(stack->status)) {
        return *stack;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ADD_FAILURE() << "stack did not settle";
    return Stack{};
  }

  Stack Deploy(const std::string& name,
               const std::string& text,
               std::map<std::string, std::string> parameters = {}) {
    Result<std::string> id = engine_->CreateStack(
        StackRequest{.stack_name = name, .template_text = text, .parameters = parameters});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? Settle(*id) : Stack{};
  }

  static std::vector<std::string> Statuses(const Stack& stack, const std::string& logical_id) {
    std::vector<std::string> out;
    for (const StackEvent& event : stack.events) {
      if (event.logical_id == logical_id) {
        out.push_back(event.status);
      }
    }
    return out;
  }

  storage::TempDir dir_;
  SystemClock clock_;
  IdGenerator ids_{42};
  std::shared_ptr<TestProvider> provider_;
  ProviderRegistry registry_;
  std::unique_ptr<StackEngine> engine_;
};

constexpr const char* kTwoThings = R"(
Parameters:
  Label: {Type: String, Default: one}
Resources:
  First:
    Type: Test::Thing
    Properties: {Name: !Ref Label}
  Second:
    Type: Test::Thing
    Properties: {Peer: !Ref First, PeerArn: !GetAtt First.Arn, Stack: !Ref AWS::StackName}
Outputs:
  SecondArn:
    Value: !GetAtt Second.Arn
    Export: {Name: !Sub "${AWS::StackName}-second"}
)";

TEST_F(StackEngineTest, CreateResolvesReferencesBetweenResources) {
  Stack stack = Deploy("app", kTwoThings);
  ASSERT_EQ(stack.status, "CREATE_COMPLETE");
  EXPECT_THAT(stack.id, HasSubstr("arn:aws:cloudformation:us-east-1:000000000000:stack/app/"));
  const StackResource& second = stack.resources.at("Second");
  EXPECT_EQ(second.status, "CREATE_COMPLETE");
  EXPECT_EQ(second.properties["Peer"], stack.resources.at("First").physical_id);
  EXPECT_EQ(second.properties["PeerArn"], "arn:" + stack.resources.at("First").physical_id);
  EXPECT_EQ(second.properties["Stack"], "app");
  ASSERT_EQ(stack.outputs.size(), 1u);
  EXPECT_EQ(stack.outputs[0]["OutputValue"], "arn:" + second.physical_id);
  EXPECT_EQ(stack.outputs[0]["ExportName"], "app-second");
  EXPECT_EQ(
      Statuses(stack, "First"),
      (std::vector<std::string>{"CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_COMPLETE"}));
  EXPECT_EQ(Statuses(stack, "app"),
            (std::vector<std::string>{"CREATE_IN_PROGRESS", "CREATE_COMPLETE"}));
  EXPECT_EQ(provider_->things().size(), 2u);
  EXPECT_STATUS(StatusCode::kAlreadyExists, engine_->CreateStack(StackRequest{
                                                .stack_name = "app", .template_text = kTwoThings}));
}

TEST_F(StackEngineTest, IndependentResourcesAreCreatedInParallel) {
  Stack stack = Deploy("parallel", R"(
Resources:
  A: {Type: Test::Thing, Properties: {Gate: true}}
  B: {Type: Test::Thing, Properties: {Gate: true}}
)");
  EXPECT_EQ(stack.status, "CREATE_COMPLETE");
  EXPECT_EQ(provider_->max_gated(), 2);
}

TEST_F(StackEngineTest, AFailedCreateRollsBackWhatItMade) {
  Stack stack = Deploy("broken", R"(
Resources:
  Good: {Type: Test::Thing}
  Bad: {Type: Test::Thing, DependsOn: Good, Properties: {Fail: true}}
)");
  EXPECT_EQ(stack.status, "ROLLBACK_COMPLETE");
  EXPECT_EQ(stack.status_reason, "");
  EXPECT_THAT(provider_->things(), IsEmpty());
  bool found = false;
  for (const StackEvent& event : stack.events) {
    if (event.logical_id == "Bad" && event.status == "CREATE_FAILED") {
      EXPECT_EQ(event.status_reason, "Thing Bad refused to be created");
      found = true;
    }
    if (event.logical_id == "broken" && event.status == "ROLLBACK_IN_PROGRESS") {
      EXPECT_EQ(event.status_reason,
                "The following resource(s) failed to create: [Bad]. Rollback requested by user.");
    }
  }
  EXPECT_TRUE(found);
  EXPECT_THAT(Statuses(stack, "Good"), Contains("DELETE_COMPLETE"));
}

TEST_F(StackEngineTest, UnsupportedTypesFailTheDeployClearly) {
  Stack stack = Deploy("unsupported", R"(
Resources:
  Odd: {Type: AWS::Made::Up}
)");
  EXPECT_EQ(stack.status, "ROLLBACK_COMPLETE");
  bool found = false;
  for (const StackEvent& event : stack.events) {
    found = found || (event.status == "CREATE_FAILED" &&
                      event.status_reason == "Unsupported resource type: AWS::Made::Up");
  }
  EXPECT_TRUE(found);
}

TEST_F(StackEngineTest, DoNothingOnFailureKeepsTheResources) {
  Result<std::string> id = engine_->CreateStack(StackRequest{
      .stack_name = "kept",
      .template_text = "Resources:\n  A: {Type: Test::Thing}\n  B: {Type: Test::Thing, "
                       "DependsOn: A, Properties: {Fail: true}}\n",
      .on_failure = "DO_NOTHING"});
  ASSERT_OK(id.status());
  Stack stack = Settle(*id);
  EXPECT_EQ(stack.status, "CREATE_FAILED");
  EXPECT_EQ(provider_->things().size(), 1u);
}

TEST_F(StackEngineTest, UpdateModifiesReplacesAndRemoves) {
  Stack created = Deploy("app", kTwoThings + std::string("  Extra: {Value: x}\n") + R"(
)");
  ASSERT_EQ(created.status, "CREATE_COMPLETE");
  const std::string first_before = created.resources.at("First").physical_id;
  const std::string second_before = created.resources.at("Second").physical_id;
  Result<std::string> updated = engine_->UpdateStack(StackRequest{
      .stack_name = "app", .template_text = kTwoThings, .parameters = {{"Label", "two"}}});
  ASSERT_OK(updated.status());
  Stack stack = Settle(*updated);
  EXPECT_EQ(stack.status, "UPDATE_COMPLETE");
  // Name changed: First is replaced, and Second (which refers to it) updated in place.
  EXPECT_NE(stack.resources.at("First").physical_id, first_before);
  EXPECT_EQ(stack.resources.at("Second").physical_id, second_before);
  EXPECT_EQ(stack.resources.at("Second").properties["Peer"],
            stack.resources.at("First").physical_id);
  auto things = provider_->things();
  EXPECT_EQ(things.size(), 2u);
  EXPECT_EQ(things.count(first_before), 0u);  // The old copy went in the cleanup.
  EXPECT_THAT(Statuses(stack, "app"), Contains("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"));
  EXPECT_EQ(
      engine_
          ->UpdateStack(StackRequest{
              .stack_name = "app", .template_text = kTwoThings, .parameters = {{"Label", "two"}}})
          .status()
          .message(),
      "No updates are to be performed.");

  // Removing a resource deletes it.
  Result<std::string> shrunk =
      engine_->UpdateStack(StackRequest{.stack_name = "app",
                                        .template_text = "Resources:\n  First: {Type: Test::Thing, "
                                                         "Properties: {Name: two}}\n"});
  ASSERT_OK(shrunk.status());
  stack = Settle(*shrunk);
  EXPECT_EQ(stack.status, "UPDATE_COMPLETE");
  EXPECT_EQ(stack.resources.size(), 1u);
  EXPECT_EQ(provider_->things().size(), 1u);
}

TEST_F(StackEngineTest, AFailedUpdateRestoresTheOldProperties) {
  Stack created = Deploy("app", "Resources:\n  A: {Type: Test::Thing, Properties: {V: 1}}\n");
  ASSERT_EQ(created.status, "CREATE_COMPLETE");
  Result<std::string> updated = engine_->UpdateStack(StackRequest{
      .stack_name = "app",
      .template_text = "Resources:\n  A: {Type: Test::Thing, Properties: {V: 2}}\n"
                       "  B: {Type: Test::Thing}\n"
                       "  C: {Type: Test::Thing, DependsOn: [A, B], Properties: {Fail: true}}\n"});
  ASSERT_OK(updated.status());
  Stack stack = Settle(*updated);
  EXPECT_EQ(stack.status, "UPDATE_ROLLBACK_COMPLETE");
  EXPECT_EQ(stack.resources.size(), 1u);
  EXPECT_EQ(stack.resources.at("A").properties["V"], 1);
  auto things = provider_->things();
  ASSERT_EQ(things.size(), 1u);
  EXPECT_EQ(things.begin()->second["V"], 1);
  EXPECT_THAT(stack.template_text, HasSubstr("V: 1"));
}

TEST_F(StackEngineTest, ChangeSetsShowChangesAndDetectNone) {
  ASSERT_OK_AND_ASSIGN(auto created,
                       engine_->CreateChangeSet(StackRequest{.stack_name = "cs",
                                                             .template_text = kTwoThings,
                                                             .change_set_name = "first",
                                                             .change_set_type = "CREATE"}));
  ASSERT_OK_AND_ASSIGN(Stack review, engine_->FindStack("cs"));
  EXPECT_EQ(review.status, "REVIEW_IN_PROGRESS");
  ASSERT_OK_AND_ASSIGN(auto described, engine_->FindChangeSet("first", "cs"));
  EXPECT_EQ(described.second.changes.size(), 2u);
  EXPECT_EQ(described.second.changes[0]["ResourceChange"]["Action"], "Add");
  ASSERT_OK(engine_->ExecuteChangeSet(created.first, ""));
  EXPECT_EQ(Settle(created.second).status, "CREATE_COMPLETE");

  ASSERT_OK_AND_ASSIGN(
      auto same, engine_->CreateChangeSet(StackRequest{
                     .stack_name = "cs", .template_text = kTwoThings, .change_set_name = "same"}));
  ASSERT_OK_AND_ASSIGN(auto none, engine_->FindChangeSet(same.first, ""));
  EXPECT_EQ(none.second.status, "FAILED");
  EXPECT_EQ(none.second.status_reason,
            "The submitted information didn't contain changes. Submit different information to "
            "create a change set.");
  EXPECT_STATUS(StatusCode::kFailedPrecondition, engine_->ExecuteChangeSet(same.first, ""));

  ASSERT_OK_AND_ASSIGN(auto renamed,
                       engine_->CreateChangeSet(StackRequest{.stack_name = "cs",
                                                             .template_text = kTwoThings,
                                                             .parameters = {{"Label", "new"}},
                                                             .change_set_name = "renamed"}));
  ASSERT_OK_AND_ASSIGN(auto modify, engine_->FindChangeSet("renamed", "cs"));
  ASSERT_EQ(modify.second.changes.size(), 1u);
  const Json& change = modify.second.changes[0]["ResourceChange"];
  EXPECT_EQ(change["Action"], "Modify");
  EXPECT_EQ(change["LogicalResourceId"], "First");
  EXPECT_EQ(change["Replacement"], "True");
  EXPECT_EQ(change["Details"][0]["Target"]["Name"], "Name");
}

TEST_F(StackEngineTest, LambdaEnvironmentVariablesAreStrings) {
  const std::string text = R"(
Resources:
  F:
    Type: AWS::Lambda::Function
    Properties: {Environment: {Variables: {DEBUG: true, SIZE: 25, NAME: x}}}
)";
  Stack stack = Deploy("fn", text);
  ASSERT_EQ(stack.status, "CREATE_COMPLETE");
  EXPECT_EQ(stack.resources.at("F").properties["Environment"]["Variables"],
            Json::parse(R"({"DEBUG":"true","SIZE":"25","NAME":"x"})"));
  // The same template again is no change.
  ASSERT_OK_AND_ASSIGN(auto same,
                       engine_->CreateChangeSet(StackRequest{
                           .stack_name = "fn", .template_text = text, .change_set_name = "again"}));
  ASSERT_OK_AND_ASSIGN(auto described, engine_->FindChangeSet(same.first, ""));
  EXPECT_EQ(described.second.status, "FAILED");
  EXPECT_THAT(described.second.changes, IsEmpty());
}

TEST_F(StackEngineTest, IamResourcesNeedCapabilities) {
  const std::string text = "Resources:\n  R: {Type: AWS::IAM::Role}\n";
  Result<std::string> refused =
      engine_->CreateStack(StackRequest{.stack_name = "iam", .template_text = text});
  EXPECT_EQ(refused.status().aws_type(), "InsufficientCapabilitiesException");
  EXPECT_EQ(refused.status().message(), "Requires capabilities : [CAPABILITY_IAM]");
  Result<std::string> named = engine_->CreateStack(StackRequest{
      .stack_name = "iam",
      .template_text = "Resources:\n  R: {Type: AWS::IAM::Role, Properties: {RoleName: x}}\n",
      .capabilities = {"CAPABILITY_IAM"}});
  EXPECT_EQ(named.status().message(), "Requires capabilities : [CAPABILITY_NAMED_IAM]");
  EXPECT_OK(engine_
                ->CreateStack(StackRequest{
                    .stack_name = "iam", .template_text = text, .capabilities = {"CAPABILITY_IAM"}})
                .status());
}

TEST_F(StackEngineTest, ImportedExportsCannotBeDeleted) {
  ASSERT_EQ(Deploy("producer", kTwoThings).status, "CREATE_COMPLETE");
  Stack consumer = Deploy("consumer", R"(
Resources:
  C: {Type: Test::Thing, Properties: {Arn: !ImportValue producer-second}}
)");
  ASSERT_EQ(consumer.status, "CREATE_COMPLETE");
  EXPECT_THAT(engine_->ListImports("producer-second"), Contains("consumer"));
  ASSERT_OK_AND_ASSIGN(Stack producer, engine_->FindStack("producer"));
  EXPECT_EQ(consumer.resources.at("C").properties["Arn"], producer.outputs[0]["OutputValue"]);
  ASSERT_OK(engine_->DeleteStack("producer"));
  Stack failed = Settle(producer.id);
  EXPECT_EQ(failed.status, "DELETE_FAILED");
  EXPECT_EQ(failed.status_reason,
            "Export producer-second cannot be deleted as it is in use by consumer");
  ASSERT_OK(engine_->DeleteStack("consumer"));
  EXPECT_EQ(Settle(consumer.id).status, "DELETE_COMPLETE");
  ASSERT_OK(engine_->DeleteStack("producer"));
  EXPECT_EQ(Settle(producer.id).status, "DELETE_COMPLETE");
  EXPECT_THAT(provider_->things(), IsEmpty());
  EXPECT_STATUS(StatusCode::kNotFound, engine_->FindStack("producer"));
  EXPECT_OK(engine_->FindStack(producer.id).status());
}

TEST_F(StackEngineTest, RetainedResourcesOutliveTheStack) {
  Stack stack = Deploy("keep", "Resources:\n  A: {Type: Test::Thing, DeletionPolicy: Retain}\n");
  ASSERT_OK(engine_->DeleteStack("keep"));
  EXPECT_EQ(Settle(stack.id).status, "DELETE_COMPLETE");
  EXPECT_EQ(provider_->things().size(), 1u);
}

TEST_F(StackEngineTest, StacksSurviveAReopen) {
  Stack stack = Deploy("durable", kTwoThings);
  engine_->Stop();
  engine_.reset();
  Open();
  ASSERT_OK_AND_ASSIGN(Stack reopened, engine_->FindStack("durable"));
  EXPECT_EQ(reopened.status, "CREATE_COMPLETE");
  EXPECT_EQ(reopened.resources.size(), 2u);
  EXPECT_EQ(reopened.events.size(), stack.events.size());
  EXPECT_EQ(reopened.outputs, stack.outputs);
}

// Writes `stack` to the database as a crash would have left it.
void WriteAsCrashed(const std::string& path, const Stack& stack) {
  Result<std::unique_ptr<StackStore>> store = StackStore::Open(path, /*fsync=*/false);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  std::promise<Status> saved;
  (*store)->Save(stack.id, stack.name, StackToJson(stack),
                 [&](Status status) { saved.set_value(status); });
  ASSERT_OK(saved.get_future().get());
  (*store)->Stop();
}

TEST_F(StackEngineTest, AnInterruptedCreateRollsBackAfterARestart) {
  Stack stack = Deploy("crashed", kTwoThings);
  ASSERT_EQ(stack.status, "CREATE_COMPLETE");
  engine_->Stop();
  engine_.reset();
  // As if killed while Second was being created: First made, Second's intent written.
  stack.status = "CREATE_IN_PROGRESS";
  stack.operation = "CREATE";
  stack.outputs = Json::array();
  ASSERT_OK(
      provider_->Delete(ResourceRequest{.physical_id = stack.resources.at("Second").physical_id}));
  stack.resources.at("Second").physical_id.clear();
  stack.resources.at("Second").status = "CREATE_IN_PROGRESS";
  WriteAsCrashed(dir_.File("cloudformation.db"), stack);
  Open();
  Stack resumed = Settle(stack.id);
  EXPECT_EQ(resumed.status, "ROLLBACK_COMPLETE");
  EXPECT_THAT(resumed.resources, IsEmpty());
  EXPECT_THAT(provider_->things(), IsEmpty());
}

TEST_F(StackEngineTest, AnInterruptedUpdateRollsBackToThePreviousResources) {
  Stack stack = Deploy("crashed", "Resources:\n  A: {Type: Test::Thing, Properties: {V: 1}}\n");
  ASSERT_EQ(stack.status, "CREATE_COMPLETE");
  engine_->Stop();
  engine_.reset();
  // As if killed mid-update: A updated in place to V: 2, B created.
  Json resources = Json::object();
  for (const auto& [id, resource] : stack.resources) {
    resources[id] = ResourceToJson(resource);
  }
  stack.previous = Json{{"template", stack.template_text},
                        {"parameters", stack.parameters},
                        {"outputs", stack.outputs},
                        {"resources", resources}};
  stack.template_text =
      "Resources:\n  A: {Type: Test::Thing, Properties: {V: 2}}\n"
      "  B: {Type: Test::Thing}\n";
  stack.status = "UPDATE_IN_PROGRESS";
  stack.operation = "UPDATE";
  const std::string a = stack.resources.at("A").physical_id;
  provider_->Put(a, Json{{"V", 2}});
  stack.resources.at("A").properties = Json{{"V", 2}};
  provider_->Put("crashed-B-9", Json::object());
  stack.resources["B"] = StackResource{.logical_id = "B",
                                       .type = "Test::Thing",
                                       .physical_id = "crashed-B-9",
                                       .status = "CREATE_COMPLETE"};
  WriteAsCrashed(dir_.File("cloudformation.db"), stack);
  Open();
  Stack resumed = Settle(stack.id);
  EXPECT_EQ(resumed.status, "UPDATE_ROLLBACK_COMPLETE");
  EXPECT_EQ(resumed.resources.size(), 1u);
  EXPECT_EQ(resumed.resources.at("A").properties["V"], 1);
  auto things = provider_->things();
  ASSERT_EQ(things.size(), 1u);
  EXPECT_EQ(things.at(a)["V"], 1);
  EXPECT_THAT(resumed.template_text, HasSubstr("V: 1"));
}

// Returns the stack `name` as cloudformation.db holds it now.
Stack ReadFromDisk(const std::string& path, const std::string& name) {
  Result<std::unique_ptr<StackStore>> store = StackStore::Open(path, /*fsync=*/false);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) {
    return Stack{};
  }
  Result<std::vector<Json>> documents = (*store)->LoadAll();
  (*store)->Stop();
  EXPECT_TRUE(documents.ok()) << documents.status().ToString();
  for (const Json& document : documents.ok() ? *documents : std::vector<Json>{}) {
    if (document.value("name", "") == name) {
      return StackFromJson(document);
    }
  }
  ADD_FAILURE() << "no stack " << name << " on disk";
  return Stack{};
}

constexpr const char* kHeldThing = R"(
Resources:
  First: {Type: Test::Named, Properties: {Name: fixed}}
  Held:
    Type: Test::Named
    DependsOn: First
    Properties: {Hold: true}
)";

TEST_F(StackEngineTest, TheGeneratedNameIsOnDiskBeforeTheProviderCreates) {
  Result<std::string> id =
      engine_->CreateStack(StackRequest{.stack_name = "named", .template_text = kHeldThing});
  ASSERT_OK(id.status());
  provider_->WaitUntilHeld();
  const Stack on_disk = ReadFromDisk(dir_.File("cloudformation.db"), "named");
  provider_->Release();
  Stack done = Settle(*id);
  EXPECT_EQ(done.status, "CREATE_COMPLETE");
  const std::string made = done.resources.at("Held").physical_id;
  EXPECT_THAT(made, ::testing::MatchesRegex("named-Held-[A-Z0-9]{13}"));
  EXPECT_TRUE(done.resources.at("Held").pending.is_null());

  // What a kill -9 inside the provider's Create would have left on disk.
  ASSERT_EQ(on_disk.status, "CREATE_IN_PROGRESS");
  const StackResource& held = on_disk.resources.at("Held");
  EXPECT_EQ(held.status, "CREATE_IN_PROGRESS");
  EXPECT_EQ(held.physical_id, "");
  ASSERT_TRUE(held.pending.is_object());
  EXPECT_EQ(held.pending.value("generated_name", ""), made);
  EXPECT_EQ(held.pending["properties"], Json({{"Hold", true}}));
  EXPECT_TRUE(on_disk.resources.at("First").pending.is_null());
}

TEST_F(StackEngineTest, RecoveryDeletesWhatAnInterruptedCreateMadeByItsName) {
  Result<std::string> id =
      engine_->CreateStack(StackRequest{.stack_name = "killed", .template_text = kHeldThing});
  ASSERT_OK(id.status());
  provider_->WaitUntilHeld();
  Stack on_disk = ReadFromDisk(dir_.File("cloudformation.db"), "killed");
  provider_->Release();
  ASSERT_EQ(Settle(*id).status, "CREATE_COMPLETE");
  engine_->Stop();
  engine_.reset();
  // The server "died" inside Held's Create: its thing exists, unrecorded.
  ASSERT_EQ(provider_->things().size(), 2u);
  WriteAsCrashed(dir_.File("cloudformation.db"), on_disk);
  Open();
  Stack resumed = Settle(*id);
  EXPECT_EQ(resumed.status, "ROLLBACK_COMPLETE");
  EXPECT_THAT(resumed.resources, IsEmpty());
  EXPECT_THAT(provider_->things(), IsEmpty());  // Nothing orphaned.
}

TEST_F(StackEngineTest, RecoveryOfAnInterruptedReplacementDeletesTheNewCopy) {
  Stack stack = Deploy("swap", "Resources:\n  A: {Type: Test::Thing, Properties: {Name: old}}\n");
  ASSERT_EQ(stack.status, "CREATE_COMPLETE");
  const std::string old_id = stack.resources.at("A").physical_id;
  engine_->Stop();
  engine_.reset();
  // As if killed while A's replacement (a Test::Named) was being created:
  // the replacement exists under the name written on A.
  Json resources = Json::object();
  for (const auto& [logical_id, resource] : stack.resources) {
    resources[logical_id] = ResourceToJson(resource);
  }
  stack.previous = Json{{"template", stack.template_text},
                        {"parameters", stack.parameters},
                        {"outputs", stack.outputs},
                        {"resources", resources}};
  stack.template_text = "Resources:\n  A: {Type: Test::Named, Properties: {V: 2}}\n";
  stack.status = "UPDATE_IN_PROGRESS";
  stack.operation = "UPDATE";
  provider_->Put("swap-A-NEWCOPY123456", Json{{"V", 2}});
  stack.resources.at("A").pending = Json{{"type", "Test::Named"},
                                         {"generated_name", "swap-A-NEWCOPY123456"},
                                         {"properties", {{"V", 2}}}};
  WriteAsCrashed(dir_.File("cloudformation.db"), stack);
  Open();
  Stack resumed = Settle(stack.id);
  EXPECT_EQ(resumed.status, "UPDATE_ROLLBACK_COMPLETE");
  EXPECT_EQ(resumed.resources.at("A").physical_id, old_id);
  auto things = provider_->things();
  EXPECT_EQ(things.size(), 1u);
  EXPECT_TRUE(things.contains(old_id));
}

}  // namespace
}  // namespace stratus::cloudformation
