#include "lambda/runtime/sandbox_pool.h"

#include <utility>

#include "lambda/errors.h"

namespace stratus::lambda {
namespace {

void StopAll(std::vector<std::unique_ptr<Sandbox>>& sandboxes) {
  for (std::unique_ptr<Sandbox>& sandbox : sandboxes) {
    sandbox->Stop();
  }
  sandboxes.clear();
}

}  // namespace

SandboxPool::~SandboxPool() {
  Stop();
}

void SandboxPool::CollectExpiredLocked(std::vector<std::unique_ptr<Sandbox>>& out) {
  const auto now = std::chrono::steady_clock::now();
  for (auto& [name, function] : functions_) {
    std::erase_if(function.idle, [&](Idle& idle) {
      if (now - idle.since < options_.idle_timeout && idle.sandbox->alive()) {
        return false;
      }
      out.push_back(std::move(idle.sandbox));
      return true;
    });
  }
}

Result<std::unique_ptr<Sandbox>> SandboxPool::Acquire(
    const std::string& function,
    const std::string& revision,
    const std::function<Result<SandboxOptions>()>& make,
    bool* cold) {
  std::vector<std::unique_ptr<Sandbox>> retired;
  std::unique_ptr<Sandbox> warm;
  bool throttled = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) {
      return LambdaError::Service("Lambda is stopping");
    }
    CollectExpiredLocked(retired);
    FunctionSandboxes& sandboxes = functions_[function];
    if (sandboxes.revision != revision) {
      sandboxes.revision = revision;
      for (Idle& idle : sandboxes.idle) {
        retired.push_back(std::move(idle.sandbox));
      }
      sandboxes.idle.clear();
    }
    if (!sandboxes.idle.empty()) {
      warm = std::move(sandboxes.idle.back().sandbox);
      sandboxes.idle.pop_back();
      ++sandboxes.num_busy;
      busy_.insert(warm.get());
    } else if (sandboxes.num_busy >= options_.max_per_function) {
      throttled = true;
    } else {
      ++sandboxes.num_busy;
    }
  }
  StopAll(retired);
  if (warm != nullptr) {
    *cold = false;
    return warm;
  }
  if (throttled) {
    return LambdaError::TooManyRequests("Rate Exceeded.");
  }
  *cold = true;
  Result<std::unique_ptr<Sandbox>> started = [&]() -> Result<std::unique_ptr<Sandbox>> {
    STRATUS_ASSIGN_OR_RETURN(SandboxOptions options, make());
    return Sandbox::Start(std::move(options));
  }();
  std::lock_guard<std::mutex> lock(mu_);
  if (!started.ok()) {
    --functions_[function].num_busy;
    return started;
  }
  busy_.insert(started->get());
  if (stopped_) {
    (*started)->Kill();
  }
  return started;
}

void SandboxPool::Release(const std::string& function,
                          const std::string& revision,
                          std::unique_ptr<Sandbox> sandbox) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    busy_.erase(sandbox.get());
    FunctionSandboxes& sandboxes = functions_[function];
    if (sandboxes.num_busy > 0) {
      --sandboxes.num_busy;
    }
    if (!stopped_ && sandbox->alive() && sandboxes.revision == revision) {
      sandboxes.idle.push_back(Idle{.revision = revision,
                                    .sandbox = std::move(sandbox),
                                    .since = std::chrono::steady_clock::now()});
      return;
    }
  }
  sandbox->Stop();
}

void SandboxPool::Retire(const std::string& function) {
  std::vector<std::unique_ptr<Sandbox>> retired;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto found = functions_.find(function);
    if (found == functions_.end()) {
      return;
    }
    found->second.revision.clear();
    for (Idle& idle : found->second.idle) {
      retired.push_back(std::move(idle.sandbox));
    }
    found->second.idle.clear();
  }
  StopAll(retired);
}

void SandboxPool::Stop() {
  std::vector<std::unique_ptr<Sandbox>> retired;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    for (Sandbox* busy : busy_) {
      busy->Kill();
    }
    for (auto& [name, function] : functions_) {
      for (Idle& idle : function.idle) {
        retired.push_back(std::move(idle.sandbox));
      }
      function.idle.clear();
    }
  }
  StopAll(retired);
}

}  // namespace stratus::lambda
