#include "glue/api/service.h"

#include <utility>

#include "glue/api/operations.h"
#include "glue/engine.h"
#include "io/posix_file_system.h"

namespace stratus::glue {
namespace {

// Owns the catalog engine and its file system.
//
// Thread safety: see aws::Service.
class GlueService final : public aws::Service {
 public:
  GlueService(std::unique_ptr<io::PosixFileSystem> files,
              std::unique_ptr<Engine> engine,
              const aws::ServiceEnvironment& environment)
      : files_(std::move(files)), engine_(std::move(engine)), models_(*environment.models) {}

  ~GlueService() override { Stop(); }

  std::string_view name() const override { return "glue"; }

  void RegisterOperations(aws::OperationTable& table) override {
    RegisterGlueOperations(table, models_, *engine_);
  }

  Status Start(const aws::OperationTable& /*table*/) override { return Status::Ok(); }

  void Stop() override { engine_->Stop(); }

  Engine& engine() { return *engine_; }

 private:
  std::unique_ptr<io::PosixFileSystem> files_;
  std::unique_ptr<Engine> engine_;
  const aws::ModelRegistry& models_;
};

}  // namespace

Result<OpenedGlue> OpenGlue(const aws::ServiceEnvironment& environment) {
  auto files = std::make_unique<io::PosixFileSystem>();
  STRATUS_ASSIGN_OR_RETURN(
      std::unique_ptr<Engine> engine,
      Engine::Open(EngineOptions{.data_dir = environment.data_dir}, *files, *environment.clock));
  auto service = std::make_unique<GlueService>(std::move(files), std::move(engine), environment);
  Engine* catalog = &service->engine();
  return OpenedGlue{.service = std::move(service), .engine = catalog};
}

}  // namespace stratus::glue
