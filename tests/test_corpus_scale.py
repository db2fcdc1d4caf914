"""Every notebook runs with default parameters on a researcher's own corpus, of any size.

Two corpora a user might point ``LLMNEWS_SEEDS_DIR`` at: a few dozen generated articles from several
outlets and months (with ``metadata.csv``), and a single article. Each is built with the default
parameters; every notebook must succeed, every figure must stay within 4000 px a side, and the
groups the notebooks compare must be the ones ``GROUP_BY=auto`` promises (outlets for the first,
the article itself for the second).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from PIL import Image

from llmnews import build, paths, synthetic

NOTEBOOKS = build.find_notebooks(paths.NOTEBOOKS_DIR)
MAX_SIDE_PX = 4000


def _build(root, seeds):
    env = dict(os.environ, LLMNEWS_SEEDS_DIR=str(seeds), LLMNEWS_BUILD_DIR=str(root / "build"),
               LLMNEWS_FIGURES_DIR=str(root / "figures"))
    env.pop("LLMNEWS_STORE_DIR", None)
    return subprocess.run([sys.executable, "-m", "llmnews", "build", "--jobs", "2"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=3600)


@pytest.fixture(scope="module", params=["generated", "one article"])
def built_corpus(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(request.param.replace(" ", "-"))
    seeds = root / "articles"
    if request.param == "generated":
        synthetic.write_corpus(seeds, 36, target_chars=900)  # 8 outlets, dates over 2023-2025
    else:
        seeds.mkdir()
        shutil.copy(paths.ROOT / "seeds" / synthetic.SEED_FILES[0], seeds)
    return request.param, root, _build(root, seeds)


@pytest.mark.slow
def test_every_notebook_runs_with_default_parameters(built_corpus):
    _, root, completed = built_corpus
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    for notebook in NOTEBOOKS:
        assert (root / "build" / "reports" / f"{notebook.stem}.html").is_file(), notebook.name


@pytest.mark.slow
def test_every_figure_stays_within_4000_px_a_side(built_corpus):
    _, root, _ = built_corpus
    figures = sorted((root / "figures").glob("*.png"))
    assert figures
    for png in figures:
        with Image.open(png) as image:
            assert max(image.size) <= MAX_SIDE_PX, f"{png.name} is {image.size[0]} x {image.size[1]} px"


@pytest.mark.slow
def test_the_reports_compare_the_groups_auto_promises(built_corpus):
    kind, root, _ = built_corpus
    report = (root / "build" / "reports" / "02-term-frequency.html").read_text(encoding="utf-8")
    if kind == "generated":
        assert "compared by outlet" in report
        assert len(list((root / "figures").glob("02-wordcloud-*.png"))) <= 12
        assert (root / "figures" / "01-articles-per-month.png").is_file()
    else:
        assert "nothing to compare it with" in report  # one group: the report says so, the rest runs
