"""The one way figures leave the project: fixed style, a bundled CJK font, deterministic bytes.

``style()`` is a context in which matplotlib has the project's look: WenQuanYi Micro Hei (shipped
as the ``paperang-p2-fonts-cjk`` package, because a fresh machine has no Chinese font) registered
and made the sans-serif default, and every style parameter a figure depends on set from
matplotlib's defaults, so a figure looks the same in JupyterLab, under papermill and in CI whatever
the user's ``matplotlibrc`` says. Importing this module changes no matplotlib setting: every figure
function of ``llmnews.plotting`` draws inside ``style()``, and ``save_figure`` renders inside it,
so a notebook's own plots keep the user's settings. ``apply_style()`` sets the style globally for
someone who wants it for their own plots.

``save_figure(fig, name, data)`` writes ``FIGURES_DIR/{name}.png``, ``.svg`` and ``.csv`` (the table
that was drawn) with nothing in them that changes between runs: no PNG ``Software`` chunk, no SVG
date or creator, a fixed SVG hash salt (matplotlib otherwise salts clip-path ids with a random
UUID), text drawn as paths, fixed dpi, and a CSV with fixed float format and ``\\n`` line ends.

Word clouds: ``word_cloud(frequencies, seed=...)`` builds a fresh ``WordCloud`` from counts the
project's own tokenizer made (never wordcloud's tokenizer, which splits Chinese on spaces only),
and ``save_word_cloud(cloud, name, data)`` draws it and saves it through ``save_figure``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import warnings
from importlib.resources import files
from pathlib import Path

import matplotlib
import matplotlib.style
import matplotlib.font_manager as font_manager
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from llmnews import paths

__all__ = [
    "CJK_FONT_NAME",
    "CJK_FONT_PATH",
    "DPI",
    "STYLE",
    "MAX_SIDE_PX",
    "apply_style",
    "figure_size",
    "save_figure",
    "save_word_cloud",
    "slug",
    "style",
    "word_cloud",
    "word_cloud_figure",
]

# The font file ships inside a package, so its location comes from the installed package, not
# from a system font folder that a new machine may not have.
CJK_FONT_PATH: Path = Path(str(files("paperang_p2_fonts_cjk") / "fonts" / "wqy-microhei.ttc"))
CJK_FONT_NAME = "WenQuanYi Micro Hei"

# matplotlib's warning when the font has no glyph for a character (the box it draws instead).
MISSING_GLYPH_WARNING = r"Glyph .* missing from font"

# Pixels per inch of the saved PNG; fixed so the bytes do not depend on the display's dpi.
DPI = 150

# The longest side a saved figure may have, in PNG pixels: figures must stay readable (and
# viewable) whatever the corpus size, so figure functions cap their rows and this caps the inches.
MAX_SIDE_PX = 4000

# `NN-slug`: the notebook number first, so a figure can be traced to the notebook that made it.
_NAME_PATTERN = re.compile(r"\d{2}-[a-z0-9]+(?:[-_][a-z0-9]+)*")

# Every parameter a figure's look depends on is set here, once, for all notebooks.
STYLE: dict[str, object] = {
    "font.family": ["sans-serif"],
    # DejaVu Sans (bundled with matplotlib) only as a fallback for symbols the CJK font lacks.
    "font.sans-serif": [CJK_FONT_NAME, "DejaVu Sans"],
    "font.size": 10.0,
    "axes.titlesize": 12.0,
    "axes.labelsize": 10.0,
    "xtick.labelsize": 9.0,
    "ytick.labelsize": 9.0,
    "legend.fontsize": 9.0,
    "figure.titlesize": 13.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.unicode_minus": True,
    "figure.figsize": [8.0, 5.0],
    "figure.dpi": 100.0,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "image.cmap": "viridis",
    "savefig.dpi": DPI,
    "savefig.facecolor": "white",
    "savefig.edgecolor": "white",
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.1,
    # Glyphs as paths: the SVG renders identically without the font installed, and has no
    # font-dependent text layout left to the viewer.
    "svg.fonttype": "path",
    # matplotlib salts SVG element ids with a random UUID unless this is set.
    "svg.hashsalt": "llmnews",
    "path.simplify": True,
}


_font_registered = False


def _register_cjk_font() -> None:
    """Make the bundled font file the one matplotlib uses for its family (once per process).

    A machine may have another copy, possibly another version, of WenQuanYi Micro Hei installed
    system-wide (Debian's fonts-wqy-microhei); matplotlib would pick whichever it listed first.
    Dropping those entries keeps figures' bytes independent of the machine's fonts.
    """
    global _font_registered
    if _font_registered:
        return
    if not CJK_FONT_PATH.is_file():
        raise FileNotFoundError(
            f"{CJK_FONT_PATH}: the bundled CJK font is missing; reinstall paperang-p2-fonts-cjk "
            "(pip install -r requirements.txt)"
        )
    manager = font_manager.fontManager
    if not any(Path(entry.fname) == CJK_FONT_PATH for entry in manager.ttflist):
        manager.addfont(str(CJK_FONT_PATH))
    bundled_names = {entry.name for entry in manager.ttflist if Path(entry.fname) == CJK_FONT_PATH}
    manager.ttflist = [
        entry for entry in manager.ttflist
        if entry.name not in bundled_names or Path(entry.fname) == CJK_FONT_PATH
    ]
    # findfont memoises its answers; forget any made before the list changed.
    cached = getattr(manager, "_findfont_cached", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()
    _font_registered = True


def _set_style() -> None:
    _register_cjk_font()
    # Reading the backend settles it (JupyterLab's inline backend applies its own rc when it is
    # first resolved), so that happens before the reset below rather than after it.
    backend = matplotlib.rcParams["backend"]
    matplotlib.style.use("default")
    matplotlib.rcParams.update(STYLE)
    # style.use leaves the backend alone, but be explicit: JupyterLab's inline backend must stay.
    matplotlib.rcParams["backend"] = backend


def apply_style() -> None:
    """Reset matplotlib to its built-in defaults, then apply the project style, for good.

    For a user's own plots; the library's figures use ``style()`` instead and need no call.
    """
    _set_style()


@contextlib.contextmanager
def style():
    """Within this block matplotlib has the project style; afterwards every setting is as before.

    Resetting to matplotlib's defaults first means a user's ``matplotlibrc`` cannot change the
    figures' bytes. Blocks may nest. Settings read when a figure is drawn (fonts, minus signs,
    SVG options) are read at ``save_figure``, which renders inside this block too.
    """
    matplotlib.rcParams["backend"]  # settle the backend outside the block (see _set_style)
    with matplotlib.rc_context():
        _set_style()
        yield


def figure_size(width: float, height: float, *, max_side_px: int = MAX_SIDE_PX) -> tuple[float, float]:
    """``(width, height)`` in inches, each side capped so the saved PNG stays within ``max_side_px``.

    A figure function sizes itself from its rows (``0.3 * rows + 1.2``); with its row caps this
    is a second guard, so a corpus of any size never gives a 40,000-pixel image. The cap leaves
    0.5 inch for ``bbox_inches="tight"``'s padding and for labels just outside the axes.
    """
    limit = max_side_px / DPI - 0.5
    return (min(float(width), limit), min(float(height), limit))


def slug(text: str) -> str:
    """``text`` as a piece of a figure name: lower-case ASCII letters, digits, ``-`` and ``_``.

    Figure names are file names that must work everywhere, but article ids come from users' file
    names (``用户 文章 2024``). Runs of other characters become ``_``; when anything had to be
    replaced, the first 8 hex digits of the text's SHA-256 are appended, so two ids that differ
    only in the replaced characters still get different figures. Safe ids come back unchanged.
    """
    cleaned = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    if cleaned == text:
        return text
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{cleaned}_{digest}" if cleaned else digest


def _check_name(name: str) -> None:
    if not isinstance(name, str) or not _NAME_PATTERN.fullmatch(name):
        raise ValueError(
            f"figure name {name!r} must look like 'NN-slug' (the notebook's two-digit number, a "
            "hyphen, then lower-case words joined by '-' or '_'), e.g. '02-distinctive-terms'"
        )


def _write_bytes(path: Path, content: bytes) -> None:
    """Write through a temporary file so a parallel reader never sees half a figure."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(content)
    os.replace(tmp, path)


