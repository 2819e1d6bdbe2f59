#include "cloudformation/engine/deployment.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <set>
#include <utility>

#include "base/clock.h"
#include "base/format.h"
#include "base/random.h"
#include "base/worker_pool.h"
#include "cloudformation/engine/property_normalization.h"
#include "cloudformation/engine/stack_engine.h"
#include "cloudformation/log.h"
#include "cloudformation/providers/physical_name.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/template/evaluator.h"
#include "cloudformation/template/parameters.h"
#include "cloudformation/template/template.h"

namespace stratus::cloudformation {
namespace {

constexpr std::string_view kStackType = "AWS::CloudFormation::Stack";

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

Json OutputText(const Json& value) {
  return value.is_string() ? value : Json(ParameterText(value));
}

// One stack operation. The resources it works on are mirrored in
// `resources_` (the engine's copy is the durable one, written through Mutate).
class Deployment {
 public:
  Deployment(StackEngine& engine, Stack stack)
      : engine_(engine), stack_id_(stack.id), stack_(std::move(stack)) {
    resources_ = stack_.resources;
  }

  void Run(const std::string& operation) {
    if (operation == "CREATE") {
      Create();
    } else if (operation == "UPDATE") {
      Update();
    } else if (operation == "DELETE") {
      Delete();
    } else {
      Resume();
    }
  }

 private:
  // Loads the stack's template and parameters into parsed_ and context_.
  Status Prepare() {
    STRATUS_ASSIGN_OR_RETURN(parsed_, LoadTemplateText(stack_.template_text));
    STRATUS_ASSIGN_OR_RETURN(context_.parameters, ResolveParameters(parsed_, stack_.parameters));
    context_.pseudo = PseudoParameters(stack_.region, stack_.account_id, stack_.name, stack_.id);
    context_.mappings = &parsed_.mappings;
    context_.ref_resource = [this](const std::string& id) -> Result<Json> {
      std::lock_guard lock(mu_);
      auto it = resources_.find(id);
      if (it == resources_.end() || it->second.physical_id.empty()) {
        return Status::InvalidArgument(Format("Template error: resource {} is not available", id));
      }
      return Json(it->second.ref.empty() ? it->second.physical_id : it->second.ref);
    };
    context_.get_att = [this](const std::string& id, const std::string& name) -> Result<Json> {
      std::lock_guard lock(mu_);
      auto it = resources_.find(id);
      if (it == resources_.end() || !it->second.attributes.contains(name)) {
        return Status::InvalidArgument(
            Format("Template error: resource {} does not support attribute type {} in Fn::GetAtt",
                   id, name));
      }
      return it->second.attributes[name];
    };
    context_.import_value = [this](const std::string& name) -> Result<Json> {
      {
        std::lock_guard lock(mu_);
        imports_.insert(name);
      }
      return engine_.ImportValue(name);
    };
    STRATUS_RETURN_IF_ERROR(EvaluateConditions(parsed_, context_));
    for (const auto& [id, resource] : parsed_.resources) {
      if (resource.condition.empty() || context_.conditions[resource.condition]) {
        active_.insert(id);
      }
    }
    return Status::Ok();
  }

  StackIdentity Identity() const {
    return StackIdentity{.stack_name = stack_.name,
                         .stack_id = stack_.id,
                         .account_id = stack_.account_id,
                         .region = stack_.region,
                         .host = stack_.host};
  }

  StackEvent MakeEvent(const StackResource& resource, Json properties = nullptr) const {
    return StackEvent{.logical_id = resource.logical_id,
                      .physical_id = resource.physical_id,
                      .type = resource.type,
                      .status = resource.status,
                      .status_reason = resource.status_reason,
                      .properties = std::move(properties)};
  }

