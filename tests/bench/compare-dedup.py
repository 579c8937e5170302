#!/usr/bin/env python3
"""Compares Pismo's duplicate search with the Python `recordlinkage` toolkit on the same test bases
(`make bench-dedup`; a benchmark, not a test). For each size and kind of base (Russian business
clients, the same made hard, private persons with a name and an address only) it generates a base
with known duplicates (`pismo-cli testbase`), runs `pismo-cli dedup` and a recordlinkage pipeline as
its documentation sets one up (cleaned strings, blocking on phone/e-mail/ИНН plus a sorted
neighbourhood on the name or plus name-prefix blocks, per-field comparisons, then a rule and the
unsupervised ECM classifier), and prints
precision, recall, F1 and time beside the baseline in tests/bench/baseline-dedup.json
(PISMO_BENCH_SAVE=1 records what it measured into it). Figures are kept in docs/BENCHMARKS.md.
"""
import json
import os
import re
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = Path.home() / ".cache" / "pismo" / "bench-venv"
REQUIREMENTS = ROOT / "tests" / "bench" / "requirements.txt"
BASELINE = ROOT / "tests" / "bench" / "baseline-dedup.json"
CLI = ROOT / "target" / "release" / "pismo-cli"
SIZES = [int(s) for s in os.environ.get("PISMO_DEDUP_SIZES", "10000,100000").split(",")]
# usual / hard: Russian business clients (hard adds sparse copies and look-alikes); persons: private
# persons with a name and an address only.
BASES = os.environ.get("PISMO_DEDUP_BASES", "usual,hard,persons").split(",")
# PISMO_DEDUP_TOOLS=pismo skips recordlinkage (minutes at 100k) while tuning.
PREFIX_MAX = 20000
TOOLS = os.environ.get("PISMO_DEDUP_TOOLS", "pismo,recordlinkage").split(",")


def ensure_venv():
    """Installs the pinned toolkit once (from PyPI) and re-runs this script inside the venv."""
    python = VENV / "bin" / "python"
    stamp = VENV / ".requirements"
    wanted = REQUIREMENTS.read_text()
    if not python.exists():
        venv.create(VENV, with_pip=True)
    if not stamp.exists() or stamp.read_text() != wanted:
        subprocess.run([python, "-m", "pip", "install", "-q", "-r", REQUIREMENTS], check=True)
        stamp.write_text(wanted)
    if Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(python, [python, __file__, *sys.argv[1:]])


def pairs_of(groups):
    out = set()
    for g in groups:
        g = sorted(g)
        for i, a in enumerate(g):
            for b in g[i + 1:]:
                out.add((a, b))
    return out


def quality(proposed_groups, truth_groups):
    p, t = pairs_of(proposed_groups), pairs_of(truth_groups)
    hit = len(p & t)
    precision = hit / len(p) if p else 1.0
    recall = hit / len(t) if t else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def groups_from_pairs(pairs):
    """Connected components: what a user of pairwise links gets as clusters."""
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    groups = {}
    for x in parent:
        groups.setdefault(find(x), []).append(x)
    return [g for g in groups.values() if len(g) > 1]


def frame(clients):
    import pandas as pd

    def first(items, key):
        return items[0][key] if items else ""

    rows = []
    for c in clients:
        phones = [p["number"] for p in c.get("phones", [])]
        for p in c.get("contacts", []):
            phones += [x["number"] for x in p.get("phones", [])]
        digits = re.sub(r"\D", "", phones[0])[:11] if phones else ""
        emails = c.get("emails", [])
        address = c.get("addresses", [])
        rows.append({
            "id": c["id"],
            "name": c["name"],
            "phone": digits[-10:] if len(digits) >= 10 else None,
            "email": first(emails, "address").strip().lower() or None,
            "inn": re.sub(r"\D", "", c.get("inn", "")) or None,
            "street": first(address, "street") or None,
            "city": first(address, "city") or None,
            "postcode": first(address, "postcode") or None,
        })
    df = pd.DataFrame(rows).set_index("id")
    return df


