#include <array>
#include <cerrno>
#include <span>
#include <utility>
#include <variant>

#include <poll.h>

#include "connectors/mysql/handshake.h"
#include "connectors/mysql/log.h"
#include "connectors/mysql/relay_session_internal.h"
#include "connectors/mysql/s3_statement.h"
#include "connectors/mysql/s3_statement_runner.h"

namespace stratus::connectors::mysql {
namespace {

// MySQL error numbers the front answers with.
constexpr uint16_t kErrorUnknown = 1105;       // ER_UNKNOWN_ERROR
constexpr uint16_t kErrorParse = 1064;         // ER_PARSE_ERROR
constexpr uint16_t kErrorNotSupported = 1235;  // ER_NOT_SUPPORTED_YET
constexpr uint16_t kErrorHandshake = 1043;     // ER_HANDSHAKE_ERROR

// Whether a COM_QUERY's text may hold an S3 statement (a cheap test before
// tokenising): it mentions S3.
bool MayBeS3Statement(std::string_view query) {
  for (size_t i = 0; i + 1 < query.size(); ++i) {
    if ((query[i] == 'S' || query[i] == 's') && query[i + 1] == '3') {
      return true;
    }
  }
  return false;
}

}  // namespace

RelaySession::RelaySession(UniqueFd client, RelaySessionOptions options)
    : client_(std::move(client)), options_(std::move(options)), client_channel_(client_.get()) {}

void RelaySession::Run() {
  Serve();
  // Both peers see the end now; the sockets close when the front reaps the
  // session.
  client_.Shutdown();
  backend_.Shutdown();
}

void RelaySession::Serve() {
  Result<UniqueFd> backend = ConnectUnix(options_.backend_socket);
  if (!backend.ok()) {
    kMySqlLog.Warn("backend unreachable: {}", backend.status().message());
    // The client is waiting for a greeting: an ERR tells it why none comes.
    (void)client_channel_.WritePayload(
        ErrPayload(ErrFields{
            .code = 2002, .sql_state = "HY000", .message = "The database server is not reachable"}),
        0);
    return;
  }
  backend_ = std::move(*backend);
  backend_channel_ = PacketChannel(backend_.get());
  backend_ready_.store(true);
  if (shut_down_.load()) {
    return;
  }
  Result<bool> authenticated = RelayConnectionPhase();
  if (!authenticated.ok() || !*authenticated) {
    return;
  }
  Status status = RelayCommands();
  if (!status.ok() && status.code() != StatusCode::kCancelled) {
    kMySqlLog.Debug("connection ended: {}", status.message());
  }
}

void RelaySession::Shutdown() {
  shut_down_.store(true);
  client_.Shutdown();
  if (backend_ready_.load()) {
    backend_.Shutdown();
  }
}

Result<bool> RelaySession::RelayConnectionPhase() {
  STRATUS_ASSIGN_OR_RETURN(Message greeting, backend_channel_.ReadMessage());
  std::optional<std::string> edited =
      ClearGreetingCapabilities(greeting.payload, kClientSsl | kClientCompress);
  if (!edited.has_value()) {
    // An ERR (too many connections, host blocked) or an unknown protocol:
    // the client gets it as it is, and the session ends.
    STRATUS_RETURN_IF_ERROR(client_channel_.Write(greeting.Raw()));
    return false;
  }
  STRATUS_RETURN_IF_ERROR(
      client_channel_.WritePayload(*edited, greeting.first_sequence()).status());

  STRATUS_ASSIGN_OR_RETURN(Message response, client_channel_.ReadMessage());
  std::optional<HandshakeResponse> parsed = ParseHandshakeResponse(response.payload);
  if (!parsed.has_value() || parsed->ssl_request) {
    STRATUS_RETURN_IF_ERROR(SendClientError(
        response, kErrorHandshake,
        parsed.has_value() ? "TLS is not supported on this endpoint; connect without SSL"
                           : "Bad handshake"));
    return false;
  }
  capabilities_ = parsed->capabilities | kClientLocalFiles;
  STRATUS_RETURN_IF_ERROR(
      backend_channel_
          .WritePayload(SetResponseCapabilities(response.payload, kClientLocalFiles),
                        response.first_sequence())
          .status());
  return RelayAuthentication();
}

Result<bool> RelaySession::RelayAuthentication() {
  // The server speaks last: an OK or ERR ends the exchange; an auth switch
  // (0xfe) or more data (0x01) makes the client answer.
  while (true) {
    STRATUS_ASSIGN_OR_RETURN(Message from_server, backend_channel_.ReadMessage());
    STRATUS_RETURN_IF_ERROR(client_channel_.Write(from_server.Raw()));
    const uint8_t header =
        from_server.payload.empty() ? 0 : static_cast<uint8_t>(from_server.payload[0]);
    if (header == kOkHeader) {
      return true;
    }
    if (header == kErrHeader) {
      return false;
    }
    if (header == 0x01 && from_server.payload.size() == 2 && (from_server.payload[1] == 0x03)) {
      continue;  // caching_sha2 fast-auth success: the OK follows unasked.
    }
    STRATUS_ASSIGN_OR_RETURN(Message from_client, client_channel_.ReadMessage());
    STRATUS_RETURN_IF_ERROR(backend_channel_.Write(from_client.Raw()));
  }
}

Status RelaySession::RelayCommands() {
  std::array<pollfd, 2> fds = {pollfd{.fd = client_.get(), .events = POLLIN, .revents = 0},
                               pollfd{.fd = backend_.get(), .events = POLLIN, .revents = 0}};
  std::array<char, size_t{64} * 1024> buffer{};
  while (true) {
    // Messages the client sent together are all handled before waiting.
    while (true) {
      STRATUS_ASSIGN_OR_RETURN(std::optional<Message> message, client_channel_.NextBuffered());
      if (!message.has_value()) {
        break;
      }
      STRATUS_RETURN_IF_ERROR(HandleClientMessage(*message));
    }
    // Server bytes an S3 statement read past its reply go out before any
    // new ones, so that the client sees the server's stream unbroken.
    while (backend_channel_.has_buffered()) {
      STRATUS_RETURN_IF_ERROR(RelayServerBytes(buffer));
    }
    const int ready = ::poll(fds.data(), fds.size(), -1);
    if (ready < 0) {
      if (errno == EINTR) {
        continue;
      }
      return Status::IoError("poll failed");
    }
    if (fds[1].revents != 0) {
      STRATUS_RETURN_IF_ERROR(RelayServerBytes(buffer));
    }
    if (fds[0].revents != 0) {
      STRATUS_ASSIGN_OR_RETURN(bool more, client_channel_.Fill());
      if (!more) {
        return Status::Cancelled("the client closed the connection");
      }
    }
  }
}

Status RelaySession::RelayServerBytes(std::span<char> buffer) {
  STRATUS_ASSIGN_OR_RETURN(size_t got, backend_channel_.ReadRaw(buffer.data(), buffer.size()));
  if (got == 0) {
    return Status::Cancelled("the server closed the connection");
  }
  return client_channel_.Write(std::string_view(buffer.data(), got));
}

Status RelaySession::HandleClientMessage(const Message& message) {
  const bool is_query = message.first_sequence() == 0 && !message.payload.empty() &&
                        static_cast<uint8_t>(message.payload[0]) == kComQuery;
  if (!is_query || options_.lake == nullptr) {
    return backend_channel_.Write(message.Raw());
  }
  std::string_view query = std::string_view(message.payload).substr(1);
  if (!MayBeS3Statement(query)) {
    return backend_channel_.Write(message.Raw());
  }
  Result<std::optional<S3Statement>> parsed = ParseS3Statement(query);
  if (!parsed.ok()) {
    const bool unsupported = parsed.status().code() == StatusCode::kNotImplemented;
    return SendClientError(message, unsupported ? kErrorNotSupported : kErrorParse,
                           parsed.status().message());
  }
  if (!parsed->has_value()) {
    return backend_channel_.Write(message.Raw());
  }
  S3StatementContext context{.backend = &backend_channel_,
                             .lake = options_.lake,
                             .capabilities = capabilities_,
                             .region = options_.region,
                             .max_part_bytes = options_.max_part_bytes};
  Result<std::string> reply = std::holds_alternative<OutfileS3Statement>(**parsed)
                                  ? RunOutfileS3(std::get<OutfileS3Statement>(**parsed), context)
                                  : RunLoadFromS3(std::get<LoadFromS3Statement>(**parsed), context);
  if (!reply.ok()) {
    // The backend connection broke: the client's connection ends with it.
    (void)SendClientError(message, kErrorUnknown, reply.status().message());
    return reply.status();
  }
  return client_channel_.WritePayload(*reply, static_cast<uint8_t>(message.last_sequence() + 1))
      .status();
}

Status RelaySession::SendClientError(const Message& answered,
                                     uint16_t code,
                                     const std::string& text) {
  return client_channel_
      .WritePayload(
          ErrPayload(ErrFields{
              .code = code, .sql_state = code == kErrorParse ? "42000" : "HY000", .message = text}),
          static_cast<uint8_t>(answered.last_sequence() + 1))
      .status();
}

}  // namespace stratus::connectors::mysql