def _figure_bytes(fig: Figure, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "png":
        # savefig picks the Agg canvas for PNG whatever the interactive backend is.
        fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    else:
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _csv_bytes(data: pd.DataFrame) -> bytes:
    text = data.to_csv(index=False, lineterminator="\n", float_format="%.10g")
    return text.encode("utf-8")


def _show_in_notebook(png: bytes, name: str) -> None:
    """Show the saved PNG in a Jupyter kernel, since the figure itself is closed.

    Showing the saved bytes, not a re-render, means the report shows exactly what is in figures/.
    The output is tagged with the figure's name so the build can caption it in its index.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to show
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return
    from IPython.display import Image, display

    display(Image(data=png, format="png"), metadata={"llmnews": {"figure": name}})


class SavedFiles(dict):
    """``{"png": Path, "svg": Path, "csv": Path}``, shown as nothing in a notebook.

    ``save_figure`` is often a cell's last line; the saved image is already displayed, so the
    report should not also print the (machine-specific) file paths under it.
    """

    def _ipython_display_(self) -> None:
        return None


def save_figure(fig: Figure, name: str, data: pd.DataFrame) -> dict[str, Path]:
    """Save ``fig`` as ``{name}.png`` and ``{name}.svg`` and ``data`` as ``{name}.csv``.

    ``name`` is ``NN-slug`` (``02-distinctive-terms``); ``data`` is the table the figure was drawn
    from, written without its index (reset it first if the index matters). Files go to
    ``paths.FIGURES_DIR`` (``LLMNEWS_FIGURES_DIR`` overrides it). The figure is closed afterwards
    and, inside a Jupyter kernel, the saved PNG is displayed. Returns ``{"png", "svg", "csv"}``
    paths.
    """
    _check_name(name)
    if not isinstance(fig, Figure):
        raise TypeError(f"save_figure({name!r}): expected a matplotlib Figure, got {type(fig).__name__}")
    if not isinstance(data, pd.DataFrame):
        raise TypeError(
            f"save_figure({name!r}): data must be the DataFrame the figure was drawn from, "
            f"got {type(data).__name__}"
        )
    figures_dir = paths.FIGURES_DIR
    figures_dir.mkdir(parents=True, exist_ok=True)
    written = SavedFiles({
        "png": figures_dir / f"{name}.png",
        "svg": figures_dir / f"{name}.svg",
        "csv": figures_dir / f"{name}.csv",
    })
    try:
        with style(), warnings.catch_warnings():
            # A character the bundled font lacks would be saved as an empty box: fail instead, for
            # every figure of every notebook, here where all figures pass.
            warnings.filterwarnings("error", message=MISSING_GLYPH_WARNING)
            png = _figure_bytes(fig, "png")
            svg = _figure_bytes(fig, "svg")
    finally:
        plt.close(fig)
    _write_bytes(written["png"], png)
    _write_bytes(written["svg"], svg)
    _write_bytes(written["csv"], _csv_bytes(data))
    _show_in_notebook(png, name)
    return written


def word_cloud(frequencies: dict[str, float], *, seed: int, **kw):
    """A fresh ``WordCloud`` laid out from ``frequencies`` with the bundled CJK font.

    ``frequencies`` maps a term (from ``llmnews.text.tokenize``) to its count or weight; wordcloud's
    own tokenizer is never used. ``seed`` fixes the layout and colours. Ties are ordered by term
    so the layout does not depend on the dict's insertion order. Other keyword arguments go to
    ``WordCloud`` (``width``, ``height``, ``max_words``, ``colormap`` ...).
    """
    from wordcloud import WordCloud

    if not frequencies:
        raise ValueError("word_cloud needs at least one term with a positive frequency")
    bad = {term: value for term, value in frequencies.items() if not value > 0}
    if bad:
        raise ValueError(f"word_cloud frequencies must be positive; got {bad}")
    options = {
        "width": 800,
        "height": 400,
        "background_color": "white",
        "max_words": 100,
        "prefer_horizontal": 1.0,  # Chinese reads badly rotated by 90 degrees
        "font_path": str(CJK_FONT_PATH),
    }
    options.update(kw)
    ordered = dict(sorted(frequencies.items(), key=lambda item: (-float(item[1]), item[0])))
    cloud = WordCloud(random_state=seed, **options)
    return cloud.generate_from_frequencies(ordered)


def save_word_cloud(cloud, name: str, data: pd.DataFrame, *, title: str | None = None) -> dict[str, Path]:
    """Draw a ``word_cloud`` result on a figure of its own and save it with ``save_figure``."""
    return save_figure(word_cloud_figure(cloud, title=title), name, data)


def word_cloud_figure(cloud, *, title: str | None = None) -> Figure:
    """A ``word_cloud`` result drawn on a figure of its own (one pixel of the cloud per 1/100 inch)."""
    with style():
        width, height = cloud.width, cloud.height
        fig, ax = plt.subplots(figsize=(width / 100, height / 100 + (0.4 if title else 0)))
        ax.imshow(cloud.to_array(), interpolation="nearest")
        ax.set_axis_off()
        if title:
            ax.set_title(title)
    return fig
