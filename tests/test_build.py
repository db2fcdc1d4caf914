"""``llmnews build`` on tiny notebooks made here, so it is tested whatever the real notebooks are.

Tests that start kernels are marked ``slow``; the rest run in ``make test-fast``.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import nbformat
import pytest

from llmnews import build
from llmnews.__main__ import main

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def write_notebook(path: Path, title: str, parameters: str, cells: list[tuple[str, str]]) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = KERNELSPEC
    items = [nbformat.v4.new_markdown_cell(f"# {title}\n\nA notebook made by the build tests.")]
    params = nbformat.v4.new_code_cell(parameters)
    params.metadata["tags"] = ["parameters"]
    items.append(params)
    for kind, source in cells:
        items.append(nbformat.v4.new_markdown_cell(source) if kind == "md" else nbformat.v4.new_code_cell(source))
    nb.cells = items
    nbformat.write(nb, str(path))
    return path


# Records when it ran, from which folder and with which environment, then saves one figure.
GOOD_CELLS = [
    ("code", "import json, os, time\nstarted = time.time()\ntime.sleep(PAUSE)"),
    ("md", "## 柱状图 Bars\n\n每根柱子是一个数。The bars count up to N. Nothing else."),
    (
        "code",
        "import matplotlib.pyplot as plt\nimport pandas as pd\nfrom llmnews import plots\n"
        "bars = pd.DataFrame({'x': list(range(N)), '标签': ['大模型'] * N})\n"
        "fig, ax = plt.subplots(figsize=(3, 2))\nax.bar(bars['x'], bars['x'])\nax.set_title(LABEL)\n"
        "plots.save_figure(fig, '01-bars', bars)",
    ),
    ("code", "print('<script>alert(1)</script> 中文输出')\npd.DataFrame({'t': ['<script>evil()</script>']})"),
    # A Styler does not escape cells; raw HTML may carry handlers: the report must defuse both.
    ("code", "from IPython.display import HTML, display\n"
             "display(HTML('<img src=\"x.png\" onerror=\"bad()\"><a href=\"javascript:bad()\">链接</a>'))\n"
             "pd.DataFrame({'上下文': ['<script>styled()</script>大模型']}).style"),
    (
        "code",
        "record = {'cwd': os.getcwd(), 'started': started, 'finished': time.time(),\n"
        "          'env': {k: os.environ.get(k) for k in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS',\n"
        "                  'MKL_NUM_THREADS', 'PYTHONHASHSEED', 'MPLBACKEND')}, 'N': N}\n"
        "with open(os.path.join(LOG_DIR, '01.json'), 'w') as f:\n    json.dump(record, f)",
    ),
]
GOOD_PARAMS = (
    "N: int = 3  # number of bars\n"
    "LABEL: str = '大模型 bars'  # figure title\n"
    "PAUSE: float = 0.0  # seconds to wait, so parallel runs overlap\n"
    "LOG_DIR: str = '.'  # where the run record goes"
)
FAILING_CELLS = [
    ("code", "import json, os, time\nstarted = time.time()\ntime.sleep(PAUSE)"),
    ("code", "with open(os.path.join(LOG_DIR, '02.json'), 'w') as f:\n"
             "    json.dump({'started': started, 'finished': time.time()}, f)"),
    ("code", "counts = {'GPT-4o': 1}\ncounts['文心一言']"),
    ("code", "print('never reached')"),
]
FAILING_PARAMS = "PAUSE: float = 0.0  # seconds to wait\nLOG_DIR: str = '.'  # where the run record goes"


def make_project(root: Path, *, failing: bool = True) -> dict[str, Path]:
    dirs = {name: root / name for name in ("notebooks", "reports", "figures", "seeds", "logs", "library")}
    for folder in dirs.values():
        folder.mkdir(parents=True, exist_ok=True)
    (dirs["seeds"] / "a.txt").write_text("大模型价格战。\n", encoding="utf-8")
    # The cache key covers the package modules a notebook imports (the good one imports plots,
    # which imports style); a stand-in package keeps these tests independent of anyone editing
    # the real one while they run.
    library = {"__init__.py": "VERSION = 1\n", "plots.py": "from . import style\n",
               "style.py": "DPI = 100\n", "unused.py": "VALUE = 1\n"}
    for name, text in library.items():
        (dirs["library"] / name).write_text(text, encoding="utf-8")
    write_notebook(dirs["notebooks"] / "01-good.ipynb", "01 · Good", GOOD_PARAMS, GOOD_CELLS)
    if failing:
        write_notebook(dirs["notebooks"] / "02-failing.ipynb", "02 · Failing", FAILING_PARAMS, FAILING_CELLS)
    return dirs


def run_build(dirs, lines=None, **kw):
    kw.setdefault("parameters", {"LOG_DIR": str(dirs["logs"])})
    return build.build(
        dirs["notebooks"], dirs["reports"], figures_dir=dirs["figures"], seeds_dir=dirs["seeds"],
        library_dir=dirs["library"], echo=(lines.append if lines is not None else (lambda line: None)), **kw,
    )


def FIRST_PARAMETERS(dirs):  # noqa: N802 - a constant that needs the folder
    return {"LOG_DIR": str(dirs["logs"]), "PAUSE": 4, "LABEL": "智谱AI 柱状图"}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """Both notebooks, in parallel, each pausing 4 s so their runs must overlap if parallel."""
    dirs = make_project(tmp_path_factory.mktemp("project"))
    lines: list[str] = []
    started = time.perf_counter()
    summary = run_build(dirs, lines, jobs=2, parameters=FIRST_PARAMETERS(dirs))
    return dirs, summary, lines, time.perf_counter() - started


@pytest.mark.slow  # starts kernels
def test_failing_notebook_is_named_with_its_cell(first_build):
    _, summary, lines, _ = first_build
    assert not summary.ok
    (failed,) = summary.failed
    assert failed.notebook == "02-failing.ipynb"
    # Cell 0 is the title, 1 the parameters, 2 papermill's injected parameters: the 5th cell fails,
    # at its second line (quoted from the traceback, not the cell's first line).
    assert "02-failing.ipynb failed in cell 5 (In [5], line 2: `counts['文心一言']`)" in failed.error
    assert "KeyError" in failed.error and "文心一言" in failed.error
    assert any(line.startswith("[") and "02-failing" in line and "failed" in line for line in lines)


@pytest.mark.slow  # starts kernels
def test_other_reports_are_still_written(first_build):
    dirs, summary, lines, _ = first_build
    good = next(r for r in summary.results if r.notebook == "01-good.ipynb")
    assert good.status == "ran"
    assert (dirs["reports"] / "01-good.html").is_file()
    assert (dirs["reports"] / "01-good.ipynb").is_file()
    assert sorted(p.name for p in dirs["figures"].iterdir()) == ["01-bars.csv", "01-bars.png", "01-bars.svg"]
    # One progress line per notebook with its timing, then the summary.
    assert len([line for line in lines if re.match(r"\[\d/2\] ", line)]) == 2
    assert re.search(r"01-good\s+ran\s+\d+\.\d s\s+1 figure", "\n".join(lines))
    # The failed notebook's report shows the error, not a success.
    failed_html = (dirs["reports"] / "02-failing.html").read_text(encoding="utf-8")
    assert "An Exception was encountered" in failed_html
    executed = nbformat.read(str(dirs["reports"] / "02-failing.ipynb"), as_version=4)
    assert executed.cells[-1].outputs == []  # nothing ran after the failing cell


@pytest.mark.slow  # starts kernels
def test_notebooks_ran_in_parallel(first_build):
    dirs, _, _, _ = first_build
    one = json.loads((dirs["logs"] / "01.json").read_text())
    two = json.loads((dirs["logs"] / "02.json").read_text())
    # Each paused 4 s; with two workers the pauses overlap in time.
    assert one["started"] < two["finished"] and two["started"] < one["finished"]


@pytest.mark.slow  # starts kernels
def test_kernel_environment_and_working_directory(first_build):
    dirs, _, _, _ = first_build
    record = json.loads((dirs["logs"] / "01.json").read_text())
    assert record["env"] == {
        "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "PYTHONHASHSEED": "0", "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    }
    # Like JupyterLab: the kernel starts in the notebook's folder.
    assert Path(record["cwd"]) == dirs["notebooks"].resolve()


@pytest.mark.slow  # starts kernels
def test_injected_parameters_keep_chinese_readable(first_build):
    dirs, _, _, _ = first_build
    executed = nbformat.read(str(dirs["reports"] / "01-good.ipynb"), as_version=4)
    (injected,) = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    # papermill's own translator writes "\u667a\u8c31AI ..." here.
    assert "LABEL = '智谱AI 柱状图'" in injected.source
    assert "\\u" not in injected.source
    report = (dirs["reports"] / "01-good.html").read_text(encoding="utf-8")
    assert "智谱AI 柱状图" in report


@pytest.mark.slow  # starts kernels
def test_report_is_self_contained_escaped_and_titled(first_build):
    dirs, _, _, _ = first_build
    report = (dirs["reports"] / "01-good.html").read_text(encoding="utf-8")
    assert "<title>01 · Good</title>" in report
    # No script or stylesheet fetched from anywhere.
    assert not re.search(r"""<script[^>]+src=|<link[^>]+href=["']?https?:|@import""", report)
    # The figure is embedded, not linked, with its caption as alt text.
    (image,) = [tag for tag in re.findall(r"<img [^>]*>", report) if "data:image/png" in tag]
    assert 'src="data:image/png;base64,' in image
    assert 'alt="柱状图 Bars: 每根柱子是一个数。"' in image
    # save_figure as a cell's last line shows the image once and no file paths.
    assert "PosixPath" not in report
    # Article-like text with <script> shows as text, and Chinese survives.
    assert "<script>alert(1)" not in report and "<script>evil()" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 中文输出" in report
    assert "&lt;script&gt;evil()&lt;/script&gt;" in report
    assert "<script>styled()" not in report and "&lt;script&gt;styled()&lt;/script&gt;大模型" in report
    assert not re.search(r"<[a-z][^<>]*\son[a-z]+=", report, re.IGNORECASE)  # no live handler
    assert not re.search(r"<a\s[^<>]*javascript:", report) and ">链接</a>" in report