  // Records the resource (mirror and durable copy) with an event.
  void Record(StackResource resource, Json event_properties = nullptr) {
    resource.updated_millis = engine_.clock().NowMillis();
    StackEvent event = MakeEvent(resource, std::move(event_properties));
    {
      std::lock_guard lock(mu_);
      resources_[resource.logical_id] = resource;
    }
    Status saved = engine_.Mutate(stack_id_, [&](Stack& stack) {
      stack.resources[resource.logical_id] = resource;
      engine_.AddEvent(stack, event);
    });
    if (!saved.ok()) {
      kCloudFormationLog.Error("stack={} commit failed: {}", stack_.name, saved.ToString());
    }
  }

  // Drops the resource from the stack, with its last event.
  void Forget(const StackResource& resource) {
    {
      std::lock_guard lock(mu_);
      resources_.erase(resource.logical_id);
    }
    StackEvent event = MakeEvent(resource);
    (void)engine_.Mutate(stack_id_, [&](Stack& stack) {
      stack.resources.erase(resource.logical_id);
      engine_.AddEvent(stack, event);
    });
  }

  void SetStatus(const std::string& status,
                 const std::string& reason,
                 const std::function<void(Stack&)>& more = nullptr) {
    stack_.status = status;
    StackEvent event{.logical_id = stack_.name,
                     .physical_id = stack_.id,
                     .type = std::string(kStackType),
                     .status = status,
                     .status_reason = reason};
    (void)engine_.Mutate(stack_id_, [&](Stack& stack) {
      stack.status = status;
      stack.status_reason = reason;
      if (IsSettledStatus(status)) {
        stack.operation.clear();
      }
      if (more) {
        more(stack);
      }
      engine_.AddEvent(stack, event);
    });
  }

  std::optional<StackResource> Current(const std::string& id) {
    std::lock_guard lock(mu_);
    auto it = resources_.find(id);
    return it == resources_.end() ? std::nullopt : std::optional<StackResource>(it->second);
  }

  // Creates or updates one resource of the template.
  Status ApplyOne(const std::string& id) {
    const ResourceDeclaration& declaration = parsed_.resources.at(id);
    StackResource resource{.logical_id = id,
                           .type = declaration.type,
                           .deletion_policy = declaration.deletion_policy,
                           .metadata = declaration.metadata};
    Result<Json> properties = Evaluate(declaration.properties, context_);
    if (!properties.ok()) {
      return Fail(resource, Current(id).has_value() ? "UPDATE_FAILED" : "CREATE_FAILED",
                  std::string(properties.status().message()));
    }
    NormalizeProperties(declaration.type, *properties);
    ResourceProvider* provider = engine_.providers().Find(declaration.type);
    std::optional<StackResource> existing = Current(id);
    if (!existing.has_value() || existing->physical_id.empty()) {
      return Create(resource, *properties, provider, "");
    }
    if (existing->type == declaration.type && existing->properties == *properties) {
      return Status::Ok();
    }
    ResourceRequest request{.stack = Identity(),
                            .logical_id = id,
                            .type = declaration.type,
                            .properties = *properties,
                            .physical_id = existing->physical_id,
                            .previous_properties = existing->properties};
    if (provider == nullptr) {
      return Fail(*existing, "UPDATE_FAILED", "Unsupported resource type: " + declaration.type);
    }
    if (existing->type != declaration.type ||
        provider->KindOfUpdate(request) == UpdateKind::kReplacement) {
      return Create(resource, *properties, provider,
                    "Requested update requires the creation of a new physical resource; hence "
                    "creating one.");
    }
    StackResource updating = *existing;
    updating.status = "UPDATE_IN_PROGRESS";
    updating.status_reason.clear();
    Record(updating, *properties);
    Result<ResourceOutcome> outcome = provider->Update(request);
    if (!outcome.ok()) {
      return Fail(updating, "UPDATE_FAILED", std::string(outcome.status().message()));
    }
    Finish(updating, *outcome, *properties, "UPDATE_COMPLETE");
    return Status::Ok();
  }

