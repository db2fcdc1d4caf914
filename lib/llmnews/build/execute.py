"""Running one notebook with papermill in a worker process, and naming what failed.

Each worker runs one notebook at a time: one kernel named ``python3``, start and per-cell
timeouts, threads pinned to one, hash seed fixed, started in the notebook's own folder as
JupyterLab does (or in ``cwd``). Nothing here raises: a failure comes back as one line naming the
notebook, the cell and the line of the cell that failed.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

from llmnews.parameters import cell_source

__all__ = [
    "KERNEL_NAME",
    "START_TIMEOUT",
    "CELL_TIMEOUT",
    "KERNEL_ENV",
    "init_worker",
    "execute_notebook",
    "describe_failure",
    "failing_line",
]

KERNEL_NAME = "python3"
START_TIMEOUT = 180  # seconds for a kernel to start; both cores may be busy with other kernels
CELL_TIMEOUT = 1800  # seconds for one cell; a hung cell fails the build instead of hanging it

# The kernel's environment. Threads pinned to one so BLAS-dependent results (NMF, LDA) are the
# same on any machine and two parallel kernels do not oversubscribe two cores; hash seed fixed so
# set iteration order cannot leak into a figure. The matplotlib backend is pinned to the inline
# backend that JupyterLab uses (not Agg): it is what shows figures in the report, and saved bytes
# do not depend on it because ``savefig`` picks the Agg/SVG canvas from the file format.
KERNEL_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONHASHSEED": "0",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    # Silences the debugger's frozen-modules notice that ipykernel prints on every start.
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


def init_worker(env: dict[str, str]) -> None:
    """Worker start-up: the kernel environment, and injected strings kept readable."""
    os.environ.update(env)
    _register_readable_translator()


def _register_readable_translator() -> None:
    """Inject string parameters as Python literals that keep Chinese as Chinese.

    papermill's Python translator writes ``"\\u5927\\u6a21\\u578b"`` (``unicode_escape``) for
    ``大模型``; ``repr`` gives an equally valid literal a reader of the report can read. Registered
    for our kernel name, which papermill looks up before the language.
    """
    from papermill.translators import PythonTranslator, papermill_translators

    class ReadablePythonTranslator(PythonTranslator):
        @classmethod
        def translate_escaped_str(cls, str_val):
            return repr(str_val) if isinstance(str_val, str) else super().translate_escaped_str(str_val)

    papermill_translators.register(KERNEL_NAME, ReadablePythonTranslator)


def execute_notebook(job: dict) -> dict:
    """Run one notebook with papermill (in a worker process); never raises, returns a summary.

    ``job``: notebook, executed, kernel_log, parameters, cwd, env (set for this kernel only, e.g.
    its figures folder), start_timeout, cell_timeout.
    """
    import papermill

    notebook, executed = Path(job["notebook"]), Path(job["executed"])
    started = time.perf_counter()
    result = {"notebook": notebook.name, "error": None}
    # The kernel inherits this process's environment, and a worker runs one notebook at a time.
    os.environ.update(job.get("env", {}))
    # The kernel inherits this process's stderr; its start-up chatter would interleave with the
    # progress lines, so it goes to a log file beside the stamps (kept for when a kernel dies).
    log_path = Path(job["kernel_log"])
    log_path.parent.mkdir(parents=True, exist_ok=True)
    saved_stderr = os.dup(2)
    with open(log_path, "wb") as log:
        os.dup2(log.fileno(), 2)
    try:
        papermill.execute_notebook(
            str(notebook),
            str(executed),
            parameters=job["parameters"],
            kernel_name=KERNEL_NAME,
            start_timeout=job["start_timeout"],
            execution_timeout=job["cell_timeout"],
            cwd=job["cwd"],
            progress_bar=False,
            log_output=False,
        )
    except Exception as exc:  # noqa: BLE001 - every failure becomes a readable message
        result["error"] = describe_failure(notebook.name, exc, executed)
        if "DeadKernel" in type(exc).__name__ or "Timeout" in type(exc).__name__:
            result["error"] += f" (kernel log: {log_path})"
    finally:
        os.dup2(saved_stderr, 2)
        os.close(saved_stderr)
    result["seconds"] = time.perf_counter() - started
    return result


def _failed_cell(executed: Path) -> tuple[int, dict] | None:
    """The cell papermill marked as raising, from the executed copy it saved."""
    try:
        nb = json.loads(executed.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    cells = list(enumerate(nb.get("cells", [])))
    for index, cell in cells:
        if cell.get("metadata", {}).get("papermill", {}).get("exception"):
            return index, cell
    # A dead kernel or a timeout leaves no exception mark: the failing cell is the last one started.
    started = [
        (index, cell) for index, cell in cells
        if cell.get("cell_type") == "code" and cell.get("metadata", {}).get("papermill", {}).get("start_time")
    ]
    return started[-1] if started else None


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_CELL_FRAME = re.compile(r"^Cell In\s?\[(\d*)\], line (\d+)")
_ARROW = re.compile(r"^-*>\s*(\d+)\s?(.*)$")


def failing_line(traceback: list[str] | None, exec_count: int | None = None) -> tuple[int, str] | None:
    """``(line number, text)`` of the line that raised in the failing cell, from IPython's traceback.

    IPython marks it with an arrow under a ``Cell In[N], line L`` header; with several cell frames
    (a function from an earlier cell), the one of cell ``exec_count`` is used, else the first.
    """
    lines = _ANSI.sub("", "\n".join(traceback or [])).splitlines()
    frames: list[tuple[str, int, str]] = []
    current = None
    for line in lines:
        header = _CELL_FRAME.match(line)
        if header:
            current = (header.group(1), int(header.group(2)))
            continue
        if current is not None:
            arrow = _ARROW.match(line)
            if arrow and int(arrow.group(1)) == current[1]:
                frames.append((current[0], current[1], arrow.group(2).strip()))
                current = None
        if line.startswith("File ") and current is not None:
            current = None
    if not frames:
        return None
    chosen = next((f for f in frames if exec_count is not None and f[0] == str(exec_count)), frames[0])
    return chosen[1], chosen[2]


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe_failure(notebook_name: str, exc: Exception, executed: Path) -> str:
    """``02-x.ipynb failed in cell 7 (In [5], line 2: `counts['x']`): KeyError: 'x'``.

    The quoted line is the one that raised, from the traceback. A dead kernel or a timeout has no
    traceback: then the cell is named by its first line (``starting `...```).
    """
    ename = getattr(exc, "ename", None) or type(exc).__name__
    evalue = getattr(exc, "evalue", None)
    if evalue is None:
        evalue = str(exc).strip().splitlines()[-1] if str(exc).strip() else ""
    cell_index = getattr(exc, "cell_index", None)
    exec_count = getattr(exc, "exec_count", None)
    source = getattr(exc, "source", None)
    if cell_index is None:
        found = _failed_cell(executed)
        if found:
            cell_index, cell = found
            exec_count = cell.get("execution_count")
            source = cell_source(cell)
    if cell_index is None:
        where = "before any cell ran"
    else:
        details = [f"In [{exec_count}]"] if exec_count is not None else []
        raised = failing_line(getattr(exc, "traceback", None), exec_count)
        if raised:
            details.append(f"line {raised[0]}: `{_shorten(raised[1])}`")
        else:
            first = next((line.strip() for line in (source or "").splitlines() if line.strip()), "")
            details += [f"starting `{_shorten(first)}`"] if first else []
        where = f"in cell {cell_index}" + (f" ({', '.join(details)})" if details else "")
    return f"{notebook_name} failed {where}: {ename}: {evalue}"
