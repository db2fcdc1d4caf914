"""``python -m llmnews build``: every notebook to an executed copy, an HTML report and its figures.

What one build does, in order (one module per step):

1. ``notebooks``: finds ``notebooks/NN-*.ipynb`` (or the ones named with ``--only``).
2. ``parameters``: gives each the ``-p`` / ``-f`` values its parameters cell declares, and refuses
   a name nobody declares or a value of the wrong type or range, before any kernel starts.
3. Chooses where each notebook's figures go: the committed ``figures/`` only for the default
   seeds with default parameters; otherwise ``<reports>/figures`` (``--output DIR``: ``DIR/figures``),
   unless ``LLMNEWS_FIGURES_DIR`` (or ``figures_dir=``) names a folder.
4. ``cache``: a content key per notebook (its cells, the llmnews modules it imports, seeds,
   parameters, versions, figures folder); a notebook whose key matches its last good run is
   ``cached``.
5. ``execute``: runs the others with papermill in parallel worker processes.
6. ``report``: exports each executed notebook to a self-contained HTML report in this process,
   and ``index``: writes ``index.html`` with every report and figure and its caption.

A notebook that fails is named with its failing cell and line, the build exits non-zero, the
others' reports are still written, and the failed notebook's report shows the error (papermill
marks the cell) instead of an older, successful one. ``cli`` is the command line.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

from llmnews import paths
from llmnews.build.cache import (
    LIBRARY_DIR, Outputs, figure_digests, is_cached, notebook_key, shared_fingerprint, store_fingerprint,
)
from llmnews.build.dependencies import ModuleGraph
from llmnews.build.execute import CELL_TIMEOUT, KERNEL_ENV, START_TIMEOUT, execute_notebook, init_worker
from llmnews.build.index import write_index
from llmnews.build.notebooks import find_notebooks, select_notebooks
from llmnews.build.parameters import (
    declared_parameters, load_parameter_file, parse_cli_value, resolve_parameters, uses_defaults,
)
from llmnews.build.report import exporter, export_html, figure_captions
from llmnews.build.results import BuildSummary, NotebookResult
from llmnews.errors import BuildError
from llmnews.parameters import cell_source

__all__ = [
    "build",
    "figures_folder",
    "BuildError",
    "BuildSummary",
    "NotebookResult",
    "KERNEL_ENV",
    "LIBRARY_DIR",
    "find_notebooks",
    "select_notebooks",
    "declared_parameters",
    "parse_cli_value",
    "load_parameter_file",
    "resolve_parameters",
    "figure_captions",
    "cell_source",
]

# The committed figures: written only by a build of the project's seeds with default parameters.
COMMITTED_FIGURES_DIR = paths.ROOT / "figures"
DEFAULT_SEEDS_DIR = paths.ROOT / "seeds"


def figures_folder(
    notebook: Path, parameters: dict, *, seeds_dir: Path, output_dir: Path,
    figures_dir: Path | None = None, output_given: bool = False,
) -> Path:
    """Where one notebook's figures go in this build (see step 3 of the module docstring)."""
    if figures_dir is not None:
        return Path(figures_dir).resolve()
    if paths.FIGURES_DIR.resolve() != COMMITTED_FIGURES_DIR.resolve():
        return paths.FIGURES_DIR.resolve()  # LLMNEWS_FIGURES_DIR
    if not output_given and Path(seeds_dir).resolve() == DEFAULT_SEEDS_DIR.resolve() and uses_defaults(
        notebook, parameters
    ):
        return COMMITTED_FIGURES_DIR.resolve()
    return (Path(output_dir) / "figures").resolve()


