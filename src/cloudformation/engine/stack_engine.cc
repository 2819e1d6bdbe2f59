#include "cloudformation/engine/stack_engine.h"

#include <algorithm>
#include <future>
#include <regex>
#include <utility>

#include "base/clock.h"
#include "base/format.h"
#include "base/random.h"
#include "base/worker_pool.h"
#include "cloudformation/engine/change_set_diff.h"
#include "cloudformation/engine/deployment.h"
#include "cloudformation/engine/property_normalization.h"
#include "cloudformation/engine/stack_store.h"
#include "cloudformation/errors.h"
#include "cloudformation/log.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/template/capabilities.h"
#include "cloudformation/template/evaluator.h"
#include "cloudformation/template/parameters.h"
#include "cloudformation/template/template.h"

namespace stratus::cloudformation {
namespace {

// Events kept per stack; older ones are dropped.
constexpr size_t kMaxEvents = 2000;

bool ValidStackName(const std::string& name) {
  static const std::regex kPattern("[a-zA-Z][-a-zA-Z0-9]*");
  return name.size() <= 128 && std::regex_match(name, kPattern);
}

bool Has(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string NewStackId(const StackRequest& request, IdGenerator& ids) {
  return Format("arn:aws:cloudformation:{}:{}:stack/{}/{}", request.region, request.account_id,
                request.stack_name, ids.Uuid());
}

bool IsLive(const Stack& stack) {
  return stack.status != "DELETE_COMPLETE";
}

}  // namespace

StackEngine::StackEngine(std::unique_ptr<StackStore> store, StackEngineOptions options)
    : store_(std::move(store)),
      options_(options),
      operation_workers_(std::make_unique<WorkerPool>(options.num_operation_workers)),
      resource_workers_(std::make_unique<WorkerPool>(options.num_resource_workers)) {}

StackEngine::~StackEngine() {
  Stop();
}

Result<std::unique_ptr<StackEngine>> StackEngine::Open(const std::string& path,
                                                       StackEngineOptions options,
                                                       bool fsync) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<StackStore> store, StackStore::Open(path, fsync));
  STRATUS_ASSIGN_OR_RETURN(std::vector<Json> documents, store->LoadAll());
  auto engine = std::unique_ptr<StackEngine>(
      new StackEngine(std::move(store), options));  // STRATUS_LINT_ALLOW(private constructor)
  for (const Json& document : documents) {
    Stack stack = StackFromJson(document);
    if (!IsSettledStatus(stack.status) && stack.status != "REVIEW_IN_PROGRESS") {
      engine->pending_.push_back(stack.id);
    }
    engine->stacks_[stack.id] = std::move(stack);
  }
  return engine;
}

void StackEngine::Start(const ProviderRegistry* providers) {
  providers_ = providers;
  operation_workers_->Start();
  resource_workers_->Start();
  {
    std::lock_guard lock(mu_);
    watching_ = true;
  }
  watcher_thread_ = std::thread([this] { WatchTimeouts(); });
  started_ = true;
  std::vector<std::string> pending;
  {
    std::lock_guard lock(mu_);
    pending.swap(pending_);
  }
  for (const std::string& id : pending) {
    Launch(id, "RESUME");
  }
}

void StackEngine::Stop() {
  stopping_ = true;
  if (started_) {
    // Operations first: they wait for their resource jobs.
    operation_workers_->Stop();
    resource_workers_->Stop();
    {
      std::lock_guard lock(mu_);
      watching_ = false;
    }
    watchers_changed_.notify_all();
    watcher_thread_.join();
    started_ = false;
  }
  store_->Stop();
}

Result<std::string> StackEngine::FetchTemplate(const std::string& url) const {
  if (!template_fetcher_) {
    return CfnError::Validation("TemplateURL must be a supported URL.");
  }
  return template_fetcher_(url);
}

