#pragma once
// A blocking HTTP/1.1 client for the service tests (Boost.Beast): one keep-alive connection to
// 127.0.0.1:port, reconnecting when the server closed it. Also a raw socket for clients that
// misbehave on purpose (stalled, oversized).
#include <map>
#include <memory>
#include <string>

namespace seatsync::test {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lowercased
  std::string body;
};

class HttpClient {
 public:
  explicit HttpClient(unsigned short port);
  ~HttpClient();
  HttpResult request(const std::string& method, const std::string& target, const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {});
  HttpResult get(const std::string& target) { return request("GET", target); }
  HttpResult post(const std::string& target, const std::string& body, const std::map<std::string, std::string>& headers = {}) {
    return request("POST", target, body, headers);
  }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A raw TCP connection: send bytes, read what comes back until the server closes or `timeout_ms`.
class RawConnection {
 public:
  explicit RawConnection(unsigned short port);
  ~RawConnection();
  void send(const std::string& bytes);
  void finish_sending();  // shutdown(SHUT_WR): the server reads end of stream, we can still read
  // Everything received until the peer closed (closed = true) or the timeout passed.
  std::string read_until_closed(int timeout_ms, bool& closed);

 private:
  int fd_ = -1;
};

}  // namespace seatsync::test