def build(
    notebooks_dir: Path | None = None,
    output_dir: Path | None = None,
    *,
    only: list[str] | None = None,
    parameters: dict[str, object] | None = None,
    parameter_file: Path | None = None,
    no_code: bool = False,
    jobs: int | None = None,
    force: bool = False,
    figures_dir: Path | None = None,
    seeds_dir: Path | None = None,
    cwd: Path | None = None,
    library_dir: Path = LIBRARY_DIR,
    start_timeout: int = START_TIMEOUT,
    cell_timeout: int = CELL_TIMEOUT,
    echo=None,
) -> BuildSummary:
    """Build the selected notebooks; returns what happened to each (see module docstring).

    ``cwd`` is the kernels' working directory (default: the notebooks folder, as in JupyterLab).
    ``figures_dir`` overrides the choice of figure folder for every notebook; ``seeds_dir`` is
    passed to the kernels as ``LLMNEWS_SEEDS_DIR``. ``library_dir`` is the package folder whose
    modules key the cache (the package itself; tests point it elsewhere).
    """
    started = time.perf_counter()
    if echo is None:
        def echo(line: str) -> None:  # progress lines appear as they happen, even when piped
            print(line, flush=True)
    output_given = output_dir is not None
    notebooks_dir = Path(notebooks_dir or paths.NOTEBOOKS_DIR).resolve()
    output_dir = Path(output_dir or paths.REPORTS_DIR).resolve()
    seeds_dir = Path(seeds_dir or paths.SEEDS_DIR).resolve()
    all_notebooks = find_notebooks(notebooks_dir)
    if not all_notebooks:
        raise BuildError(f"{notebooks_dir}: no NN-*.ipynb notebooks to build")
    selected = select_notebooks(all_notebooks, only)
    file_values = load_parameter_file(parameter_file) if parameter_file else {}
    per_notebook = resolve_parameters(selected, parameters, file_values)
    output_dir.mkdir(parents=True, exist_ok=True)

    def folder_for(notebook: Path, values: dict) -> Path:
        return figures_folder(notebook, values, seeds_dir=seeds_dir, output_dir=output_dir,
                              figures_dir=figures_dir, output_given=output_given)

    store_dir, store_digest = _prepare_store(seeds_dir, echo)
    shared = shared_fingerprint(seeds_dir, Path(library_dir))
    graph = ModuleGraph(Path(library_dir))
    options = {"no_code": no_code}
    results: dict[str, NotebookResult] = {}
    to_run: list[Path] = []
    keys: dict[str, str] = {}
    folders: dict[str, Path] = {}
    previous_seconds: dict[str, float] = {}
    for notebook in all_notebooks:
        outputs = Outputs(output_dir, notebook.stem)
        if notebook not in selected:
            results[notebook.name] = _left_out(notebook, outputs, shared, graph, folder_for, store_digest)
            continue
        values = per_notebook[notebook.name]
        folders[notebook.name] = folder_for(notebook, values)
        key = notebook_key(notebook, shared, values, options, figures_dir=folders[notebook.name],
                           graph=graph, extra=store_fingerprint(store_digest))
        keys[notebook.name] = key
        stamp = None if force else is_cached(outputs, key, folders[notebook.name])
        if stamp:
            results[notebook.name] = NotebookResult(
                notebook.name, "cached", title=stamp["title"], figures=stamp["figures"],
                figures_dir=folders[notebook.name], parameters=values,
            )
        else:
            previous_seconds[notebook.name] = (outputs.read_stamp() or {}).get("seconds") or 0.0
            outputs.clear()
            to_run.append(notebook)
    # Longest first (by the last run's time), so two workers finish together instead of one
    # starting the slowest notebook last; notebooks never seen keep their file order.
    to_run.sort(key=lambda nb: -previous_seconds[nb.name])

    total = len(selected)
    done = 0

    def progress(result: NotebookResult) -> None:
        nonlocal done
        done += 1
        detail = f"{len(result.figures)} figure(s)"
        if result.status == "failed":
            detail = result.error
        echo(f"[{done}/{total}] {result.stem:<28} {result.status:<7} {result.seconds:7.1f} s  {detail}")
        for name in result.stale_figures:
            echo(f"      warning: {result.figures_dir / name} was not written by this run "
                 "(left over from an older version?)")

    for notebook in selected:
        if results.get(notebook.name) and results[notebook.name].status == "cached":
            progress(results[notebook.name])

    if to_run:
        env = dict(KERNEL_ENV, LLMNEWS_SEEDS_DIR=str(seeds_dir), LLMNEWS_STORE_DIR=str(store_dir))
        jobs = max(1, min(jobs or os.cpu_count() or 1, len(to_run)))
        run_cwd = str(Path(cwd).resolve()) if cwd else None
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=get_context("spawn"), initializer=init_worker, initargs=(env,)
        ) as pool:
            futures = {}
            for notebook in to_run:
                folders[notebook.name].mkdir(parents=True, exist_ok=True)
                job = {
                    "notebook": str(notebook),
                    "executed": str(Outputs(output_dir, notebook.stem).executed),
                    "kernel_log": str(Outputs(output_dir, notebook.stem).kernel_log),
                    "parameters": per_notebook[notebook.name],
                    "cwd": run_cwd or str(notebook.parent),
                    "env": {"LLMNEWS_FIGURES_DIR": str(folders[notebook.name])},
                    "start_timeout": start_timeout,
                    "cell_timeout": cell_timeout,
                }
                futures[pool.submit(execute_notebook, job)] = notebook
            # Load nbconvert and its templates while the kernels work, not after.
            exporter(no_code)
            for future in as_completed(futures):
                notebook = futures[future]
                try:
                    outcome = future.result()
                except Exception as exc:  # noqa: BLE001 - a crashed worker still names its notebook
                    outcome = {"notebook": notebook.name, "seconds": 0.0,
                               "error": f"{notebook.name} failed: worker crashed ({type(exc).__name__}: {exc})"}
                result = _finish(notebook, outcome, output_dir, folders[notebook.name], keys[notebook.name],
                                 options, per_notebook[notebook.name])
                results[notebook.name] = result
                progress(result)

    ordered = [results[nb.name] for nb in all_notebooks]
    index = write_index(output_dir, ordered)
    summary = BuildSummary(ordered, output_dir, time.perf_counter() - started)
    for line in _where_figures_went(selected, folders):
        echo(line)
    ran = sum(r.status == "ran" for r in ordered)
    cached = sum(r.status == "cached" for r in ordered)
    echo(
        f"built {total} notebook(s): {ran} ran, {cached} cached, {len(summary.failed)} failed "
        f"in {summary.seconds:.1f} s -> {index}"
    )
    return summary


