#!/usr/bin/env python3
"""Summarizes a JMH JSON result file (default benchmarks/results/latest.json) as a Markdown table.

Per benchmark: median and minimum of the measurement iterations, JMH's mean +- 99.9% error, and the
allocation per operation (gc.alloc.rate.norm, present when run with -prof gc); then the
verify / keccakOnly ratios of the proof benchmarks, from the medians.
Usage: python3 benchmarks/summarize.py [result.json]
"""
import json
import statistics
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results/latest.json"
with open(path, encoding="utf-8") as f:
    results = json.load(f)

medians = {}
print("| benchmark | param | median | min | mean ± error | unit | alloc B/op |")
print("| --- | --- | ---: | ---: | ---: | --- | ---: |")
for b in results:
    cls, method = b["benchmark"].split(".")[-2:]
    params = ",".join(f"{k}={v}" for k, v in b.get("params", {}).items() if k != "source")
    pm = b["primaryMetric"]
    raw = [x for fork in pm["rawData"] for x in fork]
    med = statistics.median(raw)
    medians[(cls, method, params)] = med
    alloc = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    alloc_s = "" if alloc is None else f"{alloc:.0f}"
    print(f"| {cls}.{method} | {params} | {med:.3f} | {min(raw):.3f} | {pm['score']:.3f} ± {pm['scoreError']:.3f} "
          f"| {pm['scoreUnit']} | {alloc_s} |")

pairs = [
    ("AccountProofBenchmark", "verifyPresent", "keccakOnlyPresent"),
    ("AccountProofBenchmark", "verifyAbsent", "keccakOnlyAbsent"),
    ("ReceiptProofBenchmark", "verifyOnly", "keccakOnly"),
    ("ReceiptProofBenchmark", "verifyAndExtractLog", "keccakOnly"),
]
print()
for cls, num, den in pairs:
    a, b = medians.get((cls, num, "")), medians.get((cls, den, ""))
    if a is not None and b is not None:
        print(f"- {cls}: {num} / {den} = {a / b:.2f}x (medians)")
