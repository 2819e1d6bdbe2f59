#include "s3/api/reply.h"

#include <utility>

namespace stratus::s3::api {

Done<bool> ReplyEmpty(aws::Reply reply) {
  return [reply = std::move(reply)](Result<bool> done) {
    reply(done.ok() ? Result<Json>(Json::object()) : Result<Json>(done.status()));
  };
}

}  // namespace stratus::s3::api
