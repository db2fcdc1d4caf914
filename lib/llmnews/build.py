"""``python -m llmnews build``: every notebook to an executed copy, an HTML report and its figures.

What one build does, in order:

1. Finds ``notebooks/NN-*.ipynb`` (or the ones named with ``--only``) and works out each one's
   parameters: ``-p NAME VALUE`` and ``-f params.yaml`` values go to the notebooks whose
   ``parameters`` cell declares that name, and a name no selected notebook declares is an error.
2. Computes a content hash per notebook: the notebook's bytes, every file of the ``llmnews``
   package, every file in the seeds folder, its parameters, the export options and the versions
   of the packages that shape results. If the hash matches the last successful build and the
   report and figures it made are still there, unchanged, the notebook is reported ``cached``.
3. Runs the others with papermill, in parallel worker processes (one kernel each, named
   ``python3``, start and per-cell timeouts set, threads pinned to one, hash seed fixed), from the
   notebook's own folder as JupyterLab does.
4. Exports each executed notebook to a self-contained HTML report in this process (images
   embedded, no script or style fetched from the network, outputs escaped or defused so article
   text can never run as code), then writes ``index.html``: every report and every figure with a
   one-line caption. Kernels' own start-up messages go to ``.llmnews-build/NN-*.kernel.log``.

A notebook that fails is named with its failing cell, the build exits non-zero, the others'
reports are still written, and the failed notebook's report shows the error (papermill marks the
cell) instead of an older, successful one.

Captions come from the notebooks themselves: ``plots.save_figure`` tags the image it displays with
the figure's name, and the caption is the heading and first sentence of the nearest markdown cell
above that output (the prose the house style puts before every figure).
"""

from __future__ import annotations

import argparse
import ast
import base64
import hashlib
import html
import json
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from importlib import metadata
from multiprocessing import get_context
from pathlib import Path

from llmnews import paths

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

# Versions that can change a figure or a report: a change in any of them invalidates the cache.
VERSIONED_PACKAGES = (
    "jieba", "numpy", "pandas", "scipy", "scikit-learn", "matplotlib", "matplotlib-inline",
    "wordcloud", "opencc", "paperang-p2-fonts-cjk", "threadpoolctl", "pillow", "papermill",
    "nbconvert", "nbclient", "nbformat", "ipykernel", "mistune", "pygments",
)

NOTEBOOK_PATTERN = re.compile(r"(\d{2})-[A-Za-z0-9_-]+\.ipynb")
STAMP_DIR_NAME = ".llmnews-build"

# The report template: JupyterLab's look, without the require.js, MathJax, Mermaid and widget
# scripts that the stock template loads from a CDN. Nothing our reports show needs them; LaTeX in
# markdown (none in these notebooks) would show as plain TeX. PNG outputs get their caption as alt text.
_REPORT_TEMPLATE_NAME = "llmnews-report.html.j2"
_REPORT_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
 alt="{{ output.metadata.get('llmnews', {}).get('caption', 'Figure') | escape_html }}">
