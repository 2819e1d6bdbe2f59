#pragma once

#include <string>

#include "base/clock.h"

namespace stratus::aws {

/// What a handler knows about the call besides its input: who, where, and
/// how to build URLs and ARNs. Built by the dispatcher for HTTP calls and by
/// the caller for in-process calls.
struct RequestContext {
  std::string request_id = {};
  std::string account_id = "000000000000";
  std::string region = "us-east-1";
  std::string access_key_id = {};
  std::string service = {};      // Operation-table service name: "sqs".
  std::string operation = {};    // Model operation name: "SendMessage".
  std::string host = {};         // Host header as the client sent it, e.g. "localhost:4566".
  std::string path = {};         // HTTP request path (still encoded); empty for in-process calls.
  std::string scheme = "http";
  Clock::TimePoint received = {};
};

}  // namespace stratus::aws
