#include "sql/exec/executor.h"

#include <mutex>
#include <thread>
#include <utility>

#include "io/file_system.h"
#include "io/posix_file_system.h"
#include "sql/exec/driver.h"
#include "sql/exec/memory_budget.h"
#include "sql/exec/physical_planner.h"
#include "sql/exec/thread_pool.h"
#include "sql/functions/function.h"
#include "sql/planner/logical_plan.h"
#include "sql/vector/batch.h"

namespace stratus::sql::exec {

struct Executor::Impl {
  ExecutorOptions options;
  size_t threads = 1;
  std::unique_ptr<ThreadPool> pool;
  std::unique_ptr<MemoryBudget> budget;
  std::atomic<uint64_t> spill_counter{0};
  // The spill file system when the options name none.
  std::unique_ptr<io::FileSystem> own_files;
  std::atomic<bool> stop{false};
  std::once_flag stopped;
};

namespace {

// Hands the root's batches to the caller's sink, one driver at a time.
class CallerSink final : public Sink {
 public:
  CallerSink(const BatchSink& sink, std::mutex* mu) : sink_(sink), mu_(mu) {}

  Status Consume(Batch input) override {
    std::lock_guard<std::mutex> lock(*mu_);
    return sink_(input);
  }

  Status Finish() override { return Status::Ok(); }

 private:
  const BatchSink& sink_;
  std::mutex* mu_;
};

}  // namespace

Result<std::unique_ptr<Executor>> Executor::Open(const ExecutorOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (!options.spill_directory.empty()) {
    if (impl->options.spill_file_system == nullptr) {
      impl->own_files = std::make_unique<io::PosixFileSystem>();
      impl->options.spill_file_system = impl->own_files.get();
    }
    if (!impl->options.spill_file_system->CreateDirectories(options.spill_directory).ok()) {
      impl->options.spill_directory.clear();  // Spilling is off; the budget still holds.
    }
  }
  impl->threads = options.threads;
  if (impl->threads == 0) {
    impl->threads = std::max<size_t>(std::thread::hardware_concurrency(), 1);
  }
  // The thread that calls Run() runs one driver of each pipeline itself.
  impl->pool = std::make_unique<ThreadPool>(impl->threads - 1);
  impl->budget = std::make_unique<MemoryBudget>(
      options.memory_limit_bytes == 0 ? MemoryBudget::DefaultLimit() : options.memory_limit_bytes);
  return std::unique_ptr<Executor>(
      new Executor(std::move(impl)));  // STRATUS_LINT_ALLOW(private constructor)
}

Executor::Executor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Executor::~Executor() {
  Stop();
}

void Executor::Stop() {
  std::call_once(impl_->stopped, [this] {
    impl_->stop.store(true);
    impl_->pool->Stop();
  });
}

Status Executor::Run(const plan::Node& root, const RunContext& context, const BatchSink& sink) {
  std::mutex sink_mu;
  return RunPerDriver(root, context, [&] { return std::make_unique<CallerSink>(sink, &sink_mu); });
}

Status Executor::RunPerDriver(const plan::Node& root,
                              const RunContext& context,
                              const std::function<std::unique_ptr<Sink>()>& make_sink) {
  if (context.functions == nullptr) {
    return Status::InvalidArgument("RunContext::functions is required");
  }
  if (impl_->stop.load()) {
    return CancelledError();
  }
  const ExecutorResources resources{.budget = impl_->budget.get(),
                                    .pool = impl_->pool.get(),
                                    .threads = impl_->threads,
                                    .stop = &impl_->stop,
                                    .spill_counter = &impl_->spill_counter};
  PhysicalPlanner planner(impl_->options, resources, context);
  STRATUS_ASSIGN_OR_RETURN(Pipeline pipeline, planner.Plan(root));
  return planner.RunPipeline(pipeline, make_sink);
}

}  // namespace stratus::sql::exec