void StackEngine::WhenSettled(const std::string& stack_id,
                              std::chrono::milliseconds max_wait,
                              std::function<void()> callback) {
  {
    std::lock_guard lock(mu_);
    auto it = stacks_.find(stack_id);
    if (watching_ && it != stacks_.end() && !IsSettledStatus(it->second.status)) {
      watchers_.emplace(stack_id, Watcher{.deadline = std::chrono::steady_clock::now() + max_wait,
                                          .callback = std::move(callback)});
      watchers_changed_.notify_all();
      return;
    }
  }
  callback();
}

void StackEngine::WatchTimeouts() {
  std::unique_lock lock(mu_);
  while (true) {
    std::vector<std::function<void()>> due;
    const auto now = std::chrono::steady_clock::now();
    auto next = now + std::chrono::hours(1);
    for (auto it = watchers_.begin(); it != watchers_.end();) {
      if (!watching_ || it->second.deadline <= now) {
        due.push_back(std::move(it->second.callback));
        it = watchers_.erase(it);
      } else {
        next = std::min(next, it->second.deadline);
        ++it;
      }
    }
    if (!due.empty()) {
      lock.unlock();
      for (auto& callback : due) {
        callback();
      }
      lock.lock();
      continue;
    }
    if (!watching_) {
      return;
    }
    watchers_changed_.wait_until(lock, next);
  }
}

void StackEngine::Launch(const std::string& stack_id, std::string operation) {
  operation_workers_->Post([this, stack_id, operation = std::move(operation)] {
    RunDeployment(*this, stack_id, operation);
  });
}

void StackEngine::AddEvent(Stack& stack, StackEvent event) const {
  event.event_id = event.logical_id == stack.name && event.type == "AWS::CloudFormation::Stack"
                       ? options_.ids->Uuid()
                       : Format("{}-{}-{}", event.logical_id, event.status, options_.ids->Uuid());
  event.timestamp_millis = options_.clock->NowMillis();
  stack.events.push_back(std::move(event));
  if (stack.events.size() > kMaxEvents) {
    stack.events.erase(stack.events.begin(),
                       stack.events.begin() + static_cast<long>(stack.events.size() - kMaxEvents));
  }
}

Status StackEngine::Mutate(const std::string& stack_id, const std::function<void(Stack&)>& change) {
  std::promise<Status> saved;
  std::vector<std::function<void()>> settled;
  {
    std::lock_guard lock(mu_);
    auto it = stacks_.find(stack_id);
    if (it == stacks_.end()) {
      return CfnError::StackNotFound(stack_id);
    }
    change(it->second);
    store_->Save(it->second.id, it->second.name, StackToJson(it->second),
                 [&saved](Status status) { saved.set_value(std::move(status)); });
    if (IsSettledStatus(it->second.status)) {
      auto [first, last] = watchers_.equal_range(stack_id);
      for (auto watcher = first; watcher != last; ++watcher) {
        settled.push_back(std::move(watcher->second.callback));
      }
      watchers_.erase(first, last);
    }
  }
  Status status = saved.get_future().get();
  for (auto& callback : settled) {
    callback();
  }
  return status;
}

Status StackEngine::SaveAndWait(const Stack& stack) {
  return Mutate(stack.id, [&](Stack& stored) { stored = stack; });
}

std::optional<Stack> StackEngine::Snapshot(const std::string& stack_id) const {
  std::lock_guard lock(mu_);
  auto it = stacks_.find(stack_id);
  return it == stacks_.end() ? std::nullopt : std::optional<Stack>(it->second);
}

Stack* StackEngine::FindLocked(const std::string& name_or_id) {
  return const_cast<Stack*>(std::as_const(*this).FindLocked(name_or_id));
}

const Stack* StackEngine::FindLocked(const std::string& name_or_id) const {
  if (name_or_id.rfind("arn:", 0) == 0) {
    auto it = stacks_.find(name_or_id);
    return it == stacks_.end() ? nullptr : &it->second;
  }
  for (const auto& [id, stack] : stacks_) {
    if (stack.name == name_or_id && IsLive(stack)) {
      return &stack;
    }
  }
  return nullptr;
}

