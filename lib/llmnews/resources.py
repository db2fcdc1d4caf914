"""The linguistic resources segmentation depends on, as data that can travel to a worker.

The lexicon (``data/lexicon.csv``), the domain words (``data/lexicon_terms.txt``) and the stop-word
lists decide every token. On a Dask cluster the workers run their own installation of llmnews,
which may hold another lexicon (or none of the user's additions), and a worker cutting with the
wrong lexicon would split every name it lacks. So the prepare step sends a ``Bundle`` (the files'
bytes and a fingerprint) with each partition, and ``use`` makes a worker process segment with
exactly those files: nothing to do when its own files are the same, otherwise the bundle is
unpacked into a private folder and the lexicon and segmenter are rebuilt from it, once per process.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from llmnews import paths

__all__ = ["RESOURCE_FILES", "Bundle", "bundle", "data_path", "fingerprint", "use"]

RESOURCE_FILES = (
    "lexicon.csv",
    "lexicon_versions.csv",
    "lexicon_terms.txt",
    "stopwords_zh_iso.txt",
    "stopwords_en_iso.txt",
    "stopwords_news.txt",
)

_override_dir: Path | None = None  # set by ``use`` when a bundle differs from the package's files
_in_use: str | None = None  # fingerprint of the bundle this process segments with


@dataclass(frozen=True)
class Bundle:
    """The resource files' bytes, by name, and their fingerprint."""

    files: tuple[tuple[str, bytes], ...]
    fingerprint: str


def data_path(name: str) -> Path:
    """Where this process reads resource ``name`` from: a bundle in use, else the package's data."""
    folder = _override_dir if _override_dir is not None else paths.PACKAGE_DATA_DIR
    return folder / name


def _digest(files) -> str:
    digest = hashlib.sha256()
    for name, content in files:
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()[:16]


def bundle() -> Bundle:
    """The resources this process segments with, packed to send to workers."""
    files = tuple((name, data_path(name).read_bytes()) for name in RESOURCE_FILES)
    return Bundle(files, _digest(files))


def fingerprint() -> str:
    """Fingerprint of the resources this process segments with (part of the store's manifest)."""
    return bundle().fingerprint


def use(wanted: Bundle) -> None:
    """Segment with ``wanted`` from now on in this process (a no-op when it is already in use)."""
    global _override_dir, _in_use
    if _in_use == wanted.fingerprint:
        return
    if _digest(tuple((n, data_path(n).read_bytes()) for n in RESOURCE_FILES)) != wanted.fingerprint:
        folder = Path(tempfile.mkdtemp(prefix="llmnews-resources-"))
        for name, content in wanted.files:
            (folder / name).write_bytes(content)
        _override_dir = folder
        _reset_caches()
    _in_use = wanted.fingerprint


def _reset_caches() -> None:
    """Forget everything built from the old files: lexicon indexes, stop words, the segmenter."""
    import sys

    lexicon = sys.modules.get("llmnews.lexicon")
    if lexicon is not None:
        lexicon.reset_cache()
    text = sys.modules.get("llmnews.text")
    if text is not None:
        text.reset_segmenter()
