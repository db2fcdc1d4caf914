"""``prepare``: bring a store up to date with an articles folder, here or on a Dask cluster.

The steps, each a named function below:

1. ``_usable_manifest``: read the old manifest; a missing, unreadable or foreign one (other store
   format, other package code, other linguistic resources, other articles folder) means a full
   prepare, with a message saying why.
2. ``manifest.plan_partitions``: which partitions the files fall into and which must be redone.
3. ``_run_partitions``: ``stages.prepare_partition`` on each partition to redo, serially, in a
   pool of worker processes (``spawn``; one per core by default), or through ``dask.bag``'s
   ``map_partitions`` on a ``distributed.Client``. Each partition writes its own Parquet parts, so
   nothing ever holds the whole token table; progress is printed as partitions finish.
4. ``_global_tables``: merged events and term totals, from the article-local tables.
5. Delete the parts of partitions that no longer exist, then write the manifest (last).

A prepare with nothing changed reads the manifest, hashes the inputs and returns.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from llmnews import corpus, paths, resources
from llmnews.errors import StoreError
import llmnews.store.manifest as manifests
import llmnews.store.stages as stages
import llmnews.store.tables as tables

__all__ = ["PrepareReport", "StoreError", "prepare", "DASK_CONNECT_TIMEOUT"]

DASK_CONNECT_TIMEOUT = 10  # seconds: an address that does not answer fails within this, named
# Below this many articles a worker pool costs more to start (about 2 s a process) than it saves.
MIN_ARTICLES_FOR_POOL = 400


@dataclass
class PrepareReport:
    """What a prepare did: partitions redone, rows per table, time per stage, why it rebuilt."""

    store_dir: Path
    n_articles: int = 0
    n_files: int = 0
    partitions: int = 0
    redone: int = 0
    rebuilt_because: str = ""
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    skipped: list[dict] = field(default_factory=list)
    engine: str = "serial"

    @property
    def up_to_date(self) -> bool:
        return self.redone == 0 and not self.rebuilt_because


def _say(message: str, quiet: bool) -> None:
    if not quiet:
        print(f"prepare: {message}", file=sys.stderr, flush=True)


@contextmanager
def _locked(store_dir: Path):
    """One prepare at a time per store (notebooks started in parallel all ask for it)."""
    store_dir.mkdir(parents=True, exist_ok=True)
    with open(store_dir / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _usable_manifest(store_dir: Path, seeds_dir: Path, code: str, resource_print: str):
    old, why = manifests.read_manifest(store_dir)
    if old is None:
        return None, why
    if old.code != code:
        return None, "it was made by other llmnews code (package changed)"
    if old.resources != resource_print:
        return None, "it was made with another lexicon or other word lists"
    if old.seeds_dir != str(seeds_dir):
        return None, f"it was made from {old.seeds_dir}, not {seeds_dir}"
    for table in tables.ARTICLE_TABLES:
        for partition in old.partitions:
            if not stages.part_path(store_dir, table, partition).exists():
                return None, f"part {table}/{partition}.parquet is missing (truncated store)"
    for table in tables.GLOBAL_TABLES:
        if not (store_dir / f"{table}.parquet").exists():
            return None, f"{table}.parquet is missing (truncated store)"
    return old, ""


def prepare(seeds_dir: str | Path | None = None, store_dir: str | Path | None = None, *,
            dask: str | None = None, processes: int | None = None, quiet: bool = False,
            partition_articles: int = manifests.PARTITION_ARTICLES, force: bool = False) -> PrepareReport:
    """Bring the store for ``seeds_dir`` up to date; see the module docstring.

    ``dask``: None (this machine: serially, or a pool of ``processes`` worker processes), ``"local"``
    or ``"local:N"`` (a ``LocalCluster`` of N worker processes on 127.0.0.1, no dashboard), or a
    scheduler address (``tcp://host:8786``). ``force`` prepares everything again. Nothing is ever
    written to ``seeds_dir``.
    """
    if partition_articles < 1:
        raise StoreError(f"partition_articles must be at least 1, got {partition_articles}")
    seeds_dir = Path(seeds_dir).expanduser().resolve() if seeds_dir else paths.SEEDS_DIR
    if not seeds_dir.is_dir():
        raise StoreError(f"{seeds_dir}: articles folder does not exist")
    store_dir = Path(store_dir).expanduser().resolve() if store_dir else paths.store_dir_for(seeds_dir)
    report = PrepareReport(store_dir=store_dir)
    started = time.perf_counter()
    with _locked(store_dir):
        metadata = corpus.read_metadata(seeds_dir)
        inputs = manifests.scan_inputs(seeds_dir, metadata)
        bundle = resources.bundle()
        code = manifests.code_fingerprint()
        old, why = _usable_manifest(store_dir, seeds_dir, code, bundle.fingerprint)
        if force and old is not None:
            old, why = None, "asked to (--force)"
        if old is None:
            report.rebuilt_because = why
            _say(f"preparing {store_dir} from scratch: {why}", quiet)
            _clear_tables(store_dir)
        plan, dirty, next_id = manifests.plan_partitions(inputs, old, partition_articles)
        report.n_files, report.partitions, report.redone = len(inputs), len(plan), len(dirty)
        if old is not None and not dirty and set(plan) == set(old.partitions):
            report.n_articles = sum(old.rows.get("articles", {}).values())
            report.rows = {t: sum(old.rows.get(t, {}).values()) for t in tables.ARTICLE_TABLES}
            report.rows.update(old.global_rows)
            report.skipped = old.skipped
            report.seconds["total"] = time.perf_counter() - started
            return report
        jobs = [stages.PartitionJob(p, [(str(seeds_dir / n), metadata.get(Path(n).stem, {})) for n in plan[p]],
                                    str(store_dir), bundle)
                for p in sorted(dirty, key=lambda p: plan[p][0])]
        n_redo = sum(len(job.files) for job in jobs)
        _say(f"{len(jobs)} of {len(plan)} partitions to prepare ({n_redo:,} of {len(inputs):,} files)", quiet)
        results, report.engine = _run_partitions(jobs, dask=dask, processes=processes, quiet=quiet,
                                                 n_files=n_redo)
        rows = {t: dict(old.rows.get(t, {})) if old else {} for t in tables.ARTICLE_TABLES}
        skipped_by_partition = {}
        for result in results:
            for table, n in result.rows.items():
                rows[table][result.partition] = n
            skipped_by_partition[result.partition] = result.skipped
            for stage, seconds in result.seconds.items():
                report.seconds[stage] = report.seconds.get(stage, 0.0) + seconds
        for table in rows:  # partitions that are gone (emptied or split)
            rows[table] = {p: n for p, n in rows[table].items() if p in plan}
        stale = set(old.partitions) - set(plan) if old else set()
        new_manifest = manifests.Manifest(
            format=manifests.FORMAT, code=code, resources=bundle.fingerprint, seeds_dir=str(seeds_dir),
            files={f.name: f.digest for f in inputs}, partitions=plan, rows=rows,
            next_partition=next_id, notices=_notices(metadata, inputs),
        )
        order = new_manifest.ordered_partitions()
        previous_skipped = {}
        if old:
            for row in old.skipped:
                previous_skipped.setdefault(row.get("partition"), []).append(row)
        new_manifest.skipped = [
            {**row, "partition": p}
            for p in order
            for row in (skipped_by_partition[p] if p in skipped_by_partition
                        else [{k: r[k] for k in ("file", "reason")} for r in previous_skipped.get(p, [])])
        ]
        global_started = time.perf_counter()
        new_manifest.global_rows = _global_tables(store_dir, order)
        report.seconds["global"] = time.perf_counter() - global_started
        _remove_parts(store_dir, stale)
        manifests.write_manifest(store_dir, new_manifest)
    report.n_articles = sum(rows["articles"].values())
    report.rows = {t: sum(rows[t].values()) for t in rows}
    report.rows.update(new_manifest.global_rows)
    report.skipped = new_manifest.skipped
    report.seconds["total"] = time.perf_counter() - started
    for row in report.skipped:
        _say(f"skipped {row['file']}: {row['reason']}", quiet)
    for notice in new_manifest.notices:
        _say(notice, quiet)
    _say(f"{report.n_articles:,} articles, {report.rows.get('tokens', 0):,} tokens in "
         f"{report.seconds['total']:.1f} s ({report.engine})", quiet)
    return report


def _notices(metadata: dict, inputs) -> list[str]:
    known = {Path(f.name).stem for f in inputs}
    return [f"{corpus.METADATA_FILE_NAME}: row {article_id!r} has no article file {article_id}.txt"
            for article_id in sorted(set(metadata) - known)]


def _clear_tables(store_dir: Path) -> None:
    """Remove every table of a store that is not trusted, so no orphaned part outlives it."""
    import shutil

    (store_dir / manifests.MANIFEST_NAME).unlink(missing_ok=True)
    for table in tables.ARTICLE_TABLES:
        shutil.rmtree(store_dir / table, ignore_errors=True)
    for table in tables.GLOBAL_TABLES:
        (store_dir / f"{table}.parquet").unlink(missing_ok=True)


def _remove_parts(store_dir: Path, partitions: set[str]) -> None:
    for table in tables.ARTICLE_TABLES:
        for partition in partitions:
            stages.part_path(store_dir, table, partition).unlink(missing_ok=True)


def _global_tables(store_dir: Path, order: list[str]) -> dict[str, int]:
    """The global steps, on reduced tables: merged events and summed term totals."""
    def parts(table):
        return [stages.part_path(store_dir, table, p) for p in order]

    events = tables.read_parts(parts("events"), "events")
    totals = tables.read_parts(parts("term_totals_part"), "term_totals_part")
    written = {
        "merged_events": tables.write_table(stages.merged_events(events), store_dir / "merged_events.parquet"),
        "term_totals": tables.write_table(stages.term_totals(totals), store_dir / "term_totals.parquet"),
    }
    return written


# --------------------------------------------------------------------------- engines


class _Progress:
    def __init__(self, n_jobs: int, n_files: int, quiet: bool):
        self.n_jobs, self.n_files, self.quiet = n_jobs, n_files, quiet
        self.done_jobs = self.done_files = 0
        self.started = time.perf_counter()
        self.last = 0.0

    def update(self, job_files: int) -> None:
        self.done_jobs += 1
        self.done_files += job_files
        now = time.perf_counter()
        # one line a second at most, and always the last one
        if self.quiet or (now - self.last < 1.0 and self.done_jobs < self.n_jobs):
            return
        self.last = now
        elapsed = now - self.started
        rate = self.done_files / elapsed if elapsed else 0.0
        print(f"prepare: {self.done_jobs}/{self.n_jobs} partitions, {self.done_files:,}/{self.n_files:,} "
              f"files, {elapsed:.0f} s ({rate:.0f} files/s)", file=sys.stderr, flush=True)


def _default_processes() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _run_partitions(jobs, *, dask, processes, quiet, n_files):
    progress = _Progress(len(jobs), n_files, quiet)
    if not jobs:
        return [], "serial"
    if dask:
        return _run_on_dask(jobs, dask, progress), f"dask {dask}"
    processes = _default_processes() if processes is None else processes
    if processes < 1:
        raise StoreError(f"processes must be at least 1, got {processes}")
    if processes == 1 or len(jobs) == 1 or n_files < MIN_ARTICLES_FOR_POOL:
        results = []
        for job in jobs:
            results.append(stages.prepare_partition(job))
            progress.update(len(job.files))
        return results, "serial"
    return _run_in_pool(jobs, min(processes, len(jobs)), progress), f"{min(processes, len(jobs))} processes"


def _pool_worker_init() -> None:
    # Each worker is one core: BLAS threads would only compete with the other workers.
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def _run_in_pool(jobs, processes, progress):
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # safe under Jupyter, and the same everywhere
    results = []
    sizes = {job.partition: len(job.files) for job in jobs}
    with context.Pool(processes, initializer=_pool_worker_init, maxtasksperchild=None) as pool:
        for result in pool.imap_unordered(stages.prepare_partition, jobs, chunksize=1):
            results.append(result)
            progress.update(sizes[result.partition])
    return results


def _dask_client(address: str):
    from distributed import Client, LocalCluster

    if address == "local" or address.startswith("local:"):
        workers = _default_processes()
        if address.startswith("local:"):
            try:
                workers = int(address.split(":", 1)[1])
            except ValueError:
                raise StoreError(f"--dask {address!r}: expected local or local:N with N a number") from None
            if workers < 1:
                raise StoreError(f"--dask {address!r}: N must be at least 1")
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        return Client(cluster), cluster
    try:
        client = Client(address, timeout=DASK_CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as err:
        raise StoreError(f"--dask {address}: no Dask scheduler answered within "
                         f"{DASK_CONNECT_TIMEOUT} s ({type(err).__name__}: {err})") from None
    return client, None


def _run_on_dask(jobs, address, progress):
    """The same partition function through ``dask.bag.map_partitions`` on a distributed client."""
    import dask.bag as db
    from distributed import as_completed

    client, cluster = _dask_client(address)
    try:
        bag = db.from_sequence(jobs, npartitions=len(jobs))  # one bag partition per store partition
        prepared = bag.map_partitions(_prepare_bag_partition)
        futures = client.compute(prepared.to_delayed())
        sizes = {}
        for job in jobs:
            sizes[job.partition] = len(job.files)
        results = []
        for future in as_completed(futures):
            for result in future.result():
                results.append(result)
                progress.update(sizes[result.partition])
        return results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _prepare_bag_partition(jobs) -> list:
    return [stages.prepare_partition(job) for job in jobs]
