#!/usr/bin/env python3
"""Writes benchmarks/RESULTS.md from the outputs of scripts/bench:
  --diff FILE        Google Benchmark JSON of bench_diff (names: <workload>/<mode>/<impl>)
  --check FILE       bench_diff --check-only output (the cross-check)
  --bench NAME=FILE  Google Benchmark JSON of another benchmark binary (e.g. bench_controller)
  --compile FILE     benchmarks/compile_time/measure.py output
  --load TEXT        load averages before/after the run, as scripts/bench saw them
  --out FILE         where to write the markdown
  --readme FILE      also replace the text between `<!-- bench:headline -->` and
                     `<!-- /bench:headline -->` in FILE with the headline table (if both are there)
Every time is the median of the repetitions' CPU time per iteration; every ratio is taken
between figures of the same run. Only the standard library is used."""
import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import time

UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


# ---------------------------------------------------------------- reading -----------------

def load_gbench(path):
    """{run_name: {"cpu": ns, "real": ns, "allocs": x or None, "counters": {...}}}, medians."""
    with open(path) as f:
        data = json.load(f)
    runs, medians = {}, {}
    for b in data.get("benchmarks", []):
        name = b.get("run_name", b["name"])
        scale = UNIT_NS.get(b.get("time_unit", "ns"), 1.0)
        counters = {k: v for k, v in b.items() if isinstance(v, (int, float)) and k not in (
            "cpu_time", "real_time", "iterations", "repetitions", "repetition_index", "threads",
            "family_index", "per_family_instance_index")}
        rec = {"cpu": b["cpu_time"] * scale, "real": b["real_time"] * scale, "counters": counters}
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[name] = rec
        else:
            runs.setdefault(name, []).append(rec)
    out = {}
    for name, rs in runs.items():
        if name in medians:
            out[name] = medians[name]
        else:
            keys = set().union(*(r["counters"].keys() for r in rs))
            out[name] = {"cpu": statistics.median(r["cpu"] for r in rs),
                         "real": statistics.median(r["real"] for r in rs),
                         "counters": {k: statistics.median(r["counters"].get(k, 0) for r in rs) for k in keys}}
    for name, rec in medians.items():
        out.setdefault(name, rec)
    for rec in out.values():
        rec["allocs"] = rec["counters"].get("allocs")
    return data.get("context", {}), out


# ---------------------------------------------------------------- formatting --------------

def fmt_ns(ns):
    if ns is None:
        return "—"
    if ns >= 1e6:
        return f"{ns / 1e6:,.2f} ms"
    if ns >= 1e4:
        return f"{ns / 1e3:,.1f} µs"
    if ns >= 1e3:
        return f"{ns / 1e3:,.2f} µs"
    if ns >= 10:
        return f"{ns:,.0f} ns"
    return f"{ns:.2f} ns"


def fmt_ratio(r):
    if r is None:
        return "—"
    if r >= 100:
        return f"{r:,.0f}×"
    if r >= 10:
        return f"{r:.1f}×"
    return f"{r:.2f}×"


def fmt_allocs(a):
    if a is None:
        return "—"
    if a < 0.05:
        return "0"
    if a >= 1000:
        return f"{a:,.0f}"
    return f"{a:.3g}"


def table(header, rows, align=None):
    align = align or ["l"] + ["r"] * (len(header) - 1)
    sep = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(sep) + "|"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def sh(cmd):
    try:
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              shell=isinstance(cmd, str)).stdout.strip()
    except OSError:
        return ""


# ---------------------------------------------------------------- the report --------------

class Diff:
    def __init__(self, recs):
        self.r = recs

    def get(self, w, mode, impl):
        return self.r.get(f"{w}/{mode}/{impl}")

    def cpu(self, w, mode, impl):
        rec = self.get(w, mode, impl)
        return rec["cpu"] if rec else None

    def allocs(self, w, mode, impl):
        rec = self.get(w, mode, impl)
        return rec["allocs"] if rec else None

    def ratio(self, w, mode, num, den):
        a, b = self.cpu(w, mode, num), self.cpu(w, mode, den)
        return a / b if a is not None and b else None


DEPLOY = ["deploy_equal", "deploy_1change", "deploy_3changes"]
FLAT = ["flat32_equal", "flat32_1change", "flat32_allchanged"]
KEYED = ["keyed10k_equal", "keyed10k_1pct", "keyed100k_1pct", "keyed10k_shuffled", "keyed4k_reversed"]
TICK = ["tick10k_5pct"]
WHAT = {
    "deploy_equal": "Deployment, nothing changed",
    "deploy_1change": "Deployment, replicas changed",
    "deploy_3changes": "Deployment, replicas + a label + a container's image",
    "flat32_equal": "32 scalars, nothing changed",
    "flat32_1change": "32 scalars, 1 changed",
    "flat32_allchanged": "32 scalars, all changed",
    "keyed10k_equal": "10k Deployments keyed by name, equal",
    "keyed10k_1pct": "10k Deployments, 1 % modified (200 changes), same order",
    "keyed100k_1pct": "100k Deployments, 1 % modified (2,000 changes), same order",
    "keyed10k_shuffled": "10k Deployments, 1 % modified, b shuffled",
    "keyed4k_reversed": "4k Deployments, 1 % modified, b reversed",
    "tick10k_5pct": "game tick: 10k Flat32 entities, 5 % moved (1,500 changes)",
}