@pytest.mark.slow  # starts kernels
def test_index_links_reports_and_shows_figures_with_captions(first_build):
    dirs, _, _, _ = first_build
    index = (dirs["reports"] / "index.html").read_text(encoding="utf-8")
    assert 'href="01-good.html"' in index and 'href="02-failing.html"' in index
    assert index.count("data:image/png;base64,") == 1
    # Caption: the heading and first sentence of the markdown just before the figure.
    assert "柱状图 Bars: 每根柱子是一个数。" in index
    assert "02-failing.ipynb failed in cell 5" in index


@pytest.mark.slow  # starts kernels
def test_unchanged_rebuild_is_cached_and_fast(first_build):
    dirs, first, _, first_seconds = first_build
    lines: list[str] = []
    started = time.perf_counter()
    summary = run_build(dirs, lines, only=["01"], parameters=FIRST_PARAMETERS(dirs))
    seconds = time.perf_counter() - started
    (good,) = [r for r in summary.results if r.notebook == "01-good.ipynb"]
    assert good.status == "cached"
    assert seconds < 0.05 * first_seconds, (seconds, first_seconds)
    # A failed notebook is never cached: it stays failed in the index until it is rebuilt.
    failing = next(r for r in summary.results if r.notebook == "02-failing.ipynb")
    assert failing.status == "not run" and failing.error


