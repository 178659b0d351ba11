// reconcile/etcd/attachment.hpp - what attach(ctl) returns: the link from an etcd source,
// election or shard to a controller's notify, undone when it is destroyed.
#pragma once

#include <functional>
#include <utility>

namespace reconcile::etcd {

// attachment: what attach(ctl) returns: while it lives, the source, election or shard may
// notify ctl from its threads; destroying it (or reset()) detaches, waiting for a notify in
// progress. Declare it after the controller, so that it goes first. Move-only.
class [[nodiscard]] attachment {
 public:
  attachment() = default;
  explicit attachment(std::function<void()> detach) : detach_(std::move(detach)) {}
  attachment(attachment&& o) noexcept : detach_(std::exchange(o.detach_, {})) {}
  attachment& operator=(attachment&& o) noexcept {
    if (this != &o) {
      reset();
      detach_ = std::exchange(o.detach_, {});
    }
    return *this;
  }
  attachment(const attachment&) = delete;
  attachment& operator=(const attachment&) = delete;
  ~attachment() { reset(); }
  void reset() {
    if (detach_) std::exchange(detach_, {})();
  }

 private:
  std::function<void()> detach_;
};

}  // namespace reconcile::etcd