def targets_section(d, compile_rows):
    rows = []

    def fmt_ratio(r):  # three decimals where a target's bound is close
        return "—" if r is None else (f"{r:.3f}×" if r < 10 else globals()["fmt_ratio"](r))

    def add(target, measured, ok, how):
        verdict = "—" if ok is None else ("met" if ok else "**missed**")
        rows.append([target, measured, verdict, how])

    r = d.ratio("deploy_equal", "eq", "reconcile", "opeq")
    add("equal, unchanged Deployment ≤ 1.1× defaulted `operator==`", fmt_ratio(r), r is not None and r <= 1.1,
        "deploy_equal: reconcile::equal ÷ `==`")
    r = d.ratio("deploy_3changes", "diff", "reconcile", "hand")
    add("diff_into with 3 changes ≤ 1.5× hand-written", fmt_ratio(r), r is not None and r <= 1.5,
        "deploy_3changes: diff_into ÷ hand-written diff")
    worst, where = 0.0, []
    for w in ["deploy_equal", "flat32_equal", "keyed10k_equal"]:
        for mode in ["eq", "diff"]:
            a = d.allocs(w, mode, "reconcile")
            if a is not None:
                where.append(f"{w}/{mode}")
                worst = max(worst, a)
    add("0 allocations for unchanged data", fmt_allocs(worst) + " allocs/iter (max)", worst < 0.05,
        "reconcile, equal and diff_into: " + ", ".join(where))
    best = None
    for w in DEPLOY + FLAT + KEYED + TICK:
        for mode in ["eq", "diff"]:
            r = d.ratio(w, mode, "pb", "reconcile")
            if r is not None and (best is None or r < best[0]):
                best = (r, f"{w}/{mode}")
    add("≥ 50× faster than MessageDifferencer in every case",
        f"{fmt_ratio(best[0])} (slowest case: {best[1]})" if best else "—",
        best is not None and best[0] >= 50 if best else None, "pb ÷ reconcile, every case measured with both")
    best = None
    for w in ["deploy_1change", "deploy_3changes", "flat32_1change", "flat32_allchanged", "keyed10k_1pct",
              "tick10k_5pct"]:
        r = d.ratio(w, "diff", "nl", "reconcile")
        if r is not None and (best is None or r < best[0]):
            best = (r, w)
    add("≥ 25× faster than json::diff (prebuilt json), changed data",
        f"{fmt_ratio(best[0])} (slowest case: {best[1]})" if best else "—",
        best is not None and best[0] >= 25 if best else None, "nl ÷ reconcile diff_into")
    best = None
    for w in ["deploy_equal", "flat32_equal", "keyed10k_equal"]:
        r = d.ratio(w, "diff", "nl", "reconcile")
        if r is not None and (best is None or r < best[0]):
            best = (r, w)
    add("≥ 2× faster than json::diff (prebuilt json), unchanged data",
        f"{fmt_ratio(best[0])} (slowest case: {best[1]})" if best else "—",
        best is not None and best[0] >= 2 if best else None, "nl ÷ reconcile diff_into")
    r = d.ratio("keyed4k_reversed", "diff", "pb", "reconcile")
    add("order-reversed keyed 4k ≥ 100× faster than TreatAsMap", fmt_ratio(r), r is not None and r >= 100 if r else None,
        "keyed4k_reversed: pb ÷ reconcile")
    a, b = d.cpu("keyed100k_1pct", "diff", "reconcile"), d.cpu("keyed10k_1pct", "diff", "reconcile")
    r = a / b if a and b else None
    add("keyed 100k ÷ 10k time ≤ 11", f"{r:.1f}" if r else "—", r is not None and r <= 11 if r else None,
        "diff_into, 1 % modified, same order")
    r1 = d.ratio("keyed10k_1pct", "diff", "reconcile", "hand_hash")
    r2 = d.ratio("keyed100k_1pct", "diff", "reconcile", "hand_hash")
    worst = max(x for x in (r1, r2) if x is not None) if (r1 or r2) else None
    add("keyed ≤ 1.2× a hand-written unordered_map diff (index rebuilt per call)",
        f"{fmt_ratio(r1)} (10k), {fmt_ratio(r2)} (100k)", worst is not None and worst <= 1.2 if worst else None,
        "reconcile ÷ hand_hash")
    r = d.ratio("tick10k_5pct", "diff", "reconcile", "hand")
    add("game tick ≤ 1.2× the hand-written delta loop", fmt_ratio(r), r is not None and r <= 1.2 if r else None,
        "tick10k_5pct: diff_into ÷ hand-written loop")
    g = {(c["tu"], c["fields"]): c for c in compile_rows if c["compiler"] == "g++"}
    rc, pf = g.get(("reconcile", 64)), g.get(("pfr", 64))
    if rc and "cpu_median" in rc:
        add("64-field TU compiles in ≤ 2 s with g++ -O2", f"{rc['cpu_median']:.2f} s cpu ({rc['wall_median']:.2f} s wall)",
            rc["cpu_median"] <= 2.0, "median; tu_reconcile.cpp with 64 fields")
        if pf and "cpu_median" in pf:
            r = rc["cpu_median"] / pf["cpu_median"]
            add("64-field TU ≤ 1.5× the Boost.PFR TU (g++ -O2)", fmt_ratio(r), r <= 1.5, "cpu time, reconcile ÷ PFR")
    return table(["target", "measured", "verdict", "how"], rows, ["l", "r", "l", "l"]) + "\n\n" + bounds(d, compile_rows)


