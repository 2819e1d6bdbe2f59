#include "lake/s3_client_internal.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <thread>

#include <curl/curl.h>

#include "aws/protocol/timestamp_format.h"
#include "aws/sigv4.h"
#include "base/clock.h"
#include "base/digest.h"
#include "base/format.h"
#include "lake/log.h"

namespace stratus::lake::internal {
namespace {

constexpr size_t kMaxErrorBodyBytes = 64 * 1024;

// True for 2xx answers, whose bodies are kept whole (others keep 64 KiB).
bool IsSuccess(int status) {
  return status >= 200 && status < 300;
}

std::string_view TrimLine(std::string_view text) {
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' ' ||
                           text.back() == '\t')) {
    text.remove_suffix(1);
  }
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  return text;
}

// The state of one transfer, which curl's callbacks fill.
struct Transfer {
  const S3Request* request = nullptr;
  size_t upload_offset = 0;
  S3Response response = {};
  bool overflow = false;  // The 2xx body was longer than body_into.
};

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t length = size * count;
  const std::string_view line = TrimLine(std::string_view(data, length));
  if (line.starts_with("HTTP/")) {
    // A new response starts (after a 100 Continue, say): forget the last.
    const size_t space = line.find(' ');
    int status = 0;
    for (size_t i = space + 1; space != std::string_view::npos && i < line.size(); ++i) {
      if (line[i] < '0' || line[i] > '9') {
        break;
      }
      status = status * 10 + (line[i] - '0');
    }
    transfer->response.status = status;
    transfer->response.headers = http::Headers();
    return length;
  }
  const size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    transfer->response.headers.Add(std::string(TrimLine(line.substr(0, colon))),
                                   std::string(TrimLine(line.substr(colon + 1))));
  }
  return length;
}

size_t OnWrite(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t length = size * count;
  S3Response& response = transfer->response;
  const std::span<char> into = transfer->request->body_into;
  if (!into.empty() && IsSuccess(response.status)) {
    if (response.body_into_size + length > into.size()) {
      transfer->overflow = true;
      return 0;  // Aborts the transfer.
    }
    std::copy_n(data, length, into.data() + response.body_into_size);
    response.body_into_size += length;
    return length;
  }
  if (!IsSuccess(response.status) && response.body.size() >= kMaxErrorBodyBytes) {
    return length;  // The rest of a long error body is dropped.
  }
  response.body.append(data, length);
  return length;
}

size_t OnRead(char* buffer, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::string_view body = transfer->request->body;
  const size_t length = std::min(size * count, body.size() - transfer->upload_offset);
  std::copy_n(body.data() + transfer->upload_offset, length, buffer);
  transfer->upload_offset += length;
  return length;
}

// Rewinds the upload when curl must send the body again (a redirect or a
// reconnect).
int OnSeek(void* user, curl_off_t offset, int origin) {
  auto* transfer = static_cast<Transfer*>(user);
  if (origin != SEEK_SET || offset < 0 ||
      static_cast<size_t>(offset) > transfer->request->body.size()) {
    return CURL_SEEKFUNC_CANTSEEK;
  }
  transfer->upload_offset = static_cast<size_t>(offset);
  return CURL_SEEKFUNC_OK;
}

// Frees a curl header list.
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// True for curl failures after which the request surely never reached the server.
bool NeverSent(CURLcode code) {
  return code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST ||
         code == CURLE_COULDNT_RESOLVE_PROXY;
}

// "20260101T000000Z" for `time`.
std::string AmzDate(Clock::TimePoint time) {
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
  std::string iso = aws::FormatTimestamp(static_cast<double>(seconds), aws::kIso8601);
  std::erase_if(iso, [](char c) { return c == '-' || c == ':'; });
  return iso;
}

}  // namespace

// Curl's shared caches and the pool of easy handles.
struct S3Client::Curl {
  Curl() = default;
  Curl(const Curl&) = delete;
  Curl& operator=(const Curl&) = delete;

  ~Curl() {
    for (CURL* handle : idle) {
      curl_easy_cleanup(handle);
    }
    if (share != nullptr) {
      curl_share_cleanup(share);
    }
    if (global_initialized) {
      curl_global_cleanup();
    }
  }

  static void Lock(CURL* /*handle*/, curl_lock_data data, curl_lock_access /*access*/, void* user) {
    static_cast<Curl*>(user)->locks.at(static_cast<size_t>(data)).lock();
  }

  static void Unlock(CURL* /*handle*/, curl_lock_data data, void* user) {
    static_cast<Curl*>(user)->locks.at(static_cast<size_t>(data)).unlock();
  }

  // Returns an idle handle, or a new one (nullptr when curl cannot make one).
  CURL* Take() {
    {
      const std::lock_guard lock(pool_mu);
      if (!idle.empty()) {
        CURL* handle = idle.back();
        idle.pop_back();
        return handle;
      }
    }
    return curl_easy_init();
  }

