#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "cloudformation/engine/stack.h"

namespace stratus {
class Clock;
class IdGenerator;
class WorkerPool;
}  // namespace stratus

namespace stratus::cloudformation {

class ProviderRegistry;
class StackStore;
struct Template;

/// What CreateStack, UpdateStack and CreateChangeSet ask for.
struct StackRequest {
  std::string stack_name = {};  // A name, or for updates a stack id.
  std::string template_text = {};
  bool use_previous_template = false;
  std::map<std::string, std::string> parameters = {};
  std::set<std::string> use_previous_parameters = {};
  std::vector<std::string> capabilities = {};
  Json tags = Json::array();
  std::string on_failure = "ROLLBACK";  // ROLLBACK, DELETE, DO_NOTHING.
  bool termination_protection = false;
  // Change sets only.
  std::string change_set_name = {};
  std::string change_set_type = "UPDATE";  // CREATE, UPDATE.
  std::string description = {};
  // The caller's identity, for the stack id and the providers.
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
  std::string host = "localhost:4566";
};

/// One exported output.
struct StackExport {
  std::string stack_id = {};
  std::string name = {};
  std::string value = {};
};

struct StackEngineOptions {
  const Clock* clock = nullptr;
  IdGenerator* ids = nullptr;
  /// Stack operations running at once; each runs its resources on the
  /// resource workers, several at a time when they do not depend on each other.
  size_t num_operation_workers = 2;
  size_t num_resource_workers = 8;
};

/// The stack engine: stacks, change sets and the deployments that create,
/// update and delete their resources through the ProviderRegistry.
///
/// Model: a request (CreateStack, UpdateStack, ExecuteChangeSet,
/// DeleteStack) is validated at once — template, parameters, capabilities —
/// and its new stack state committed before it returns; the deployment then
/// runs on the engine's workers, committing each resource's intent before
/// the provider call and its outcome after, with an event for each step.
/// A failed create rolls back (deletes what it made); a failed update
/// converges the resources back to the stack's previous state. After a
/// restart, Start() finishes or rolls back whatever was in progress.
///
/// Thread safety: every public method is safe from any thread. Stop() waits
/// for the workers; a deployment cut short by Stop() resumes on the next Start().
class StackEngine {
 public:
  ~StackEngine();

  /// Opens `<path>` and loads the stacks. Nothing runs until Start().
  static Result<std::unique_ptr<StackEngine>> Open(const std::string& path,
                                                   StackEngineOptions options,
                                                   bool fsync = true);

  /// Starts the workers with `providers` (which outlives the engine) and
  /// resumes interrupted deployments.
  void Start(const ProviderRegistry* providers);
  void Stop();

  /// Sets how a TemplateURL is read. REQUIRES: before Start().
  void SetTemplateFetcher(std::function<Result<std::string>(const std::string& url)> fetcher) {
    template_fetcher_ = std::move(fetcher);
  }

  /// Returns the template a TemplateURL names.
  Result<std::string> FetchTemplate(const std::string& url) const;

  /// Calls `callback` once the stack's operation has settled (status not
  /// *_IN_PROGRESS, committed), or after `max_wait`, whichever comes first;
  /// at once when it is settled already. From any thread.
  void WhenSettled(const std::string& stack_id,
                   std::chrono::milliseconds max_wait,
                   std::function<void()> callback);

  Result<std::string> CreateStack(const StackRequest& request);
  Result<std::string> UpdateStack(const StackRequest& request);
  Status DeleteStack(const std::string& name_or_id);
  Status SetTerminationProtection(const std::string& name_or_id, bool enabled);
  Status CancelUpdate(const std::string& name_or_id);

  /// Returns {change set id, stack id}.
  Result<std::pair<std::string, std::string>> CreateChangeSet(const StackRequest& request);
  /// Returns the stack (a copy) and the change set named by name or ARN.
  Result<std::pair<Stack, ChangeSet>> FindChangeSet(const std::string& change_set,
                                                    const std::string& stack_name);
  Status ExecuteChangeSet(const std::string& change_set, const std::string& stack_name);
  Status DeleteChangeSet(const std::string& change_set, const std::string& stack_name);

  /// Returns a copy of the live stack named `name_or_id` (a deleted one only by id).
  Result<Stack> FindStack(const std::string& name_or_id) const;
  /// Returns copies of every stack, deleted ones too, newest first.
  std::vector<Stack> ListStacks() const;
  std::vector<StackExport> ListExports() const;
  /// Returns the names of the live stacks importing `export_name`.
  std::vector<std::string> ListImports(const std::string& export_name) const;

  // The deployments' access to the engine.

  /// Applies `change` to the stack and commits it; returns once durable.
  Status Mutate(const std::string& stack_id, const std::function<void(Stack&)>& change);
  /// Returns a copy of the stack by id.
  std::optional<Stack> Snapshot(const std::string& stack_id) const;
  /// Returns the value of another live stack's export, or an error naming it.
  Result<Json> ImportValue(const std::string& export_name) const;
  /// Returns the live stacks (names) other than `stack_id` importing `export_name`.
  std::vector<std::string> ImportersOf(const std::string& export_name,
                                       const std::string& stack_id) const;
  /// Returns the stack exporting `export_name` other than `stack_id`, or empty.
  std::string ExporterOf(const std::string& export_name, const std::string& stack_id) const;

  const ProviderRegistry& providers() const { return *providers_; }

  const Clock& clock() const { return *options_.clock; }

  IdGenerator& ids() const { return *options_.ids; }

  WorkerPool& resource_workers() { return *resource_workers_; }

  bool stopping() const { return stopping_.load(); }

  /// Appends an event to the stack (inside a Mutate change).
  void AddEvent(Stack& stack, StackEvent event) const;

 private:
  StackEngine(std::unique_ptr<StackStore> store, StackEngineOptions options);

  Stack* FindLocked(const std::string& name_or_id);
  const Stack* FindLocked(const std::string& name_or_id) const;
  Result<Template> CheckRequest(const StackRequest& request,
                                const std::string& template_text,
                                const Stack* existing,
                                std::map<std::string, std::string>* parameters) const;
  Status SaveAndWait(const Stack& stack);
  void Launch(const std::string& stack_id, std::string operation);

  std::unique_ptr<StackStore> store_;
  StackEngineOptions options_;
  const ProviderRegistry* providers_ = nullptr;
  std::function<Result<std::string>(const std::string& url)> template_fetcher_ = nullptr;
  std::unique_ptr<WorkerPool> operation_workers_;
  std::unique_ptr<WorkerPool> resource_workers_;
  std::atomic<bool> stopping_ = false;
  bool started_ = false;

  struct Watcher {
    std::chrono::steady_clock::time_point deadline = {};
    std::function<void()> callback = nullptr;
  };

  void WatchTimeouts();

  mutable std::mutex mu_;
  std::condition_variable watchers_changed_;
  std::map<std::string, Stack> stacks_;           // By stack id. Guarded by mu_.
  std::vector<std::string> pending_;              // Stacks to resume on Start(). Guarded by mu_.
  std::multimap<std::string, Watcher> watchers_;  // By stack id. Guarded by mu_.
  bool watching_ = false;                         // Guarded by mu_.
  std::thread watcher_thread_;
};

}  // namespace stratus::cloudformation
