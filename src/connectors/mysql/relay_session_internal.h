#pragma once

#include <atomic>
#include <cstdint>
#include <span>
#include <string>

#include "connectors/mysql/packet_channel_internal.h"
#include "connectors/mysql/socket_internal.h"

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::connectors::mysql {

/// What a session needs from its front.
struct RelaySessionOptions {
  std::string backend_socket = {};
  lake::Lake* lake = nullptr;
  std::string region = "us-east-1";
  uint64_t max_part_bytes = uint64_t{6} * 1000 * 1000 * 1000;
};

/// One client connection relayed to the backend server.
///
/// Connection phase: the server's greeting goes to the client without the
/// CLIENT_SSL and CLIENT_COMPRESS capabilities (so clients stay on plain,
/// uncompressed packets the front can read); the client's handshake
/// response goes to the server with CLIENT_LOCAL_FILES added (the front
/// answers LOAD DATA FROM S3's LOCAL INFILE requests itself); every
/// authentication packet after that passes unchanged until the server's OK
/// or ERR.
///
/// Command phase: the server's bytes go to the client as they come. The
/// client's messages are framed; a COM_QUERY that is an Aurora S3
/// statement is run by the front over this same backend connection and
/// answered with an OK or ERR packet; every other message goes to the
/// server byte for byte.
///
/// Either side closing (or Shutdown()) ends the session; destroying it
/// closes both sockets.
///
/// Ownership: owns the client socket and its backend socket; borrows the lake.
/// Thread safety: Run() on one thread; Shutdown() from any thread wakes it.
class RelaySession {
 public:
  RelaySession(UniqueFd client, RelaySessionOptions options);
  RelaySession(const RelaySession&) = delete;
  RelaySession& operator=(const RelaySession&) = delete;

  /// Serves the connection to its end.
  void Run();

  /// Ends the session: both sockets see end of stream.
  void Shutdown();

 private:
  // Connects to the backend and relays until either side closes.
  void Serve();
  // Relays the greeting, the handshake response and authentication; true
  // when the client is authenticated.
  Result<bool> RelayConnectionPhase();
  // Relays authentication exchanges until the server's OK or ERR.
  Result<bool> RelayAuthentication();
  // Relays commands until either side closes.
  Status RelayCommands();
  // Passes the server's next bytes (those its channel holds first) to the
  // client; kCancelled when the server closed the connection.
  Status RelayServerBytes(std::span<char> buffer);
  // Handles one client message of the command phase.
  Status HandleClientMessage(const Message& message);
  // Sends the client an ERR answering its message.
  Status SendClientError(const Message& answered, uint16_t code, const std::string& text);

  UniqueFd client_;
  UniqueFd backend_;
  RelaySessionOptions options_;
  PacketChannel client_channel_;
  PacketChannel backend_channel_{-1};
  // Capabilities both sides agreed on (the client's response, as forwarded).
  uint32_t capabilities_ = 0;
  std::atomic<bool> backend_ready_{false};
  std::atomic<bool> shut_down_{false};
};

}  // namespace stratus::connectors::mysql