def _prepare_store(seeds_dir: Path, echo) -> tuple[Path, str]:
    """Bring the analysis store of ``seeds_dir`` up to date before any kernel starts.

    Every notebook reads its tables from the store, so it is prepared once here (its progress lines
    go to stderr), not by four kernels at once; the kernels are told where it is. Returns the store
    folder and the digest of its manifest, which is part of every notebook's cache key.
    """
    from llmnews import store

    try:
        report = store.prepare(seeds_dir)
    except store.StoreError as err:
        raise BuildError(f"cannot prepare the analysis store: {err}") from None
    if report.up_to_date:
        echo(f"store {report.store_dir}: up to date ({report.n_articles:,} articles)")
    return report.store_dir, store.Store(report.store_dir).manifest.digest()


def _left_out(notebook: Path, outputs: Outputs, shared: str, graph: ModuleGraph, folder_for,
              store_digest: str) -> NotebookResult:
    """A notebook left out by ``--only``: its last report, and whether that still matches its inputs.

    "Its inputs" are those it was built with (its parameters, figure folder and options, kept in
    the stamp), so running another notebook with other parameters does not make this one stale.
    """
    stamp = outputs.read_stamp()
    if not stamp:
        return NotebookResult(notebook.name, "never built", title=notebook.stem)
    values = stamp.get("parameters") or {}
    folder = Path(stamp["figures_dir"]) if stamp.get("figures_dir") else folder_for(notebook, values)
    key = notebook_key(notebook, shared, values, stamp.get("options") or {"no_code": False},
                       figures_dir=folder, graph=graph, extra=store_fingerprint(store_digest))
    return NotebookResult(
        notebook.name, "not run", title=stamp.get("title", notebook.stem), figures=stamp.get("figures", []),
        error=stamp.get("error"), up_to_date=stamp.get("key") == key, figures_dir=folder, parameters=values,
    )


def _where_figures_went(selected: list[Path], folders: dict[str, Path]) -> list[str]:
    """One line per figure folder this build wrote to, naming its notebooks."""
    by_folder: dict[Path, list[str]] = {}
    for notebook in selected:
        by_folder.setdefault(folders[notebook.name], []).append(notebook.stem)
    lines = []
    for folder, stems in by_folder.items():
        if folder == COMMITTED_FIGURES_DIR.resolve():
            why = "the committed figures: default seeds and parameters"
        else:
            why = "figures/ is written only by a build of seeds/ with default parameters and no --output"
        lines.append(f"figures of {', '.join(stems)} -> {folder} ({why})")
    return lines


def _finish(notebook: Path, outcome: dict, output_dir: Path, figures_dir: Path, key: str,
            options: dict, parameters: dict) -> NotebookResult:
    """Export the report, collect figures and captions, and stamp the result."""
    outputs = Outputs(output_dir, notebook.stem)
    error = outcome["error"]
    title, figures = notebook.stem, []
    if outputs.executed.is_file():
        try:
            title, captions = export_html(outputs.executed, outputs.html, no_code=options["no_code"])
            figures = [
                {"name": name, "caption": caption, "sha256": figure_digests(figures_dir, name)}
                for name, caption in captions
            ]
        except Exception as exc:  # noqa: BLE001
            outputs.html.unlink(missing_ok=True)
            error = error or f"{notebook.name}: HTML export failed ({type(exc).__name__}: {exc})"
    elif not error:
        error = f"{notebook.name}: papermill wrote no executed notebook"
    made = {f"{f['name']}.{ext}" for f in figures for ext in f["sha256"]}
    prefix = notebook.name[:3]
    stale = sorted(
        p.name for p in figures_dir.glob(f"{prefix}*")
        if p.suffix in (".png", ".svg", ".csv") and p.name not in made
    ) if figures_dir.is_dir() else []
    status = "failed" if error else "ran"
    outputs.write_stamp({
        "status": "ok" if not error else "failed", "key": key, "title": title,
        "figures": figures, "error": error, "seconds": outcome["seconds"],
        # What it was built with, so a later --only build can tell whether it is still current.
        "parameters": parameters, "figures_dir": str(figures_dir), "options": options,
    })
    return NotebookResult(notebook.name, status, outcome["seconds"], error, title, figures,
                          stale_figures=[] if error else stale, figures_dir=figures_dir, parameters=parameters)
