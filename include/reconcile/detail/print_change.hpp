// One change as a line of text, shared by the changeset and plan formatters. Not public.
#pragma once

#include <reconcile/change.hpp>

#include <string>
#include <string_view>

namespace reconcile {

namespace detail {
// The key-like text of v: as printed, with `member=` before a keyed-sequence key that does
// not print as a quoted string (see segment_kind), e.g. "web" or number=80.
inline void print_key(std::string& out, const value_ref& v, std::string_view member) {
  const std::size_t at = out.size();
  value_access::print(out, v);
  if (!member.empty() && (out.size() == at || out[at] != '"')) out.insert(at, std::string(member) + '=');
}

// Appends one change's line (no newline). Not a template: shared by every T. A change at the
// root (a diff of two ints, or of two optionals) prints (root) for its path: ~ (root): 1 -> 2.
inline void print_change(std::string& out, const change& c) {
  const bool multiset = c.op() != op::move && c.count() > 0;
  switch (c.op()) {
    case op::add: out += "+ "; break;
    case op::remove: out += "- "; break;
    case op::replace: out += "~ "; break;
    case op::move: out += "> "; break;
  }
  if (c.path().empty()) out += "(root)";
  else c.path().print(out);
  const segment* last = c.path().empty() ? nullptr : &c.path()[c.path().size() - 1];
  const bool set_element = last && last->kind() == segment_kind::element;
  if (c.op() == op::replace) {
    out += ": ";
    value_access::print(out, c.old_value());
    out += " -> ";
    value_access::print(out, c.new_value());
  } else if (multiset || (set_element && c.op() != op::move)) {
    if (multiset || c.count() > 0) out += ": " + std::to_string(c.count()) + " in all";
  } else if (c.op() == op::add) {
    out += ": ";
    value_access::print(out, c.new_value());
  }
  if (c.has_anchor()) {
    out += c.op() == op::add ? ", " : ": ";
    if (c.after().empty()) {
      out += "moved first";
    } else {
      out += "moved after ";
      print_key(out, c.after(), last && last->kind() == segment_kind::key ? last->name() : std::string_view());
    }
  }
  if (c.requires_replace()) out += "  # forces replacement";
}
}  // namespace detail

}  // namespace reconcile