def bounds(d, compile_rows):
    """What each peer target asks for, against what the hand-written code or `==` achieve."""
    notes = []
    worst = None
    for w in DEPLOY + FLAT + KEYED + TICK:
        r = d.ratio(w, "diff", "pb", "reconcile")
        if r is not None and (worst is None or r < worst[0]):
            worst = (r, w)
    if worst:
        h = d.ratio(worst[1], "diff", "pb", "hand")
        if h:
            notes.append(f"* protobuf, slowest case `{worst[1]}`: the hand-written diff itself is {fmt_ratio(h)} faster "
                         f"than MessageDifferencer there, reconcile {fmt_ratio(worst[0])}.")
        fl = d.ratio(worst[1], "diff", "pb", "layout_floor")
        if fl:
            notes.append(f"* protobuf, `{worst[1]}`: the floor of reconcile's change layout (the same compares, then "
                         f"only the bare stores of each owned change record, no logic) is {fmt_ratio(fl)} faster than "
                         f"MessageDifferencer: 50× would leave about {fmt_ns(d.cpu(worst[1], 'diff', 'pb') / 50 / 32)} "
                         "per change record.")
    for w in ["deploy_1change", "deploy_3changes", "keyed10k_1pct"]:
        nl, rc = d.cpu(w, "diff", "nl"), d.cpu(w, "diff", "reconcile")
        base = d.cpu("keyed10k_equal" if w.startswith("keyed") else "deploy_equal", "eq", "opeq")
        if nl and rc and base:
            notes.append(f"* json::diff, `{w}`: 25× asks for ≤ {fmt_ns(nl / 25)}; comparing the same data once with the "
                         f"defaulted `==` takes {fmt_ns(base)}; the hand-written diff {fmt_ns(d.cpu(w, 'diff', 'hand') or d.cpu(w, 'diff', 'hand_hash'))}.")
    for impl in ["reconcile", "hand_hash", "hand_instep"]:
        a, b = d.cpu("keyed100k_1pct", "diff", impl), d.cpu("keyed10k_1pct", "diff", impl)
        if a and b:
            notes.append(f"* 100k ÷ 10k, {impl}: {a / b:.1f} (10k Deployments take about 40 MB, 100k about 400 MB: "
                         "the larger no longer fits any cache).") if impl == "reconcile" else notes.append(
                f"* 100k ÷ 10k, {impl}: {a / b:.1f}.")
    g = {(c["tu"], c["fields"]): c for c in compile_rows if c["compiler"] == "g++" and "cpu_median" in c}
    if ("include", 64) in g and ("pfr", 64) in g and ("reconcile", 64) in g:
        inc, pf, rc = g[("include", 64)]["cpu_median"], g[("pfr", 64)]["cpu_median"], g[("reconcile", 64)]["cpu_median"]
        notes.append(f"* compile: reconcile's includes alone take {inc:.2f} s ({inc / pf:.2f}× the whole PFR TU); "
                     f"instantiating equal + diff_into for 64 fields adds {rc - inc:.2f} s.")
    return "Bounds behind the peer targets (same run):\n\n" + "\n".join(notes) if notes else ""


def diff_tables(d):
    out = []
    impls = [("reconcile", "reconcile `diff_into`"), ("hand", "hand-written"), ("pfr", "Boost.PFR"),
             ("pb", "protobuf"), ("nl", "nlohmann"), ("nl_conv", "nlohmann + to_json")]
    rows = []
    for w in DEPLOY + FLAT + TICK:
        row = [f"`{w}`"] + [fmt_ns(d.cpu(w, "diff", i)) for i, _ in impls]
        row.append(" / ".join(fmt_allocs(d.allocs(w, "diff", i)) for i, _ in impls))
        row += [fmt_ratio(d.ratio(w, "diff", "reconcile", "hand")), fmt_ratio(d.ratio(w, "diff", "reconcile", "pfr")),
                fmt_ratio(d.ratio(w, "diff", "pb", "reconcile")), fmt_ratio(d.ratio(w, "diff", "nl", "reconcile")),
                fmt_ratio(d.ratio(w, "diff", "nl_conv", "reconcile"))]
        rows.append(row)
    out.append(table(["case"] + [n for _, n in impls] +
                     ["allocs/iter (reconcile / hand / PFR / pb / nl / nl+conv)", "reconcile ÷ hand",
                      "reconcile ÷ PFR", "pb ÷ reconcile", "nl ÷ reconcile", "nl+conv ÷ reconcile"], rows))
    return "\n".join(out)