  // Writes the resource as it is in the mirror with `pending` (no event).
  void SetPending(const std::string& id, const Json& pending) {
    std::optional<StackResource> marked;
    {
      std::lock_guard lock(mu_);
      auto it = resources_.find(id);
      if (it == resources_.end()) {
        return;
      }
      it->second.pending = pending;
      marked = it->second;
    }
    Status saved = engine_.Mutate(stack_id_, [&](Stack& stack) { stack.resources[id] = *marked; });
    if (!saved.ok()) {
      kCloudFormationLog.Error("stack={} commit failed: {}", stack_.name, saved.ToString());
    }
  }

  // Creates the resource (a replacement when `replacing` says why). The
  // generated name is chosen here and committed with the intent before the
  // provider runs, so that recovery after a crash can find what it made.
  Status Create(StackResource resource,
                const Json& properties,
                ResourceProvider* provider,
                const std::string& replacing) {
    const bool replacement = !replacing.empty();
    resource.status = replacement ? "UPDATE_IN_PROGRESS" : "CREATE_IN_PROGRESS";
    resource.status_reason = replacing;
    resource.properties = properties;
    if (provider == nullptr) {
      return Fail(resource, replacement ? "UPDATE_FAILED" : "CREATE_FAILED",
                  "Unsupported resource type: " + resource.type);
    }
    ResourceRequest request{.stack = Identity(),
                            .logical_id = resource.logical_id,
                            .type = resource.type,
                            .properties = properties};
    request.generated_name = ChooseGeneratedName(*provider, request, engine_.ids());
    const Json pending{{"type", resource.type},
                       {"generated_name", request.generated_name},
                       {"properties", properties}};
    if (!replacement) {
      // The intent and the name, committed together before the provider runs.
      resource.pending = pending;
      Record(resource, properties);
    } else {
      // The resource keeps its current physical id until the replacement
      // exists; the replacement's name is written on it meanwhile.
      std::optional<StackResource> existing = Current(resource.logical_id);
      StackResource marked = existing.value_or(resource);
      marked.pending = pending;
      {
        std::lock_guard lock(mu_);
        resources_[resource.logical_id] = marked;
      }
      (void)engine_.Mutate(stack_id_, [&](Stack& stack) {
        stack.resources[resource.logical_id] = marked;
        engine_.AddEvent(stack, MakeEvent(resource, properties));
      });
    }
    Result<ResourceOutcome> outcome = provider->Create(request);
    if (!outcome.ok()) {
      if (replacement) {
        SetPending(resource.logical_id, nullptr);
        std::optional<StackResource> existing = Current(resource.logical_id);
        return Fail(existing.value_or(resource), "UPDATE_FAILED",
                    std::string(outcome.status().message()));
      }
      resource.pending = nullptr;
      return Fail(resource, "CREATE_FAILED", std::string(outcome.status().message()));
    }
    resource.pending = nullptr;
    if (!replacement) {
      resource.physical_id = outcome->physical_id;
      resource.status_reason = "Resource creation Initiated";
      Record(resource);  // The physical id, before anything else can fail.
    }
    Finish(resource, *outcome, properties, replacement ? "UPDATE_COMPLETE" : "CREATE_COMPLETE");
    return Status::Ok();
  }

  // After a crash: deletes whatever the Creates in flight made (found by the
  // names written with their intent), then forgets those Creates. Returns
  // false when one could not be cleaned up (it stays pending, and the
  // rollback fails rather than lose track of it).
  bool RecoverPendingCreates() {
    std::map<std::string, StackResource> current;
    {
      std::lock_guard lock(mu_);
      current = resources_;
    }
    bool ok = true;
    for (const auto& [id, resource] : current) {
      if (!resource.pending.is_object()) {
        continue;
      }
      // A replacement may be of another type than the resource it replaces.
      const std::string type = resource.pending.value("type", resource.type);
      ResourceProvider* provider = engine_.providers().Find(type);
      Status deleted = Status::Ok();
      if (provider != nullptr) {
        deleted = provider->DeleteGenerated(
            ResourceRequest{.stack = Identity(),
                            .logical_id = id,
                            .type = type,
                            .properties = resource.pending.value("properties", Json::object()),
                            .generated_name = resource.pending.value("generated_name", "")});
      }
      if (!deleted.ok()) {
        kCloudFormationLog.Error("stack={} resource={} cleanup of an interrupted create failed: {}",
                                 stack_.name, id, deleted.ToString());
        StackResource failed = resource;
        failed.status = "DELETE_FAILED";
        failed.status_reason = std::string(deleted.message());
        Record(failed);
        ok = false;
        continue;
      }
      kCloudFormationLog.Info("stack={} resource={} interrupted create cleaned up name={}",
                              stack_.name, id, resource.pending.value("generated_name", ""));
      SetPending(id, nullptr);
    }
    return ok;
  }

