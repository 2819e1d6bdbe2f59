#include "rds/api/mysql_endpoints.h"

#include <memory>
#include <utility>

#include "connectors/mysql/mysql_front.h"

namespace stratus::rds::api {
namespace {

// An RDS endpoint served by a MySQL front.
//
// Thread safety: as MySqlFront.
class MySqlEndpoint final : public EndpointFront {
 public:
  explicit MySqlEndpoint(std::unique_ptr<connectors::mysql::MySqlFront> front)
      : front_(std::move(front)) {}

  ~MySqlEndpoint() override { front_->Stop(); }

  uint16_t port() const override { return front_->port(); }

  void Stop() override { front_->Stop(); }

 private:
  std::unique_ptr<connectors::mysql::MySqlFront> front_;
};

}  // namespace

FrontFactory MySqlEndpoints(lake::Lake* lake, std::string region) {
  return [lake, region = std::move(region)](
             const FrontRequest& request) -> Result<std::unique_ptr<EndpointFront>> {
    STRATUS_ASSIGN_OR_RETURN(
        std::unique_ptr<connectors::mysql::MySqlFront> front,
        connectors::mysql::MySqlFront::Start(
            connectors::mysql::MySqlFrontOptions{.listen_host = "127.0.0.1",
                                                 .port = request.port,
                                                 .backend_socket = request.backend_socket,
                                                 .lake = lake,
                                                 .region = region}));
    return std::unique_ptr<EndpointFront>(std::make_unique<MySqlEndpoint>(std::move(front)));
  };
}

}  // namespace stratus::rds::api
