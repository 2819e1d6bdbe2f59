#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace stratus::connectors::mysql {

/// Writes filled buffers with `sink` on a thread of its own, in order,
/// while the producer fills the next one: the producer swaps a full buffer
/// for an empty one written earlier, so a few buffers circulate and their
/// pages are touched once, not once per buffer. INTO OUTFILE S3 hashes and
/// writes its part files this way while it reads the server's rows.
///
/// At most `max_full` buffers wait or are being written; Swap() blocks
/// while that many are.
///
/// Thread safety: one producer thread calls Swap(), Drain() and the
/// destructor; `sink` runs on the object's thread, one buffer at a time.
class WriteBehind {
 public:
  WriteBehind(std::function<void(std::string_view)> sink, size_t max_full);
  WriteBehind(const WriteBehind&) = delete;
  WriteBehind& operator=(const WriteBehind&) = delete;
  /// Drops the buffers not yet written and joins the thread.
  ~WriteBehind();

  /// Queues *buffer's bytes for `sink` (no copy) and leaves *buffer empty,
  /// holding the memory of a buffer written earlier when there is one.
  void Swap(std::string* buffer);

  /// Waits until every queued buffer was written.
  void Drain();

 private:
  void Loop();

  const std::function<void(std::string_view)> sink_;
  const size_t max_full_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> full_;   // Guarded by mu_; oldest first.
  std::vector<std::string> empty_;  // Guarded by mu_; written, cleared.
  size_t num_writing_ = 0;          // Guarded by mu_; 0 or 1.
  bool stopping_ = false;           // Guarded by mu_.
  std::thread thread_;              // Last: started once the rest exists.
};

}  // namespace stratus::connectors::mysql
