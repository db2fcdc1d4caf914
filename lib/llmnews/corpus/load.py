"""Loading: a folder of article files into the corpus table, and the tables derived from it.

``load_corpus`` returns one row per file; files that cannot be used are skipped with a
``UserWarning`` naming the file and the reason (and listed in ``df.attrs["skipped"]``), never
dropped silently. Metadata precedence: ``metadata.csv``, then what cleaning found in the text;
the publication date from metadata, else a date line, else a year-less dateline glued before the
first sentence with its year from the text, else inferred (``published.infer_published``).
"""

from __future__ import annotations

import csv
import re
import warnings
from pathlib import Path

import pandas as pd

from llmnews import paths
from llmnews.corpus.chrome import CITATION, looks_like_heading, strip_html
from llmnews.corpus.clean import clean_article
from llmnews.corpus.decode import read_article_text
from llmnews.corpus.normalise import detect_script, normalise_text, strip_pinyin
from llmnews.corpus.published import infer_published, lead_date_published, metadata_date
from llmnews.errors import ArticleError, LlmnewsError

__all__ = ["METADATA_FILE_NAME", "CORPUS_COLUMNS", "load_corpus", "load_article", "read_metadata", "articles_frame", "removed_lines_table", "paragraph_table",
           "short_names"]

METADATA_FILE_NAME = "metadata.csv"

_NULLABLE_COLUMNS = ["title", "title_basis", "author", "source", "source_basis", "url", "published",
                     "published_granularity", "published_evidence"]

CORPUS_COLUMNS = [
    "article_id", "file_name", "title", "title_basis", "author", "source", "source_basis", "url",
    "published", "published_granularity", "published_basis", "published_evidence",
    "text", "original_text", "script", "encoding", "n_chars", "n_paragraphs",
    "paragraphs", "removed_lines",
]


def _read_metadata(seeds_dir: Path) -> dict[str, dict[str, str]]:
    path = seeds_dir / METADATA_FILE_NAME
    if not path.exists():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise LlmnewsError(f"{path}: cannot read metadata: {err}") from None
    out = {}
    for row in rows:
        if None in row or "article_id" not in row:
            raise LlmnewsError(f"{path}: needs a header with article_id (and title, source, published, "
                               "url); a row has more cells than the header")
        article_id = (row.get("article_id") or "").strip()
        if article_id:
            out[article_id] = {k: (v or "").strip() for k, v in row.items() if k}
    return out




def _original_text(decoded_text: str, analysed: str, clean) -> str:
    """The body in the file's own script and characters (Traditional, pinyin annotations kept).

    Cleaning ran on the Simplified, pinyin-free text; each paragraph's span is mapped back to the
    file's line (``orig_start``/``orig_end``: the pinyin map; OpenCC t2s keeps line breaks and,
    for these character-level conversions, line lengths). A line whose length changed in
    conversion (rare phrase mappings) falls back to its Simplified text rather than risk cutting
    it at the wrong place.
    """
    original_lines = strip_html(decoded_text, [], normalise_text).split("\n")
    analysed_lines = strip_html(analysed, [], normalise_text).split("\n")
    aligned = len(original_lines) == len(analysed_lines)
    pieces = []
    for p in clean.paragraphs:
        i = p["line_no"] - 1
        if aligned and len(original_lines[i]) == len(analysed_lines[i]):
            pieces.append(CITATION.sub("", original_lines[i][p["orig_start"]:p["orig_end"]]).strip())
        else:
            pieces.append(p["text"])
    # The audit shows what the file says, not its Simplified conversion.
    for r in clean.removed:
        i = r["line_no"] - 1
        if aligned and i < len(analysed_lines) and len(original_lines[i]) == len(analysed_lines[i]):
            if r["line"] == analysed_lines[i] or r["line"] == strip_pinyin(analysed_lines[i])[0]:
                r["line"] = original_lines[i]
    return "\n".join(pieces)


