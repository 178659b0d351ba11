// Peer: protobuf's MessageDifferencer on messages equivalent to the model (diff_model.proto).
// One differencer is reused per case, containers and list items TreatAsMap by name; the
// diff cases attach a Reporter that records each leaf difference into a reused vector, the
// equality cases compare without a reporter. Messages are built outside the loop.
#include "data.hpp"
#include "../support/alloc_counter.hpp"

#include "diff_model.pb.h"

#include <google/protobuf/util/message_differencer.h>

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

namespace bench {
namespace {

namespace pb = reconcile_bench;
using google::protobuf::Message;
using google::protobuf::util::MessageDifferencer;

void convert(const Container& c, pb::Container* m) {
  m->set_name(c.name);
  m->set_image(c.image);
  m->set_cpu_millis(c.cpu_millis);
  for (const auto& a : c.args) m->add_args(a);
}
void convert(const Deployment& d, pb::Deployment* m) {
  m->set_name(d.name);
  m->set_ns(d.ns);
  m->set_replicas(d.replicas);
  for (const auto& [k, v] : d.labels) (*m->mutable_labels())[k] = v;
  for (const auto& c : d.containers) convert(c, m->add_containers());
  if (d.strategy) m->set_strategy(*d.strategy);
  m->set_max_surge(d.max_surge);
  m->set_paused(d.paused);
  m->set_generation(d.generation);
}
void convert(const DeploymentList& l, pb::DeploymentList* m) {
  for (const auto& d : l.items) convert(d, m->add_items());
}
void convert(const Flat32& f, pb::Flat32* m) {
  m->set_f00(f.f00); m->set_f01(f.f01); m->set_f02(f.f02); m->set_f03(f.f03);
  m->set_f04(f.f04); m->set_f05(f.f05); m->set_f06(f.f06); m->set_f07(f.f07);
  m->set_f08(f.f08); m->set_f09(f.f09); m->set_f10(f.f10); m->set_f11(f.f11);
  m->set_f12(f.f12); m->set_f13(f.f13); m->set_f14(f.f14); m->set_f15(f.f15);
  m->set_f16(f.f16); m->set_f17(f.f17); m->set_f18(f.f18); m->set_f19(f.f19);
  m->set_f20(f.f20); m->set_f21(f.f21); m->set_f22(f.f22); m->set_f23(f.f23);
  m->set_f24(f.f24); m->set_f25(f.f25); m->set_f26(f.f26); m->set_f27(f.f27);
  m->set_f28(f.f28); m->set_f29(f.f29); m->set_f30(f.f30); m->set_f31(f.f31);
}
void convert(const std::vector<Flat32>& w, pb::World* m) {
  for (const auto& f : w) convert(f, m->add_entities());
}

// Records leaf differences (kind and field number) into a reused vector. The differencer also
// reports every enclosing message of a changed leaf as modified; those are not recorded.
class recorder final : public MessageDifferencer::Reporter {
 public:
  struct record {
    char kind;
    int field;
  };
  std::vector<record> out;
  recorder() { out.reserve(4096); }

  void ReportAdded(const Message&, const Message&, const std::vector<MessageDifferencer::SpecificField>& p) override {
    out.push_back({'+', number(p)});
  }
  void ReportDeleted(const Message&, const Message&, const std::vector<MessageDifferencer::SpecificField>& p) override {
    out.push_back({'-', number(p)});
  }
  void ReportModified(const Message&, const Message&, const std::vector<MessageDifferencer::SpecificField>& p) override {
    if (leaf(p)) out.push_back({'~', number(p)});
  }

