// Reading a data file that may be gzip-compressed. The SeatGeek snapshots ship as .csv.gz;
// zlib (Debian's zlib1g, already on every machine libcurl is) inflates them in memory, so a
// user need not unpack the file first, and an unpacked copy reads the same.
#include <zlib.h>

#include <fstream>

#include "data/csv.hpp"
#include "seatsync/listing_import.hpp"

namespace seatsync {

namespace {

bool has_gzip_magic(const std::string& bytes) {
  // RFC 1952 2.3.1: ID1 = 31, ID2 = 139.
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::optional<std::string> inflate_gzip(const std::string& compressed) {
  z_stream stream{};
  // 15 window bits + 32: accept a gzip (or zlib) header; concatenated members are read in turn.
  if (inflateInit2(&stream, 15 + 32) != Z_OK) return std::nullopt;
  std::string out;
  std::string chunk(1 << 16, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  int status = Z_OK;
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
    stream.avail_out = static_cast<uInt>(chunk.size());
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(chunk.data(), chunk.size() - stream.avail_out);
    if (status == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      if (inflateReset(&stream) != Z_OK) break;  // another gzip member follows
      continue;
    }
    if (status != Z_OK) break;
  }
  inflateEnd(&stream);
  if (status != Z_STREAM_END) return std::nullopt;
  return out;
}

}  // namespace

std::optional<std::string> read_text_maybe_gzip(const std::filesystem::path& file) {
  auto bytes = csv::read_text_file(file);
  if (!bytes || !has_gzip_magic(*bytes)) return bytes;
  return inflate_gzip(*bytes);
}

}  // namespace seatsync
