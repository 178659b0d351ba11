// expect: culprit<Handle, reconcile::detail::type_problem::neither_reflectable_nor_comparable
// max-lines: 12
// A field whose type can be neither reflected nor compared: the error is at diff's call,
// not deep inside the recursion.
#include <reconcile/reconcile.hpp>

#include <map>
#include <string>

class Handle {
 public:
  explicit Handle(int fd) : fd_(fd) {}
  int fd() const { return fd_; }

 private:
  int fd_;
};

struct Connection {
  std::string peer;
  std::map<std::string, Handle> handles;
};

int main() {
  Connection a, b;
  return static_cast<int>(reconcile::diff(a, b).size());
}
