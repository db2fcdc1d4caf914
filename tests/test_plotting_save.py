"""The save helper: style context, CJK font, fixed bytes, no metadata that changes between runs."""

from __future__ import annotations

import hashlib
import os
import struct
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import matplotlib.font_manager as font_manager
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from llmnews import paths, plots, provenance

BAR_DATA = pd.DataFrame({"term": ["智谱AI (Zhipu AI)", "GPT-4o", "价格战"], "z": [2.5, -1.25, 0.1]})


def draw_bars(data: pd.DataFrame = BAR_DATA):
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.barh(data["term"], data["z"])
    ax.set_title("大模型 distinctive terms −z")
    ax.set_xlabel("z 分数")
    return fig


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def png_chunk_types(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    types, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        types.append(data[offset + 4 : offset + 8])
        offset += 12 + length
    return types


def png_text_keys(data: bytes) -> list[bytes]:
    keys, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind in (b"tEXt", b"iTXt", b"zTXt"):
            keys.append(data[offset + 8 : offset + 8 + length].split(b"\0", 1)[0])
        offset += 12 + length
    return keys


def test_bundled_font_is_the_sans_serif_default_inside_the_style():
    assert plots.CJK_FONT_PATH.is_file()
    with plots.style():
        found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert Path(found) == plots.CJK_FONT_PATH


def test_the_style_context_restores_every_setting_it_changed():
    before = dict(plt.rcParams)
    with plots.style():
        assert plt.rcParams["font.sans-serif"][0] == plots.CJK_FONT_NAME
        assert plt.rcParams["svg.hashsalt"] == "llmnews"
    after = dict(plt.rcParams)
    assert after == before


def test_importing_the_package_changes_no_matplotlib_setting(tmp_path):
    # In a fresh process, so no earlier test has imported plots already.
    script = textwrap.dedent(
        """
        import matplotlib
        before = dict(matplotlib.rcParams)
        from llmnews import plots, plotting
        from llmnews.plotting import corpus, terms, timeline, topics
        assert dict(matplotlib.rcParams) == before, "an import changed rcParams"
        assert matplotlib.rcParams["svg.hashsalt"] is None
        """
    )
    env = dict(os.environ, MPLBACKEND="Agg")
    subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=tmp_path, timeout=120)


def test_save_figure_writes_three_files_and_closes_the_figure(figures_dir):
    fig = draw_bars()
    written = plots.save_figure(fig, "02-distinctive-terms", BAR_DATA)
    assert written == {
        "png": figures_dir / "02-distinctive-terms.png",
        "svg": figures_dir / "02-distinctive-terms.svg",
        "csv": figures_dir / "02-distinctive-terms.csv",
    }
    assert all(path.is_file() for path in written.values())
    assert not plt.fignum_exists(fig.number)
    # No temporary files left behind by the atomic write.
    assert sorted(p.name for p in figures_dir.iterdir()) == sorted(p.name for p in written.values())


def test_csv_is_utf8_with_newlines_fixed_floats_and_no_index(figures_dir):
    data = pd.DataFrame({"term": ["大模型", "GPT-4o"], "z": [1 / 3, 2.0]})
    fig = draw_bars()
    plots.save_figure(fig, "02-csv-check", data)
    assert (figures_dir / "02-csv-check.csv").read_bytes() == (
        "term,z\n大模型,0.3333333333\nGPT-4o,2\n".encode("utf-8")
    )


def test_same_figure_saved_twice_gives_identical_bytes(figures_dir, tmp_path, monkeypatch):
    first = plots.save_figure(draw_bars(), "02-twice", BAR_DATA)
    digests = {kind: sha256(path) for kind, path in first.items()}
    second_dir = tmp_path / "again"
    monkeypatch.setattr(paths, "FIGURES_DIR", second_dir)
    second = plots.save_figure(draw_bars(), "02-twice", BAR_DATA)
    assert {kind: sha256(path) for kind, path in second.items()} == digests


def test_a_changed_figure_changes_the_bytes(figures_dir, tmp_path, monkeypatch):
    # Guards the test above against comparing something that never changes.
    first = plots.save_figure(draw_bars(), "02-changed", BAR_DATA)
    monkeypatch.setattr(paths, "FIGURES_DIR", tmp_path / "other")
    changed = BAR_DATA.assign(z=[2.5, -1.25, 0.2])
    second = plots.save_figure(draw_bars(changed), "02-changed", changed)
    for kind in ("png", "svg", "csv"):
        assert sha256(first[kind]) != sha256(second[kind]), kind


def test_png_has_no_software_chunk_and_svg_no_date_or_creator(figures_dir):
    written = plots.save_figure(draw_bars(), "02-metadata", BAR_DATA)
    png = written["png"].read_bytes()
    assert b"Software" not in png_text_keys(png)
    assert b"tIME" not in png_chunk_types(png)
    assert b"matplotlib" not in png.lower()
    svg = written["svg"].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert "Matplotlib v" not in svg
    # Text drawn as paths: no <text> elements that would depend on the viewer's fonts.
    assert "<text" not in svg


def test_chinese_and_latin_text_raise_no_glyph_warning(figures_dir):
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph .*missing from font")
        plots.save_figure(draw_bars(), "02-glyphs", BAR_DATA)


def test_a_missing_glyph_is_an_error_under_the_test_settings(figures_dir):
    # U+20000 (CJK Extension B) is in neither the bundled font nor DejaVu Sans: pyproject's
    # filterwarnings turns matplotlib's warning into an error, which is what keeps the other
    # tests honest.
    fig, ax = plt.subplots()
    ax.set_title("\U00020000")
    with pytest.raises(UserWarning, match="missing from font"):
        plots.save_figure(fig, "02-missing-glyph", BAR_DATA)


