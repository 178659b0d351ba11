// reconcile/file_journal.hpp - a journal in a local append-only file (POSIX).
//
//   reconcile::file_journal j("/var/lib/oms/intents");   // created if absent
//   reconcile::expectations expect(j, std::chrono::seconds(30));
//
// Each record is framed as [u32 payload length][u64 FNV-1a of the payload][payload], little
// endian (detail/journal_codec.hpp). A synced append is one write() then fdatasync(); a buffered one is the write alone
// (the page cache survives kill -9, not a power cut). load() reads records up to the first
// frame that is short or fails its checksum - a torn last record from a crash mid-write - and
// truncates the file there, so appends go on after the last good record. compact(live)
// writes the live records to `<path>.tmp`, fsyncs it, renames it over the file and fsyncs the
// directory: a crash leaves either the old file or the new one.
#pragma once

#include <reconcile/detail/journal_codec.hpp>
#include <reconcile/journal.hpp>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace reconcile {

/// file_journal(path): a journal kept in the file at `path` (opened for append, created if
/// absent). Costs per synced append: one write() and one fdatasync(). Throws
/// std::system_error when the file cannot be opened or written.
class file_journal final : public journal {
 public:
  explicit file_journal(std::filesystem::path path) : path_(std::move(path)) { open(); }
  file_journal(const file_journal&) = delete;
  file_journal& operator=(const file_journal&) = delete;
  ~file_journal() override {
    if (fd_ >= 0) ::close(fd_);
  }

  /// The file's path.
  const std::filesystem::path& path() const noexcept { return path_; }
  /// Records found torn (and cut off) by the last load(): 0 or 1.
  std::size_t torn() const noexcept { return torn_; }

  std::vector<journal_record> load() override {
    std::string bytes;
    char buf[1 << 16];
    const int rd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (rd < 0) fail("open");
    for (ssize_t n; (n = ::read(rd, buf, sizeof buf)) > 0;) bytes.append(buf, static_cast<std::size_t>(n));
    ::close(rd);
    std::vector<journal_record> out;
    std::size_t at = 0;
    torn_ = 0;
    while (at < bytes.size()) {
      journal_record r;
      const std::size_t next = detail::journal_codec::decode(bytes, at, r);
      if (next == 0) {
        torn_ = 1;
        break;
      }
      out.push_back(std::move(r));
      at = next;
    }
    if (at < bytes.size() && ::ftruncate(fd_, static_cast<off_t>(at)) != 0) fail("ftruncate");
    return out;
  }

  void append(const journal_record& r, durability d) override {
    const std::string frame = detail::journal_codec::encode(r);
    write_all(fd_, frame);
    if (d == durability::synced && ::fdatasync(fd_) != 0) fail("fdatasync");
  }

  void compact(const std::vector<journal_record>& live) override {
    const std::filesystem::path tmp = path_.string() + ".tmp";
    const int t = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (t < 0) fail("open");
    std::string all;
    for (const journal_record& r : live) all += detail::journal_codec::encode(r);
    write_all(t, all);
    if (::fsync(t) != 0) fail("fsync");
    ::close(t);
    if (::rename(tmp.c_str(), path_.c_str()) != 0) fail("rename");
    sync_directory();
    ::close(fd_);
    fd_ = -1;
    open();
  }

 private:
  void open() {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) fail("open");
  }
  void sync_directory() const {
    const std::filesystem::path dir = path_.has_parent_path() ? path_.parent_path() : std::filesystem::path(".");
    const int d = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d < 0) return;
    (void)::fsync(d);
    ::close(d);
  }
  [[noreturn]] void fail(const char* call) const {
    throw std::system_error(errno, std::generic_category(),
                            "reconcile::file_journal: " + std::string(call) + " " + path_.string());
  }
  void write_all(int fd, const std::string& s) const {
    for (std::size_t done = 0; done < s.size();) {
      const ssize_t n = ::write(fd, s.data() + done, s.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail("write");
      done += static_cast<std::size_t>(n);
    }
  }

  std::filesystem::path path_;
  int fd_ = -1;
  std::size_t torn_ = 0;
};

}  // namespace reconcile