@pytest.mark.slow  # starts kernels
def test_cache_invalidated_by_parameters_seeds_and_missing_figures(tmp_path):
    dirs = make_project(tmp_path, failing=False)
    params = {"LOG_DIR": str(dirs["logs"])}
    # A figure the notebook no longer makes is pointed out, not silently kept as current.
    (dirs["figures"] / "01-renamed-long-ago.png").write_bytes(b"old")
    lines: list[str] = []
    assert run_build(dirs, lines, parameters=params).results[0].status == "ran"
    assert any("figures/01-renamed-long-ago.png was not written by this run" in line for line in lines)
    assert run_build(dirs, parameters=params).results[0].status == "cached"
    # A parameter change reruns, and the new value reaches the kernel.
    assert run_build(dirs, parameters=dict(params, N=5)).results[0].status == "ran"
    assert json.loads((dirs["logs"] / "01.json").read_text())["N"] == 5
    assert run_build(dirs, parameters=dict(params, N=5)).results[0].status == "cached"
    # An edited package module the notebook does not import keeps it cached; one it imports
    # through another (plots -> style) reruns it.
    (dirs["library"] / "unused.py").write_text("VALUE = 2\n", encoding="utf-8")
    assert run_build(dirs, parameters=dict(params, N=5)).results[0].status == "cached"
    (dirs["library"] / "style.py").write_text("DPI = 200\n", encoding="utf-8")
    assert run_build(dirs, parameters=dict(params, N=5)).results[0].status == "ran"
    # Outputs and metadata are not inputs: a notebook saved with outputs and other metadata stays cached.
    notebook = dirs["notebooks"] / "01-good.ipynb"
    nb = nbformat.read(str(notebook), as_version=4)
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.0"}
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="old output\n")]
    nb.cells[2].execution_count = 7
    nb.cells[2].metadata["scrolled"] = True
    nbformat.write(nb, str(notebook))
    assert run_build(dirs, parameters=dict(params, N=5)).results[0].status == "cached"
    # An edited seed article reruns.
    (dirs["seeds"] / "a.txt").write_text("大模型价格战打响。\n", encoding="utf-8")
    assert run_build(dirs, parameters=dict(params, N=5)).results[0].status == "ran"
    # A figure deleted or edited by hand reruns (and comes back identical).
    png = dirs["figures"] / "01-bars.png"
    before = png.read_bytes()
    png.unlink()
    assert run_build(dirs, parameters=dict(params, N=5)).results[0].status == "ran"
    assert png.read_bytes() == before