Result<Template> StackEngine::CheckRequest(const StackRequest& request,
                                           const std::string& template_text,
                                           const Stack* existing,
                                           std::map<std::string, std::string>* parameters) const {
  Result<Template> parsed = LoadTemplateText(template_text);
  if (!parsed.ok()) {
    return CfnError::Validation(std::string(parsed.status().message()));
  }
  std::map<std::string, std::string> previous =
      existing != nullptr ? existing->parameters : std::map<std::string, std::string>{};
  Result<std::map<std::string, Json>> values =
      ResolveParameters(*parsed, request.parameters, previous, request.use_previous_parameters);
  if (!values.ok()) {
    return CfnError::Validation(std::string(values.status().message()));
  }
  EvaluationContext context;
  context.parameters = *values;
  context.pseudo = PseudoParameters(request.region, request.account_id, request.stack_name, "");
  context.mappings = &parsed->mappings;
  if (Status conditions = EvaluateConditions(*parsed, context); !conditions.ok()) {
    return CfnError::Validation(std::string(conditions.message()));
  }
  if (Status rules = CheckRules(*parsed, context); !rules.ok()) {
    return CfnError::Validation(std::string(rules.message()));
  }
  std::string capability = RequiredCapability(*parsed);
  if (capability == "CAPABILITY_IAM" && !Has(request.capabilities, "CAPABILITY_IAM") &&
      !Has(request.capabilities, "CAPABILITY_NAMED_IAM")) {
    return CfnError::InsufficientCapabilities(capability);
  }
  if (capability == "CAPABILITY_NAMED_IAM" && !Has(request.capabilities, capability)) {
    return CfnError::InsufficientCapabilities(capability);
  }
  parameters->clear();
  for (const auto& [name, value] : *values) {
    (*parameters)[name] = ParameterText(value);
  }
  return parsed;
}

Result<std::string> StackEngine::CreateStack(const StackRequest& request) {
  if (!ValidStackName(request.stack_name)) {
    return CfnError::Validation(
        Format("1 validation error detected: Value '{}' at 'stackName' failed to satisfy "
               "constraint: Member must satisfy regular expression pattern: "
               "[a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*",
               request.stack_name));
  }
  Stack stack;
  STRATUS_ASSIGN_OR_RETURN(
      Template parsed, CheckRequest(request, request.template_text, nullptr, &stack.parameters));
  const int64_t now = options_.clock->NowMillis();
  stack.id = NewStackId(request, *options_.ids);
  stack.name = request.stack_name;
  stack.status = "CREATE_IN_PROGRESS";
  stack.description = parsed.description;
  stack.region = request.region;
  stack.account_id = request.account_id;
  stack.host = request.host;
  stack.template_text = request.template_text;
  for (const ParameterDeclaration& parameter : parsed.parameters) {
    if (parameter.no_echo) {
      stack.no_echo.push_back(parameter.name);
    }
  }
  stack.capabilities = request.capabilities;
  stack.tags = request.tags;
  stack.on_failure = request.on_failure;
  stack.disable_rollback = request.on_failure == "DO_NOTHING";
  stack.termination_protection = request.termination_protection;
  stack.created_millis = now;
  stack.operation = "CREATE";
  AddEvent(stack, StackEvent{.logical_id = stack.name,
                             .physical_id = stack.id,
                             .type = "AWS::CloudFormation::Stack",
                             .status = "CREATE_IN_PROGRESS",
                             .status_reason = "User Initiated"});
  {
    std::lock_guard lock(mu_);
    if (FindLocked(request.stack_name) != nullptr) {
      return CfnError::StackExists(request.stack_name);
    }
    stacks_[stack.id] = stack;
  }
  STRATUS_RETURN_IF_ERROR(SaveAndWait(stack));
  Launch(stack.id, "CREATE");
  return stack.id;
}

