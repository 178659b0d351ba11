// expect: reconcile::wire: a leaf type has no wire form
#include <reconcile/wire.hpp>

#include <vector>

// A leaf with only operator==: diffable, but the codec cannot see inside it.
class Version {
 public:
  bool operator==(const Version&) const = default;

 private:
  int major_ = 0;
};
struct Release {
  int build = 0;
  Version version;
};

int main() {
  std::vector<unsigned char> out;
  reconcile::wire::encode_value(out, Release{});
  return 0;
}