def recordlinkage_run(clients, persons):
    """The toolkit as its documentation sets it up, with three blockings: «tight» (exact keys: phone,
    e-mail, ИНН, the whole cleaned name; persons also street and house), «neighbourhood» (exact
    keys plus a sorted neighbourhood on the name, window 9) and «prefix» (exact keys plus the
    name's first four letters; persons also by street and house; small bases only). Each gets the
    tutorial's rule and the ECM."""
    import recordlinkage as rl
    from recordlinkage.preprocessing import clean

    started = time.perf_counter()
    df = frame(clients)
    # `clean`'s defaults keep ASCII letters only, which would erase every Cyrillic name.
    def cyrillic_clean(series):
        return clean(series.fillna(""), replace_by_none=r"[^ \-\_\w]+", strip_accents=None).replace("", None)

    df["name"] = cyrillic_clean(df["name"])
    df["street"] = cyrillic_clean(df["street"])
    df["city"] = cyrillic_clean(df["city"])
    df["name4"] = df["name"].str[:4]
    df["house"] = df["street"].str.extract(r"(\d+)", expand=False)
    base = time.perf_counter() - started
    results, sizes = {}, []
    # Name-prefix blocks grow with the base: at 100,000 clients they hold billions of pairs
    # (16 GB and still running after 50 minutes here), so they are measured on small bases only.
    blockings = ("tight", "neighbourhood")
    if len(clients) <= PREFIX_MAX:
        blockings += ("prefix",)
    # PISMO_RL_BLOCKINGS=tight measures only that one (the neighbourhood takes minutes at 100k).
    only = os.environ.get("PISMO_RL_BLOCKINGS")
    if only:
        blockings = tuple(b for b in blockings if b in only.split(","))
    for blocking in blockings:
        t = time.perf_counter()
        indexer = rl.Index()
        if not persons:
            indexer.block("phone")
            indexer.block("email")
            indexer.block("inn")
        if blocking == "tight":
            # The fastest set-up a user would try: exact keys only (the cleaned name whole,
            # for persons also the street and house).
            indexer.block("name")
            if persons:
                indexer.block(["street", "house"])
        elif blocking == "neighbourhood":
            indexer.sortedneighbourhood("name", window=9)
        else:
            indexer.block("name4")
            if persons:
                indexer.block(["street", "house"])
        candidates = indexer.index(df)
        sizes.append(len(candidates))
        compare = rl.Compare()
        compare.string("name", "name", method="jarowinkler", threshold=0.85, label="name")
        if not persons:
            compare.exact("phone", "phone", label="phone")
            compare.exact("email", "email", label="email")
            compare.exact("inn", "inn", label="inn")
        compare.string("street", "street", method="levenshtein", threshold=0.85, label="street")
        compare.exact("city", "city", label="city")
        compare.exact("postcode", "postcode", label="postcode")
        features = compare.compute(candidates, df)
        prepared = base + time.perf_counter() - t
        fields = len(features.columns)
        need = 3 if fields > 4 else 2
        t = time.perf_counter()
        rule = features[features.sum(axis=1) >= need].index
        results[f"recordlinkage {blocking} (rule: {need} of {fields})"] = (list(rule), prepared + time.perf_counter() - t)
        t = time.perf_counter()
        links = rl.ECMClassifier(binarize=0.5).fit_predict(features)
        results[f"recordlinkage {blocking} (ECM)"] = (list(links), prepared + time.perf_counter() - t)
    return results, "/".join(str(n) for n in sizes)


def pismo_run(path):
    started = time.perf_counter()
    out = subprocess.run([CLI, "dedup", path], check=True, capture_output=True, text=True).stdout
    return json.loads(out)["clusters"], time.perf_counter() - started


def main():
    ensure_venv()
    subprocess.run(["cargo", "build", "--release", "--locked", "--bin", "pismo-cli"], cwd=ROOT, check=True)
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    figures = {}
    tmp = ROOT / "target" / "bench-dedup"
    tmp.mkdir(parents=True, exist_ok=True)
    print(f"{'base':<16} {'tool':<38} {'P':>6} {'R':>6} {'F1':>6} {'time s':>8} {'baseline F1/s':>15}")
    for size in SIZES:
        for kind in BASES:
            label = f"{size // 1000}k {kind}"
            path, truth_path = tmp / f"tb-{size}-{kind}.json", tmp / f"truth-{size}-{kind}.json"
            args = [CLI, "testbase", "--clients", str(size), "--truth", truth_path]
            args += {"usual": [], "hard": ["--hard"], "persons": ["--persons"]}[kind]
            with open(path, "w") as out:
                subprocess.run(args, check=True, stdout=out)
            truth = json.loads(truth_path.read_text())
            clients = json.loads(path.read_text())["clients"]
            runs, candidates = {}, "no"
            if "pismo" in TOOLS:
                runs["pismo-cli dedup"] = pismo_run(path)
            if "recordlinkage" in TOOLS:
                rl_runs, candidates = recordlinkage_run(clients, kind == "persons")
                runs.update({name: (groups_from_pairs(pairs), secs) for name, (pairs, secs) in rl_runs.items()})
            for tool, (groups, secs) in runs.items():
                p, r, f1 = quality(groups, truth)
                key = f"{label} / {tool}"
                figures[key] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3), "seconds": round(secs, 2)}
                old = baseline.get(key)
                was = f"{old['f1']:.3f}/{old['seconds']:.1f}" if old else "—"
                print(f"{label:<16} {tool:<38} {p:6.3f} {r:6.3f} {f1:6.3f} {secs:8.2f} {was:>15}", flush=True)
            print(f"{'':<16} ({len(clients)} records, {len(pairs_of(truth))} true pairs, recordlinkage compared {candidates} candidate pairs: tight/neighbourhood/prefix)")
    if os.environ.get("PISMO_BENCH_SAVE") == "1":
        # What was not measured this time (another tool, size or base) keeps its figure.
        BASELINE.write_text(json.dumps({**baseline, **figures}, indent=2, ensure_ascii=False) + "\n")
        print(f"baseline saved to {BASELINE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