</div>
{%- endblock data_png %}
"""


class BuildError(Exception):
    """A problem with how the build was asked for (unknown notebook, parameter, bad file)."""


@dataclass
class NotebookResult:
    """What happened to one notebook in one build."""

    notebook: str  # file name, e.g. "02-term-frequency.ipynb"
    status: str  # "ran", "cached", "failed", or for notebooks left out by --only: "not run"
    seconds: float = 0.0
    error: str | None = None
    title: str = ""
    figures: list[dict] = field(default_factory=list)  # {"name", "caption", "sha256": {ext: hex}}
    stale_figures: list[str] = field(default_factory=list)
    up_to_date: bool = True  # for "not run": does its last report match today's inputs?

    @property
    def stem(self) -> str:
        return self.notebook.removesuffix(".ipynb")


@dataclass
class BuildSummary:
    results: list[NotebookResult]
    output_dir: Path
    seconds: float

    @property
    def failed(self) -> list[NotebookResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed


# --------------------------------------------------------------------------- notebooks, parameters


def find_notebooks(notebooks_dir: Path | None = None) -> list[Path]:
    """``NN-*.ipynb`` files of ``notebooks_dir`` in run order (by file name)."""
    notebooks_dir = Path(notebooks_dir or paths.NOTEBOOKS_DIR)
    if not notebooks_dir.is_dir():
        raise BuildError(f"{notebooks_dir}: no such notebooks folder")
    return sorted(p for p in notebooks_dir.iterdir() if NOTEBOOK_PATTERN.fullmatch(p.name))


def select_notebooks(notebooks: list[Path], only: list[str] | None) -> list[Path]:
    """Notebooks named in ``only`` by number (``02``) or stem (``02-term-frequency``)."""
    if not only:
        return list(notebooks)
    chosen = []
    for wanted in only:
        wanted = wanted.removesuffix(".ipynb")
        matches = [p for p in notebooks if p.stem == wanted or p.name[:2] == wanted]
        if not matches:
            known = ", ".join(p.stem for p in notebooks) or "none"
            raise BuildError(f"--only {wanted}: no notebook with that number or name (have: {known})")
        chosen.extend(m for m in matches if m not in chosen)
    return sorted(chosen)


def read_notebook_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BuildError(f"{path}: not a readable notebook ({exc})") from exc


def parameters_cell(nb: dict) -> dict | None:
    """The code cell tagged ``parameters``, or None."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            return cell
    return None


def cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def declared_parameters(path: Path) -> dict[str, object]:
    """Names and default values of the notebook's ``parameters`` cell (literal assignments)."""
    cell = parameters_cell(read_notebook_json(path))
    if cell is None:
        return {}
    try:
        tree = ast.parse(cell_source(cell))
    except SyntaxError as exc:
        raise BuildError(f"{path.name}: parameters cell is not valid Python ({exc})") from exc
    declared: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            targets, value = [node.target], node.value
        elif isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets):
            targets, value = node.targets, node.value
        else:
            continue
        try:
            default = ast.literal_eval(value)
        except ValueError:
            default = ast.unparse(value)
        for target in targets:
            declared[target.id] = default
    return declared


def parse_cli_value(text: str) -> object:
    """A ``-p`` value read as YAML, as papermill does (``10`` -> int, ``[a, b]`` -> list)."""
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise BuildError(f"-p value {text!r} is not valid YAML: {exc}") from exc


def load_parameter_file(path: Path) -> dict[str, object]:
    """A YAML mapping of ``NAME: value``; a key that is a notebook number or stem (``"02"``) may
    hold a mapping of parameters for that notebook only."""
    import yaml

    try:
        loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BuildError(f"{path}: cannot read parameters file ({exc})") from exc
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise BuildError(f"{path}: parameters file must be a YAML mapping of NAME: value")
    return loaded


def resolve_parameters(
    notebooks: list[Path],
    cli: dict[str, object] | None = None,
    file_values: dict[str, object] | None = None,
) -> dict[str, dict[str, object]]:
    """Parameters for each notebook (by file name): each value goes where its name is declared.

    Order of precedence: ``-p`` over the file's per-notebook section over the file's top level.
    """
    declared = {nb.name: declared_parameters(nb) for nb in notebooks}
    per_notebook: dict[str, dict[str, object]] = {nb.name: {} for nb in notebooks}
    global_values: dict[str, object] = {}
    sections: dict[str, dict] = {}
    for key, value in (file_values or {}).items():
        key = str(key)
        section = [nb for nb in notebooks if key in (nb.stem, nb.name[:2])]
        if section and isinstance(value, dict):
            sections[section[0].name] = value
        else:
            global_values[key] = value
    global_values.update(cli or {})

    used: set[str] = set()
    for nb in notebooks:
        for name, value in global_values.items():
            if name in declared[nb.name]:
                per_notebook[nb.name][name] = value
                used.add(name)
        for name, value in sections.get(nb.name, {}).items():
            if name not in declared[nb.name]:
                raise BuildError(f"{nb.name} has no parameter {name!r} (it declares: "
                                 f"{', '.join(declared[nb.name]) or 'none'})")
            if name not in (cli or {}):
                per_notebook[nb.name][name] = value
    unknown = sorted(set(global_values) - used)
    if unknown:
        raise BuildError(
            f"parameter(s) {', '.join(unknown)} not declared by any selected notebook; "
            "see `papermill --help-notebook notebooks/NN-x.ipynb`"
        )
    return per_notebook


