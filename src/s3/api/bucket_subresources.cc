#include "s3/api/bucket_subresources.h"

#include <utility>

#include "aws/request_fields.h"
#include "s3/api/bucket_policy.h"
#include "s3/api/lifecycle.h"
#include "s3/api/reply.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"

namespace stratus::s3::api {
namespace {

// Checks what S3 checks of a document before storing it.
Status Validate(S3Service& service,
                std::string_view bucket,
                std::string_view kind,
                const Json& document) {
  if (kind == "policy") {
    return ValidateBucketPolicy(service, bucket, document);
  }
  if (!document.is_object()) {
    return S3Error::MalformedXml();
  }
  if (kind == "cors") {
    const Json* rules = aws::PresentMember(document, "CORSRules");
    if (rules == nullptr || !rules->is_array() || rules->empty() || rules->size() > 100) {
      return S3Error::MalformedXml();
    }
    for (const Json& rule : *rules) {
      const Json* methods = aws::PresentMember(rule, "AllowedMethods");
      const Json* origins = aws::PresentMember(rule, "AllowedOrigins");
      if (methods == nullptr || origins == nullptr || !methods->is_array() ||
          !origins->is_array() || methods->empty() || origins->empty()) {
        return S3Error::MalformedXml();
      }
      for (const Json& method : *methods) {
        const std::string name = method.is_string() ? method.get<std::string>() : "";
        if (name != "GET" && name != "PUT" && name != "POST" && name != "DELETE" &&
            name != "HEAD") {
          return S3Error::InvalidRequest(
              "Found unsupported HTTP method in CORS config. Unsupported method is " + name);
        }
      }
    }
  }
  if (kind == "lifecycle") {
    const Json* rules = aws::PresentMember(document, "Rules");
    if (rules == nullptr || !rules->is_array() || rules->empty() || rules->size() > 1000) {
      return S3Error::MalformedXml();
    }
    STRATUS_RETURN_IF_ERROR(LifecycleRulesFromConfiguration(document).status());
    for (const Json& rule : *rules) {
      const Json* status = aws::PresentMember(rule, "Status");
      if (status == nullptr || !status->is_string() ||
          (*status != "Enabled" && *status != "Disabled")) {
        return S3Error::MalformedXml();
      }
    }
  }
  if (kind == "tagging") {
    const Json* tags = aws::PresentMember(document, "TagSet");
    if (tags == nullptr || !tags->is_array()) {
      return S3Error::MalformedXml();
    }
    if (tags->size() > 50) {
      return S3Error::InvalidTag("Bucket tag count cannot be greater than 50");
    }
  }
  return Status::Ok();
}

Result<Json> Unset(const SubresourceSpec& spec) {
  if (!spec.missing_code.empty()) {
    return S3Error::NoSuchConfiguration(spec.missing_code, std::string(spec.missing_message));
  }
  return ParseJson(spec.default_document);
}

}  // namespace

aws::OperationHandler PutSubresource(S3Service& service, const SubresourceSpec& spec) {
  return [&service, spec](const aws::RequestContext& context, const Json& input,
                          const aws::Reply& reply) {
    Result<std::string> bucket = RequiredString(input, "Bucket");
    if (!bucket.ok()) {
      reply(bucket.status());
      return;
    }
    const Json* document = aws::PresentMember(input, spec.put_member);
    if (document == nullptr) {
      reply(S3Error::MalformedXml());
      return;
    }
    if (Status valid = Validate(service, *bucket, spec.kind, *document); !valid.ok()) {
      reply(valid);
      return;
    }
    if (spec.put_status != 0 && context.response_payload != nullptr) {
      context.response_payload->status = spec.put_status;
    }
    service.engine().PutBucketConfig(*bucket, std::string(spec.kind), "", DumpJson(*document),
                                     ReplyEmpty(reply));
  };
}

aws::OperationHandler GetSubresource(S3Service& service, const SubresourceSpec& spec) {
  return [&service, spec](const aws::RequestContext& /*context*/, const Json& input,
                          const aws::Reply& reply) {
    auto answer = [&]() -> Result<Json> {
      STRATUS_ASSIGN_OR_RETURN(std::string bucket, RequiredString(input, "Bucket"));
      Result<std::string> stored = service.engine().GetBucketConfig(bucket, spec.kind, "");
      Json document;
      if (stored.ok()) {
        STRATUS_ASSIGN_OR_RETURN(document, ParseJson(*stored));
      } else if (stored.status().code() == StatusCode::kNotFound &&
                 stored.status().aws_type().empty()) {
        STRATUS_ASSIGN_OR_RETURN(document, Unset(spec));
      } else {
        return stored.status();
      }
      if (spec.get_member.empty()) {
        return document;
      }
      return Json{{std::string(spec.get_member), std::move(document)}};
    };
    reply(answer());
  };
}

aws::OperationHandler DeleteSubresource(S3Service& service, const SubresourceSpec& spec) {
  return [&service, spec](const aws::RequestContext& /*context*/, const Json& input,
                          const aws::Reply& reply) {
    Result<std::string> bucket = RequiredString(input, "Bucket");
    if (!bucket.ok()) {
      reply(bucket.status());
      return;
    }
    service.engine().DeleteBucketConfig(*bucket, std::string(spec.kind), "", ReplyEmpty(reply));
  };
}

}  // namespace stratus::s3::api
