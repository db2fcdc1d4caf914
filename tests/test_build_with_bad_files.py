"""A user's folder with bad files in it: every report is still built, and notebook 01 says what was skipped.

The seeds plus a few files a user might drop next to them (an empty file, a picture renamed .txt,
binary data with NUL bytes, a GBK-encoded article whose name has spaces and Chinese characters).
The build must succeed on the usable articles, the corpus report must name each skipped file with
its reason, and nothing in the input folder may change.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys

import pytest

from llmnews import build, paths

NOTEBOOKS = build.find_notebooks(paths.NOTEBOOKS_DIR)

GBK_ARTICLE = (
    "智谱AI发布新一代基座大模型\n"
    "2024年1月16日,智谱AI在首届技术开放日上发布了新一代基座大模型GLM-4。\n"
    "百度的文心一言和阿里巴巴的通义千问也在持续迭代。\n"
)

BAD_FILES = {
    "empty.txt": (b"", "empty file"),
    "picture.txt": (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64)), "binary file"),
    "binary.txt": (b"abc\x00\x01\x02\x00def" * 20, "NUL"),
}


def folder_digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def build_with_bad_files(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-files-build")
    seeds = root / "seeds"
    seeds.mkdir()
    for article in sorted(paths.SEEDS_DIR.glob("*.txt")):
        shutil.copyfile(article, seeds / article.name)
    for name, (data, _) in BAD_FILES.items():
        (seeds / name).write_bytes(data)
    (seeds / "用户 文章 2024.txt").write_bytes(GBK_ARTICLE.encode("gbk"))
    before = folder_digest(seeds)
    env = dict(
        os.environ,
        LLMNEWS_SEEDS_DIR=str(seeds),
        LLMNEWS_FIGURES_DIR=str(root / "figures"),
        LLMNEWS_BUILD_DIR=str(root / "build"),
    )
    completed = subprocess.run(
        [sys.executable, "-m", "llmnews", "build", "--jobs", "2"],
        cwd=root, env=env, capture_output=True, text=True, timeout=3600,
    )
    return root, seeds, before, completed


@pytest.mark.slow
def test_every_report_is_built_from_the_usable_articles(build_with_bad_files):
    root, _, _, completed = build_with_bad_files
    assert completed.returncode == 0, completed.stdout + completed.stderr
    for notebook in NOTEBOOKS:
        assert (root / "build" / "reports" / f"{notebook.stem}.html").is_file(), notebook.name


@pytest.mark.slow
def test_the_corpus_report_names_each_skipped_file_and_why(build_with_bad_files):
    root, _, _, _ = build_with_bad_files
    report = (root / "build" / "reports" / "01-corpus.html").read_text(encoding="utf-8")
    for name, (_, reason) in BAD_FILES.items():
        assert name in report, f"{name} is not listed in the corpus report"
        assert reason in report, f"the reason for {name} ({reason!r}) is not in the corpus report"
    # The GBK article with spaces in its name loaded (its id is in the article table).
    assert "用户 文章 2024" in report


@pytest.mark.slow
def test_nothing_in_the_input_folder_changed(build_with_bad_files):
    _, seeds, before, _ = build_with_bad_files
    assert folder_digest(seeds) == before
