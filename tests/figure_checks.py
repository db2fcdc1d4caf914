"""What the plotting tests check on every figure: saved size in pixels, and identical bytes."""

from __future__ import annotations

import struct

import matplotlib.pyplot as plt
import pandas as pd

from llmnews.plotting import save

ONE_ROW = pd.DataFrame({"x": [1]})


def png_bytes(fig) -> bytes:
    """The PNG ``save_figure`` would write (same style, dpi and tight bounding box)."""
    with save.style():
        return save._figure_bytes(fig, "png")


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) from the PNG's IHDR chunk, which always comes first."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def saved_size(fig) -> tuple[int, int]:
    """Pixel size of ``fig`` as saved; closes it."""
    try:
        return png_size(png_bytes(fig))
    finally:
        plt.close(fig)


def same_bytes_twice(draw) -> bool:
    """``draw()`` twice gives byte-identical PNG and SVG (figures closed afterwards)."""
    outputs = []
    for _ in range(2):
        fig = draw()
        with save.style():
            outputs.append((save._figure_bytes(fig, "png"), save._figure_bytes(fig, "svg")))
        plt.close(fig)
    return outputs[0] == outputs[1]


def tick_labels(axis) -> list[str]:
    return [label.get_text() for label in axis.get_ticklabels()]
