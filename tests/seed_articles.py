"""The five seed articles, read by their file names.

Tests about the seeds (their gold labels, their figures' numbers) read exactly these files, so a
user who adds articles to ``seeds/`` breaks no unit test; only the committed-figures check, which
compares a build of the whole folder with ``figures/``, notices new articles (the README says so).
"""

from __future__ import annotations

from functools import lru_cache

from llmnews import corpus, paths, synthetic

SEED_FILES = synthetic.SEED_FILES


def seed_paths():
    return [paths.ROOT / "seeds" / name for name in SEED_FILES]


@lru_cache(maxsize=1)
def _seed_corpus():
    metadata = corpus.read_metadata(paths.ROOT / "seeds")
    return corpus.articles_frame([corpus.load_article(path, metadata.get(path.stem, {})) for path in seed_paths()])


def seed_corpus():
    """``corpus.load_corpus()`` of the five seed articles only (a fresh copy each call)."""
    return _seed_corpus().copy()
