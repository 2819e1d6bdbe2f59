#include "s3/api/owner.h"

#include "base/digest.h"

namespace stratus::s3::api {

std::string CanonicalUserId(std::string_view account_id) {
  return Sha256Hex(account_id);
}

Json OwnerJson(std::string_view account_id) {
  return Json{{"DisplayName", "stratus"}, {"ID", CanonicalUserId(account_id)}};
}

Json OwnerOnlyAcl(std::string_view account_id) {
  return Json{{"Owner", OwnerJson(account_id)},
              {"Grants", Json::array({Json{{"Grantee",
                                            {{"Type", "CanonicalUser"},
                                             {"DisplayName", "stratus"},
                                             {"ID", CanonicalUserId(account_id)}}},
                                           {"Permission", "FULL_CONTROL"}}})}};
}

}  // namespace stratus::s3::api