# --------------------------------------------------------------------------------------- caching


def _hash_tree(digest, folder: Path, label: str) -> None:
    if not folder.is_dir():
        digest.update(f"{label}:missing\0".encode())
        return
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        digest.update(f"{label}:{path.relative_to(folder).as_posix()}\0".encode("utf-8"))
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def _versions() -> str:
    found = []
    for name in VERSIONED_PACKAGES:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} missing")
    return f"python {sys.version.split()[0]}; " + "; ".join(found)


# The installed package's own folder: every file in it (code and data) is an input of every notebook.
LIBRARY_DIR = Path(__file__).resolve().parent


def shared_fingerprint(seeds_dir: Path, figures_dir: Path, library_dir: Path = LIBRARY_DIR) -> str:
    """The inputs every notebook shares: the package's files, the seeds, versions, figure folder."""
    digest = hashlib.sha256()
    _hash_tree(digest, library_dir, "llmnews")
    _hash_tree(digest, seeds_dir, "seeds")
    digest.update(_versions().encode())
    digest.update(f"figures:{figures_dir}\0kernel:{KERNEL_NAME}\0".encode())
    digest.update(json.dumps(KERNEL_ENV, sort_keys=True).encode())
    return digest.hexdigest()


def notebook_key(notebook: Path, shared: str, parameters: dict, options: dict) -> str:
    digest = hashlib.sha256()
    digest.update(shared.encode())
    digest.update(notebook.read_bytes())
    digest.update(json.dumps(parameters, sort_keys=True, default=repr).encode("utf-8"))
    digest.update(json.dumps(options, sort_keys=True).encode())
    return digest.hexdigest()


def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _figure_digests(figures_dir: Path, name: str) -> dict[str, str]:
    return {
        ext: _file_sha256(figures_dir / f"{name}.{ext}")
        for ext in ("png", "svg", "csv")
        if (figures_dir / f"{name}.{ext}").is_file()
    }


