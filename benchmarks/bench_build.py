"""Wall time of ``python -m llmnews build`` beside the naive way, measured in the same run.

The naive way is what one would type without the build command: a shell loop that runs each
notebook with ``papermill`` and then converts it with ``jupyter nbconvert --to html``, one after the
other, each in a fresh process. The build runs notebooks in parallel worker processes and exports
HTML in-process; a rebuild with nothing changed is answered from the content-hash cache.

Each repeat runs the naive loop and a forced full build back to back (so both see the same machine
load), then times no-change rebuilds. Medians are reported with their ratios. Outputs, figures
included, go to a temporary folder: the committed ``figures/`` are never touched.

    python benchmarks/bench_build.py                # 3 repeats (about 3x (naive + build) time)
    python benchmarks/bench_build.py --repeats 1 --only 02
    python benchmarks/bench_build.py --articles 1000  # one full build of a generated corpus

With ``--articles N`` it instead builds every notebook once, with default parameters, on N generated
articles (``llmnews.synthetic``: outlets and dates in ``metadata.csv``), in a temporary folder, and
prints the wall time (prepare included), the peak memory of the build and its kernels, and the
largest side in pixels of any figure written (the corpus-scale goals: at most 4000 px).
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from llmnews import build, paths

BIN = Path(sys.executable).parent


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    completed = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        sys.exit(f"benchmark command failed ({completed.returncode}): {shlex.join(command)}\n"
                 f"{completed.stdout[-2000:]}\n{completed.stderr[-2000:]}")
    return seconds


def naive_loop(notebooks: list[Path], out: Path) -> list[str]:
    """``for nb in ...; do papermill ...; jupyter nbconvert --to html ...; done`` as one bash command."""
    lines = ["set -e"]
    for notebook in notebooks:
        executed = out / notebook.name
        lines.append(f"{shlex.quote(str(BIN / 'papermill'))} {shlex.quote(str(notebook))} "
                     f"{shlex.quote(str(executed))} -k python3 --no-progress-bar")
        lines.append(f"{shlex.quote(str(BIN / 'jupyter'))} nbconvert --to html {shlex.quote(str(executed))}")
    return ["bash", "-c", "\n".join(lines)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="full-build and naive repeats (default 3)")
    parser.add_argument("--rebuilds", type=int, default=5, help="no-change rebuild repeats (default 5)")
    parser.add_argument("--only", nargs="+", metavar="NN", help="benchmark only these notebooks")
    parser.add_argument("--jobs", type=int, default=None, help="build --jobs (default: CPU count)")
    parser.add_argument("--articles", type=int, default=0, metavar="N",
                        help="one build of every notebook on N generated articles (see above)")
    args = parser.parse_args(argv)
    if args.articles:
        return corpus_build(args.articles, args.jobs)

    notebooks = build.select_notebooks(build.find_notebooks(paths.NOTEBOOKS_DIR), args.only)
    with tempfile.TemporaryDirectory(prefix="llmnews-bench-") as tmp:
        tmp = Path(tmp)
        env = dict(os.environ, LLMNEWS_FIGURES_DIR=str(tmp / "figures"), LLMNEWS_BUILD_DIR=str(tmp / "build"))
        # --only always: both sides run exactly the same notebooks, even if one appears meanwhile.
        build_cmd = [sys.executable, "-m", "llmnews", "build", "--output", str(tmp / "reports"),
                     "--only", *(nb.stem for nb in notebooks)]
        if args.jobs:
            build_cmd += ["--jobs", str(args.jobs)]

        # Other processes on the machine slow the parallel build more than the one-core naive loop.
        print(f"notebooks: {', '.join(nb.name for nb in notebooks)}; cores: {os.cpu_count()}; "
              f"load average: {os.getloadavg()[0]:.2f}; repeats: {args.repeats} (rebuilds: {args.rebuilds})",
              flush=True)
        naive_times, build_times, rebuild_times = [], [], []
        for repeat in range(1, args.repeats + 1):
            naive_out = tmp / f"naive-{repeat}"
            naive_out.mkdir()
            naive_times.append(timed(naive_loop(notebooks, naive_out), env, tmp))
            build_times.append(timed(build_cmd + ["--force"], env, tmp))
            print(f"  repeat {repeat}: naive {naive_times[-1]:6.1f} s   build {build_times[-1]:6.1f} s", flush=True)
        for _ in range(args.rebuilds):
            rebuild_times.append(timed(build_cmd, env, tmp))
        print(f"  no-change rebuilds: {', '.join(f'{t:.2f}' for t in rebuild_times)} s")

    naive, full, rebuild = (statistics.median(t) for t in (naive_times, build_times, rebuild_times))
    print()
    print(f"{'what':<44} {'median':>9}")
    print(f"{'naive: papermill + nbconvert per notebook':<44} {naive:8.1f}s")
    print(f"{'python -m llmnews build --force (full)':<44} {full:8.1f}s")
    print(f"{'python -m llmnews build (nothing changed)':<44} {rebuild:8.2f}s")
    print(f"full build / naive:   {full / naive:6.1%}   (target <= 50%)")
    print(f"rebuild / full build: {rebuild / full:6.1%}   (target < 5%)")
    return 0


def _role(process) -> str:
    """What a process of the build is: a notebook's kernel, a worker process of the build, the build."""
    try:
        command = " ".join(process.cmdline())
    except Exception:  # it just exited
        return "?"
    if "ipykernel" in command:
        return "kernel"
    if "multiprocessing" in command or "spawn_main" in command:
        return "build worker"
    return "build" if "llmnews" in command else command[:40]