@pytest.mark.slow  # starts kernels
def test_success_then_failure_leaves_no_stale_report(tmp_path):
    dirs = make_project(tmp_path, failing=False)
    params = {"LOG_DIR": str(dirs["logs"])}
    assert run_build(dirs, parameters=params).ok
    old_report = (dirs["reports"] / "01-good.html").read_text(encoding="utf-8")
    assert "An Exception was encountered" not in old_report
    # Break the notebook: the old, successful report must not survive as if current.
    notebook = dirs["notebooks"] / "01-good.ipynb"
    nb = nbformat.read(str(notebook), as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell("raise RuntimeError('数据缺失')"))
    nbformat.write(nb, str(notebook))
    summary = run_build(dirs, parameters=params)
    assert not summary.ok and "RuntimeError: 数据缺失" in summary.failed[0].error
    report = (dirs["reports"] / "01-good.html").read_text(encoding="utf-8")
    assert "An Exception was encountered" in report
    index = (dirs["reports"] / "index.html").read_text(encoding="utf-8")
    assert "failed" in index and "数据缺失" in index


@pytest.mark.slow  # starts kernels
def test_a_dying_kernel_is_named_with_its_cell(tmp_path):
    dirs = make_project(tmp_path, failing=False)
    write_notebook(dirs["notebooks"] / "03-dies.ipynb", "03 · Dies", "X: int = 1  # unused",
                   [("code", "y = 1"), ("code", "import os\nos._exit(3)")])
    summary = run_build(dirs, only=["03"], parameters={})
    (failed,) = summary.failed
    # Whether the kernel numbered the cell before dying is a race; the cell index is not. A dead
    # kernel leaves no traceback, so the cell is named by its first line.
    assert re.match(r"03-dies\.ipynb failed in cell 3 \((In \[3\], )?starting `import os`\): DeadKernelError",
                    failed.error)
    assert "kernel log" in failed.error


@pytest.mark.slow  # starts kernels
def test_figure_bytes_do_not_depend_on_the_kernel_backend(tmp_path, monkeypatch):
    # The build keeps JupyterLab's inline backend (it puts figures in the report); saved files
    # must be the same as under plain Agg, so the build, JupyterLab and scripts agree.
    inline = make_project(tmp_path / "inline", failing=False)
    run_build(inline, parameters={"LOG_DIR": str(inline["logs"])})
    monkeypatch.setitem(build.KERNEL_ENV, "MPLBACKEND", "Agg")
    agg = make_project(tmp_path / "agg", failing=False)
    run_build(agg, parameters={"LOG_DIR": str(agg["logs"])})
    assert json.loads((agg["logs"] / "01.json").read_text())["env"]["MPLBACKEND"] == "Agg"
    for name in ("01-bars.png", "01-bars.svg", "01-bars.csv"):
        assert (inline["figures"] / name).read_bytes() == (agg["figures"] / name).read_bytes(), name