  void Finish(StackResource resource,
              const ResourceOutcome& outcome,
              const Json& properties,
              const std::string& status) {
    resource.physical_id = outcome.physical_id.empty() ? resource.physical_id : outcome.physical_id;
    resource.ref = outcome.ref;
    resource.attributes = Json::object();
    for (const auto& [name, value] : outcome.attributes) {
      resource.attributes[name] = value;
    }
    resource.properties = properties;
    resource.status = status;
    resource.status_reason.clear();
    Record(std::move(resource));
  }

  Status Fail(StackResource resource, const std::string& status, const std::string& reason) {
    resource.status = status;
    resource.status_reason = reason;
    if (status == "CREATE_FAILED" || !Current(resource.logical_id).has_value()) {
      Record(resource);
    } else {
      // A failed update leaves the resource as it was; only the event tells.
      StackEvent event = MakeEvent(resource);
      (void)engine_.Mutate(stack_id_, [&](Stack& stack) { engine_.AddEvent(stack, event); });
    }
    return Status::InvalidArgument(reason);
  }

  // Applies every active resource, independent ones in parallel. Returns the
  // failed resources (empty: success).
  std::vector<std::string> ApplyAll() {
    std::mutex mu;
    std::condition_variable cv;
    std::set<std::string> done;
    std::set<std::string> launched;
    std::vector<std::string> failed;
    size_t in_flight = 0;
    std::unique_lock lock(mu);
    while (true) {
      if (failed.empty() && !engine_.stopping()) {
        for (const std::string& id : parsed_.creation_order) {
          if (active_.count(id) == 0 || launched.count(id) != 0) {
            continue;
          }
          bool ready = true;
          for (const std::string& dep : parsed_.dependencies.at(id)) {
            ready = ready && (active_.count(dep) == 0 || done.count(dep) != 0);
          }
          if (!ready) {
            continue;
          }
          launched.insert(id);
          ++in_flight;
          engine_.resource_workers().Post([&, id] {
            Status applied = ApplyOne(id);
            std::lock_guard inner(mu);
            --in_flight;
            done.insert(id);
            if (!applied.ok()) {
              failed.push_back(id);
            }
            cv.notify_all();
          });
        }
      }
      if (in_flight == 0) {
        break;
      }
      cv.wait(lock);
    }
    if (failed.empty() && engine_.stopping() && launched.size() < active_.size()) {
      failed.push_back("(interrupted)");
    }
    return failed;
  }

