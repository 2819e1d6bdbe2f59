#include "sts/api/session_credentials.h"

namespace stratus::sts::api {

Json CredentialsJson(const iam::Session& session) {
  constexpr double kMillisPerSecond = 1000.0;
  return {{"AccessKeyId", session.access_key_id},
          {"SecretAccessKey", session.secret_access_key},
          {"SessionToken", session.session_token},
          {"Expiration", static_cast<double>(session.expires_millis) / kMillisPerSecond}};
}

}  // namespace stratus::sts::api