@pytest.mark.slow  # starts kernels
def test_no_code_hides_inputs(tmp_path):
    dirs = make_project(tmp_path, failing=False)
    run_build(dirs, no_code=True)
    report = (dirs["reports"] / "01-good.html").read_text(encoding="utf-8")
    assert "plots.save_figure" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 中文输出" in report  # outputs stay


@pytest.mark.slow  # starts kernels
def test_cli_exit_codes_and_messages(tmp_path, capsys, monkeypatch):
    dirs = make_project(tmp_path)
    monkeypatch.setenv("LLMNEWS_FIGURES_DIR", str(dirs["figures"]))
    common = ["build", "--notebooks", str(dirs["notebooks"]), "--output", str(dirs["reports"])]
    # Usage errors exit 2 before running anything.
    assert main(common + ["-p", "NO_SUCH", "1"]) == 2
    assert "NO_SUCH" in capsys.readouterr().err
    assert main(common + ["--only", "07"]) == 2
    assert "--only 07" in capsys.readouterr().err
    assert not any(dirs["reports"].iterdir())
    # A failing notebook: exit 1, named with its cell on stderr.
    assert main(common + ["--only", "02", "-p", "LOG_DIR", str(dirs["logs"])]) == 1
    err = capsys.readouterr().err
    assert "FAILED: 02-failing.ipynb failed in cell 5" in err


def test_parameters_are_yaml_and_go_where_declared(tmp_path):
    dirs = make_project(tmp_path)
    notebooks = build.find_notebooks(dirs["notebooks"])
    declared = build.declared_parameters(notebooks[0])
    assert {name: p.default for name, p in declared.items()} == {
        "N": 3, "LABEL": "大模型 bars", "PAUSE": 0.0, "LOG_DIR": ".",
    }
    assert (declared["N"].annotation, declared["N"].comment) == ("int", "number of bars")
    assert build.parse_cli_value("5") == 5
    assert build.parse_cli_value("[智谱AI, GPT-4o]") == ["智谱AI", "GPT-4o"]
    assert build.parse_cli_value("0.5") == 0.5
    params_file = tmp_path / "params.yaml"
    params_file.write_text("PAUSE: 1\n'01': {N: 7}\n", encoding="utf-8")
    resolved = build.resolve_parameters(notebooks, {"LABEL": "x"}, build.load_parameter_file(params_file))
    # PAUSE is declared float: the file's 1 arrives as 1.0.
    assert resolved == {
        "01-good.ipynb": {"PAUSE": 1.0, "LABEL": "x", "N": 7},
        "02-failing.ipynb": {"PAUSE": 1.0},
    }
    assert type(resolved["01-good.ipynb"]["PAUSE"]) is float
    with pytest.raises(build.BuildError, match="02-failing.ipynb has no parameter 'N'"):
        build.resolve_parameters(notebooks, {}, {"02": {"N": 1}})
    with pytest.raises(build.BuildError, match="not declared"):
        build.resolve_parameters(notebooks, {"TYPO": 1}, {})


def test_select_notebooks_by_number_or_name(tmp_path):
    dirs = make_project(tmp_path)
    (dirs["notebooks"] / "notes.ipynb").write_text("{}", encoding="utf-8")  # not NN-*: ignored
    notebooks = build.find_notebooks(dirs["notebooks"])
    assert [p.name for p in notebooks] == ["01-good.ipynb", "02-failing.ipynb"]
    assert [p.name for p in build.select_notebooks(notebooks, ["02-failing"])] == ["02-failing.ipynb"]
    assert [p.name for p in build.select_notebooks(notebooks, ["02", "01"])] == ["01-good.ipynb", "02-failing.ipynb"]
    assert [p.name for p in build.select_notebooks(notebooks, ["2"])] == ["02-failing.ipynb"]
    assert [p.name for p in build.select_notebooks(notebooks, ["good"])] == ["01-good.ipynb"]
    assert [p.name for p in build.select_notebooks(notebooks, ["01-good.ipynb"])] == ["01-good.ipynb"]
    with pytest.raises(build.BuildError, match="--only goo: no notebook"):
        build.select_notebooks(notebooks, ["goo"])  # a slug is matched whole, not as a prefix