  // Evaluates the outputs; checks the exports against the other stacks.
  Status ComputeOutputs(Json* outputs) {
    *outputs = Json::array();
    std::set<std::string> exported;
    for (const OutputDeclaration& output : parsed_.outputs) {
      if (!output.condition.empty() && !context_.conditions[output.condition]) {
        continue;
      }
      STRATUS_ASSIGN_OR_RETURN(Json value, Evaluate(output.value, context_));
      Json entry{{"OutputKey", output.name}, {"OutputValue", OutputText(value)}};
      if (!output.description.empty()) {
        entry["Description"] = output.description;
      }
      if (!output.export_name.is_null()) {
        STRATUS_ASSIGN_OR_RETURN(Json name, Evaluate(output.export_name, context_));
        std::string text = ParameterText(name);
        if (std::string other = engine_.ExporterOf(text, stack_id_); !other.empty()) {
          return Status::InvalidArgument(
              Format("Export with name {} is already exported by stack {}", text, other));
        }
        entry["ExportName"] = text;
        exported.insert(text);
      }
      outputs->push_back(std::move(entry));
    }
    // AWS: an export another stack imports may neither go away nor change.
    for (const Json& old : stack_.outputs) {
      if (!old.contains("ExportName")) {
        continue;
      }
      std::string name = old["ExportName"].get<std::string>();
      std::vector<std::string> importers = engine_.ImportersOf(name, stack_id_);
      if (importers.empty()) {
        continue;
      }
      if (exported.count(name) == 0) {
        return Status::InvalidArgument(
            Format("Cannot delete export {} as it is in use by {}", name, JoinNames(importers)));
      }
      for (const Json& now : *outputs) {
        if (now.value("ExportName", "") == name && now["OutputValue"] != old["OutputValue"]) {
          return Status::InvalidArgument(
              Format("Cannot update export {} as it is in use by {}", name, JoinNames(importers)));
        }
      }
    }
    return Status::Ok();
  }

  // What deleting a resource does to its entry in the stack.
  enum class Entry : uint8_t {
    kForget,      // Drop it (removed from the template, rolled back).
    kUpdate,      // Keep it with the delete's status (the stack is being deleted).
    kLeaveAlone,  // Events only: an old copy of a replaced resource.
  };

  // Records a step of a delete according to `entry`.
  void RecordDelete(const StackResource& resource, Entry entry) {
    if (entry == Entry::kUpdate) {
      Record(resource);
    } else {
      (void)engine_.Mutate(stack_id_,
                           [&](Stack& stack) { engine_.AddEvent(stack, MakeEvent(resource)); });
    }
  }

  // Deletes one resource (DeletionPolicy Retain keeps it). Returns the error.
  Status DeleteOne(const StackResource& resource, Entry entry, bool honour_policy = true) {
    StackResource deleting = resource;
    if (honour_policy && resource.deletion_policy == "Retain") {
      deleting.status = "DELETE_SKIPPED";
      if (entry == Entry::kForget) {
        Forget(deleting);
      } else {
        RecordDelete(deleting, entry);
      }
      return Status::Ok();
    }
    if (!resource.physical_id.empty()) {
      deleting.status = "DELETE_IN_PROGRESS";
      deleting.status_reason.clear();
      RecordDelete(deleting, entry == Entry::kForget ? Entry::kUpdate : entry);
      ResourceProvider* provider = engine_.providers().Find(resource.type);
      Status deleted = provider == nullptr
                           ? Status::Ok()
                           : provider->Delete(ResourceRequest{
                                 .stack = Identity(),
                                 .logical_id = resource.logical_id,
                                 .type = resource.type,
                                 .properties = resource.properties,
                                 .physical_id = resource.physical_id,
                                 .deletion_policy = honour_policy ? resource.deletion_policy
                                                                  : std::string("Delete")});
      if (!deleted.ok()) {
        deleting.status = "DELETE_FAILED";
        deleting.status_reason = std::string(deleted.message());
        RecordDelete(deleting, entry == Entry::kForget ? Entry::kUpdate : entry);
        return deleted;
      }
    }
    deleting.status = "DELETE_COMPLETE";
    deleting.status_reason.clear();
    if (entry == Entry::kForget) {
      Forget(deleting);
    } else {
      RecordDelete(deleting, entry);
    }
    return Status::Ok();
  }

  // The order to delete in: the reverse of the creation order of whatever
  // template is known, then anything else.
  std::vector<std::string> DeletionOrder(const std::map<std::string, StackResource>& resources,
                                         const std::vector<std::string>& creation_order) {
    std::vector<std::string> order;
    for (auto it = creation_order.rbegin(); it != creation_order.rend(); ++it) {
      if (resources.count(*it) != 0) {
        order.push_back(*it);
      }
    }
    for (const auto& [id, unused] : resources) {
      if (std::find(order.begin(), order.end(), id) == order.end()) {
        order.push_back(id);
      }
    }
    return order;
  }

