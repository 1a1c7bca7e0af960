#!/usr/bin/env python3
"""Compares the reference model with the job jar on random shops.

  compare.py [--seeds 1..N | --seeds 5,7,9] [--jar PATH] [--work DIR] [--shrink] [--keep]
  compare.py --dir INPUTDIR [--config FILE]      # compare one given input directory
  compare.py --diff MODELOUT JOBOUT               # compare two output directories (exit 1 if they differ)

For every seed: random_stream.py generates a shop, reference.py and the jar replay it with the same
--config, and the eight output files are compared record by record.
"""
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import random_stream  # noqa: E402

JAR = os.path.join(HERE, "..", "..", "job", "target", "stockwatch.jar")
FILES = ["email", "sms", "push", "viber", "whatsapp", "suppressed", "dlq", "conversions"]
FIELDS = ["notificationId", "kind", "customerId", "channel", "step", "skus", "cart", "incentive",
          "segment", "eventTime", "triggeredAt", "reason", "items", "links",
          "orderId", "revenue", "notifiedAt"]


MODEL_ARGS = []


EXTRA_ARGS = []  # passed to both, e.g. ["--until", "2026-11-20T10:00:00Z"]


def run_model(inp, out, config):
    cmd = [sys.executable, os.path.join(HERE, "reference.py"), "--input", inp, "--output", out] + MODEL_ARGS + EXTRA_ARGS
    if config:
        cmd += ["--config", config]
    subprocess.run(cmd, check=True)


def run_jar(inp, out, config, jar=JAR):
    cmd = ["java", "-jar", jar, "replay", "--input", inp, "--output", out] + EXTRA_ARGS
    if config:
        cmd += ["--config", config]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0 and "Output written to" in p.stdout:
        print(f"  (jar exited {p.returncode} after writing its output: "
              + (p.stderr.strip().splitlines() or [""])[0][:200] + ")", flush=True)
    elif p.returncode != 0:
        raise RuntimeError("jar failed: " + p.stdout[-2000:] + p.stderr[-2000:])


def norm(name, rec):
    if name == "dlq":
        return {"source": rec.get("source"), "offset": rec.get("offset")}
    out = {}
    for f in FIELDS:
        if f == "skus":
            if "skus" in rec:
                out["skus"] = sorted(rec["skus"])
            elif "items" in rec:
                out["skus"] = sorted(i["sku"] for i in rec["items"])
        elif f in rec:
            out[f] = rec[f]
    return out


def key(name, r):
    if name == "dlq":
        return (r["source"], r["offset"])
    if name == "conversions":
        return (r.get("orderId"), r.get("notificationId"))
    return (r.get("kind"), r.get("customerId"), tuple(r.get("skus", [])), r.get("step") or 0,
            r.get("reason") or "", r.get("eventTime"))


def load(d, name):
    p = os.path.join(d, f"notify.{name}.jsonl")
    if not os.path.exists(p):
        return []
    with open(p, encoding="utf-8") as f:
        return [norm(name, json.loads(l)) for l in f if l.strip()]


def diff_dirs(a, b):
    """Lines describing the differences between model output a and jar output b."""
    lines = []
    for name in FILES:
        ra, rb = load(a, name), load(b, name)
        ka = {}
        for r in ra:
            ka.setdefault(key(name, r), []).append(r)
        kb = {}
        for r in rb:
            kb.setdefault(key(name, r), []).append(r)
        # pair exact-key matches, then leftover by loose key (kind, customer, skus, step)
        only_a, only_b = [], []
        for k in sorted(set(ka) | set(kb), key=str):
            la, lb = ka.get(k, []), kb.get(k, [])
            for x, y in zip(la, lb):
                if x != y:
                    fs = [f for f in sorted(set(x) | set(y)) if x.get(f) != y.get(f)]
                    lines.append(f"  {name}: FIELDS {k}: " + "; ".join(
                        f"{f}: model={json.dumps(x.get(f))} job={json.dumps(y.get(f))}" for f in fs))
            only_a += la[len(lb):]
            only_b += lb[len(la):]
        for r in only_a:
            lines.append(f"  {name}: ONLY MODEL {json.dumps(r)}")
        for r in only_b:
            lines.append(f"  {name}: ONLY JOB   {json.dumps(r)}")
    return lines


def summarize(lines, limit=40):
    return "\n".join(lines[:limit]) + (f"\n  ... {len(lines) - limit} more" if len(lines) > limit else "")


