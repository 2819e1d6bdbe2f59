#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace stratus {

/// Hands a stream of bytes, in order, to a function running on a thread of
/// its own: the producer copies each piece in and goes on, so that work over
/// every byte (an upload's MD5 and checksums) runs beside the work of
/// receiving and writing them instead of after it.
///
/// At most `max_pending_bytes` wait at a time; Push() blocks while more
/// would. The number of such threads in the process is bounded by the
/// cores: TryStart() returns null when they are all taken, and the caller
/// then does the work itself.
///
/// Thread safety: one producer thread calls Push() and Drain(); `consume`
/// runs on the stream's thread, one piece at a time, in order.
class BackgroundStream {
 public:
  /// Starts a stream, or returns null when as many streams as the machine
  /// has cores are running.
  static std::unique_ptr<BackgroundStream> TryStart(std::function<void(std::string_view)> consume,
                                                    size_t max_pending_bytes);

  BackgroundStream(const BackgroundStream&) = delete;
  BackgroundStream& operator=(const BackgroundStream&) = delete;
  /// Drops pieces not yet consumed and joins the thread.
  ~BackgroundStream();

  /// Queues a copy of `data` for `consume`.
  void Push(std::string_view data);

  /// Waits until every pushed piece was consumed. Push() may follow.
  void Drain();

 private:
  BackgroundStream(std::function<void(std::string_view)> consume, size_t max_pending_bytes);
  void Loop();

  const std::function<void(std::string_view)> consume_;
  const size_t max_pending_bytes_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> pieces_;  // Guarded by mu_.
  size_t pending_bytes_ = 0;        // Guarded by mu_; includes the piece in progress.
  bool stopping_ = false;           // Guarded by mu_.
  std::thread thread_;
};

}  // namespace stratus
