#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aws/protocol/codec.h"
#include "aws/protocol/uri_template.h"
#include "base/json.h"
#include "base/result.h"

namespace stratus::aws {

class JsonWirePlans;

/// One operation of a service model (botocore `operations.<Name>`).
struct OperationModel {
  std::string name = {};             // "SendMessage".
  std::string http_method = "POST";  // http.method.
  std::string request_uri = "/";     // http.requestUri, e.g. "/{Bucket}/{Key+}?tagging".
  int response_code = 0;             // http.responseCode; 0 when the model leaves it out.
  std::string input_shape = {};      // Empty when the operation takes no input.
  std::string output_shape = {};     // Empty when the operation returns no output.
  std::string result_wrapper = {};   // output.resultWrapper (query protocol).
  std::vector<std::string> error_shapes = {};
  Json json = Json::object();     // The operation exactly as the model has it.
  UriTemplate uri_template = {};  // request_uri, parsed (empty when it does not parse).

  /// Returns the input/output shape reference (`input`/`output` object with
  /// its traits), or an empty object.
  const Json& input_ref() const;
  const Json& output_ref() const;
};

/// A service's model: metadata, operations and shapes, as botocore ships it
/// (documentation stripped). Codecs walk its shapes; the router uses its
/// prefixes and protocols.
///
/// Shapes are plain JSON objects (`{"type": "structure", "members": {...}}`),
/// and member references are `{"shape": "Name", ...traits}`; FindShape()
/// resolves a name.
///
/// Thread safety: immutable after construction; safe to share across threads.
class ServiceModel {
 public:
  /// Builds a model from a botocore service-2 document (`metadata`,
  /// `operations`, `shapes`). `name` defaults to metadata.endpointPrefix.
  /// Fails with InvalidArgument when the document is not a model or names an
  /// unknown protocol.
  static Result<ServiceModel> FromJson(Json model, std::string name = {});

  /// Builds a model from a protocol-test fragment: metadata and shapes with
  /// operations listed separately (each botocore `given`).
  static Result<ServiceModel> FromParts(Json metadata,
                                        Json shapes,
                                        const std::vector<Json>& operations);

  ServiceModel(ServiceModel&&) noexcept;
  ServiceModel& operator=(ServiceModel&&) noexcept;
  ~ServiceModel();

  /// Our service name: the endpoint prefix ("sqs", "states", "monitoring").
  const std::string& name() const { return name_; }

  /// The primary protocol (metadata.protocol).
  Protocol protocol() const { return protocol_; }

  /// Every protocol the service speaks (metadata.protocols), primary first.
  const std::vector<Protocol>& protocols() const { return protocols_; }

  bool SpeaksProtocol(Protocol protocol) const;

  const std::string& api_version() const { return api_version_; }

  const std::string& json_version() const { return json_version_; }  // "1.0", "1.1" or empty.

  const std::string& target_prefix() const { return target_prefix_; }  // "AmazonSQS" or empty.

  const std::string& xml_namespace() const { return xml_namespace_; }  // May be empty.

  const std::string& signing_name() const { return signing_name_; }

  const std::string& endpoint_prefix() const { return endpoint_prefix_; }

  const std::string& service_id() const { return service_id_; }  // "SQS".

  /// True when a JSON service keeps its former query protocol's error codes
  /// (metadata.awsQueryCompatible), as SQS does.
  bool aws_query_compatible() const { return aws_query_compatible_; }

  const Json& metadata() const { return metadata_; }

  /// Returns the operation, or nullptr.
  const OperationModel* FindOperation(std::string_view name) const;
  /// Returns the shape, or nullptr.
  const Json* FindShape(std::string_view name) const;
  /// Returns the error shape for an AWS error code: a shape with that name
  /// that is an exception, or one whose `error.code` trait is `code`.
  /// Returns nullptr when none matches. *shape_name receives its name.
  const Json* FindErrorShape(std::string_view code, std::string* shape_name = nullptr) const;

  const std::map<std::string, OperationModel, std::less<>>& operations() const {
    return operations_;
  }

  /// Returns the model the query protocol should use. SQS's newest model is
  /// JSON; the XML names query clients rely on (locationName, flattened) are
  /// kept in the document's "queryOverlay" because they would rename JSON
  /// members, and are applied only to this view. Without an overlay, *this.
  const ServiceModel& QueryView() const { return query_view_ ? *query_view_ : *this; }

  /// The plans the json and rest-json codecs write this model's responses
  /// with (aws/protocol/json_wire_writer.h), compiled on first use.
  const JsonWirePlans& json_wire_plans() const { return *json_wire_plans_; }

 private:
  ServiceModel() = default;
  Status Init(Json metadata, std::string name);

  std::string name_;
  Protocol protocol_ = Protocol::kJson10;
  std::vector<Protocol> protocols_;
  std::string api_version_;
  std::string json_version_;
  std::string target_prefix_;
  std::string xml_namespace_;
  std::string signing_name_;
  std::string endpoint_prefix_;
  std::string service_id_;
  bool aws_query_compatible_ = false;
  Json metadata_ = Json::object();
  std::map<std::string, OperationModel, std::less<>> operations_;
  Json shapes_ = Json::object();
  // Error code (error.code trait) → shape name, for query-compatible look-ups.
  std::map<std::string, std::string, std::less<>> error_codes_;
  // The model with "queryOverlay" applied; null when there is none.
  std::unique_ptr<const ServiceModel> query_view_;
  std::unique_ptr<const JsonWirePlans> json_wire_plans_;  // Never null after Init().
};

}  // namespace stratus::aws