Result<std::string> StackEngine::UpdateStack(const StackRequest& request) {
  std::optional<Stack> current;
  {
    std::lock_guard lock(mu_);
    const Stack* found = FindLocked(request.stack_name);
    if (found == nullptr) {
      return CfnError::StackNotFound(request.stack_name);
    }
    current = *found;
  }
  static const std::set<std::string> kUpdatable = {"CREATE_COMPLETE", "UPDATE_COMPLETE",
                                                   "UPDATE_ROLLBACK_COMPLETE"};
  if (kUpdatable.count(current->status) == 0) {
    return CfnError::Validation(
        Format("Stack:{} is in {} state and can not be updated.", current->id, current->status));
  }
  std::string text = request.use_previous_template ? current->template_text : request.template_text;
  std::map<std::string, std::string> parameters;
  STRATUS_ASSIGN_OR_RETURN(Template parsed, CheckRequest(request, text, &*current, &parameters));
  if (text == current->template_text && parameters == current->parameters) {
    return CfnError::Validation("No updates are to be performed.");
  }
  std::vector<std::string> no_echo;
  for (const ParameterDeclaration& parameter : parsed.parameters) {
    if (parameter.no_echo) {
      no_echo.push_back(parameter.name);
    }
  }
  Status saved = Mutate(current->id, [&](Stack& stack) {
    Json resources = Json::object();
    for (const auto& [id, resource] : stack.resources) {
      resources[id] = ResourceToJson(resource);
    }
    stack.previous = Json{{"template", stack.template_text},  {"parameters", stack.parameters},
                          {"no_echo", stack.no_echo},         {"outputs", stack.outputs},
                          {"description", stack.description}, {"imports", stack.imports},
                          {"resources", std::move(resources)}};
    stack.template_text = text;
    stack.parameters = parameters;
    stack.no_echo = no_echo;
    stack.description = parsed.description;
    if (!request.capabilities.empty()) {
      stack.capabilities = request.capabilities;
    }
    if (!request.tags.empty()) {
      stack.tags = request.tags;
    }
    stack.status = "UPDATE_IN_PROGRESS";
    stack.status_reason.clear();
    stack.operation = "UPDATE";
    stack.updated_millis = options_.clock->NowMillis();
    AddEvent(stack, StackEvent{.logical_id = stack.name,
                               .physical_id = stack.id,
                               .type = "AWS::CloudFormation::Stack",
                               .status = "UPDATE_IN_PROGRESS",
                               .status_reason = "User Initiated"});
  });
  STRATUS_RETURN_IF_ERROR(saved);
  Launch(current->id, "UPDATE");
  return current->id;
}

Status StackEngine::DeleteStack(const std::string& name_or_id) {
  std::string id;
  std::string status;
  {
    std::lock_guard lock(mu_);
    const Stack* found = FindLocked(name_or_id);
    // AWS: deleting a stack that does not exist succeeds.
    if (found == nullptr || found->status == "DELETE_COMPLETE" ||
        found->status == "DELETE_IN_PROGRESS") {
      return Status::Ok();
    }
    if (found->termination_protection) {
      return CfnError::Validation(Format(
          "Stack [{}] cannot be deleted while TerminationProtection is enabled", found->name));
    }
    if (!IsSettledStatus(found->status) && found->status != "REVIEW_IN_PROGRESS") {
      return CfnError::Validation(
          Format("Stack [{}] is in {} state and can not be deleted.", found->name, found->status));
    }
    id = found->id;
    status = found->status;
  }
  const bool nothing_deployed = status == "REVIEW_IN_PROGRESS";
  STRATUS_RETURN_IF_ERROR(Mutate(id, [&](Stack& stack) {
    stack.status = nothing_deployed ? "DELETE_COMPLETE" : "DELETE_IN_PROGRESS";
    stack.status_reason.clear();
    stack.operation = nothing_deployed ? "" : "DELETE";
    if (nothing_deployed) {
      stack.deleted_millis = options_.clock->NowMillis();
    }
    AddEvent(stack, StackEvent{.logical_id = stack.name,
                               .physical_id = stack.id,
                               .type = "AWS::CloudFormation::Stack",
                               .status = stack.status,
                               .status_reason = "User Initiated"});
  }));
  if (!nothing_deployed) {
    Launch(id, "DELETE");
  }
  return Status::Ok();
}