  // Brings the resources back to `previous` (empty: delete everything made).
  bool RollbackTo(const std::map<std::string, StackResource>& previous,
                  const std::vector<std::string>& order) {
    bool ok = true;
    std::map<std::string, StackResource> current;
    {
      std::lock_guard lock(mu_);
      current = resources_;
    }
    for (const std::string& id : order) {
      auto now = current.find(id);
      auto before = previous.find(id);
      if (now == current.end() || before == previous.end() || now->second.physical_id.empty() ||
          now->second.physical_id != before->second.physical_id ||
          now->second.properties == before->second.properties) {
        continue;
      }
      ResourceProvider* provider = engine_.providers().Find(now->second.type);
      if (provider == nullptr) {
        continue;
      }
      StackResource updating = now->second;
      updating.status = "UPDATE_IN_PROGRESS";
      Record(updating);
      Result<ResourceOutcome> outcome =
          provider->Update(ResourceRequest{.stack = Identity(),
                                           .logical_id = id,
                                           .type = updating.type,
                                           .properties = before->second.properties,
                                           .physical_id = updating.physical_id,
                                           .previous_properties = now->second.properties});
      if (!outcome.ok()) {
        ok = false;
        (void)Fail(updating, "UPDATE_FAILED", std::string(outcome.status().message()));
        continue;
      }
      Finish(updating, *outcome, before->second.properties, "UPDATE_COMPLETE");
    }
    for (const std::string& id : DeletionOrder(current, order)) {
      const StackResource& now = current.at(id);
      if (now.pending.is_object()) {
        ok = false;  // Its interrupted create could not be cleaned up.
        continue;
      }
      auto before = previous.find(id);
      if (before != previous.end() && before->second.physical_id == now.physical_id) {
        continue;
      }
      if (!DeleteOne(now, before == previous.end() ? Entry::kForget : Entry::kLeaveAlone,
                     /*honour_policy=*/false)
               .ok()) {
        ok = false;
        continue;
      }
      if (before != previous.end()) {
        StackResource restored = before->second;
        Record(restored);
      }
    }
    return ok;
  }

  void FailCreate(const std::string& reason) {
    if (stack_.on_failure == "DO_NOTHING") {
      SetStatus("CREATE_FAILED", reason);
      return;
    }
    SetStatus("ROLLBACK_IN_PROGRESS", reason);
    bool ok = RollbackTo({}, parsed_.creation_order);
    if (!ok) {
      SetStatus("ROLLBACK_FAILED", "The following resource(s) failed to delete.");
      return;
    }
    if (stack_.on_failure == "DELETE") {
      SetStatus("DELETE_COMPLETE", "",
                [&](Stack& stack) { stack.deleted_millis = engine_.clock().NowMillis(); });
      return;
    }
    SetStatus("ROLLBACK_COMPLETE", "");
  }

  void Create() {
    if (Status prepared = Prepare(); !prepared.ok()) {
      FailCreate(std::string(prepared.message()));
      return;
    }
    std::vector<std::string> failed = ApplyAll();
    if (engine_.stopping()) {
      return;  // Resumed on the next start.
    }
    Json outputs;
    if (failed.empty()) {
      if (Status computed = ComputeOutputs(&outputs); !computed.ok()) {
        FailCreate(std::string(computed.message()));
        return;
      }
      SetStatus("CREATE_COMPLETE", "", [&](Stack& stack) {
        stack.outputs = outputs;
        stack.imports.assign(imports_.begin(), imports_.end());
      });
      return;
    }
    FailCreate(
        Format("The following resource(s) failed to create: [{}]. Rollback requested by "
               "user.",
               JoinNames(failed)));
  }

  std::map<std::string, StackResource> PreviousResources() const {
    std::map<std::string, StackResource> previous;
    if (stack_.previous.is_object()) {
      const Json resources = stack_.previous.value("resources", Json::object());
      for (const auto& [id, resource] : resources.items()) {
        previous[id] = ResourceFromJson(resource);
      }
    }
    return previous;
  }

