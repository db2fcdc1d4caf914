"""``from llmnews import plots``: the save helper under its first name, kept for notebooks and users.

Everything here is ``llmnews.plotting.save`` (fixed style, bundled CJK font, deterministic bytes);
the figure functions live beside it in ``llmnews.plotting``. Importing this changes no matplotlib
setting (see ``plotting.save.style``).
"""

from __future__ import annotations

from llmnews.plotting.save import (
    CJK_FONT_NAME,
    CJK_FONT_PATH,
    DPI,
    MAX_SIDE_PX,
    STYLE,
    apply_style,
    figure_size,
    save_figure,
    save_word_cloud,
    slug,
    style,
    word_cloud,
    word_cloud_figure,
)

__all__ = [
    "CJK_FONT_NAME",
    "CJK_FONT_PATH",
    "DPI",
    "MAX_SIDE_PX",
    "STYLE",
    "apply_style",
    "figure_size",
    "save_figure",
    "save_word_cloud",
    "slug",
    "style",
    "word_cloud",
    "word_cloud_figure",
]