Status StackEngine::SetTerminationProtection(const std::string& name_or_id, bool enabled) {
  std::string id;
  {
    std::lock_guard lock(mu_);
    const Stack* found = FindLocked(name_or_id);
    if (found == nullptr || !IsLive(*found)) {
      return CfnError::StackNotFound(name_or_id);
    }
    id = found->id;
  }
  return Mutate(id, [&](Stack& stack) { stack.termination_protection = enabled; });
}

Status StackEngine::CancelUpdate(const std::string& name_or_id) {
  std::lock_guard lock(mu_);
  const Stack* found = FindLocked(name_or_id);
  if (found == nullptr) {
    return CfnError::StackNotFound(name_or_id);
  }
  // The update runs its resources to the end; AWS refuses outside UPDATE_IN_PROGRESS.
  return CfnError::Validation(
      Format("Stack [{}] is in {} state and can not be cancelled", found->name, found->status));
}

Result<std::pair<std::string, std::string>> StackEngine::CreateChangeSet(
    const StackRequest& request) {
  if (request.change_set_name.empty() || !ValidStackName(request.change_set_name)) {
    return CfnError::Validation(
        Format("1 validation error detected: Value '{}' at 'changeSetName' failed to satisfy "
               "constraint: Member must satisfy regular expression pattern: "
               "[a-zA-Z][-a-zA-Z0-9]*",
               request.change_set_name));
  }
  const bool create = request.change_set_type == "CREATE";
  std::optional<Stack> existing;
  {
    std::lock_guard lock(mu_);
    if (const Stack* found = FindLocked(request.stack_name); found != nullptr) {
      existing = *found;
    }
  }
  if (create && existing.has_value() && existing->status != "REVIEW_IN_PROGRESS") {
    return CfnError::Validation(
        Format("Stack [{}] already exists and cannot be created again with the changeSet [{}].",
               request.stack_name, request.change_set_name));
  }
  if (!create && (!existing.has_value() || existing->status == "REVIEW_IN_PROGRESS")) {
    return CfnError::Validation(Format("Stack [{}] does not exist", request.stack_name));
  }
  static const std::set<std::string> kUpdatable = {"CREATE_COMPLETE", "UPDATE_COMPLETE",
                                                   "UPDATE_ROLLBACK_COMPLETE"};
  if (!create && kUpdatable.count(existing->status) == 0) {
    return CfnError::Validation(
        Format("Stack:{} is in {} state and can not be updated.", existing->id, existing->status));
  }
  if (create && !existing.has_value() && !ValidStackName(request.stack_name)) {
    return CfnError::Validation(Format("Stack name {} is not valid", request.stack_name));
  }
  std::string text = request.use_previous_template && existing.has_value() ? existing->template_text
                                                                           : request.template_text;
  std::map<std::string, std::string> parameters;
  STRATUS_ASSIGN_OR_RETURN(
      Template parsed,
      CheckRequest(request, text, existing.has_value() ? &*existing : nullptr, &parameters));
  ChangeSet change_set{
      .id = Format("arn:aws:cloudformation:{}:{}:changeSet/{}/{}", request.region,
                   request.account_id, request.change_set_name, options_.ids->Uuid()),
      .name = request.change_set_name,
      .type = create ? "CREATE" : "UPDATE",
      .description = request.description,
      .template_text = text,
      .parameters = parameters,
      .capabilities = request.capabilities,
      .tags = request.tags,
      .created_millis = options_.clock->NowMillis()};
  change_set.changes =
      ComputeChanges(existing.has_value() ? &*existing : nullptr, parsed, parameters, providers_,
                     [this](const std::string& name) { return ImportValue(name); });
  if (!create && change_set.changes.empty() && text == existing->template_text &&
      parameters == existing->parameters) {
    // AWS: what makes `aws cloudformation deploy` print "No changes to deploy".
    change_set.status = "FAILED";
    change_set.execution_status = "UNAVAILABLE";
    change_set.status_reason =
        "The submitted information didn't contain changes. Submit different information to "
        "create a change set.";
  }
  std::string stack_id;
  {
    std::lock_guard lock(mu_);
    Stack* stack = FindLocked(request.stack_name);
    if (stack == nullptr) {
      if (!create) {
        return CfnError::Validation(Format("Stack [{}] does not exist", request.stack_name));
      }
      Stack fresh;
      fresh.id = NewStackId(request, *options_.ids);
      fresh.name = request.stack_name;
      fresh.status = "REVIEW_IN_PROGRESS";
      fresh.region = request.region;
      fresh.account_id = request.account_id;
      fresh.host = request.host;
      fresh.created_millis = options_.clock->NowMillis();
      fresh.description = parsed.description;
      AddEvent(fresh, StackEvent{.logical_id = fresh.name,
                                 .physical_id = fresh.id,
                                 .type = "AWS::CloudFormation::Stack",
                                 .status = "REVIEW_IN_PROGRESS",
                                 .status_reason = "User Initiated"});
      stack = &stacks_.emplace(fresh.id, std::move(fresh)).first->second;
    }
    for (const ChangeSet& other : stack->change_sets) {
      // An executed change set stays describable, but its name is free
      // again: a deploy right after another (the aws CLI names change sets
      // by the second) must not clash with it.
      if (other.name == change_set.name && other.execution_status != "EXECUTE_COMPLETE") {
        return Status::AlreadyExists(Format("ChangeSet [{}] already exists", change_set.name))
            .WithAwsType("AlreadyExistsException", 400);
      }
    }
    stack_id = stack->id;
  }
  STRATUS_RETURN_IF_ERROR(Mutate(stack_id, [&](Stack& stack) {
    std::erase_if(stack.change_sets, [&](const ChangeSet& other) {
      return other.name == change_set.name && other.execution_status == "EXECUTE_COMPLETE";
    });
    stack.change_sets.push_back(change_set);
  }));
  return std::make_pair(change_set.id, stack_id);
}