def compare_dir(inp, config, work, jar=JAR, label="case"):
    mo, jo = os.path.join(work, label + "-model"), os.path.join(work, label + "-job")
    for d in (mo, jo):
        shutil.rmtree(d, ignore_errors=True)
    run_model(inp, mo, config)
    run_jar(inp, jo, config, jar)
    return diff_dirs(mo, jo)


def read_inputs(d):
    data = {}
    for t in random_stream.TOPIC_FILES:
        p = os.path.join(d, t + ".jsonl")
        data[t] = open(p, encoding="utf-8").read().splitlines() if os.path.exists(p) else []
    return data


def write_inputs(d, data):
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for t, lines in data.items():
        with open(os.path.join(d, t + ".jsonl"), "w", encoding="utf-8") as f:
            for l in lines:
                f.write(l + "\n")


def signature(lines):
    """A coarse fingerprint of a diff, kept while shrinking: (file, kind of difference, fields)."""
    sig = set()
    for l in lines:
        parts = l.split(":")
        if "FIELDS" in l:
            fs = tuple(sorted(p.split(": model=")[0].strip() for p in l.split("; ")[0:1]))
            sig.add((parts[0].strip(), "FIELDS"))
        elif "ONLY MODEL" in l:
            sig.add((parts[0].strip(), "ONLY MODEL"))
        else:
            sig.add((parts[0].strip(), "ONLY JOB"))
    return sig


def shrink(inp, config, work, jar=JAR, budget=60):
    """Deletes input lines (chunks, then single lines) while the diff stays non-empty.
    Keeps the last line of stock.jsonl (the clock that fixes the end of the replay)."""
    data = read_inputs(inp)
    d = os.path.join(work, "shrink-input")
    runs = 0

    def fails(candidate):
        nonlocal runs
        runs += 1
        write_inputs(d, candidate)
        return bool(compare_dir(d, config, work, jar, "shrink"))

    for topic in random_stream.TOPIC_FILES:
        chunk = max(1, len(data[topic]) // 2)
        while chunk >= 1 and runs < budget:
            i = 0
            while i < len(data[topic]) and runs < budget:
                cand = dict(data)
                cand[topic] = data[topic][:i] + data[topic][i + chunk:]
                if fails(cand):
                    data = cand
                else:
                    i += chunk
            chunk //= 2
    write_inputs(d, data)
    return d, data


def main(argv):
    if argv[:1] == ["--diff"] and len(argv) == 3:
        lines = diff_dirs(argv[1], argv[2])
        print(summarize(lines, 200) if lines else "agree")
        sys.exit(1 if lines else 0)
    opts = {"seeds": "1..20", "work": "/tmp/sw-compare", "jar": JAR}
    flags = set()
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--shrink", "--keep"):
            flags.add(a[2:])
            i += 1
        else:
            opts[a[2:]] = argv[i + 1]
            i += 2
    os.makedirs(opts["work"], exist_ok=True)
    if "held-order" in opts:  # "id": mimic the job's order of held notifications released together
        MODEL_ARGS.extend(["--held-order", opts["held-order"]])
    if "dir" in opts:
        lines = compare_dir(opts["dir"], opts.get("config"), opts["work"], opts["jar"])
        print(summarize(lines, 200) if lines else "agree")
        return
    s = opts["seeds"]
    seeds = list(range(int(s.split("..")[0]), int(s.split("..")[1]) + 1)) if ".." in s else [int(x) for x in s.split(",")]
    agreed = 0
    for seed in seeds:
        inp = os.path.join(opts["work"], f"seed-{seed}")
        config = random_stream.generate(seed, inp)
        lines = compare_dir(inp, config, opts["work"], opts["jar"], f"seed-{seed}")
        if not lines:
            agreed += 1
            print(f"seed {seed}: agree", flush=True)
            continue
        print(f"seed {seed}: {len(lines)} differences", flush=True)
        print(summarize(lines), flush=True)
        if "shrink" in flags:
            d, data = shrink(inp, config, opts["work"], opts["jar"])
            mine = os.path.join(opts["work"], f"min-{seed}")
            shutil.rmtree(mine, ignore_errors=True)
            shutil.copytree(d, mine)
            shutil.copy(config, os.path.join(mine, "config.yaml"))
            print(f"  shrunk to {sum(len(v) for v in data.values())} lines in {mine}:")
            for t, ls in data.items():
                for l in ls:
                    print(f"    {t}: {l}")
            print(summarize(compare_dir(mine, config, opts["work"], opts["jar"], "min"), 20))
    print(f"{agreed}/{len(seeds)} seeds agree")


if __name__ == "__main__":
    main(sys.argv[1:])
