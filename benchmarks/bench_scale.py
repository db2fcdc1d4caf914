"""How the library pipeline scales: 100, 1,000 and 10,000 synthetic articles.

Run from anywhere (the default sizes take about five minutes on a 2-core machine)::

    python benchmarks/bench_scale.py                 # sizes 100 1000 10000
    python benchmarks/bench_scale.py --sizes 100 1000

Each synthetic article recombines sentences of the cleaned seed articles (a fixed seed, so every run
builds the same corpora) into paragraphs of about 3,000 characters, with a credit line on top so that
cleaning has work to do. The articles are written as files and go through the same public functions a
notebook calls:

    load + clean   corpus.load_corpus
    tokenize       corpus.paragraph_table + text.tokenize_many (both cores), each paragraph once
    term stats     terms.count_terms + terms.weighted_log_odds (each article against the rest,
                   the terms each article uses)
    topic model    topics.build_units + topics.fit_topic_model (NMF, K=6, paragraph units)
    events         timeline.release_events

Each size runs in a fresh process so that its peak memory is its own. Peak memory is the largest sum of
resident memory over the process and its worker processes, sampled every 20 ms (psutil).

It also measures tokenization throughput on the same text, in one run: raw ``jieba.lcut`` in one
process (the per-core ceiling), ``text.tokenize`` in one process, and ``text.tokenize_many`` on every
core; the figure of merit is tokenize's throughput per core over raw jieba's (target at least 0.8).
Timings are medians of --repeats runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

SEED = 20240515  # fixes which seed sentences make up each synthetic article
TARGET_CHARS = 3000
CREDITS = ["作者|张宇", "编辑|杨博丞", "来源:趣解商业", "图片来源:微博截图", "本文作者:张小珺,来源:腾讯科技"]


def seed_sentences() -> list[str]:
    """Every sentence of the cleaned seed articles (the material synthetic articles are made of)."""
    from llmnews import corpus, topics

    articles = corpus.load_corpus()
    sentences: list[str] = []
    for body in articles["text"]:
        sentences.extend(s for s in topics.split_sentences(body) if len(s) >= 8)
    return sentences


def write_synthetic_corpus(folder: Path, n_articles: int, sentences: list[str]) -> int:
    """Write n_articles files of about TARGET_CHARS characters; return the total characters written."""
    rng = random.Random(SEED)  # same corpus on every run: results comparable across runs and machines
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n_articles):
        lines = [rng.choice(CREDITS)]
        size = 0
        while size < TARGET_CHARS:
            paragraph = "".join(rng.choice(sentences) for _ in range(rng.randint(2, 4)))
            lines.append(paragraph)
            size += len(paragraph)
        body = "\n".join(lines) + "\n"
        (folder / f"synthetic_{i:05d}.txt").write_text(body, encoding="utf-8")
        total += len(body)
    return total


class PeakMemory:
    """Largest resident memory of this process plus its children, sampled in a thread.

    ``peak`` is the whole run's; ``stage(name)`` also records the peak of one stage in ``stage_peaks``.
    """

    def __init__(self, interval: float = 0.02):
        import psutil

        self._process = psutil.Process()
        self._interval = interval
        self.peak = 0
        self._current_stage_peak = 0
        self.stage_peaks: dict[str, int] = {}
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

    def _record(self) -> None:
        now = self._sample()
        self.peak = max(self.peak, now)
        self._current_stage_peak = max(self._current_stage_peak, now)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._record()
            time.sleep(self._interval)

    @contextmanager
    def stage(self, name: str, timings: dict[str, float]):
        self._current_stage_peak = 0
        self._record()
        start = time.perf_counter()
        yield
        timings[name] = time.perf_counter() - start
        self._record()
        self.stage_peaks[name] = self._current_stage_peak

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._record()


def run_pipeline(folder: Path) -> dict:
    """Time each stage of the library pipeline on one corpus folder (called in a fresh process)."""
    import warnings

    from llmnews import corpus, terms, text, timeline, topics

    stages: dict[str, float] = {}
    with PeakMemory() as memory:
        with memory.stage("load_clean", stages), warnings.catch_warnings():
            warnings.simplefilter("error")  # a synthetic article that gets skipped is a bug here
            articles = corpus.load_corpus(folder)

        # Tokenize each paragraph once: topic units are paragraphs, an article's tokens are its
        # paragraphs' tokens in order (jieba never joins words across a line break).
        with memory.stage("tokenize", stages):
            paragraphs = corpus.paragraph_table(articles)
            paragraph_tokens = text.tokenize_many(paragraphs["text"].tolist())

        with memory.stage("term_stats", stages):
            tokens_by_article: dict[str, list[str]] = {a: [] for a in articles["article_id"]}
            for article_id, tokens in zip(paragraphs["article_id"], paragraph_tokens):
                tokens_by_article[article_id].extend(tokens)
            counts = terms.count_terms(tokens_by_article)
            terms.weighted_log_odds(counts, include_absent=False)  # articles x vocabulary rows would not fit

        with memory.stage("topic_model", stages):
            units = topics.build_units(paragraphs)
            tokens_of = dict(zip(zip(paragraphs["article_id"], paragraphs["paragraph"]), paragraph_tokens))
            unit_tokens = [tokens_of[key] for key in zip(units["article_id"], units["first_paragraph"])]
            topics.fit_topic_model(unit_tokens, model="nmf", k=6, seed=0)

        with memory.stage("events", stages):
            events = timeline.release_events(articles)
    return {
        "articles": len(articles),
        "chars": int(articles["n_chars"].sum()),
        "events": len(events),
        "stages": stages,
        "stage_peak_bytes": memory.stage_peaks,
        "total": sum(stages.values()),
        "peak_bytes": memory.peak,
    }


def tokenizer_throughput(folder: Path, n_articles: int, repeats: int) -> dict:
    """chars/s of raw jieba.lcut (1 process), tokenize (1 process), tokenize_many (all cores)."""
    import jieba

    from llmnews import corpus, text

    articles = corpus.load_corpus(folder).head(n_articles)
    texts = articles["text"].tolist()
    n_chars = sum(len(t) for t in texts)
    raw = jieba.Tokenizer()
    raw.initialize()  # dictionary load is start-up, not throughput
    text.tokenize(texts[0])  # same for the project's segmenter

    def median_rate(fn) -> float:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return n_chars / statistics.median(times)

    rates = {
        "jieba_lcut_1proc": median_rate(lambda: [raw.lcut(t) for t in texts]),
        "tokenize_1proc": median_rate(lambda: [text.tokenize(t) for t in texts]),
        "tokenize_many_all_cores": median_rate(lambda: text.tokenize_many(texts)),
    }
    cores = len(os.sched_getaffinity(0))
    return {"chars": n_chars, "cores": cores, **rates}


def child(args) -> None:
    folder = Path(args.folder)
    if args.throughput:
        result = tokenizer_throughput(folder, args.throughput, args.repeats)
    else:
        result = run_pipeline(folder)
    print(json.dumps(result))


def run_child(*extra: str) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", *extra], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeats", type=int, default=3, help="runs per size; the median is shown")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--throughput", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    sentences = seed_sentences()
    print(f"{len(sentences)} seed sentences; {args.repeats} runs per size, medians shown", flush=True)
    header = f"{'articles':>8} {'MB':>6} {'load':>7} {'tokens':>7} {'terms':>7} {'topics':>7} {'events':>7} " \
             f"{'total s':>8} {'art/s':>7} {'ms/art':>7} {'peak MB':>8}"
    rows = {}
    with tempfile.TemporaryDirectory(prefix="llmnews-bench-") as tmp:
        for size in args.sizes:
            folder = Path(tmp) / f"corpus_{size}"
            write_synthetic_corpus(folder, size, sentences)
            runs = [run_child("--folder", str(folder)) for _ in range(args.repeats)]
            stages = {k: statistics.median(r["stages"][k] for r in runs) for k in runs[0]["stages"]}
            total = statistics.median(r["total"] for r in runs)
            peak = max(r["peak_bytes"] for r in runs)
            stage_peaks = {k: max(r["stage_peak_bytes"][k] for r in runs) for k in stages}
            rows[size] = (runs[0]["chars"], stages, total, peak, stage_peaks)
            if len(rows) == 1:
                print(header)
            print(f"{size:>8} {runs[0]['chars'] / 1e6:>6.1f} "
                  + " ".join(f"{stages[k]:>7.2f}" for k in stages)
                  + f" {total:>8.2f} {size / total:>7.1f} {1000 * total / size:>7.2f} {peak / 2**20:>8.0f}",
                  flush=True)
        sample_size = min(args.sizes[-1], 1000)  # enough text that tokenize_many starts its pool
        rates = run_child("--folder", str(Path(tmp) / f"corpus_{args.sizes[-1]}"),
                          "--throughput", str(sample_size), "--repeats", str(args.repeats))

    print("\npeak memory (MB) during each stage, process and workers:")
    print(f"{'articles':>8} " + " ".join(f"{k:>11}" for k in rows[args.sizes[0]][4]))
    for size, row in rows.items():
        print(f"{size:>8} " + " ".join(f"{v / 2**20:>11.0f}" for v in row[4].values()))
    print()
    if 1000 in rows and 10000 in rows:
        per_1k = rows[1000][2] / 1000
        per_10k = rows[10000][2] / 10000
        print(f"per-article cost at 10,000 / at 1,000: {per_10k / per_1k:.2f}x (target <= 1.25x)")
    if 10000 in rows:
        print(f"10,000 articles end to end: {rows[10000][2]:.1f} s (target < 180 s), "
              f"peak memory {rows[10000][3] / 2**30:.2f} GB (target < 4 GB)")
    cores = rates["cores"]
    jieba_rate, one, many = rates["jieba_lcut_1proc"], rates["tokenize_1proc"], rates["tokenize_many_all_cores"]
    print(f"tokenizer throughput on {sample_size} articles ({rates['chars'] / 1e6:.2f} M chars), chars/s:")
    print(f"  raw jieba.lcut, 1 process        {jieba_rate:>12,.0f}")
    print(f"  text.tokenize, 1 process         {one:>12,.0f}  ({one / jieba_rate:.2f}x raw jieba)")
    print(f"  text.tokenize_many, {cores} cores     {many:>12,.0f}  "
          f"({many / cores / jieba_rate:.2f}x raw jieba per core, target >= 0.80; "
          f"{many / one:.2f}x one process)")


if __name__ == "__main__":
    main()
