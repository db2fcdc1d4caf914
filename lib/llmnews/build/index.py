"""``index.html``: a link to every report and every figure (embedded PNG) with its caption."""

from __future__ import annotations

import base64
import html
from pathlib import Path

from llmnews import paths
from llmnews.build.cache import Outputs
from llmnews.build.results import NotebookResult

__all__ = ["write_index"]

_INDEX_CSS = """
body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC","PingFang SC",sans-serif;max-width:1100px;
margin:2em auto;padding:0 1em;color:#222;line-height:1.5}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ddd}
.status{font-size:.85em;padding:.1em .5em;border-radius:3px;background:#eee}
.failed{background:#fdd;color:#900}.outdated{background:#ffd}
figure{margin:1em 0 2em}figure img{max-width:100%;border:1px solid #eee}
figcaption{font-size:.9em;color:#444}code{font-size:.9em}
"""


def _shown(folder: Path) -> str:
    """A folder as the reader knows it: relative to the project when inside it."""
    try:
        return Path(folder).resolve().relative_to(paths.ROOT).as_posix() + "/"
    except ValueError:
        return str(folder)


def _status(result: NotebookResult) -> tuple[str, str]:
    """The status text and its CSS class."""
    if result.status == "failed":
        return result.status, " failed"
    if result.status == "not run" and not result.up_to_date:
        return "out of date: inputs changed since this report was built", " outdated"
    if result.status == "not run":
        return "up to date (earlier build)", ""
    return result.status, ""


def write_index(output_dir: Path, results: list[NotebookResult]) -> Path:
    """Write ``output_dir/index.html``; each notebook's figures are read from its ``figures_dir``."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-Hans"><head><meta charset="utf-8">',
        "<title>llmnews reports</title>",
        f"<style>{_INDEX_CSS}</style></head><body>",
        "<h1>llmnews: Chinese news coverage of the LLM race</h1>",
        "<p>One report per notebook, then every figure it saved (each with the CSV of the data drawn).</p>",
    ]
    for result in results:
        status, css = _status(result)
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
        if result.parameters:
            given = ", ".join(f"{name} = {value!r}" for name, value in result.parameters.items())
            parts.append(f"<p>Parameters: <code>{e(given)}</code></p>")
        if result.figures_dir is not None and result.figures:
            parts.append(f"<p>Figures in <code>{e(_shown(result.figures_dir))}</code></p>")
        if result.error:
            parts.append(f'<p class="status failed">{e(result.error)}</p>')
        for figure in result.figures:
            png = Path(result.figures_dir or ".") / f"{figure['name']}.png"
            if result.figures_dir is None or not png.is_file():
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