def _publication(meta: dict, clean, text: str, path: Path) -> tuple:
    """(published, granularity, basis, evidence): metadata, date line, yearless dateline, inferred."""
    if meta.get("published"):
        found = metadata_date(meta["published"])
        if found is None:
            raise ArticleError(path, f"{METADATA_FILE_NAME}: published {meta['published']!r} is not a date "
                                     "written YYYY, YYYY-MM or YYYY-MM-DD")
        return found[0], found[1], "metadata", f"{METADATA_FILE_NAME}: {meta['published']}"
    if clean.dateline:
        return clean.dateline[0], clean.dateline[1], "dateline", clean.dateline[2]
    if clean.lead_date:
        found = lead_date_published(*clean.lead_date, text)
        if found:
            return found[0], found[1], "inferred", found[2]
    found = infer_published(text)
    if found:
        return found[0], found[1], "inferred", found[2]
    return None, None, "unknown", None


def load_article(path: str | Path, meta: dict[str, str] | None = None) -> dict:
    """One article file as a record (the columns of ``CORPUS_COLUMNS``); ``ArticleError`` if unusable.

    ``meta`` is the file's ``metadata.csv`` row, if any. This is the article-local unit of loading:
    ``load_corpus`` and the analysis store's partitions both call it.
    """
    path = Path(path)
    meta = meta or {}
    decoded = read_article_text(path)
    script, analysed = detect_script(decoded.text)
    clean = clean_article(analysed)
    body = [p for p in clean.paragraphs if not p["is_heading"]]
    if not body:
        reasons = "; ".join(sorted({r["reason"] for r in clean.removed})) or "none"
        headings = len(clean.paragraphs)
        kept = f"only {headings} heading-like line{'s' if headings != 1 else ''} and " if headings else "every line was "
        raise ArticleError(path, f"nothing left after cleaning: {kept}site chrome (removed as: {reasons})")
    text = "\n".join(p["text"] for p in clean.paragraphs)
    if script == "traditional" or clean.pinyin_maps:
        original_text = _original_text(decoded.text, analysed, clean)
    else:
        original_text = text
    title, title_basis = clean.title, clean.title_basis
    if meta.get("title"):
        title, title_basis = meta["title"], "metadata"
    author = meta.get("author") or clean.author
    source, source_basis = (meta["source"], "metadata") if meta.get("source") else (clean.source, clean.source_basis)
    published, granularity, basis, evidence = _publication(meta, clean, text, path)
    return {
        "article_id": path.stem, "file_name": path.name, "title": title, "title_basis": title_basis,
        "author": author, "source": source, "source_basis": source_basis, "url": meta.get("url") or None,
        "published": published, "published_granularity": granularity, "published_basis": basis,
        "published_evidence": evidence, "text": text, "original_text": original_text, "script": script,
        "encoding": decoded.encoding, "n_chars": len(text) - text.count("\n"),
        "n_paragraphs": len(clean.paragraphs),
        "paragraphs": [{k: p[k] for k in ("line_no", "text", "speaker", "is_heading")} for p in clean.paragraphs],
        "removed_lines": clean.removed,
    }


def load_corpus(seeds_dir: str | Path | None = None, *, on_error: str = "skip") -> pd.DataFrame:
    """One row per ``.txt`` article in ``seeds_dir`` (default ``paths.SEEDS_DIR``), in file-name order.

    Columns: see ``CORPUS_COLUMNS`` (the CONTRACT's columns plus ``title_basis`` - metadata,
    first_line or original_title -, ``source_basis`` - ``metadata.SOURCE_BASES``, strongest
    first -, ``url`` from metadata.csv and ``paragraphs``, the list behind ``paragraph_table``). ``seeds/metadata.csv`` (``article_id,title,source,published,url``, optional
    ``author``) overrides what the text says; an empty cell means "infer from the text".
    Unusable files: with ``on_error="skip"`` a ``UserWarning`` each and
    ``df.attrs["skipped"] = [{"file", "reason"}]``; with ``on_error="raise"`` the ``ArticleError``.
    Nothing is ever written to ``seeds_dir``.
    """
    if on_error not in ("skip", "raise"):
        raise ValueError(f"on_error must be 'skip' or 'raise', not {on_error!r}")
    seeds_dir = Path(seeds_dir) if seeds_dir is not None else paths.SEEDS_DIR
    if not seeds_dir.is_dir():
        raise LlmnewsError(f"{seeds_dir}: articles folder does not exist")
    metadata = _read_metadata(seeds_dir)
    files = sorted((p for p in seeds_dir.iterdir() if p.suffix.lower() == ".txt" and p.is_file()),
                   key=lambda p: p.name)
    rows, skipped = [], []
    for path in files:
        try:
            rows.append(load_article(path, metadata.get(path.stem, {})))
        except ArticleError as err:
            if on_error == "raise":
                raise
            skipped.append({"file": path.name, "reason": err.reason})
            warnings.warn(f"skipped {path.name}: {err.reason}", UserWarning, stacklevel=2)
    known = {p.stem for p in files}
    for article_id in sorted(set(metadata) - known):
        warnings.warn(f"{METADATA_FILE_NAME}: row {article_id!r} has no article file {article_id}.txt",
                      UserWarning, stacklevel=2)
    corpus = articles_frame(rows)
    corpus.attrs["skipped"] = skipped
    return corpus


