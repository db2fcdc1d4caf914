"""Load Chinese news articles: decode, normalise, strip site chrome, and find their metadata.

Every article is a ``.txt`` file in ``seeds/`` (``llmnews.paths.SEEDS_DIR``); ``load_corpus``
returns one row per file. The stage has one module per step, each documented where it is
implemented:

1. ``decode``: bytes to text (size cap, binary signatures, BOMs, UTF-8, UTF-16, GB18030, Big5);
   never ``errors="ignore"``, never a U+FFFD in the output.
2. ``normalise``: one line ending; NFKC (full-width ``ＧＰＴ－４`` -> ``GPT-4``) except characters
   whose NFKC form changes meaning; outlet spacing around Chinese removed; the script
   (Traditional articles are analysed in Simplified form, ``original_text`` keeps the file's);
   pinyin annotations (``國(guó)產(chǎn)``).
3. ``chrome``: the patterns of Chinese news-site chrome and the audit's reasons (``R_*``).
4. ``metadata``: author, outlet (with its basis) and date lines in the page's own words.
5. ``clean``: ``clean_article``, a list of named steps from page to paragraphs.
6. ``published``: the publication date when the page shows none.
7. ``load``: ``load_corpus`` and the tables derived from it.

``from llmnews import corpus`` gives the public names below.
"""

from llmnews.corpus.chrome import (R_CAPTION, R_CITATION, R_CONTACT, R_COUNTER, R_CREDIT, R_DATELINE,
                                   R_DISCLAIMER, R_END, R_FOLLOW, R_HTML_ONLY, R_HTML_SCRIPT, R_HTML_TAGS,
                                   R_NAV, R_PICTURE, R_PINYIN, R_PROMO, R_REFERENCE, R_RELATED, R_REPOST,
                                   R_SEPARATOR, R_SIGNUP, R_SLUG, R_TAGS, R_TITLE, R_TRAILER, R_WIDGET)
from llmnews.corpus.clean import CleanArticle, clean_article
from llmnews.corpus.decode import MAX_FILE_BYTES, DecodedText, read_article_text
from llmnews.corpus.load import (CORPUS_COLUMNS, METADATA_FILE_NAME, articles_frame, load_article, load_corpus,
                                 paragraph_table, read_metadata, removed_lines_table, short_names)
from llmnews.corpus.metadata import SOURCE_BASES
from llmnews.corpus.normalise import detect_script, normalise_text, strip_pinyin
from llmnews.corpus.published import infer_published

__all__ = [
    "MAX_FILE_BYTES", "METADATA_FILE_NAME", "CORPUS_COLUMNS", "SOURCE_BASES",
    "DecodedText", "read_article_text", "normalise_text", "detect_script", "strip_pinyin",
    "clean_article", "CleanArticle", "infer_published",
    "load_corpus", "load_article", "read_metadata", "articles_frame", "removed_lines_table", "paragraph_table", "short_names",
    "R_HTML_SCRIPT", "R_HTML_TAGS", "R_HTML_ONLY", "R_PINYIN", "R_PICTURE", "R_CREDIT", "R_DATELINE",
    "R_REPOST", "R_DISCLAIMER", "R_SIGNUP", "R_FOLLOW", "R_WIDGET", "R_NAV", "R_TITLE", "R_CITATION",
    "R_REFERENCE", "R_SEPARATOR", "R_END", "R_SLUG", "R_COUNTER", "R_PROMO", "R_CAPTION", "R_TAGS",
    "R_RELATED", "R_CONTACT", "R_TRAILER",
]