@pytest.mark.parametrize("name", ["distinctive-terms", "2-terms", "02_terms", "02-Terms", "02-../x", "02-"])
def test_bad_names_are_refused(figures_dir, name):
    fig = draw_bars()
    with pytest.raises(ValueError, match="NN-slug"):
        plots.save_figure(fig, name, BAR_DATA)
    plt.close(fig)
    assert list(figures_dir.iterdir()) == []


def test_data_must_be_a_dataframe(figures_dir):
    fig = draw_bars()
    with pytest.raises(TypeError, match="DataFrame"):
        plots.save_figure(fig, "02-no-data", {"term": ["x"]})
    plt.close(fig)


def test_word_cloud_ignores_dict_order_for_ties():
    one = plots.word_cloud({"大模型": 3, "开源": 2, "价格战": 2}, seed=7)
    other = plots.word_cloud({"价格战": 2, "开源": 2, "大模型": 3}, seed=7)
    assert np.array_equal(one.to_array(), other.to_array())
    assert one.font_path == str(plots.CJK_FONT_PATH)


def test_word_cloud_refuses_empty_or_non_positive_frequencies():
    with pytest.raises(ValueError, match="at least one"):
        plots.word_cloud({}, seed=1)
    with pytest.raises(ValueError, match="positive"):
        plots.word_cloud({"大模型": 0}, seed=1)


_FRESH_PROCESS_SCRIPT = textwrap.dedent(
    """
    import sys
    import matplotlib.pyplot as plt
    import pandas as pd
    from llmnews import plots

    seed = int(sys.argv[1])
    data = pd.DataFrame({"term": ["智谱AI", "GPT-4o", "文心一言", "开源"], "count": [9, 7, 4, 2]})
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.bar(data["term"], data["count"])
    ax.set_title("词频 term counts")
    plots.save_figure(fig, "02-bars", data)
    cloud = plots.word_cloud(dict(zip(data["term"], data["count"])), seed=seed, width=300, height=200)
    plots.save_word_cloud(cloud, "02-cloud", data, title="词云")
    """
)


def _run_fresh(tmp_path: Path, label: str, seed: int, hash_seed: str) -> dict[str, str]:
    out = tmp_path / label
    env = dict(os.environ, LLMNEWS_FIGURES_DIR=str(out), MPLBACKEND="Agg", PYTHONHASHSEED=hash_seed)
    subprocess.run(
        [sys.executable, "-W", "error::UserWarning", "-c", _FRESH_PROCESS_SCRIPT, str(seed)],
        env=env,
        check=True,
        cwd=tmp_path,
        timeout=120,
    )
    return {path.name: sha256(path) for path in sorted(out.iterdir())}


def test_figures_and_word_cloud_identical_in_two_fresh_processes(tmp_path):
    first = _run_fresh(tmp_path, "first", seed=42, hash_seed="1")
    second = _run_fresh(tmp_path, "second", seed=42, hash_seed="2")
    assert sorted(first) == [f"02-{n}.{ext}" for n in ("bars", "cloud") for ext in ("csv", "png", "svg")]
    assert first == second
    other_seed = _run_fresh(tmp_path, "third", seed=43, hash_seed="1")
    # The seed really drives the layout, so the equality above is not vacuous.
    assert other_seed["02-cloud.png"] != first["02-cloud.png"]
    assert other_seed["02-bars.png"] == first["02-bars.png"]


def test_run_record_lists_parameters_versions_and_runtime():
    record = provenance.run_record({"N_TOPICS": 6, "MODEL": "nmf"})
    assert list(record.columns) == ["kind", "name", "value"]
    params = record[record["kind"] == "parameter"].set_index("name")["value"].to_dict()
    assert params == {"N_TOPICS": "6", "MODEL": "'nmf'"}
    packages = record[record["kind"] == "package"].set_index("name")["value"]
    assert packages["matplotlib"] == plt.matplotlib.__version__
    assert packages["pandas"] == pd.__version__
    assert "seeds" in set(record["name"])
    with pytest.raises(TypeError):
        provenance.run_record([("N_TOPICS", 6)])


def test_slug_keeps_safe_ids_and_makes_user_file_names_usable_in_figure_names():
    from llmnews.plotting import save

    assert plots.slug("000_78f0bb0c1e58feb5") == "000_78f0bb0c1e58feb5"  # the seeds' ids, unchanged
    # sha256("用户 文章 2024") starts with ef4fabb3 (checked with hashlib by hand)
    assert plots.slug("用户 文章 2024") == "2024_ef4fabb3"
    assert plots.slug("文章") == hashlib.sha256("文章".encode()).hexdigest()[:8]
    # Two ids that differ only in replaced characters still differ.
    assert plots.slug("文章 1") != plots.slug("报道 1")
    for text in ("用户 文章 2024", "My Article", "文章", "a/b\\c"):
        save._check_name(f"02-wordcloud-{plots.slug(text)}")  # a valid figure name


def test_save_figure_refuses_a_missing_glyph_whatever_the_callers_warning_filters(figures_dir):
    # A notebook run outside pytest has no filterwarnings from pyproject: save_figure itself must
    # refuse to save an empty box. U+20000 is in neither the bundled font nor DejaVu Sans.
    fig, ax = plt.subplots()
    ax.set_title("\U00020000")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(UserWarning, match="missing from font"):
            plots.save_figure(fig, "02-missing-glyph", BAR_DATA)
    assert not (figures_dir / "02-missing-glyph.png").exists()