def eq_table(d):
    impls = [("reconcile", "reconcile `equal`"), ("opeq", "defaulted `==`"), ("pfr", "PFR `eq_fields`"),
             ("pb", "protobuf `Compare`"), ("nl", "nlohmann `==`")]
    rows = []
    for w in DEPLOY + FLAT + ["keyed10k_equal"]:
        row = [f"`{w}`"] + [fmt_ns(d.cpu(w, "eq", i)) for i, _ in impls]
        row.append(" / ".join(fmt_allocs(d.allocs(w, "eq", i)) for i, _ in impls))
        row += [fmt_ratio(d.ratio(w, "eq", "reconcile", "opeq")), fmt_ratio(d.ratio(w, "eq", "reconcile", "pfr")),
                fmt_ratio(d.ratio(w, "eq", "pb", "reconcile")), fmt_ratio(d.ratio(w, "eq", "nl", "reconcile"))]
        rows.append(row)
    return table(["case"] + [n for _, n in impls] +
                 ["allocs/iter (reconcile / == / PFR / pb / nl)", "reconcile ÷ ==", "reconcile ÷ PFR",
                  "pb ÷ reconcile", "nl ÷ reconcile"], rows)


def keyed_table(d):
    impls = [("reconcile", "reconcile"), ("hand_hash", "hand: unordered_map index"),
             ("hand_sortmerge", "hand: sort-merge"), ("hand_instep", "hand: in-step walk + index"),
             ("pb", "protobuf TreatAsMap"), ("nl", "nlohmann (by position)"), ("nl_conv", "nlohmann + to_json")]
    rows = []
    for w in KEYED:
        row = [f"`{w}`"] + [fmt_ns(d.cpu(w, "diff", i)) for i, _ in impls]
        row.append(" / ".join(fmt_allocs(d.allocs(w, "diff", i)) for i, _ in impls))
        row += [fmt_ratio(d.ratio(w, "diff", "reconcile", "hand_hash")),
                fmt_ratio(d.ratio(w, "diff", "hand_sortmerge", "hand_hash")),
                fmt_ratio(d.ratio(w, "diff", "pb", "reconcile"))]
        rows.append(row)
    return table(["case"] + [n for _, n in impls] +
                 ["allocs/iter (same order)", "reconcile ÷ hash", "sort-merge ÷ hash", "pb ÷ reconcile"], rows)


def scaling_lines(d):
    lines = []
    for impl, label in [("reconcile", "reconcile"), ("hand_hash", "hand-written, unordered_map index"),
                        ("hand_sortmerge", "hand-written, sort-merge"), ("hand_instep", "hand-written, in-step")]:
        a, b = d.cpu("keyed100k_1pct", "diff", impl), d.cpu("keyed10k_1pct", "diff", impl)
        if a and b:
            lines.append(f"* {label}: {fmt_ns(b)} → {fmt_ns(a)}, ratio **{a / b:.1f}**")
    return "\n".join(lines)


def compile_table(rows):
    by = {}
    for c in rows:
        by.setdefault(c["compiler"], {})[(c["tu"], c["fields"])] = c
    out = []
    for cxx, cases in by.items():
        version = next(iter(cases.values()))["version"]
        trs = []
        for n in (64, 200):
            hand = cases.get(("hand", n), {}).get("cpu_median")
            pfr = cases.get(("pfr", n), {}).get("cpu_median")
            for tu, label in [("reconcile", "reconcile (equal + diff_into)"),
                              ("include", "reconcile's includes only (the floor)"), ("hand", "hand-written (== + diff)"),
                              ("pfr", "Boost.PFR (eq_fields + for_each_field diff)")]:
                c = cases.get((tu, n))
                if not c:
                    continue
                if "cpu_median" not in c:
                    trs.append([f"{n}", label, "does not compile", "—", "—", "—", c.get("error", "")[:160]])
                    continue
                trs.append([f"{n}", label, f"{c['cpu_median']:.2f} s", f"{c['wall_median']:.2f} s",
                            fmt_ratio(c["cpu_median"] / hand) if hand else "—",
                            fmt_ratio(c["cpu_median"] / pfr) if pfr else "—",
                            f"{c['runs']} runs, {c['cpu_min']:.2f}–{c['cpu_max']:.2f} s"])
        out.append(f"**{version}**\n\n" + table(["fields", "TU", "cpu (median)", "wall (median)", "÷ hand", "÷ PFR",
                                                   "spread / note"], trs, ["r", "l", "r", "r", "r", "r", "l"]))
    return "\n\n".join(out)


class Bench:
    """Figures of one benchmark binary by case name (Google Benchmark's run name)."""

    def __init__(self, recs):
        self.r = recs

    def cpu(self, name):
        rec = self.r.get(name)
        return rec["cpu"] if rec else None

    def counter(self, name, key):
        rec = self.r.get(name)
        return rec["counters"].get(key) if rec else None

    def allocs(self, name):
        rec = self.r.get(name)
        return rec["allocs"] if rec else None

    def ratio(self, num, den):
        a, b = self.cpu(num), self.cpu(den)
        return a / b if a is not None and b else None

    def sum(self, *names):
        xs = [self.cpu(n) for n in names]
        return sum(xs) if all(x is not None for x in xs) else None


def verdict(ok):
    return "—" if ok is None else ("met" if ok else "**missed**")


def fmt_bytes(b):
    if b is None:
        return "—"
    return f"{b / 1000:,.1f} kB" if b >= 10000 else f"{b:,.0f} B"


def div(a, b):
    return a / b if a is not None and b else None


