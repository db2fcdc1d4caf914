"""Generated corpora for benchmarks and scale tests: seed sentences recombined with a fixed seed.

A generated article is a credit line (so cleaning has work to do) and paragraphs of sentences drawn
from the five seed articles (read by their file names, whatever ``LLMNEWS_SEEDS_DIR`` says), about
``target_chars`` characters in all. ``metadata.csv`` gives every article an outlet and a publication
date spread over 2023-2025, so analyses by outlet and over time have something to group. The same
arguments always write the same bytes.
"""

from __future__ import annotations

import csv
import random
from functools import lru_cache
from pathlib import Path

from llmnews import paths

__all__ = ["OUTLETS", "SEED_FILES", "seed_sentences", "write_corpus"]

SEED_FILES = (
    "000_78f0bb0c1e58feb5.txt",
    "001_8f9229af2160e5fd.txt",
    "002_4b3626a41216860f.txt",
    "003_c435fa39d7ab8ed5.txt",
    "004_af7d83dbc2f70489.txt",
)
OUTLETS = ("新浪科技", "36氪", "澎湃新闻", "界面新闻", "第一财经", "IT之家", "量子位", "钛媒体")
_CREDITS = ("作者|张宇", "编辑|杨博丞", "来源:趣解商业", "图片来源:网络", "本文作者:李明,来源:科技观察")


@lru_cache(maxsize=1)
def seed_sentences() -> tuple[str, ...]:
    """Every sentence of at least 8 characters of the cleaned seed articles."""
    from llmnews import corpus
    from llmnews.sentences import sentences

    out: list[str] = []
    for name in SEED_FILES:
        article = corpus.load_article(paths.ROOT / "seeds" / name)
        out.extend(s for s in sentences(article["text"]) if len(s) >= 8)
    return tuple(out)


def write_corpus(folder: str | Path, n_articles: int, *, seed: int = 20240515, target_chars: int = 3000,
                 with_metadata: bool = True, start: int = 0) -> int:
    """Write ``n_articles`` generated articles (``synthetic_00000.txt`` ...) into ``folder``.

    Returns the number of characters written. ``start`` numbers the files from there (to add
    articles to a folder written before); article ``i`` is the same whatever ``n_articles`` is.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sentences = seed_sentences()
    total = 0
    rows = []
    for i in range(start, start + n_articles):
        rng = random.Random(f"{seed}:{i}")  # per article, so article i never depends on n_articles
        lines = [rng.choice(_CREDITS)]
        size = 0
        while size < target_chars:
            paragraph = "".join(rng.choice(sentences) for _ in range(rng.randint(2, 4)))
            lines.append(paragraph)
            size += len(paragraph)
        body = "\n".join(lines) + "\n"
        article_id = f"synthetic_{i:05d}"
        (folder / f"{article_id}.txt").write_text(body, encoding="utf-8")
        total += len(body)
        year = rng.choice((2023, 2024, 2025))
        rows.append({"article_id": article_id, "title": "", "source": rng.choice(OUTLETS),
                     "published": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "url": ""})
    if with_metadata:
        path = folder / "metadata.csv"
        exists = path.exists() and start > 0
        with open(path, "a" if exists else "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["article_id", "title", "source", "published", "url"])
            if not exists:
                writer.writeheader()
            writer.writerows(rows)
    return total
