#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional/optional.hpp>

#include "base/status.h"
#include "http/message.h"

namespace stratus::http {

/// The Beast body type of the connection's request parser. Beast still does
/// the framing (Content-Length, chunked decoding, the body limit); the bytes
/// then go either into a string or, once the connection has set `sink` (when
/// the head arrived, before the first body byte), to that BodySink straight
/// from the read buffer, without another copy.
///
/// Thread safety: none; used only on the connection's strand.
struct RequestBody {
  /// The body of one request as it arrives.
  struct value_type {           // NOLINT(readability-identifier-naming): Beast's Body concept.
    std::string buffered = {};  // The body, when there is no sink.
    std::shared_ptr<BodySink> sink = nullptr;  // Receives the body instead, when set.
    Status sink_status = {};                   // The first Append() error; no appends after it.
  };

  /// Writes parsed body bytes into a value_type.
  class reader {  // NOLINT(readability-identifier-naming): Beast's Body concept.
   public:
    template <bool kIsRequest, class Fields>
    reader(boost::beast::http::header<kIsRequest, Fields>& /*head*/, value_type& body)
        : body_(body) {}

    /// Reserves the announced length of a buffered body (which the connection
    /// has already checked against its limit).
    void init(  // NOLINT(readability-identifier-naming): Beast's Body concept.
        const boost::optional<uint64_t>& content_length,
        boost::beast::error_code& error);

    /// Takes every byte of `buffers`; never fails (a failing sink only stops
    /// receiving).
    template <class ConstBufferSequence>
    size_t put(  // NOLINT(readability-identifier-naming): Beast's Body concept.
        const ConstBufferSequence& buffers,
        boost::beast::error_code& error) {
      error = {};
      size_t num_bytes = 0;
      const auto end = boost::asio::buffer_sequence_end(buffers);
      for (auto it = boost::asio::buffer_sequence_begin(buffers); it != end; ++it) {
        const boost::asio::const_buffer buffer(*it);
        Take(std::string_view(static_cast<const char*>(buffer.data()), buffer.size()));
        num_bytes += buffer.size();
      }
      return num_bytes;
    }

    void finish(boost::beast::error_code& error) {  // NOLINT(readability-identifier-naming)
      error = {};
    }

   private:
    void Take(std::string_view bytes);

    value_type& body_;
  };
};

}  // namespace stratus::http