Result<std::pair<Stack, ChangeSet>> StackEngine::FindChangeSet(const std::string& change_set,
                                                               const std::string& stack_name) {
  std::lock_guard lock(mu_);
  for (const auto& [id, stack] : stacks_) {
    if (!stack_name.empty() && stack.name != stack_name && stack.id != stack_name) {
      continue;
    }
    if (stack_name.empty() && change_set.rfind("arn:", 0) != 0) {
      continue;
    }
    for (const ChangeSet& candidate : stack.change_sets) {
      if (candidate.id == change_set || (candidate.name == change_set && IsLive(stack))) {
        return std::make_pair(stack, candidate);
      }
    }
  }
  return CfnError::ChangeSetNotFound(change_set);
}

Status StackEngine::ExecuteChangeSet(const std::string& change_set_name,
                                     const std::string& stack_name) {
  STRATUS_ASSIGN_OR_RETURN(auto found, FindChangeSet(change_set_name, stack_name));
  auto& [stack, change_set] = found;
  if (change_set.execution_status != "AVAILABLE") {
    return CfnError::InvalidChangeSetStatus(
        Format("ChangeSet [{}] cannot be executed in its current status of [{}]", change_set.id,
               change_set.status == "FAILED" ? "FAILED" : change_set.execution_status));
  }
  const bool create = change_set.type == "CREATE";
  if (!create && !IsSettledStatus(stack.status)) {
    return CfnError::Validation(
        Format("Stack:{} is in {} state and can not be updated.", stack.id, stack.status));
  }
  Result<Template> parsed = LoadTemplateText(change_set.template_text);
  if (!parsed.ok()) {
    return CfnError::Validation(std::string(parsed.status().message()));
  }
  STRATUS_RETURN_IF_ERROR(Mutate(stack.id, [&](Stack& target) {
    if (!create) {
      Json resources = Json::object();
      for (const auto& [id, resource] : target.resources) {
        resources[id] = ResourceToJson(resource);
      }
      target.previous = Json{{"template", target.template_text},  {"parameters", target.parameters},
                             {"no_echo", target.no_echo},         {"outputs", target.outputs},
                             {"description", target.description}, {"imports", target.imports},
                             {"resources", std::move(resources)}};
      target.updated_millis = options_.clock->NowMillis();
    }
    target.template_text = change_set.template_text;
    target.parameters = change_set.parameters;
    target.no_echo.clear();
    for (const ParameterDeclaration& parameter : parsed->parameters) {
      if (parameter.no_echo) {
        target.no_echo.push_back(parameter.name);
      }
    }
    target.description = parsed->description;
    target.capabilities = change_set.capabilities;
    if (!change_set.tags.empty()) {
      target.tags = change_set.tags;
    }
    target.status = create ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS";
    target.status_reason.clear();
    target.operation = create ? "CREATE" : "UPDATE";
    // AWS: executing a change set deletes the stack's other change sets,
    // which no longer apply to the updated stack.
    std::erase_if(target.change_sets,
                  [&](const ChangeSet& other) { return other.id != change_set.id; });
    for (ChangeSet& executed : target.change_sets) {
      executed.execution_status = "EXECUTE_COMPLETE";
    }
    AddEvent(target, StackEvent{.logical_id = target.name,
                                .physical_id = target.id,
                                .type = "AWS::CloudFormation::Stack",
                                .status = target.status,
                                .status_reason = "User Initiated"});
  }));
  Launch(stack.id, create ? "CREATE" : "UPDATE");
  return Status::Ok();
}

