#!/usr/bin/env python3
"""Compile-time benchmark: times g++ and clang++ (-std=c++20 -O2 -DNDEBUG -c) on
  reconcile<N>  tu_reconcile.cpp: equal + diff_into of a struct of N fields with reconcile
  hand<N>       tu_hand.cpp:      defaulted operator== + a diff written by hand (one if per field)
  pfr<N>        tu_pfr.cpp:       boost::pfr::eq_fields + a for_each_field diff
  include64     tu_include.cpp:   reconcile<N>'s includes only (its floor)
for N = 64 and 200 (the structs come from gen.py). Runs are interleaved (one of each TU per
round) so that drift in the machine's speed hits every TU alike; each figure is the median of
the runs. CPU time is the compiler's user + system time (RUSAGE_CHILDREN), wall time is a
monotonic clock; CPU time is the figure to quote on a shared machine.

usage: measure.py --repo DIR --work DIR --out FILE.json [--runs N] [--compilers g++,clang++]
                  [--pin CPU]"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = [("reconcile", 64), ("include", 64), ("hand", 64), ("pfr", 64), ("reconcile", 200), ("hand", 200),
         ("pfr", 200)]


def command(cxx, repo, work, tu, n):
    return [cxx, "-std=c++20", "-O2", "-DNDEBUG", f"-I{repo}/include", f"-I{work}",
            f'-DWIDE_HEADER="wide{n}.hpp"', f'-DWIDE_HAND_HEADER="wide{n}_hand.hpp"',
            "-c", os.path.join(HERE, f"tu_{tu}.cpp"), "-o", os.devnull]


def timed(cmd, pin):
    if pin is not None and shutil.which("taskset"):
        cmd = ["taskset", "-c", str(pin)] + cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return p.returncode, cpu, wall, p.stdout


def first_error(text):
    lines = text.splitlines()
    for want in ("static assert", "static_assert", "error"):
        for line in lines:
            if want in line:
                return line.strip()[:300]
    return lines[0][:300] if lines else ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--compilers", default="g++,clang++")
    ap.add_argument("--pin", default=None)
    a = ap.parse_args()

    subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), a.work, "64", "200"], check=True)
    compilers = [c for c in a.compilers.split(",") if shutil.which(c)]
    results = []
    for cxx in compilers:
        version = subprocess.run([cxx, "--version"], stdout=subprocess.PIPE, text=True).stdout.splitlines()[0]
        samples = {case: [] for case in CASES}
        failed = {}
        for r in range(a.runs):
            for case in CASES:
                if case in failed:
                    continue
                rc, cpu, wall, out = timed(command(cxx, a.repo, a.work, *case), a.pin)
                if rc != 0:
                    failed[case] = first_error(out)
                    continue
                samples[case].append((cpu, wall))
            print(f"  {cxx}: round {r + 1}/{a.runs} done", file=sys.stderr)
        for case in CASES:
            tu, n = case
            row = {"compiler": cxx, "version": version, "tu": tu, "fields": n}
            if case in failed:
                row["error"] = failed[case]
            else:
                cpus = [s[0] for s in samples[case]]
                walls = [s[1] for s in samples[case]]
                row.update(runs=len(cpus), cpu_median=statistics.median(cpus), cpu_min=min(cpus),
                           cpu_max=max(cpus), wall_median=statistics.median(walls))
            results.append(row)
            desc = f"{row['cpu_median']:.2f} s cpu" if "cpu_median" in row else "FAILED: " + row["error"]
            print(f"{cxx:8} {tu:9} {n:3} fields: {desc}", file=sys.stderr)
    with open(a.out, "w") as f:
        json.dump({"flags": "-std=c++20 -O2 -DNDEBUG -c", "runs": a.runs, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
