"""How the analysis store scales: prepare on generated corpora, here and on Dask.

Run from anywhere (the defaults take about ten minutes on a 2-core machine; add 100000 to
``--sizes`` for the largest goal, about fifteen more)::

    python benchmarks/bench_prepare.py                        # sizes 1000 10000
    python benchmarks/bench_prepare.py --sizes 1000 10000 100000

The corpora are ``llmnews.synthetic.write_corpus`` (seed sentences recombined with a fixed seed,
about 3,000 characters an article, an outlet and a date each in ``metadata.csv``), so every run
measures the same text. Each measurement runs ``store.prepare`` in a fresh process, so its peak
memory is its own: the largest sum of resident memory of that process and its workers (and, for
Dask, the cluster's worker processes), sampled every 20 ms with psutil.

Printed, against the goals of the store issue:

- prepare time, articles per second and peak memory per size (pandas path: a pool of one worker
  process per core), and the per-article cost at the largest size over that at 1,000;
- Dask ``local:2`` over the pandas path at 10,000 articles;
- re-prepare after changing one article of 10,000, as a share of the full prepare;
- segmentation throughput per core: the store's ``tokens`` stage (``text.tokenize_with_offsets``
  in the partition workers) against raw ``jieba.lcut`` on the same text in one process.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


class PeakMemory:
    """Largest resident memory of this process plus all its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.02):
        import psutil

        self._process = psutil.Process()
        self._interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = self._process.memory_info().rss
        for child in self._process.children(recursive=True):
            try:
                total += child.memory_info().rss
            except Exception:  # a worker that just exited
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            time.sleep(self._interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


def child(args) -> None:
    """One prepare (or one throughput measurement) in this fresh process; prints JSON."""
    if args.throughput:
        print(json.dumps(throughput(Path(args.folder), args.throughput)))
        return
    from llmnews import store

    with PeakMemory() as memory:
        started = time.perf_counter()
        report = store.prepare(args.folder, args.store, dask=args.dask or None, quiet=True)
        seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "peak": memory.peak, "articles": report.n_articles,
                      "tokens": report.rows.get("tokens", 0), "redone": report.redone,
                      "partitions": report.partitions, "stages": report.seconds, "engine": report.engine}))


def throughput(folder: Path, n_articles: int) -> dict:
    """chars/s of raw jieba.lcut and of the store's tokens stage, one process, same text."""
    import jieba

    from llmnews import corpus
    from llmnews.store import stages

    files = sorted(folder.glob("*.txt"))[:n_articles]
    articles = corpus.articles_frame([corpus.load_article(p) for p in files])[stages.ARTICLE_COLUMNS]
    texts = articles["text"].tolist()
    n_chars = sum(len(t) for t in texts)
    raw = jieba.Tokenizer()
    raw.initialize()  # loading the dictionary is start-up, not throughput
    stages.tokens_table(articles.head(1))  # same for the project's segmenter
    started = time.perf_counter()
    for body in texts:
        raw.lcut(body)
    raw_seconds = time.perf_counter() - started
    started = time.perf_counter()
    stages.tokens_table(articles)
    store_seconds = time.perf_counter() - started
    return {"chars": n_chars, "jieba_lcut": n_chars / raw_seconds, "tokens_stage": n_chars / store_seconds}


def run_child(*extra: str) -> dict:
    output = subprocess.run([sys.executable, __file__, "--child", *extra], check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask local:2 run")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--dask", default="", help=argparse.SUPPRESS)
    parser.add_argument("--throughput", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    from llmnews import synthetic

    print(f"{len(os.sched_getaffinity(0))} cores; load average {os.getloadavg()[0]:.2f} at start", flush=True)
    print(f"{'articles':>9} {'M chars':>8} {'prepare s':>10} {'art/s':>7} {'ms/art':>7} {'peak MB':>8}  engine")
    results = {}
    with tempfile.TemporaryDirectory(prefix="llmnews-bench-") as tmp:
        for size in args.sizes:
            folder = Path(tmp) / f"corpus_{size}"
            chars = synthetic.write_corpus(folder, size)
            run = run_child("--folder", str(folder), "--store", str(Path(tmp) / f"store_{size}"))
            results[size] = run
            print(f"{size:>9,} {chars / 1e6:>8.1f} {run['seconds']:>10.1f} {size / run['seconds']:>7.0f} "
                  f"{1000 * run['seconds'] / size:>7.2f} {run['peak'] / 2**20:>8.0f}  {run['engine']}", flush=True)
        largest = max(args.sizes)
        if 1000 in results and largest > 1000:
            ratio = (results[largest]["seconds"] / largest) / (results[1000]["seconds"] / 1000)
            print(f"\nper-article cost at {largest:,} / at 1,000: {ratio:.2f} (goal <= 1.2)")
        if 10000 in results:
            base = results[10000]
            folder = Path(tmp) / "corpus_10000"
            if not args.no_dask:
                on_dask = run_child("--folder", str(folder), "--store", str(Path(tmp) / "store_dask"),
                                    "--dask", "local:2")
                print(f"Dask local:2, 10,000 articles: {on_dask['seconds']:.1f} s, peak "
                      f"{on_dask['peak'] / 2**20:.0f} MB; Dask / pandas path = "
                      f"{on_dask['seconds'] / base['seconds']:.2f} (goal <= 1.3)")
            changed = folder / "synthetic_05000.txt"
            changed.write_text(changed.read_text(encoding="utf-8") + "智谱AI发布了新一代模型。\n", encoding="utf-8")
            again = run_child("--folder", str(folder), "--store", str(Path(tmp) / "store_10000"))
            print(f"re-prepare after changing one of 10,000 articles: {again['seconds']:.1f} s, "
                  f"{again['redone']} of {again['partitions']} partitions, "
                  f"{100 * again['seconds'] / base['seconds']:.1f}% of the full prepare (goal <= 10%)")
            print("stage seconds summed over workers (10,000): "
                  + ", ".join(f"{k} {v:.1f}" for k, v in base["stages"].items()))
        sample = Path(tmp) / f"corpus_{min(args.sizes)}"
        rates = run_child("--folder", str(sample), "--throughput", "500")
        print(f"segmentation on 500 articles ({rates['chars'] / 1e6:.2f} M chars), one process: raw jieba.lcut "
              f"{rates['jieba_lcut']:,.0f} chars/s, the store's tokens stage {rates['tokens_stage']:,.0f} chars/s "
              f"= {rates['tokens_stage'] / rates['jieba_lcut']:.2f} of raw per core (goal >= 0.9)")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