def wire_section(recs):
    """bench_wire: bytes per delta, encode + decode against the hand-written codec, snapshots
    against memcpy, and the peers (protobuf, JSON Patch) of issue #17."""
    w = Bench(recs)
    by = lambda name: w.counter(name, "bytes")  # noqa: E731
    hand_b, rec_b, q_b = by("BM_delta/hand"), by("BM_delta/reconcile"), by("BM_delta/reconcile_quantized")
    snap_b, json_b, pb_b = by("BM_snapshot/reconcile"), by("BM_delta/json_patch"), by("BM_snapshot/protobuf")
    changes = w.counter("BM_delta/reconcile", "changes")
    enc_dec_hand = w.sum("BM_encode/hand", "BM_decode/hand")
    enc_dec_rec = w.sum("BM_encode/reconcile", "BM_decode/reconcile")
    enc_dec = div(enc_dec_rec, enc_dec_hand)
    loop = w.ratio("BM_delta/reconcile", "BM_delta/hand")
    warm = [a for a in (w.allocs("BM_delta/reconcile"), w.allocs("BM_encode/reconcile"), w.allocs("BM_decode/reconcile"),
                        w.allocs("BM_snapshot/reconcile")) if a is not None]
    snap_bulk = w.ratio("BM_snapshot/reconcile", "BM_snapshot/memcpy_bulk")
    snap_fields = w.ratio("BM_snapshot/reconcile", "BM_snapshot/memcpy_fields")

    rows = []

    def add(target, measured, ok, how):
        rows.append([target, measured, verdict(ok), how])

    r = div(rec_b, hand_b)
    add("bytes per delta ≤ the hand-written codec's", f"{fmt_bytes(rec_b)} vs {fmt_bytes(hand_b)}: {fmt_ratio(r)}",
        None if r is None else r <= 1.0, "BM_delta/reconcile ÷ BM_delta/hand, counter `bytes`")
    r = div(q_b, hand_b)
    add("with `quantize`, ≤ 0.6× the hand-written codec's bytes", f"{fmt_bytes(q_b)}: {fmt_ratio(r)}",
        None if r is None else r <= 0.6, "BM_delta/reconcile_quantized ÷ BM_delta/hand")
    add("encode + decode ≤ 1.3× the hand-written codec",
        f"{fmt_ratio(enc_dec)} (the loop of both: {fmt_ratio(loop)})", None if enc_dec is None else enc_dec <= 1.3,
        "(BM_encode + BM_decode)/reconcile ÷ the same for hand; the loop: BM_delta/reconcile ÷ BM_delta/hand")
    worst = max(warm) if warm else None
    add("0 allocations warm", fmt_allocs(worst) + " allocs/iter (max)" if warm else "—",
        None if worst is None else worst < 0.05, "encode, decode_into, encode_value on a warm buffer and target")
    add("full-snapshot encode ≤ 2× a memcpy-style serialiser",
        f"{fmt_ratio(snap_bulk)} one memcpy; {fmt_ratio(snap_fields)} a memcpy per field",
        None if snap_bulk is None else snap_bulk <= 2.0, "BM_snapshot/reconcile ÷ memcpy_bulk (the floor) and ÷ memcpy_fields")
    out = [table(["target", "measured", "verdict", "how"], rows, ["l", "r", "l", "l"]), ""]

    out += ["Bytes on the wire (the tick's delta for a client 2 ticks behind; the full state for a "
            "client with no baseline):", ""]
    brows = []
    for label, b in [("hand-written codec (examples/game_server before reconcile/wire)", hand_b),
                     ("reconcile `wire::encode` (tolerance rules)", rec_b),
                     ("reconcile `wire::encode`, positions `quantize`d", q_b),
                     ("JSON Patch: `to_json_patch` + `dump` (nlohmann)", json_b),
                     ("full snapshot: reconcile `encode_value`", snap_b),
                     ("full snapshot: protobuf `SerializeToString`", pb_b)]:
        brows.append([label, fmt_bytes(b), fmt_ratio(div(b, hand_b)), f"{100 * b / snap_b:.1f} %" if b and snap_b else "—",
                      f"{b / changes:.1f}" if b and changes else "—"])
    out += [table(["what is sent", "bytes", "÷ hand", "% of a snapshot", "bytes per change"], brows), ""]
    if changes:
        out += [f"The tick: 10,000 entities, {changes:,.0f} changes.", ""]

    out += ["Time per tick (median CPU time): encode of the changeset, decode onto the client's copy "
            "(all or nothing: a check pass, then the write), and the two in one loop:", ""]
    trows = []
    for label, kind in [("encode", "BM_encode"), ("decode", "BM_decode"), ("encode + decode (loop)", "BM_delta")]:
        h, rc = w.cpu(f"{kind}/hand"), w.cpu(f"{kind}/reconcile")
        trows.append([label, fmt_ns(h), fmt_ns(rc), fmt_ratio(div(rc, h)), fmt_allocs(w.allocs(f"{kind}/reconcile"))])
    trows.append(["encode + decode (sum)", fmt_ns(enc_dec_hand), fmt_ns(enc_dec_rec), fmt_ratio(enc_dec), "—"])
    q = w.cpu("BM_delta/reconcile_quantized")
    trows.append(["encode + decode (loop), quantized", "—", fmt_ns(q), fmt_ratio(div(q, w.cpu("BM_delta/hand"))),
                  fmt_allocs(w.allocs("BM_delta/reconcile_quantized"))])
    h, rc = w.cpu("BM_delta/hand_from_states"), w.cpu("BM_delta/reconcile_encode_delta")
    trows.append(["from the two states: `diff_into` + hand codec vs `encode_delta`, + decode", fmt_ns(h), fmt_ns(rc),
                  fmt_ratio(div(rc, h)), fmt_allocs(w.allocs("BM_delta/reconcile_encode_delta"))])
    out += [table(["step", "hand-written", "reconcile", "reconcile ÷ hand", "allocs/iter (reconcile)"], trows), ""]

    out += ["Full snapshot encode, and the peers (time ratios against reconcile in the same run):", ""]
    srows = []
    snap = w.cpu("BM_snapshot/reconcile")
    for label, name in [("reconcile `encode_value` (header, bytes, checksum)", "BM_snapshot/reconcile"),
                        ("one memcpy of the entity array (the floor)", "BM_snapshot/memcpy_bulk"),
                        ("memcpy-style serialiser: count, then each field's bytes", "BM_snapshot/memcpy_fields"),
                        ("protobuf `SerializeToString` (message built outside the loop)", "BM_snapshot/protobuf")]:
        srows.append([label, fmt_ns(w.cpu(name)), fmt_bytes(by(name)), fmt_ratio(div(snap, w.cpu(name))),
                      fmt_ratio(div(w.cpu(name), snap))])
    enc = w.cpu("BM_encode/reconcile")
    srows.append(["JSON Patch of the tick's delta: `to_json_patch` + `dump` (nlohmann)", fmt_ns(w.cpu("BM_delta/json_patch")),
                  fmt_bytes(json_b), "—", f"{fmt_ratio(div(w.cpu('BM_delta/json_patch'), enc))} reconcile's delta encode"])
    out += [table(["serialiser", "time", "bytes", "reconcile ÷ it", "it ÷ reconcile"], srows)]
    return "\n".join(out)