def read_metadata(seeds_dir: str | Path) -> dict[str, dict[str, str]]:
    """``metadata.csv`` of an articles folder as ``{article_id: row}`` (empty when there is none)."""
    return _read_metadata(Path(seeds_dir))


def articles_frame(records: list[dict]) -> pd.DataFrame:
    """The corpus table from ``load_article`` records, columns ``CORPUS_COLUMNS``."""
    corpus = pd.DataFrame(records, columns=CORPUS_COLUMNS)
    # pandas 3 would store these as its str dtype with NaN for a missing value; the corpus promises
    # None for "not known", so they stay object columns holding str or None.
    for column in _NULLABLE_COLUMNS:
        corpus[column] = pd.Series([row[column] for row in records], index=corpus.index, dtype=object)
    if not records:  # an empty partition: the same dtypes as a full one
        corpus = corpus.astype({"n_chars": "int64", "n_paragraphs": "int64"})
    return corpus


def removed_lines_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every line cleaning removed: ``article_id, line_no, line, reason``, one row each."""
    rows = [{"article_id": aid, **r} for aid, removed in zip(corpus["article_id"], corpus["removed_lines"])
            for r in removed]
    return pd.DataFrame(rows, columns=["article_id", "line_no", "line", "reason"])


def paragraph_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """Body paragraphs: ``article_id, paragraph`` (1-based), ``text, speaker, is_heading``.

    Uses the ``paragraphs`` column ``load_corpus`` made; a table without it (built by hand) is
    split on ``\\n`` with no speakers and headings recognised by the same rule as cleaning.
    """
    rows = []
    has_paragraphs = "paragraphs" in corpus.columns
    for record in corpus.itertuples(index=False):
        if has_paragraphs:
            items = [(p["text"], p["speaker"], p["is_heading"]) for p in record.paragraphs]
        else:
            items = [(t, None, looks_like_heading(t)) for t in record.text.split("\n") if t]
        rows.extend({"article_id": record.article_id, "paragraph": n, "text": t, "speaker": s,
                     "is_heading": bool(h)} for n, (t, s, h) in enumerate(items, start=1))
    table = pd.DataFrame(rows, columns=["article_id", "paragraph", "text", "speaker", "is_heading"])
    table["speaker"] = pd.Series([r["speaker"] for r in rows], index=table.index, dtype=object)
    return table.astype({"paragraph": "int64", "is_heading": "bool"})


_LEADING_NUMBER = re.compile(r"^(\d+)[_\- ]")


def short_names(corpus: pd.DataFrame, max_chars: int = 12) -> dict[str, str]:
    """A short label per article for figure axes: ``000 · 大模型竞赛,赛点在哪?``.

    The article's leading number (if its id starts with one) and the start of its title, or of its first body
    paragraph when it has no title, cut to ``max_chars`` characters with an ellipsis. Labels are
    unique: should two collide, the full article ids are used.
    """
    names = {}
    for record in corpus.itertuples(index=False):
        number = _LEADING_NUMBER.match(record.article_id)
        head = number.group(1) if number else None
        words = record.title if isinstance(record.title, str) and record.title else None
        if words is None:
            paragraphs = getattr(record, "paragraphs", None) or []
            body = [p["text"] for p in paragraphs if not p["is_heading"]]
            words = body[0] if body else record.text.split("\n", 1)[0]
        if len(words) > max_chars:
            words = words[:max_chars - 1] + "…"
        names[record.article_id] = f"{head} · {words}" if head else words
    if len(set(names.values())) < len(names):
        return {article_id: article_id for article_id in names}
    return names
