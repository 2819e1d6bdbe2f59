#include "s3/api/service.h"

#include <utility>

#include "io/posix_file_system.h"
#include "s3/api/lifecycle.h"
#include "s3/api/notifications.h"
#include "s3/api/operations.h"
#include "s3/api/s3_service.h"
#include "s3/engine.h"
#include "s3/lake_store.h"

namespace stratus::s3::api {
namespace {

// Owns the engine, its file system and the API service on it.
//
// Thread safety: see aws::Service.
class S3ServiceHost final : public aws::Service {
 public:
  S3ServiceHost(std::unique_ptr<io::PosixFileSystem> files,
                std::unique_ptr<Engine> engine,
                const aws::ServiceEnvironment& environment)
      : files_(std::move(files)),
        engine_(std::move(engine)),
        api_(*engine_, *environment.clock),
        notifier_(api_),
        lifecycle_(api_),
        lake_store_(*engine_),
        models_(*environment.models) {}

  ~S3ServiceHost() override { Stop(); }

  std::string_view name() const override { return "s3"; }

  void RegisterOperations(aws::OperationTable& table) override {
    RegisterS3Operations(table, models_, api_, notifier_);
  }

  Status Start(const aws::OperationTable& table) override {
    api_.BindOperations(table);
    STRATUS_RETURN_IF_ERROR(notifier_.Start(table));
    return lifecycle_.Start();
  }

  lake::ObjectStore& lake_store() { return lake_store_; }

  void Stop() override {
    lifecycle_.Stop();
    notifier_.Stop();
    engine_->Stop();
  }

 private:
  std::unique_ptr<io::PosixFileSystem> files_;
  std::unique_ptr<Engine> engine_;
  S3Service api_;
  Notifier notifier_;
  LifecycleRunner lifecycle_;
  LakeStore lake_store_;
  const aws::ModelRegistry& models_;
};

}  // namespace

Result<OpenedS3> OpenS3(const aws::ServiceEnvironment& environment) {
  auto files = std::make_unique<io::PosixFileSystem>();
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Engine> engine,
                           Engine::Open(EngineOptions{.data_dir = environment.data_dir}, *files,
                                        *environment.clock, *environment.ids));
  auto host = std::make_unique<S3ServiceHost>(std::move(files), std::move(engine), environment);
  lake::ObjectStore* store = &host->lake_store();
  return OpenedS3{.service = std::move(host), .lake_store = store};
}

}  // namespace stratus::s3::api