def control_section(recs):
    """bench_control: the control layer's targets (issue #19), beside its hand-written baselines."""
    c = Bench(recs)
    rows = []

    def add(target, measured, ok, how):
        rows.append([target, measured, verdict(ok), how])

    t = c.cpu("pid_update")
    add("PID update ≤ 10 ns", fmt_ns(t), None if t is None else t <= 10,
        f"pid_update (one loop's chain); hand-written: {fmt_ns(c.cpu('hand_pid_update_full'))} with the same features, "
        f"{fmt_ns(c.cpu('hand_pid_update'))} bare")
    j = c.cpu("pid_update_jittered_clock")
    if j is not None:
        add("PID update ≤ 10 ns, a time step that changes every update", fmt_ns(j), None if j is None else j <= 10,
            "pid_update_jittered_clock (a real clock's steps: the coefficients recomputed each update)")
    per = c.counter("pid_update_64", "per_update")
    if per is not None:
        hand = c.counter("hand_pid_update_64", "per_update")
        add("PID update ≤ 10 ns, 64 loops a pass (throughput)", fmt_ns(per * 1e9), None if per is None else per * 1e9 <= 10,
            f"pid_update_64 per update; hand-written {fmt_ns(hand * 1e9) if hand else '—'}")
    t = c.cpu("autoscaler_recommend")
    add("autoscaler recommendation ≤ 100 ns (5-minute window, 15 s samples)", fmt_ns(t), None if t is None else t <= 100,
        f"autoscaler_recommend; hand-written formula + 20-sample max: {fmt_ns(c.cpu('hand_recommend'))}")
    for suffix, what in [("", "phase as a string"), ("_enum", "phase as an enum")]:
        r = c.ratio(f"step_filtered{suffix}", f"step_compare{suffix}")
        if r is not None:
            add(f"filters add ≤ 5 % to a no-op reconcile through step() ({what})", f"+{100 * (r - 1):.1f} %",
                r <= 1.05, f"step_filtered{suffix} ÷ step_compare{suffix} (64 reconciles a step)")
    out = [table(["target", "measured", "verdict", "how"], rows, ["l", "r", "l", "l"]), "", other_bench_table(recs)]
    return "\n".join(out)


def apply_section(recs):
    """bench_apply: apply against the hand-written apply (issue #13's targets)."""
    c = Bench(recs)
    rows = []

    def add(target, measured, ok, how):
        rows.append([target, measured, verdict(ok), how])

    for n, bound in [(10000, 1.5), (1000, None), (40000, None)]:
        r = c.ratio(f"game_tick/{n}/reconcile", f"game_tick/{n}/hand")
        if r is None:
            continue
        what = f"game tick apply ({n:,} entities) ≤ {bound}× the hand-written cursor apply" if bound \
            else f"game tick apply ({n:,} entities), no target"
        add(what, f"{r:.3f}×", None if bound is None else r <= bound,
            f"game_tick/{n}: reconcile ÷ hand ({fmt_ns(c.cpu(f'game_tick/{n}/reconcile'))} ÷ "
            f"{fmt_ns(c.cpu(f'game_tick/{n}/hand'))}; both include the {fmt_ns(c.cpu(f'game_tick/{n}/copy'))} copy)")
    r = c.ratio("deployment/reconcile", "deployment/hand")
    if r is not None:
        add("Deployment apply ≤ 1.3× hand", f"{r:.3f}×", r <= 1.3,
            f"deployment: reconcile ÷ hand ({fmt_ns(c.cpu('deployment/reconcile'))} ÷ {fmt_ns(c.cpu('deployment/hand'))})")
    return "\n".join([table(["target", "measured", "verdict", "how"], rows, ["l", "r", "l", "l"]), "",
                      other_bench_table(recs)])