  void Return(CURL* handle, int max_idle) {
    {
      const std::lock_guard lock(pool_mu);
      if (static_cast<int>(idle.size()) < max_idle) {
        idle.push_back(handle);
        return;
      }
    }
    curl_easy_cleanup(handle);
  }

  bool global_initialized = false;
  CURLSH* share = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> locks;  // One per kind of shared data.
  std::mutex pool_mu;
  std::vector<CURL*> idle;  // Guarded by pool_mu.
};

Result<std::unique_ptr<S3Client>> S3Client::Open(const RemoteS3Options& options,
                                                 const Clock& clock) {
  const std::string& url = options.endpoint;
  Endpoint endpoint;
  const size_t scheme_end = url.find("://");
  if (scheme_end != std::string::npos) {
    endpoint.scheme = url.substr(0, scheme_end);
  }
  if (endpoint.scheme != "http" && endpoint.scheme != "https") {
    return Status::InvalidArgument(
        Format("the lake endpoint must be an http:// or https:// URL, not '{}'", url));
  }
  std::string_view rest = std::string_view(url).substr(scheme_end + 3);
  if (rest.ends_with('/')) {
    rest.remove_suffix(1);
  }
  if (rest.empty() || rest.find_first_of("/?#@ ") != std::string_view::npos) {
    return Status::InvalidArgument(Format(
        "the lake endpoint must be scheme://host[:port] with no path or user info, not '{}'", url));
  }
  endpoint.authority = std::string(rest);
  endpoint.host = endpoint.authority;
  const std::string default_port = endpoint.scheme == "http" ? ":80" : ":443";
  if (endpoint.host.ends_with(default_port)) {
    endpoint.host.resize(endpoint.host.size() - default_port.size());
  }
  if (options.max_attempts < 1 || options.part_size < 5 * 1024 * 1024 ||
      options.read_ahead_bytes == 0) {
    return Status::InvalidArgument(
        "the lake endpoint needs max_attempts >= 1, part_size >= 5 MiB and read_ahead_bytes > 0");
  }
  std::unique_ptr<S3Client> client(new S3Client(options, std::move(endpoint),
                                                clock));  // STRATUS_LINT_ALLOW(private constructor)
  auto curl = std::make_unique<Curl>();
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    return Status::Internal("curl_global_init failed");
  }
  curl->global_initialized = true;
  curl->share = curl_share_init();
  if (curl->share == nullptr) {
    return Status::Internal("curl_share_init failed");
  }
  curl_share_setopt(curl->share, CURLSHOPT_LOCKFUNC, &Curl::Lock);
  curl_share_setopt(curl->share, CURLSHOPT_UNLOCKFUNC, &Curl::Unlock);
  curl_share_setopt(curl->share, CURLSHOPT_USERDATA, curl.get());
  curl_share_setopt(curl->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(curl->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
  curl_share_setopt(curl->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  client->curl_ = std::move(curl);
  return client;
}

S3Client::S3Client(RemoteS3Options options, Endpoint endpoint, const Clock& clock)
    : options_(std::move(options)), endpoint_(std::move(endpoint)), clock_(clock) {}

S3Client::~S3Client() = default;

std::string S3Client::Describe(const S3Request& request) {
  return Format("{} {}/{}", request.method, request.bucket, request.key);
}

Result<S3Response> S3Client::Send(const S3Request& request) {
  for (int attempt = 1;; ++attempt) {
    bool sent = true;
    Result<S3Response> response = SendOnce(request, &sent);
    bool retry = false;
    if (!response.ok()) {
      retry = response.status().code() != StatusCode::kInvalidArgument &&
              (!sent || request.retry == RetryPolicy::kIdempotent);
    } else {
      const int status = response->status;
      retry = status == 503 || status == 429 ||
              (request.retry == RetryPolicy::kIdempotent && status >= 500 && status != 501);
    }
    if (!retry || attempt >= options_.max_attempts) {
      return response;
    }
    kLakeLog.Debug(
        "retrying request={} attempt={} outcome={}", Describe(request), attempt,
        response.ok() ? Format("HTTP {}", response->status) : response.status().ToString());
    Backoff(attempt);
  }
}

void S3Client::Backoff(int retry) {
  const int64_t doubled = static_cast<int64_t>(options_.initial_backoff_millis)
                          << std::min(retry - 1, 20);
  const auto delay = static_cast<uint64_t>(
      std::min<int64_t>(std::max<int64_t>(doubled, 1), options_.max_backoff_millis));
  const uint64_t jittered = delay - jitter_.Uniform(delay / 2 + 1);
  // A retry's backoff blocks the caller, as every lake call does.
  std::this_thread::sleep_for(std::chrono::milliseconds(jittered));  // STRATUS_LINT_ALLOW(backoff)
}

void S3Client::Sign(const S3Request& request,
                    const std::string& host,
                    const std::string& path,
                    const std::string& query,
                    std::vector<std::pair<std::string, std::string>>* headers) const {
  const std::string timestamp = AmzDate(clock_.Now());
  headers->emplace_back("host", host);
  headers->emplace_back("x-amz-date", timestamp);
  headers->emplace_back("x-amz-content-sha256", Sha256Hex(request.body));
  std::sort(headers->begin(), headers->end());
  if (options_.access_key_id.empty()) {
    return;  // Anonymous.
  }
  http::Request canonical;
  canonical.method = request.method;
  canonical.path = path;
  canonical.query = query;
  aws::SigV4Signature signature{.access_key_id = options_.access_key_id,
                                .date = timestamp.substr(0, 8),
                                .region = options_.region,
                                .service = "s3",
                                .signed_headers = {},
                                .signature = {},
                                .timestamp = timestamp};
  for (const auto& [name, value] : *headers) {
    canonical.headers.Add(name, value);
    signature.signed_headers.push_back(name);
  }
  std::string signed_list;
  for (const std::string& name : signature.signed_headers) {
    signed_list += (signed_list.empty() ? "" : ";") + name;
  }
  const std::string hex = aws::ComputeSignature(canonical, signature, options_.secret_access_key);
  headers->emplace_back(
      "authorization",
      Format("AWS4-HMAC-SHA256 Credential={}/{}, SignedHeaders={}, Signature={}",
             options_.access_key_id, aws::CredentialScope(signature), signed_list, hex));
}

Result<S3Response> S3Client::SendOnce(const S3Request& request, bool* sent) {
  *sent = false;
  // Addressing.
  std::string host = endpoint_.host;
  std::string authority = endpoint_.authority;
  std::string path;
  if (options_.addressing == S3Addressing::kVirtualHosted && !request.bucket.empty()) {
    host = request.bucket + "." + host;
    authority = request.bucket + "." + authority;
    path = "/" + http::PercentEncode(request.key, /*keep_slash=*/true);
  } else {
    path = "/" + request.bucket;
    if (!request.key.empty()) {
      path += "/" + http::PercentEncode(request.key, /*keep_slash=*/true);
    }
  }
  std::string query;
  for (const auto& [name, value] : request.query) {
    query +=
        (query.empty() ? "" : "&") + http::PercentEncode(name) + "=" + http::PercentEncode(value);
  }
  std::vector<std::pair<std::string, std::string>> headers = request.headers;
  Sign(request, host, path, query, &headers);

  std::unique_ptr<curl_slist, SlistDeleter> header_list;
  auto add_header = [&](const std::string& line) {
    curl_slist* appended = curl_slist_append(header_list.get(), line.c_str());
    if (appended != nullptr) {
      static_cast<void>(header_list.release());
      header_list.reset(appended);
    }
  };
  bool has_content_type = false;
  for (const auto& [name, value] : headers) {
    add_header(name + ": " + value);
    has_content_type = has_content_type || name == "content-type";
  }
  add_header("Expect:");  // No 100-continue round trip.
  if (!has_content_type) {
    add_header("Content-Type:");  // Nor curl's form type on a POST.
  }

  CURL* handle = curl_->Take();
  if (handle == nullptr) {
    return Status::Internal("curl_easy_init failed");
  }
  Transfer transfer{.request = &request, .upload_offset = 0, .response = {}, .overflow = false};
  const std::string url =
      endpoint_.scheme + "://" + authority + path + (query.empty() ? "" : "?" + query);
  curl_easy_reset(handle);
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_PATH_AS_IS, 1L);  // Keys may hold "../" and "//".
  curl_easy_setopt(handle, CURLOPT_SHARE, curl_->share);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout_millis));
  curl_easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(handle, CURLOPT_LOW_SPEED_TIME,
                   static_cast<long>(std::max(1, (options_.idle_timeout_millis + 999) / 1000)));
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &OnHeader);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &OnWrite);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer);
  if (request.method == "HEAD") {
    curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
  } else if (request.method == "PUT") {
    curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(handle, CURLOPT_READFUNCTION, &OnRead);
    curl_easy_setopt(handle, CURLOPT_READDATA, &transfer);
    curl_easy_setopt(handle, CURLOPT_SEEKFUNCTION, &OnSeek);
    curl_easy_setopt(handle, CURLOPT_SEEKDATA, &transfer);
    curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  } else if (request.method == "POST") {
    curl_easy_setopt(handle, CURLOPT_POST, 1L);
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    // Never null: a null CURLOPT_POSTFIELDS makes curl read the body from stdin.
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.empty() ? "" : request.body.data());
  } else if (request.method != "GET") {
    curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  const CURLcode code = curl_easy_perform(handle);
  curl_->Return(handle, options_.max_idle_handles);
  if (transfer.overflow) {
    return Status::InvalidArgument(Format("{}: the server sent more than the {} bytes asked for",
                                          Describe(request), request.body_into.size()));
  }
  if (code != CURLE_OK) {
    *sent = !NeverSent(code);
    std::string message =
        Format("{} at {}: {}", Describe(request), endpoint_.authority, curl_easy_strerror(code));
    return code == CURLE_OPERATION_TIMEDOUT ? Status::Timeout(std::move(message))
                                            : Status::IoError(std::move(message));
  }
  *sent = true;
  return std::move(transfer.response);
}

}  // namespace stratus::lake::internal