def test_cache_key_follows_the_real_package_by_default():
    import llmnews

    assert build.LIBRARY_DIR == Path(llmnews.__file__).resolve().parent
    assert (build.LIBRARY_DIR / "plots.py").is_file()


def test_caption_is_heading_and_first_sentence():
    nb = {"cells": [
        {"cell_type": "markdown", "source": "## 区分性词语 Distinctive terms\n\n每篇文章独有的词。后面的句子不要。"},
        {"cell_type": "code", "source": "", "outputs": [
            {"output_type": "display_data", "metadata": {"llmnews": {"figure": "02-distinctive-terms"}}}]},
        {"cell_type": "markdown", "source": "The **heatmap** shows `TOP_N` *shares* of [terms](#x). More."},
        {"cell_type": "code", "source": "", "outputs": [
            {"output_type": "display_data", "metadata": {"llmnews": {"figure": "02-heatmap"}}}]},
    ]}
    assert build.figure_captions(nb) == [
        ("02-distinctive-terms", "区分性词语 Distinctive terms: 每篇文章独有的词。"),
        ("02-heatmap", "The heatmap shows TOP_N shares of terms."),
    ]


@pytest.mark.slow  # starts kernels
def test_figures_of_other_parameters_never_reach_the_committed_folder(tmp_path, monkeypatch):
    dirs = make_project(tmp_path, failing=False)
    write_notebook(dirs["notebooks"] / "02-other.ipynb", "02 · Other", "M: int = 2  # bars", [
        ("md", "## Bars\n\nM bars."),
        ("code", "import matplotlib.pyplot as plt\nimport pandas as pd\nfrom llmnews import plots\n"
                 "fig, ax = plt.subplots(figsize=(3, 2))\nax.bar(range(M), range(M))\n"
                 "plots.save_figure(fig, '02-bars', pd.DataFrame({'x': range(M)}))"),
    ])
    # This project's figures/ plays the committed folder, its seeds/ the default seeds; reports
    # go to the default report folder (no --output).
    monkeypatch.setattr(build, "COMMITTED_FIGURES_DIR", dirs["figures"])
    monkeypatch.setattr(build, "DEFAULT_SEEDS_DIR", dirs["seeds"])
    monkeypatch.setattr(build.paths, "FIGURES_DIR", dirs["figures"])
    monkeypatch.setattr(build.paths, "REPORTS_DIR", dirs["reports"])

    def run(lines, **kw):
        return build.build(dirs["notebooks"], seeds_dir=dirs["seeds"], library_dir=dirs["library"],
                           echo=lines.append, **kw)

    lines: list[str] = []
    assert run(lines).ok  # defaults everywhere (01's LOG_DIR '.' is its notebook folder)
    assert sorted(p.name for p in dirs["figures"].glob("*.png")) == ["01-bars.png", "02-bars.png"]
    assert f"figures of 01-good, 02-other -> {dirs['figures'].resolve()} (the committed figures: " \
           "default seeds and parameters)" in lines
    committed = (dirs["figures"] / "02-bars.png").read_bytes()

    lines = []
    summary = run(lines, only=["02"], parameters={"M": 5})
    other = dirs["reports"] / "figures"
    assert summary.results[1].status == "ran" and (other / "02-bars.png").is_file()
    assert (dirs["figures"] / "02-bars.png").read_bytes() == committed
    assert any(line.startswith(f"figures of 02-other -> {other.resolve()} (figures/ is written only") for line in lines)
    # 01 was not run and nothing of its own changed: its report is still current.
    (left_out, _) = summary.results
    assert left_out.status == "not run" and left_out.up_to_date
    index = (dirs["reports"] / "index.html").read_text(encoding="utf-8")
    assert "out of date" not in index and "M = 5" in index

    # An edit to 01 itself does make its report out of date (02 answers from the cache).
    notebook = dirs["notebooks"] / "01-good.ipynb"
    nb = nbformat.read(str(notebook), as_version=4)
    nb.cells[0].source += "\n\nOne more sentence."
    nbformat.write(nb, str(notebook))
    summary = run([], only=["02"], parameters={"M": 5})
    assert [r.status for r in summary.results] == ["not run", "cached"]
    assert not summary.results[0].up_to_date