def other_bench_table(recs):
    rows = []
    for name, rec in sorted(recs.items(), key=lambda x: x[0]):
        counters = ", ".join(f"{k} {v:,.4g}" for k, v in sorted(rec["counters"].items()))
        rows.append([f"`{name}`", fmt_ns(rec["cpu"]), fmt_ns(rec["real"]), counters])
    return table(["benchmark", "cpu (median)", "real (median)", "counters"], rows, ["l", "r", "r", "l"])


def headline(d, compile_rows):
    rows = []
    for w, label in [("deploy_equal", "Deployment, unchanged"), ("deploy_3changes", "Deployment, 3 changes"),
                     ("flat32_1change", "32 scalars, 1 change"), ("keyed10k_1pct", "10k keyed Deployments, 1 % changed"),
                     ("tick10k_5pct", "game tick, 10k entities, 5 % moved")]:
        r = d.cpu(w, "diff", "reconcile")
        if r is None:
            continue
        base = "hand_hash" if w.startswith("keyed") else "hand"
        rows.append([label, fmt_ns(r), fmt_ratio(d.ratio(w, "diff", "reconcile", base)),
                     fmt_ratio(d.ratio(w, "diff", "pb", "reconcile")), fmt_ratio(d.ratio(w, "diff", "nl", "reconcile")),
                     fmt_allocs(d.allocs(w, "diff", "reconcile"))])
    out = table(["diff_into", "time", "÷ hand-written", "protobuf ÷", "json::diff ÷", "allocs"], rows)
    g = {(c["tu"], c["fields"]): c for c in compile_rows if c["compiler"] == "g++" and "cpu_median" in c}
    if ("reconcile", 64) in g and ("pfr", 64) in g and ("hand", 64) in g:
        rc, pf, hd = g[("reconcile", 64)], g[("pfr", 64)], g[("hand", 64)]
        out += (f"\n\nCompile time, g++ -O2, a TU comparing and diffing a 64-field struct: reconcile "
                f"{rc['cpu_median']:.2f} s, Boost.PFR {pf['cpu_median']:.2f} s, hand-written {hd['cpu_median']:.2f} s.")
    return out