  void RollBackUpdate(const std::string& reason) {
    SetStatus("UPDATE_ROLLBACK_IN_PROGRESS", reason);
    std::map<std::string, StackResource> previous = PreviousResources();
    std::vector<std::string> order = parsed_.creation_order;
    if (order.empty() && stack_.previous.is_object()) {
      Result<Template> old = LoadTemplateText(stack_.previous.value("template", ""));
      if (old.ok()) {
        order = old->creation_order;
      }
    }
    bool ok = RollbackTo(previous, order);
    const Json old = stack_.previous;
    SetStatus("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "", [&](Stack& stack) {
      if (old.is_object()) {
        stack.template_text = old.value("template", stack.template_text);
        stack.parameters = old.value("parameters", stack.parameters);
        stack.no_echo = old.value("no_echo", stack.no_echo);
        stack.outputs = old.value("outputs", stack.outputs);
        stack.description = old.value("description", stack.description);
        stack.imports = old.value("imports", stack.imports);
      }
    });
    SetStatus(ok ? "UPDATE_ROLLBACK_COMPLETE" : "UPDATE_ROLLBACK_FAILED", "",
              [](Stack& stack) { stack.previous = nullptr; });
  }

  // Deletes the resources the update removed and the old copies of the
  // replaced ones.
  void Cleanup() {
    std::map<std::string, StackResource> previous = PreviousResources();
    std::vector<std::string> old_order;
    if (stack_.previous.is_object()) {
      Result<Template> old = LoadTemplateText(stack_.previous.value("template", ""));
      if (old.ok()) {
        old_order = old->creation_order;
      }
    }
    for (const std::string& id : DeletionOrder(previous, old_order)) {
      const StackResource& before = previous.at(id);
      std::optional<StackResource> now = Current(id);
      if (active_.count(id) == 0) {
        if (now.has_value()) {
          (void)DeleteOne(*now, Entry::kForget);
        }
      } else if (now.has_value() && now->physical_id != before.physical_id &&
                 !before.physical_id.empty()) {
        StackResource old_copy = before;
        old_copy.deletion_policy = parsed_.resources.at(id).update_replace_policy;
        (void)DeleteOne(old_copy, Entry::kLeaveAlone);
      }
    }
    SetStatus("UPDATE_COMPLETE", "", [](Stack& stack) { stack.previous = nullptr; });
  }

  void Update() {
    if (Status prepared = Prepare(); !prepared.ok()) {
      RollBackUpdate(std::string(prepared.message()));
      return;
    }
    std::vector<std::string> failed = ApplyAll();
    if (engine_.stopping()) {
      return;
    }
    if (!failed.empty()) {
      RollBackUpdate(
          Format("The following resource(s) failed to update: [{}]. ", JoinNames(failed)));
      return;
    }
    Json outputs;
    if (Status computed = ComputeOutputs(&outputs); !computed.ok()) {
      RollBackUpdate(std::string(computed.message()));
      return;
    }
    SetStatus("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "", [&](Stack& stack) {
      stack.outputs = outputs;
      stack.imports.assign(imports_.begin(), imports_.end());
    });
    Cleanup();
  }

