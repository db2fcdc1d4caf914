"""The HTML report of one executed notebook, and the captions of the figures it shows.

The report is exported in this process with nbconvert's JupyterLab template: images embedded, no
script or style fetched from the network, outputs escaped or defused so article text can never
run as code.

Captions come from the notebooks themselves: ``plots.save_figure`` tags the image it displays with
the figure's name, and the caption is the heading and first sentence of the nearest markdown cell
above that output (the prose the house style puts before every figure).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from llmnews.parameters import cell_source

__all__ = ["exporter", "notebook_title", "defuse_html", "export_html", "figure_captions"]

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

_exporters: dict[bool, object] = {}


def exporter(no_code: bool):
    """The HTML exporter (made once per process and option: loading templates takes a while)."""
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
    body, _ = exporter(no_code).from_notebook_node(nb, resources={"metadata": {"name": executed.stem}})
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