def machine_lines(ctx, load, stamp=None):
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, AttributeError):
        pass
    pkgs = sh("dpkg-query -W -f='${Package} ${Version}\\n' libbenchmark-dev libprotobuf-dev nlohmann-json3-dev "
              "libboost1.81-dev libfmt-dev 2>/dev/null").splitlines()
    lines = [
        f"* **Date:** {stamp}" if stamp else
        f"* **Date:** {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; commit `{sh('git rev-parse --short HEAD')}`"
        + (" (with uncommitted changes)" if sh("git status --porcelain --untracked-files=no") else ""),
        f"* **Machine:** {cpu or platform.processor()}, {os.cpu_count()} CPUs, {mem}, {platform.system()} "
        f"{platform.release()}; benchmarks pinned to CPU 1 (`taskset -c 1`)",
        f"* **Compilers:** {sh('g++ --version').splitlines()[0] if sh('g++ --version') else '?'}; "
        f"{sh('clang++ --version').splitlines()[0] if sh('clang++ --version') else '?'}",
        "* **Build:** `-std=c++20 -O2 -DNDEBUG` (CMake Release as configured by scripts/bench)",
        "* **Libraries:** " + ", ".join(pkgs),
        f"* **Google Benchmark context:** {ctx.get('num_cpus', '?')} CPUs at {ctx.get('mhz_per_cpu', '?')} MHz, "
        f"library build type `{ctx.get('library_build_type', '?')}`",
    ]
    if load:
        lines.append(f"* **Load average** (1/5/15 min) {load}. Other work on the machine slows every column "
                     "alike within a run; compare ratios, not absolute times.")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--diff")
    ap.add_argument("--check")
    ap.add_argument("--bench", action="append", default=[])
    ap.add_argument("--compile")
    ap.add_argument("--load", default="")
    ap.add_argument("--out", required=True)
    ap.add_argument("--readme")
    ap.add_argument("--stamp", help="the Date line of a report made again from earlier results")
    a = ap.parse_args()

    ctx, recs = load_gbench(a.diff) if a.diff and os.path.exists(a.diff) else ({}, {})
    d = Diff(recs)
    compile_rows = json.load(open(a.compile))["results"] if a.compile and os.path.exists(a.compile) else []
    check = open(a.check).read() if a.check and os.path.exists(a.check) else ""

    md = ["# Benchmark results",
          "",
          "Generated by `scripts/bench` (do not edit by hand): Google Benchmark binaries built with g++ "
          "`-O2 -DNDEBUG`, every case 3 repetitions of at least 0.25 s, **median CPU time per iteration**; "
          "every ratio is between two figures of the same run. Allocations are heap allocations per "
          "iteration counted by a replaced global `operator new` (values below 0.05 are the harness and "
          "show as 0). Workloads, peers and method: `benchmarks/bench_diff.cpp`, `benchmarks/diff/`; "
          "reference figures for the peers: `../shared/PEERS.md`.",
          "",
          machine_lines(ctx, a.load, a.stamp),
          "",
          "## Headline",
          "",
          "Median CPU time of `diff_into` and its ratio to the hand-written diff (a hash index for the "
          "keyed list); how many times slower protobuf's MessageDifferencer and nlohmann's json::diff are.",
          "",
          headline(d, compile_rows),
          "",
          "## Targets",
          "",
          targets_section(d, compile_rows),
          "",
          "## Diff that produces change records",
          "",
          "reconcile: `reconcile::diff_into` into a warm changeset (changes own copies of their values "
          "and keys). hand-written: field by field, 32-byte records into a reused vector. Boost.PFR: "
          "`for_each_field` + `get<I>`, the same records. protobuf: a reused `MessageDifferencer`, "
          "containers and list items `TreatAsMap` by name, a reporter recording leaf differences into a "
          "reused vector. nlohmann: `json::diff` (RFC 6902 patch) of json built outside the loop; "
          "`+ to_json` converts both structs inside the loop.",
          "",
          diff_tables(d),
          "",
          "## Equality",
          "",
          "The `1change` and `allchanged` rows measure how quickly each exits at the first difference.",
          "",
          eq_table(d),
          "",
          "## Keyed sequences (lists of Deployments matched by name)",
          "",
          "hand: `unordered_map<string_view, index>` of the old side rebuilt on every call (the "
          "target's baseline); sort-merge: both sides' (name, position) pairs sorted, then merged "
          "(buffers reused); in-step: walk while the names agree, index the rest. reconcile walks in "
          "step while the keys agree (no index, no allocation) and hashes only the part out of step. "
          "protobuf and nlohmann were not run at 100k (TreatAsMap is quadratic: about 20 s a call; json "
          "for 100k Deployments takes about 1 GB) nor shuffled (protobuf: about 8 s a call).",
          "",
          keyed_table(d),
          "",
          "Scaling, 10k → 100k items (1 % modified, same order):",
          "",
          scaling_lines(d),
          "",
          "## Compile time",
          "",
          "`scripts/bench-compile`: `-std=c++20 -O2 -DNDEBUG -c` of one TU that compares and diffs a "
          "struct of N fields (cycling int, double, std::string, bool, int64) three ways "
          "(`benchmarks/compile_time/`); runs interleaved, median CPU time (user + system).",
          "",
          compile_table(compile_rows) if compile_rows else "(not run)",
          ""]
    for spec in a.bench:
        name, path = spec.split("=", 1)
        if not os.path.exists(path):
            continue
        _, other = load_gbench(path)
        if name == "bench_wire":
            md += ["## State on the wire (bench_wire)",
                   "",
                   "The game tick of examples/game_server (`benchmarks/wire/`): 10,000 entities keyed by id, a client "
                   "2 ticks behind. reconcile/wire against the example's hand-written codec (varints, a field mask "
                   "per entity; not all or nothing, no checksum or schema check), protobuf and nlohmann.",
                   "",
                   wire_section(other),
                   "",
                   "<details><summary>every bench_wire case</summary>",
                   "",
                   other_bench_table(other),
                   "",
                   "</details>",
                   ""]
        elif name == "bench_apply":
            md += ["## bench_apply", "",
                   "`reconcile::apply` against hand-written apply code (`benchmarks/bench_apply.cpp`).", "",
                   apply_section(other), ""]
        elif name == "bench_control":
            md += ["## Control (bench_control)", "",
                   "PID, autoscaler and observation filters (`benchmarks/bench_control.cpp`), each beside a "
                   "hand-written baseline.", "", control_section(other), ""]
        else:
            md += [f"## {name}", "", other_bench_table(other), ""]
    if check:
        status = "ALL CHECKS PASSED" if "ALL CHECKS PASSED" in check else "**CHECKS FAILED**"
        md += ["## Cross-check",
               "",
               f"`bench_diff --check-only`: every implementation must agree with reconcile on equality and on "
               f"the number of changes (nlohmann's by-position patch of a reordered list is not comparable and "
               f"checked for equality only). Result: {status}.",
               "",
               "<details><summary>output</summary>",
               "",
               "```",
               check.strip(),
               "```",
               "",
               "</details>",
               ""]
    with open(a.out, "w") as f:
        f.write("\n".join(md))
    if a.readme and os.path.exists(a.readme):
        text = open(a.readme).read()
        begin, end = "<!-- bench:headline -->", "<!-- /bench:headline -->"
        if begin in text and end in text and text.index(begin) < text.index(end):
            head, rest = text.split(begin, 1)
            _, tail = rest.split(end, 1)
            new = head + begin + "\n" + headline(d, compile_rows) + "\n" + end + tail
            if new != text:
                with open(a.readme, "w") as f:
                    f.write(new)


if __name__ == "__main__":
    main()