def corpus_build(n_articles: int, jobs: int | None) -> int:
    """One build, default parameters, on ``n_articles`` generated articles: time, memory, figure size."""
    import threading

    import psutil
    from PIL import Image

    from llmnews import synthetic

    with tempfile.TemporaryDirectory(prefix="llmnews-bench-") as tmp:
        tmp = Path(tmp)
        chars = synthetic.write_corpus(tmp / "articles", n_articles)
        env = dict(os.environ, LLMNEWS_SEEDS_DIR=str(tmp / "articles"), LLMNEWS_BUILD_DIR=str(tmp / "build"),
                   LLMNEWS_FIGURES_DIR=str(tmp / "figures"))
        command = [sys.executable, "-m", "llmnews", "build", "--output", str(tmp / "reports")]
        if jobs:
            command += ["--jobs", str(jobs)]
        print(f"{n_articles:,} generated articles ({chars / 1e6:.1f} M characters); cores: {os.cpu_count()}; "
              f"load average: {os.getloadavg()[0]:.2f}", flush=True)
        peak = 0
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
        reader.start()
        watched = psutil.Process(process.pid)
        at_peak: list[tuple[str, int]] = []  # (process, resident bytes) when the sum was largest
        while process.poll() is None:
            try:
                members = [watched, *watched.children(recursive=True)]
                sizes = [(_role(p), p.memory_info().rss) for p in members]
                total = sum(size for _, size in sizes)
                if total > peak:
                    peak, at_peak = total, sizes
            except psutil.Error:
                pass
            time.sleep(0.05)
        reader.join()
        seconds = time.perf_counter() - started
        print("".join(line for line in lines if line.startswith(("[", "built", "FAILED"))), end="")
        sides = {}
        for png in sorted((tmp / "figures").glob("*.png")):
            with Image.open(png) as image:
                sides[png.name] = max(image.size)
        largest = max(sides, key=sides.get) if sides else None
        print(f"full build: {seconds:.1f} s, peak memory {peak / 2**30:.2f} GB, exit status {process.returncode}")
        print("at the peak: " + ", ".join(f"{role} {size / 2**30:.2f} GB"
                                          for role, size in sorted(at_peak, key=lambda x: -x[1]) if size > 2**26))
        if largest:
            print(f"{len(sides)} figures; largest side {sides[largest]} px ({largest}); goal <= 4000 px")
        return process.returncode


if __name__ == "__main__":
    sys.exit(main())
