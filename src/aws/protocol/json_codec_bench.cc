// Measures JsonCodec::SerializeResponse in process: CPU time per response of
// a Step Functions StartSyncExecution answer (bench/sfn_bench.py's 5-state
// EXPRESS machine) and an SQS SendMessage answer, written by the codec and,
// for comparison, the way it wrote them before json_wire_writer.h (the wire
// value built with WriteJsonValue(), then dumped). Not run by ctest.
//
// Usage: stratus_aws_json_codec_bench [responses]

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <string>
#include <string_view>

#include "aws/model/model_registry.h"
#include "aws/model/service_model.h"
#include "aws/protocol/json_body.h"
#include "aws/protocol/json_codec.h"
#include "http/message.h"

namespace stratus::aws {
namespace {

double CpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Returns microseconds of CPU per call of `write` (the best of three rounds).
template <typename Write>
double Measure(int responses, Write write) {
  double best = 1e9;
  size_t sink = 0;
  for (int round = 0; round < 3; ++round) {
    const double start = CpuSeconds();
    for (int i = 0; i < responses; ++i) {
      sink += write().size();
    }
    best = std::min(best, (CpuSeconds() - start) * 1e6 / responses);
  }
  if (sink == 0) {
    std::fprintf(stderr, "nothing written\n");
    std::exit(1);
  }
  return best;
}

void Compare(const ServiceModel& service,
             std::string_view operation_name,
             const Json& output,
             int responses) {
  const OperationModel& operation = *service.FindOperation(operation_name);
  const JsonCodec codec(service.json_version());
  RequestContext context;
  context.request_id = "2d1fc5a3-1b8e-4a4e-9d0c-6a1f0c2b7e41";
  const std::string now = codec.SerializeResponse(service, operation, output, context).body;
  const std::string before = DumpJson(WriteJsonValue(service, operation.output_ref(), output));
  if (now != before) {
    std::fprintf(stderr, "%s: the two bodies differ\n", now.c_str());
    std::exit(1);
  }
  const double codec_us = Measure(
      responses, [&] { return codec.SerializeResponse(service, operation, output, context).body; });
  // JsonCodec::SerializeResponse as it was.
  const std::string content_type = "application/x-amz-json-" + service.json_version();
  const double tree_us = Measure(responses, [&] {
    http::Response response;
    response.status = 200;
    response.headers.Set("Content-Type", content_type);
    response.headers.Set("x-amzn-RequestId", context.request_id);
    response.body = DumpJson(WriteJsonValue(service, operation.output_ref(), output));
    return response.body;
  });
  std::printf(
      "%-20s %4zu bytes: SerializeResponse %.2f us (before: wire value built, dumped %.2f us)\n",
      std::string(operation_name).c_str(), now.size(), codec_us, tree_us);
}

}  // namespace
}  // namespace stratus::aws

namespace stratus::aws {
namespace {

int Main(int argc, char** argv) {
  const int responses = argc > 1 ? std::atoi(argv[1]) : 200000;
  ModelRegistry registry;
  // What StartSyncExecution answers for bench/sfn_bench.py's pass_choice(5).
  const Json execution = {
      {"billingDetails", {{"billedDurationInMilliseconds", 100}, {"billedMemoryUsedInMB", 64}}},
      {"executionArn",
       "arn:aws:states:us-east-1:000000000000:express:bench:779c22c1-5358-4a0d-b8ce-fbda4d0f9d23:"
       "d9557d87-55b4-41b7-ae67-72201a7cc154"},
      {"input", R"({"n": 1})"},
      {"inputDetails", {{"included", true}}},
      {"name", "779c22c1-5358-4a0d-b8ce-fbda4d0f9d23"},
      {"output", R"({"n":1,"s0":{"step":0},"s2":{"step":2},"s4":{"step":4}})"},
      {"outputDetails", {{"included", true}}},
      {"startDate", 1795419774.226},
      {"stateMachineArn", "arn:aws:states:us-east-1:000000000000:stateMachine:bench"},
      {"status", "SUCCEEDED"},
      {"stopDate", 1795419774.226}};
  Compare(*registry.Find("states"), "StartSyncExecution", execution, responses);
  const Json sent = {{"MD5OfMessageBody", "6a1f0c2b7e412d1fc5a31b8e4a4e9d0c"},
                     {"MessageId", "5fea7756-0ea4-451a-a703-a558b933e274"}};
  Compare(*registry.Find("sqs"), "SendMessage", sent, responses);
  return 0;
}

}  // namespace
}  // namespace stratus::aws

int main(int argc, char** argv) {
  try {
    return stratus::aws::Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