Status StackEngine::DeleteChangeSet(const std::string& change_set_name,
                                    const std::string& stack_name) {
  STRATUS_ASSIGN_OR_RETURN(auto found, FindChangeSet(change_set_name, stack_name));
  const std::string id = found.second.id;
  return Mutate(found.first.id, [&](Stack& stack) {
    std::erase_if(stack.change_sets,
                  [&](const ChangeSet& change_set) { return change_set.id == id; });
  });
}

Result<Stack> StackEngine::FindStack(const std::string& name_or_id) const {
  std::lock_guard lock(mu_);
  const Stack* found = FindLocked(name_or_id);
  if (found == nullptr) {
    return CfnError::StackNotFound(name_or_id);
  }
  return *found;
}

std::vector<Stack> StackEngine::ListStacks() const {
  std::vector<Stack> stacks;
  {
    std::lock_guard lock(mu_);
    for (const auto& [id, stack] : stacks_) {
      stacks.push_back(stack);
    }
  }
  std::sort(stacks.begin(), stacks.end(),
            [](const Stack& a, const Stack& b) { return a.created_millis > b.created_millis; });
  return stacks;
}

std::vector<StackExport> StackEngine::ListExports() const {
  std::vector<StackExport> exports;
  std::lock_guard lock(mu_);
  for (const auto& [id, stack] : stacks_) {
    if (!IsLive(stack)) {
      continue;
    }
    for (const Json& output : stack.outputs) {
      if (output.contains("ExportName")) {
        exports.push_back(StackExport{.stack_id = id,
                                      .name = output["ExportName"].get<std::string>(),
                                      .value = output.value("OutputValue", "")});
      }
    }
  }
  return exports;
}

std::vector<std::string> StackEngine::ListImports(const std::string& export_name) const {
  return ImportersOf(export_name, "");
}

Result<Json> StackEngine::ImportValue(const std::string& export_name) const {
  for (const StackExport& entry : ListExports()) {
    if (entry.name == export_name) {
      return Json(entry.value);
    }
  }
  return Status::InvalidArgument(Format("No export named {} found.", export_name));
}

std::vector<std::string> StackEngine::ImportersOf(const std::string& export_name,
                                                  const std::string& stack_id) const {
  std::vector<std::string> names;
  std::lock_guard lock(mu_);
  for (const auto& [id, stack] : stacks_) {
    if (id != stack_id && IsLive(stack) && Has(stack.imports, export_name)) {
      names.push_back(stack.name);
    }
  }
  return names;
}

std::string StackEngine::ExporterOf(const std::string& export_name,
                                    const std::string& stack_id) const {
  for (const StackExport& entry : ListExports()) {
    if (entry.name == export_name && entry.stack_id != stack_id) {
      return entry.stack_id;
    }
  }
  return {};
}

}  // namespace stratus::cloudformation