 private:
  static bool leaf(const std::vector<MessageDifferencer::SpecificField>& p) {
    return p.empty() || !p.back().field ||
           p.back().field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE;
  }
  static int number(const std::vector<MessageDifferencer::SpecificField>& p) {
    return p.empty() || !p.back().field ? 0 : p.back().field->number();
  }
};

void treat_as_maps(MessageDifferencer& d) {
  d.TreatAsMap(pb::Deployment::descriptor()->FindFieldByName("containers"),
               pb::Container::descriptor()->FindFieldByName("name"));
  d.TreatAsMap(pb::DeploymentList::descriptor()->FindFieldByName("items"),
               pb::Deployment::descriptor()->FindFieldByName("name"));
}

// The differencer, its reporter and the two messages of one case.
template <class M>
struct pb_case {
  M a, b;
  MessageDifferencer eq, diff;
  recorder rec;
  template <class T>
  pb_case(const T& x, const T& y) {
    convert(x, &a);
    convert(y, &b);
    treat_as_maps(eq);
    treat_as_maps(diff);
    diff.ReportDifferencesTo(&rec);
  }
};

template <class M>
void add_cases(const std::string& w, pb_case<M>* c, bool eq, bool diff, benchmark::TimeUnit unit) {
  if (eq)
    benchmark::RegisterBenchmark((w + "/eq/pb").c_str(), [c](benchmark::State& st) {
      alloc_probe probe;
      for (auto _ : st) {
        bool same = c->eq.Compare(c->a, c->b);
        benchmark::DoNotOptimize(same);
      }
      probe.report(st);
    })->Unit(unit);
  if (diff)
    benchmark::RegisterBenchmark((w + "/diff/pb").c_str(), [c](benchmark::State& st) {
      c->rec.out.clear();
      c->diff.Compare(c->a, c->b);
      alloc_probe probe;
      for (auto _ : st) {
        c->rec.out.clear();
        bool same = c->diff.Compare(c->a, c->b);
        benchmark::DoNotOptimize(same);
      }
      probe.report(st);
    })->Unit(unit);
}

template <class M>
void check(const std::string& w, pb_case<M>* c, std::vector<check_row>& rows) {
  c->rec.out.clear();
  c->diff.Compare(c->a, c->b);
  rows.push_back({w, "pb", static_cast<long long>(c->rec.out.size()), c->eq.Compare(c->a, c->b)});
}

// Cases live until the process exits (the registered benchmarks refer to them).
template <class C>
C* keep(std::shared_ptr<C> c) {
  static std::vector<std::shared_ptr<void>> cases;
  cases.push_back(c);
  return c.get();
}

}  // namespace

void register_protobuf(bool checks, std::vector<check_row>& rows) {
  struct small {
    const char* name;
    int changes;
  };
  for (small s : {small{"deploy_equal", 0}, small{"deploy_1change", 1}, small{"deploy_3changes", 3}}) {
    const deploy_case& d = deploy_data(s.changes);
    auto* c = keep(std::make_shared<pb_case<pb::Deployment>>(d.a, d.b));
    add_cases(s.name, c, true, true, benchmark::kNanosecond);
    if (checks) check(s.name, c, rows);
  }
  for (small s : {small{"flat32_equal", 0}, small{"flat32_1change", 1}, small{"flat32_allchanged", 32}}) {
    const flat_case& f = flat_data(s.changes);
    auto* c = keep(std::make_shared<pb_case<pb::Flat32>>(f.a, f.b));
    add_cases(s.name, c, true, true, benchmark::kNanosecond);
    if (checks) check(s.name, c, rows);
  }
  // Keyed lists. Not at 100k (TreatAsMap is quadratic: about 20 s a call) nor shuffled 10k
  // (about 8 s a call); the reversed 4k case shows the quadratic cost.
  struct keyed {
    const char* name;
    std::size_t n;
    order o;
    bool modified;
  };
  for (keyed k : {keyed{"keyed10k_equal", 10'000, order::same, false},
                  keyed{"keyed10k_1pct", 10'000, order::same, true},
                  keyed{"keyed4k_reversed", 4'000, order::reversed, true}}) {
    const keyed_pair& p = keyed_data(k.n, k.o, k.modified);
    auto* c = keep(std::make_shared<pb_case<pb::DeploymentList>>(p.a, p.b));
    add_cases(k.name, c, !k.modified, true, benchmark::kMicrosecond);
    if (checks) check(k.name, c, rows);
  }
  {
    const world_pair& wd = world_data();
    auto* c = keep(std::make_shared<pb_case<pb::World>>(wd.before, wd.after));
    add_cases("tick10k_5pct", c, false, true, benchmark::kMicrosecond);
    if (checks) check("tick10k_5pct", c, rows);
  }
}

}  // namespace bench