class Outputs:
    """Where one notebook's build products live inside the output folder."""

    def __init__(self, output_dir: Path, stem: str):
        self.html = output_dir / f"{stem}.html"
        self.executed = output_dir / f"{stem}.ipynb"
        self.stamp = output_dir / STAMP_DIR_NAME / f"{stem}.json"
        self.kernel_log = output_dir / STAMP_DIR_NAME / f"{stem}.kernel.log"

    def read_stamp(self) -> dict | None:
        try:
            return json.loads(self.stamp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def write_stamp(self, stamp: dict) -> None:
        self.stamp.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.stamp.with_suffix(".tmp")
        tmp.write_text(json.dumps(stamp, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.stamp)

    def clear(self) -> None:
        """Remove the previous report so it cannot pass for this build's."""
        for path in (self.html, self.executed, self.stamp):
            path.unlink(missing_ok=True)


def is_cached(outputs: Outputs, key: str, figures_dir: Path) -> dict | None:
    """The stamp of the last successful build if it matches ``key`` and its products are intact."""
    stamp = outputs.read_stamp()
    if not stamp or stamp.get("status") != "ok" or stamp.get("key") != key:
        return None
    if not (outputs.html.is_file() and outputs.executed.is_file()):
        return None
    for figure in stamp.get("figures", []):
        if _figure_digests(figures_dir, figure["name"]) != figure["sha256"]:
            return None
    return stamp


# ------------------------------------------------------------------------------------- execution


def _init_worker(env: dict[str, str]) -> None:
    os.environ.update(env)


def execute_notebook(job: dict) -> dict:
    """Run one notebook with papermill (in a worker process); never raises, returns a summary."""
    import papermill

    notebook, executed = Path(job["notebook"]), Path(job["executed"])
    started = time.perf_counter()
    result = {"notebook": notebook.name, "error": None}
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


def describe_failure(notebook_name: str, exc: Exception, executed: Path) -> str:
    """``02-x.ipynb failed in cell 7 (In [5], `model = fit(...)`): KeyError: 'x'``."""
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
        first_line = next((line.strip() for line in (source or "").splitlines() if line.strip()), "")
        if len(first_line) > 60:
            first_line = first_line[:57] + "..."
        details = [f"In [{exec_count}]"] if exec_count is not None else []
        details += [f"`{first_line}`"] if first_line else []
        where = f"in cell {cell_index}" + (f" ({', '.join(details)})" if details else "")
    return f"{notebook_name} failed {where}: {ename}: {evalue}"


# ---------------------------------------------------------------------------- HTML and captions


_exporters: dict[bool, object] = {}


def _exporter(no_code: bool):
    if no_code not in _exporters:
        from jinja2 import DictLoader
        from nbconvert import HTMLExporter

        _exporters[no_code] = HTMLExporter(
            template_name="lab",
            template_file=_REPORT_TEMPLATE_NAME,
            extra_loaders=[DictLoader({_REPORT_TEMPLATE_NAME: _REPORT_TEMPLATE})],
            embed_images=True,
            exclude_input=no_code,
            exclude_input_prompt=no_code,
            exclude_output_prompt=no_code,
        )
    return _exporters[no_code]


def notebook_title(nb: dict, fallback: str) -> str:
    """The text of the first ``# `` heading, e.g. ``02 · Term frequency``."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        for line in cell_source(cell).splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return fallback


_ACTIVE_TAGS = ("script", "iframe", "object", "embed")
_LOOKS_ACTIVE = re.compile(r"<\s*(?:script|iframe|object|embed)\b|\son[a-z]+\s*=|javascript:", re.IGNORECASE)


def defuse_html(markup: str) -> str:
    """HTML output with anything that could run turned into visible text.

    pandas escapes a plain DataFrame's cells, but not a ``Styler``'s (its default), and an article
    may contain ``<script>``: such an element is shown as the text it was, event-handler
    attributes and ``javascript:`` links are dropped. Output without any of these is returned
    unchanged, so ordinary reports are exactly what nbconvert makes.
    """
    if not _LOOKS_ACTIVE.search(markup):
        return markup
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for element in soup.find_all(list(_ACTIVE_TAGS)):
        element.replace_with(str(element))
    for element in soup.find_all(True):
        for name in list(element.attrs):
            value = str(element.attrs[name]).strip().lower()
            if name.lower().startswith("on") or value.startswith("javascript:"):
                del element.attrs[name]
    return str(soup)


def _defuse_outputs(nb) -> None:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for mime in ("text/html", "image/svg+xml"):
                if mime in data:
                    value = data[mime]
                    data[mime] = defuse_html("".join(value) if isinstance(value, list) else value)


def export_html(executed: Path, html_path: Path, *, no_code: bool) -> tuple[str, list[tuple[str, str]]]:
    """Write the report for an executed notebook; returns its title and its figures' captions."""
    import nbformat

    nb = nbformat.read(str(executed), as_version=4)
    title = notebook_title(nb, executed.stem)
    nb.metadata["title"] = title
    _defuse_outputs(nb)
    captions = figure_captions(nb)
    by_name = dict(captions)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            tag = output.get("metadata", {}).get("llmnews", {})
            if tag.get("figure") in by_name:
                tag["caption"] = by_name[tag["figure"]]
    body, _ = _exporter(no_code).from_notebook_node(nb, resources={"metadata": {"name": executed.stem}})
    tmp = html_path.with_suffix(".html.tmp")
    tmp.write_text(body, encoding="utf-8")
    os.replace(tmp, html_path)
    return title, captions


_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=\.)\s")


def _plain_text(markdown: str) -> str:
    """Markdown inline markup removed: links keep their text, code and emphasis lose their marks."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"(\*\*|__|`)", "", text)
    return re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"\1", text)


def _caption_from_markdown(text: str) -> str:
    heading, prose = "", []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            if prose:
                break
            continue
        if stripped.startswith("#"):
            if not heading and not prose:
                heading = stripped.lstrip("#").strip()
            continue
        prose.append(stripped)
    sentence = _SENTENCE_END.split(" ".join(prose), maxsplit=1)[0].strip() if prose else ""
    caption = f"{heading}: {sentence}" if heading and sentence else heading or sentence
    caption = _plain_text(caption)
    return caption if len(caption) <= 200 else caption[:197] + "..."


def figure_captions(nb: dict) -> list[tuple[str, str]]:
    """``(figure name, caption)`` for each figure the notebook saved, in order of appearance."""
    found: list[tuple[str, str]] = []
    last_markdown = ""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            last_markdown = cell_source(cell)
            continue
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("llmnews", {}).get("figure")
            if name and name not in {n for n, _ in found}:
                found.append((name, _caption_from_markdown(last_markdown) or name))
    return found


# ----------------------------------------------------------------------------------------- index


_INDEX_CSS = """
body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC","PingFang SC",sans-serif;max-width:1100px;
margin:2em auto;padding:0 1em;color:#222;line-height:1.5}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ddd}
.status{font-size:.85em;padding:.1em .5em;border-radius:3px;background:#eee}
.failed{background:#fdd;color:#900}.outdated{background:#ffd}
figure{margin:1em 0 2em}figure img{max-width:100%;border:1px solid #eee}
figcaption{font-size:.9em;color:#444}code{font-size:.9em}
"""


def write_index(output_dir: Path, results: list[NotebookResult], figures_dir: Path) -> Path:
    """``index.html``: a link to every report and every figure (embedded PNG) with its caption."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-Hans"><head><meta charset="utf-8">',
        "<title>llmnews reports</title>",
        f"<style>{_INDEX_CSS}</style></head><body>",
        "<h1>llmnews: Chinese news coverage of the LLM race</h1>",
        "<p>One report per notebook, then every figure it saved (files in <code>figures/</code>, "
        "each with the CSV of the data drawn).</p>",
    ]
    for result in results:
        e = html.escape
        status, css = result.status, ""
        if result.status == "failed":
            css = " failed"
        elif result.status == "not run" and not result.up_to_date:
            status, css = "out of date: inputs changed since this report was built", " outdated"
        elif result.status == "not run":
            status = "up to date (earlier build)"
        outputs = Outputs(output_dir, result.stem)
        links = []
        if outputs.html.is_file():
            links.append(f'<a href="{e(outputs.html.name)}">report</a>')
        if outputs.executed.is_file():
            links.append(f'<a href="{e(outputs.executed.name)}">executed notebook</a>')
        parts.append(f'<h2 id="{e(result.stem)}">{e(result.title or result.stem)}</h2>')
        parts.append(
            f"<p><code>notebooks/{e(result.notebook)}</code> "
            f'<span class="status{css}">{e(status)}</span> ' + " · ".join(links) + "</p>"
        )
        if result.error:
            parts.append(f'<p class="status failed">{e(result.error)}</p>')
        for figure in result.figures:
            png = figures_dir / f"{figure['name']}.png"
            if not png.is_file():
                continue
            data = base64.b64encode(png.read_bytes()).decode("ascii")
            parts.append(
                f'<figure id="{e(figure["name"])}"><img src="data:image/png;base64,{data}" '
                f'alt="{e(figure["caption"])}"><figcaption><code>{e(figure["name"])}</code> · '
                f"{e(figure['caption'])}</figcaption></figure>"
            )
    parts.append("</body></html>\n")
    index = output_dir / "index.html"
    index.write_text("\n".join(parts), encoding="utf-8")
    return index


# ----------------------------------------------------------------------------------------- build


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
    ``figures_dir`` and ``seeds_dir`` are passed to the kernels as ``LLMNEWS_FIGURES_DIR`` /
    ``LLMNEWS_SEEDS_DIR``. ``library_dir`` is the folder whose files key the cache (the package
    itself; tests point it elsewhere).
    """
    started = time.perf_counter()
    if echo is None:
        def echo(line: str) -> None:  # progress lines appear as they happen, even when piped
            print(line, flush=True)
    notebooks_dir = Path(notebooks_dir or paths.NOTEBOOKS_DIR).resolve()
    output_dir = Path(output_dir or paths.REPORTS_DIR).resolve()
    figures_dir = Path(figures_dir or paths.FIGURES_DIR).resolve()
    seeds_dir = Path(seeds_dir or paths.SEEDS_DIR).resolve()
    all_notebooks = find_notebooks(notebooks_dir)
    if not all_notebooks:
        raise BuildError(f"{notebooks_dir}: no NN-*.ipynb notebooks to build")
    selected = select_notebooks(all_notebooks, only)
    file_values = load_parameter_file(parameter_file) if parameter_file else {}
    per_notebook = resolve_parameters(selected, parameters, file_values)
    output_dir.mkdir(parents=True, exist_ok=True)

    shared = shared_fingerprint(seeds_dir, figures_dir, Path(library_dir))
    options = {"no_code": no_code}
    results: dict[str, NotebookResult] = {}
    to_run: list[Path] = []
    keys: dict[str, str] = {}
    previous_seconds: dict[str, float] = {}
    for notebook in all_notebooks:
        outputs = Outputs(output_dir, notebook.stem)
        if notebook not in selected:
            # Left out by --only: keep its last report, but say whether it still matches the inputs.
            stamp = outputs.read_stamp() or {}
            defaults_key = notebook_key(notebook, shared, {}, options)
            results[notebook.name] = NotebookResult(
                notebook.name, "not run" if stamp else "never built",
                title=stamp.get("title", notebook.stem), figures=stamp.get("figures", []),
                error=stamp.get("error"), up_to_date=stamp.get("key") == defaults_key,
            )
            continue
        key = notebook_key(notebook, shared, per_notebook[notebook.name], options)
        keys[notebook.name] = key
        stamp = None if force else is_cached(outputs, key, figures_dir)
        if stamp:
            results[notebook.name] = NotebookResult(
                notebook.name, "cached", title=stamp["title"], figures=stamp["figures"]
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
        line = f"[{done}/{total}] {result.stem:<28} {result.status:<7} {result.seconds:7.1f} s  {detail}"
        echo(line)
        for name in result.stale_figures:
            echo(f"      warning: figures/{name} was not written by this run (left over from an older version?)")

    for notebook in selected:
        if results.get(notebook.name) and results[notebook.name].status == "cached":
            progress(results[notebook.name])

    if to_run:
        env = dict(KERNEL_ENV, LLMNEWS_FIGURES_DIR=str(figures_dir), LLMNEWS_SEEDS_DIR=str(seeds_dir))
        jobs = max(1, min(jobs or os.cpu_count() or 1, len(to_run)))
        run_cwd = str(Path(cwd).resolve()) if cwd else None
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=get_context("spawn"), initializer=_init_worker, initargs=(env,)
        ) as pool:
            futures = {}
            for notebook in to_run:
                job = {
                    "notebook": str(notebook),
                    "executed": str(Outputs(output_dir, notebook.stem).executed),
                    "kernel_log": str(Outputs(output_dir, notebook.stem).kernel_log),
                    "parameters": per_notebook[notebook.name],
                    "cwd": run_cwd or str(notebook.parent),
                    "start_timeout": start_timeout,
                    "cell_timeout": cell_timeout,
                }
                futures[pool.submit(execute_notebook, job)] = notebook
            # Load nbconvert and its templates while the kernels work, not after.
            _exporter(no_code)
            for future in as_completed(futures):
                notebook = futures[future]
                try:
                    outcome = future.result()
                except Exception as exc:  # noqa: BLE001 - a crashed worker still names its notebook
                    outcome = {"notebook": notebook.name, "seconds": 0.0,
                               "error": f"{notebook.name} failed: worker crashed ({type(exc).__name__}: {exc})"}
                result = _finish(notebook, outcome, output_dir, figures_dir, keys[notebook.name], no_code)
                results[notebook.name] = result
                progress(result)

    ordered = [results[nb.name] for nb in all_notebooks]
    index = write_index(output_dir, ordered, figures_dir)
    summary = BuildSummary(ordered, output_dir, time.perf_counter() - started)
    ran = sum(r.status == "ran" for r in ordered)
    cached = sum(r.status == "cached" for r in ordered)
    echo(
        f"built {total} notebook(s): {ran} ran, {cached} cached, {len(summary.failed)} failed "
        f"in {summary.seconds:.1f} s -> {index}"
    )
    return summary


def _finish(notebook: Path, outcome: dict, output_dir: Path, figures_dir: Path, key: str,
            no_code: bool) -> NotebookResult:
    """Export the report, collect figures and captions, and stamp the result."""
    outputs = Outputs(output_dir, notebook.stem)
    error = outcome["error"]
    title, figures = notebook.stem, []
    if outputs.executed.is_file():
        try:
            title, captions = export_html(outputs.executed, outputs.html, no_code=no_code)
            figures = [
                {"name": name, "caption": caption, "sha256": _figure_digests(figures_dir, name)}
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
    })
    return NotebookResult(notebook.name, status, outcome["seconds"], error, title, figures,
                          stale_figures=[] if error else stale)


# ------------------------------------------------------------------------------------------- CLI


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--only", nargs="+", metavar="NN", help="build only these notebooks (number or name)")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a notebook parameter (value read as YAML); repeatable")
    parser.add_argument("-f", "--parameters-file", type=Path, metavar="FILE",
                        help="YAML file of parameters (NAME: value, or a notebook number: {NAME: value})")
    parser.add_argument("--output", type=Path, metavar="DIR", help=f"report folder (default {paths.REPORTS_DIR})")
    parser.add_argument("--no-code", action="store_true", help="hide code cells in the HTML reports")
    parser.add_argument("--jobs", type=int, metavar="N", help="notebooks run at once (default: CPU count)")
    parser.add_argument("--force", action="store_true", help="run every selected notebook, ignoring the cache")
    parser.add_argument("--notebooks", type=Path, metavar="DIR", help=f"notebook folder (default {paths.NOTEBOOKS_DIR})")
    parser.add_argument("--cell-timeout", type=int, default=CELL_TIMEOUT, metavar="S",
                        help=f"seconds one cell may run (default {CELL_TIMEOUT})")


def run_from_args(args: argparse.Namespace) -> int:
    try:
        cli = {name: parse_cli_value(value) for name, value in args.parameter}
        summary = build(
            args.notebooks, args.output, only=args.only, parameters=cli,
            parameter_file=args.parameters_file, no_code=args.no_code, jobs=args.jobs,
            force=args.force, cell_timeout=args.cell_timeout,
        )
    except BuildError as exc:
        print(f"llmnews build: error: {exc}", file=sys.stderr)
        return 2
    for result in summary.failed:
        print(f"FAILED: {result.error}", file=sys.stderr)
    return 0 if summary.ok else 1

