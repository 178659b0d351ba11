// reconcile/error.hpp - the exception of bad input: it names the path where the input is wrong.
// Light on purpose (std only): reconcile::path is declared here and defined in
// reconcile/path.hpp, which the code that makes an error, or reads its path(), includes.
#pragma once

#include <reconcile/detail/raise.hpp>

#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace reconcile {

class path;

namespace detail {
// An owned object of a type complete only where it is stored (error's path): copied and
// destroyed through functions chosen there.
class owned_opaque {
 public:
  // Not for an owned_opaque itself: a moved owned_opaque copies (the constructor below), it
  // must not be wrapped in another one (which recursed without end).
  template <class T>
    requires(!std::is_same_v<std::remove_cvref_t<T>, owned_opaque>)
  explicit owned_opaque(T&& v)
      : object_(new std::remove_cvref_t<T>(std::forward<T>(v))), ops_(&ops_for<std::remove_cvref_t<T>>) {}
  owned_opaque(const owned_opaque& o) : object_(o.ops_->copy(o.object_)), ops_(o.ops_) {}
  owned_opaque& operator=(const owned_opaque& o) {
    if (this != &o) {
      void* fresh = o.ops_->copy(o.object_);
      ops_->destroy(object_);
      object_ = fresh;
      ops_ = o.ops_;
    }
    return *this;
  }
  ~owned_opaque() { ops_->destroy(object_); }
  template <class T>
  const T& get() const noexcept {
    return *static_cast<const T*>(object_);
  }

 private:
  struct ops {
    void* (*copy)(const void*);
    void (*destroy)(void*) noexcept;
  };
  template <class T>
  static void* copy_fn(const void* p) {
    return new T(*static_cast<const T*>(p));
  }
  template <class T>
  static void destroy_fn(void* p) noexcept {
    delete static_cast<T*>(p);
  }
  template <class T>
  static constexpr ops ops_for = {&copy_fn<T>, &destroy_fn<T>};
  void* object_;
  const ops* ops_;
};
}  // namespace detail

/// error: thrown for bad input (a duplicate key in a keyed sequence, a change whose path does
/// not fit the object). what() reads well on its own; path() is where the problem lies (read
/// it with reconcile/path.hpp included).
class error : public std::runtime_error {
 public:
  /// p: a reconcile::path, or what converts to one (a path_view; {} for the root).
  template <class P = reconcile::path>
    requires std::is_convertible_v<P, reconcile::path>
  error(P p, const std::string& what) : std::runtime_error(what), path_(as_path(std::move(p))) {}
  const reconcile::path& path() const noexcept { return path_.get<reconcile::path>(); }

 private:
  template <class P>
  static auto as_path(P p) {
    if constexpr (std::is_same_v<P, reconcile::path>) return p;
    else return static_cast<reconcile::path>(std::move(p));  // P dependent: path is complete by now
  }
  detail::owned_opaque path_;
};

}  // namespace reconcile