  // Deletes every resource, several at once: a resource goes once every
  // resource depending on it is gone. A resource whose dependents failed to
  // go stays. Returns the resources that failed.
  std::vector<std::string> DeleteAll(const std::map<std::string, std::vector<std::string>>& deps) {
    std::map<std::string, StackResource> current;
    {
      std::lock_guard lock(mu_);
      current = resources_;
    }
    // Dependents of each resource, among those present.
    std::map<std::string, std::set<std::string>> dependents;
    for (const auto& [id, resource] : current) {
      auto it = deps.find(id);
      for (const std::string& dep : it == deps.end() ? std::vector<std::string>{} : it->second) {
        if (current.count(dep) != 0) {
          dependents[dep].insert(id);
        }
      }
    }
    std::mutex mu;
    std::condition_variable cv;
    std::set<std::string> launched;
    std::set<std::string> deleted;
    std::vector<std::string> failed;
    size_t in_flight = 0;
    std::unique_lock lock(mu);
    while (true) {
      if (!engine_.stopping()) {
        for (const auto& [id, resource] : current) {
          bool ready = launched.count(id) == 0;
          for (const std::string& dependent : dependents[id]) {
            ready = ready && deleted.count(dependent) != 0;
          }
          if (!ready) {
            continue;
          }
          launched.insert(id);
          ++in_flight;
          engine_.resource_workers().Post([&, id = id, resource = resource] {
            Status gone = DeleteOne(resource, Entry::kUpdate);
            std::lock_guard inner(mu);
            --in_flight;
            if (gone.ok()) {
              deleted.insert(id);
            } else {
              failed.push_back(id);
            }
            cv.notify_all();
          });
        }
      }
      if (in_flight == 0) {
        break;
      }
      cv.wait(lock);
    }
    return failed;
  }

  void Delete() {
    for (const Json& output : stack_.outputs) {
      if (!output.contains("ExportName")) {
        continue;
      }
      std::string name = output["ExportName"].get<std::string>();
      std::vector<std::string> importers = engine_.ImportersOf(name, stack_id_);
      if (!importers.empty()) {
        SetStatus("DELETE_FAILED", Format("Export {} cannot be deleted as it is in use by {}", name,
                                          JoinNames(importers)));
        return;
      }
    }
    Result<Template> parsed = LoadTemplateText(stack_.template_text);
    std::vector<std::string> failed = DeleteAll(
        parsed.ok() ? parsed->dependencies : std::map<std::string, std::vector<std::string>>{});
    if (engine_.stopping()) {
      return;  // Resumed on the next start.
    }
    if (!failed.empty()) {
      SetStatus("DELETE_FAILED",
                Format("The following resource(s) failed to delete: [{}]. ", JoinNames(failed)));
      return;
    }
    SetStatus("DELETE_COMPLETE", "", [&](Stack& stack) {
      stack.deleted_millis = engine_.clock().NowMillis();
      for (auto& [id, resource] : stack.resources) {
        if (resource.status != "DELETE_SKIPPED") {
          resource.status = "DELETE_COMPLETE";
        }
      }
    });
  }

  void Resume() {
    const std::string status = stack_.status;
    kCloudFormationLog.Info("stack={} resuming status={}", stack_.name, status);
    const std::string reason = "The stack operation was interrupted by a restart of the server";
    (void)RecoverPendingCreates();
    if (status == "CREATE_IN_PROGRESS" || status == "ROLLBACK_IN_PROGRESS") {
      (void)Prepare();
      FailCreate(reason);
    } else if (status == "UPDATE_IN_PROGRESS" || status == "UPDATE_ROLLBACK_IN_PROGRESS") {
      (void)Prepare();
      RollBackUpdate(reason);
    } else if (status == "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS") {
      if (Prepare().ok()) {
        Cleanup();
      }
    } else if (status == "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS") {
      SetStatus("UPDATE_ROLLBACK_COMPLETE", "", [](Stack& stack) { stack.previous = nullptr; });
    } else if (status == "DELETE_IN_PROGRESS") {
      Delete();
    }
  }

  StackEngine& engine_;
  const std::string stack_id_;
  Stack stack_;  // As it was when the operation started (status kept current).
  Template parsed_;
  EvaluationContext context_;
  std::set<std::string> active_;  // Resources whose Condition holds.

  std::mutex mu_;
  std::map<std::string, StackResource> resources_;  // Guarded by mu_.
  std::set<std::string> imports_;                   // Guarded by mu_.
};

}  // namespace

void RunDeployment(StackEngine& engine, const std::string& stack_id, const std::string& operation) {
  std::optional<Stack> stack = engine.Snapshot(stack_id);
  if (!stack.has_value()) {
    return;
  }
  stack->events.clear();
  Deployment deployment(engine, *std::move(stack));
  deployment.Run(operation);
}

}  // namespace stratus::cloudformation
