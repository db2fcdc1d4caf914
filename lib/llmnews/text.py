"""Lexicon-aware segmentation of Chinese news text.

How a text becomes tokens (``tokenize`` and ``tokenize_with_offsets`` share one implementation):

1. **Protect lexicon names.** One compiled regular expression (a trie of every lexicon surface, so
   the longest name wins) finds names that jieba could never keep whole: its dictionary cannot hold
   spaces, and its regexes split ASCII from digits and hyphens, so ``GPT-4 Turbo``, ``GPT-4o``,
   ``GLM-130B``, ``Mistral Large`` or ``WPS AI`` would come out in pieces. A name starting or ending
   with a Latin letter or digit only matches as a whole ASCII word: ``GPT-4`` does not match inside
   ``GPT-4o``, ``GPT-4.5`` or ``AGPT-4``. Spaces inside a name and at a Latin/Chinese seam are
   optional (``Open AI`` = ``OpenAI``, ``360 智脑`` = ``360智脑``). A bare-digit name (``360``)
   does not match when a unit follows (``360度``, ``360万``).
   Two more rules keep a name whole where the lexicon alone would cut it. A known family with a
   version after it is one name (``lexicon.version_pattern``: ``GLM-4.5``, ``Qwen2.5-Max``,
   ``Doubao-pro-32k``, ``Kimi k1.5``), an entity of the family's organisation even when the lexicon
   does not list that version; it wins over a shorter lexicon name at the same place. And two
   names of the same entity that overlap (``讯飞星火`` and ``星火认知大模型`` in ``讯飞星火认知大模型``)
   are one mention of it, not a name and a half.
2. **Cut the rest with jieba.** A private ``jieba.Tokenizer`` (never the global one), exact mode,
   no parallel mode, HMM off (see below), its cache under ``paths.JIEBA_CACHE_DIR``; its pieces are
   cut by ``llmnews.exact_cut`` (jieba-rs with this dictionary, held to jieba's pieces). The text is cut
   in one call with each protected name replaced by a private-use character, which jieba's block
   regex treats as a lone symbol, so the pieces between names are cut exactly as if on their own.
   Lexicon surfaces marked ``~`` (ambiguous on their own, such as 阿里 or 字节) are added to *its*
   dictionary instead of being forced, so ``阿里山`` and ``千字节`` stay intact while ``阿里、腾讯``
   still yields 阿里; right after a number they are a unit or a count (``1024字节``), not a name.
3. **Map and filter.** Every lexicon surface becomes its canonical name (``Open AI`` -> ``OpenAI``)
   and is always kept. Other tokens are dropped when they are whitespace, punctuation, a bare
   number, a single Latin letter or a stop word (``STOPWORDS``).

Decisions, so a reader can disagree with them knowingly:

- *Bare numbers* are dropped: digits with optional decimal/thousand separators and a trailing ``%``
  (``2024``, ``0.12``, ``80%``, ``3.24``), digits followed only by Chinese magnitudes (``25亿``,
  ``10万``), and tokens made only of Chinese numerals (``三``, ``千亿``, ``百万``). A number fused
  with a unit that names a thing is kept (``128k`` context, ``5G``, ``A100``), because jieba
  already keeps those as one token and they carry meaning; units that jieba cuts off (年, 元, 秒)
  are separate tokens and mostly stop words.
- *Latin words keep their case* (``AGI``, ``API``, ``MaaS``): in Chinese news Latin words are
  mostly acronyms and product names whose case is part of the name, and lowercasing would merge
  different things. Single Latin letters (the ``p`` of ``p图``) are dropped.
- *HMM off* (``USE_HMM = False``), chosen after cutting the seeds both ways: HMM's new-word
  guessing does recover some words (微博, 赋能, 网盘; the useful ones are now in
  ``data/lexicon_terms.txt``) but invents as many joins across word boundaries (而据, 单来, 尚为,
  框里, 有何, 更强), which look like real terms in frequency tables and cannot be filtered. Without
  HMM an unknown word falls into single characters, which is visible noise rather than fake words.
  The names that matter are in the lexicon anyway, and the cut is faster.
- ``data/lexicon_terms.txt`` adds non-entity domain words jieba would split (大模型 -> 大/模型,
  算力, 闭源, 百模大战) to the private dictionary, with the frequency jieba suggests.
- Input is expected to be the corpus's normalised text (NFKC, Simplified): full-width ``ＧＰＴ－４``
  is not matched here.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, NamedTuple, Sequence

import jieba

from llmnews import lexicon, paths
from llmnews.exact_cut import ExactCutter
from llmnews.sentences import sentence_spans  # re-exported: the one sentence rule lives there

if TYPE_CHECKING:  # imported where used, so spawned tokenizer workers start faster
    import pandas as pd

__all__ = [
    "DOMAIN_TERMS_FILE",
    "MENTION_ROUTES",
    "STOPWORDS",
    "STOPWORD_FILES",
    "Token",
    "USE_HMM",
    "entity_mentions",
    "make_jieba_tokenizer",
    "mentions_from_counts",
    "organization_mentions",
    "reset_segmenter",
    "sentence_spans",
    "token_columns",
    "tokenize",
    "tokenize_many",
    "tokenize_with_offsets",
]

# HMM new-word discovery off: deliberate, see the module docstring.
USE_HMM = False
STOPWORD_FILES = ("stopwords_zh_iso.txt", "stopwords_en_iso.txt", "stopwords_news.txt")
# Non-entity domain words jieba's general dictionary would split (大模型, 算力, 闭源).
DOMAIN_TERMS_FILE = "lexicon_terms.txt"
# Below this many texts (or characters), starting worker processes costs more than it saves.
# Starting two spawned workers costs about 1.5-2 s (each imports jieba and loads its dictionary).
# Measured on the seeds at about 400,000 characters per second per core, halving the work pays for
# that from roughly 1.4 million characters; 2 million (about 650 articles of 3,000 characters)
# leaves a margin on a busy machine.
MIN_TEXTS_FOR_POOL = 16
MIN_CHARS_FOR_POOL = 2_000_000

_OPTIONAL_SPACE = r"[ \t\u00a0\u3000]*"
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# A Latin name must not continue into another ASCII word (GPT-4 inside GPT-4o, GPT-4.5, GPT-4-x);
# the same check on the left is done in _Segmenter._protected_spans. One exception: titles glued to
# a name by outlets that drop the space (智谱AICEO张鹏, a headline in the seeds).
_GLUED_TITLES = ("CEO", "CTO", "COO", "CFO")
_RIGHT_GUARD = rf"(?!(?!{'|'.join(_GLUED_TITLES)})[A-Za-z0-9])(?![-.][A-Za-z0-9])"
# A bare-digit name (360) followed by one of these is a quantity, not the name.
_NUMBER_UNITS = "%％‰度°万亿千百元个家台天年月日号多余倍位款项人次分秒"
_DIGIT_NAME_GUARD = rf"(?![.,]?[0-9])(?!{_OPTIONAL_SPACE}[{_NUMBER_UNITS}])"

_SPACED_NUMBER_END = re.compile(r"[A-Za-z] [0-9]+$")
_DATE_UNIT_GUARD = rf"(?!{_OPTIONAL_SPACE}[年月日号])"

_WORD_CHAR = re.compile(r"[^\W_]")
_BARE_NUMBER = re.compile(
    r"[+\-]?(?:\d+(?:[.,:/]\d+)*|\.\d+)[%％‰]?"
    r"|[0-9.]*[零〇一二两三四五六七八九十百千万亿]+"
)
_SINGLE_LATIN = re.compile(r"[A-Za-z]")
_NUMBER_END = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿兆吉]$")


class Token(NamedTuple):
    """A kept token: ``term`` (canonical name for entities) and its span in the original text."""

    term: str
    start: int
    end: int


def _read_word_list(name: str) -> list[str]:
    """One word a line; ``#`` starts a comment line (a lone ``#`` word is impossible, by design)."""
    words = []
    from llmnews import resources  # the files a Dask worker was sent, else the package's own

    with open(resources.data_path(name), encoding="utf-8") as handle:
        for line in handle:
            word = line.strip()
            if word and not word.startswith("#"):
                words.append(word)
    return words


def _load_stopwords() -> frozenset[str]:
    words = {word for name in STOPWORD_FILES for word in _read_word_list(name)}
    # An entity is never a stop word, whatever a list says.
    return frozenset(w for w in words if not lexicon.is_entity(w))


STOPWORDS: frozenset[str] = _load_stopwords()


def _fragment(char: str, case_insensitive: bool) -> str:
    if char.isspace():
        return _OPTIONAL_SPACE
    if char in lexicon.NAME_DOTS:
        return f"[{lexicon.NAME_DOTS}]"
    if case_insensitive and char.isascii() and char.isalpha():
        return f"[{char.upper()}{char.lower()}]"
    return re.escape(char)


def _is_seam(left: str, right: str) -> bool:
    """A Latin/digit character next to a Chinese one, where outlets may or may not put a space."""
    left_latin, right_latin = left in _ASCII_ALNUM, right in _ASCII_ALNUM
    left_han, right_han = bool(lexicon.HAN.match(left)), bool(lexicon.HAN.match(right))
    return (left_latin and right_han) or (left_han and right_latin)


def _fragments(surface: lexicon.Surface) -> list[str]:
    """One regex fragment per character of the surface, optional spaces where spacing varies."""
    parts: list[str] = []
    previous = ""
    for char in surface.text:
        if char.isspace():
            if parts and parts[-1] != _OPTIONAL_SPACE:
                parts.append(_OPTIONAL_SPACE)
        else:
            if previous and _is_seam(previous, char):
                parts.append(_OPTIONAL_SPACE)
            parts.append(_fragment(char, surface.case_insensitive))
        previous = char
    return parts


_END = ""  # trie key marking that a surface ends at this node
# Private-use characters standing in for protected names during the jieba cut (see run()).
_PLACEHOLDERS = "".join(chr(c) for c in range(0xE000, 0xE100))
_UNDECIDED = object()
_MAX_DECISIONS = 500_000  # bounded memo; clearing it changes speed only, never results


def _protection_pattern(surface_list: Iterable[lexicon.Surface]) -> re.Pattern[str]:
    """One regex over all forced surfaces, built as a trie: fast, and the longest name wins."""
    trie: dict = {}
    for surface in surface_list:
        fragments = _fragments(surface)
        first = surface.text[0]
        # The first character always as plain literals (a case-insensitive G becomes two branches,
        # G and g): then the regex engine knows the set of possible first characters and skips
        # everything else at C speed, which makes the scan several times faster.
        firsts = [re.escape(first)]
        if surface.case_insensitive and first.isascii() and first.isalpha():
            firsts = [first.upper(), first.lower()]
        for first_fragment in firsts:
            node = trie.setdefault(first_fragment, {})
            for fragment in fragments[1:]:
                node = node.setdefault(fragment, {})
            _mark_end(node, surface)
    return _render(trie)


def _mark_end(node: dict, surface: lexicon.Surface) -> None:
    end_guard = _RIGHT_GUARD if surface.text[-1] in _ASCII_ALNUM else ""
    if lexicon.surface_key(surface.text).isdigit():
        end_guard += _DIGIT_NAME_GUARD
    elif _SPACED_NUMBER_END.search(surface.text):
        # "Claude 3月" is Claude in March, not Claude 3: a version number set off by a space
        # (which the text may drop) does not end a name when a date unit follows
        end_guard += _DATE_UNIT_GUARD
    node[_END] = end_guard


def _render(trie: dict) -> re.Pattern[str]:
    def depth(node: dict) -> int:
        return max((1 + depth(child) for key, child in node.items() if key != _END), default=0)

    def render(node: dict) -> str:
        branches = sorted(
            ((key, child) for key, child in node.items() if key != _END),
            key=lambda item: (-depth(item[1]), item[0]),
        )
        options = [key + render(child) for key, child in branches]
        if _END in node:
            options.append(node[_END])  # ending here is tried last: the longer name wins
        if len(options) == 1:
            return options[0]
        return "(?:" + "|".join(options) + ")"

    return re.compile(render(trie))


def make_jieba_tokenizer() -> jieba.Tokenizer:
    """A private ``jieba.Tokenizer`` with jieba's stock dictionary, loaded: the one jieba set-up.

    Private, never jieba's global tokenizer, so the lexicon the segmenter adds to its own copy
    cannot reach anyone else's (the topic baseline's plain tokens must not know our names). The
    parsed dictionary is cached in ``paths.JIEBA_CACHE_DIR`` rather than the system temp folder,
    and jieba's "Building prefix dict" chatter is silenced.
    """
    logging.getLogger("jieba").setLevel(logging.WARNING)
    cache_dir = paths.JIEBA_CACHE_DIR
    cache_dir.mkdir(parents=True, exist_ok=True)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir)
    tokenizer.initialize()
    return tokenizer


class _Segmenter:
    """Everything a process needs to tokenize, built once per process."""

    def __init__(self) -> None:
        self.jieba = make_jieba_tokenizer()
        for term in sorted(_read_word_list(DOMAIN_TERMS_FILE)):
            self.jieba.add_word(term)
        forced: list[lexicon.Surface] = []
        self.by_jieba: dict[str, str] = {}
        # Sorted so the dictionary (and so every cut) is the same whatever the CSV order.
        for surface in sorted(lexicon.surfaces(), key=lambda s: (s.text, s.canonical)):
            if surface.context_sensitive:
                self.jieba.add_word(surface.text)  # frequency jieba suggests: context still decides
                self.by_jieba[surface.text] = surface.canonical
            else:
                forced.append(surface)
        self.pattern = _protection_pattern(forced)
        self.version_pattern = lexicon.version_pattern()
        self.version_stem_starts = _stem_prefilter(lexicon.version_stems())
        self.stopwords = STOPWORDS
        # jieba's exact mode, piece for piece, in one pass (``llmnews.exact_cut``); made after the
        # last add_word, since it snapshots the dictionary. HMM on is jieba's own code.
        if USE_HMM:
            self.cut = lambda text: self.jieba.cut(text, HMM=True)
        else:
            self.cut = ExactCutter(self.jieba).cut
        # Memo of filter decisions per distinct jieba piece (news vocabulary repeats a lot).
        self.decisions: dict[str, str | None] = {}
        self.canonical_of: dict[str, str] = {}

    def _decide(self, piece: str) -> str | None:
        """The term a non-entity jieba piece becomes, or None when it is filtered out."""
        if piece in self.stopwords or not _WORD_CHAR.search(piece):
            return None
        if _BARE_NUMBER.fullmatch(piece) or _SINGLE_LATIN.fullmatch(piece):
            return None
        return piece

    def _protected_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical) of every name to keep whole, left to right, longest first.

        Lexicon names (each extended over an overlapping name of the same entity) and family
        versions are found apart; where they overlap, the one starting first wins, and at the
        same start the longer one (``Qwen2.5-Max`` over a shorter lexicon name there).
        """
        found = self._lexicon_spans(text) + self._version_spans(text)
        if not found:
            return found
        found.sort(key=lambda span: (span[0], -span[1]))
        spans = []
        last_end = 0
        for span in found:
            if span[0] >= last_end:
                spans.append(span)
                last_end = span[1]
        return spans

    def _canonical(self, surface: str) -> str:
        canonical = self.canonical_of.get(surface)
        if canonical is None:
            canonical = lexicon.canonical_name(surface)
            if canonical is None:  # pragma: no cover - the patterns are built from the lexicon
                raise AssertionError(f"protected span {surface!r} has no canonical name")
            self.canonical_of[surface] = canonical
        return canonical

    def _word_start(self, text: str, start: int) -> bool:
        """No Latin word continues into a Latin name from the left (``AGPT-4``, ``x-GPT-4``)."""
        return not (start and text[start] in _ASCII_ALNUM and (
            text[start - 1] in _ASCII_ALNUM
            or (text[start - 1] in "-." and start > 1 and text[start - 2] in _ASCII_ALNUM)))

    def _word_matches(self, pattern: re.Pattern[str], text: str):
        """Left to right, non-overlapping matches of ``pattern`` that start a word."""
        search = pattern.search
        position = 0
        while (match := search(text, position)) is not None:
            # The left word-boundary check lives here, not in the pattern, so the regex engine
            # can skip quickly to possible first characters. If it fails, no name can start here
            # at all (a name starting with a Chinese character cannot start at a Latin one).
            if not self._word_start(text, match.start()):
                position = match.start() + 1
                continue
            yield match
            position = match.end()

    def _lexicon_spans(self, text: str) -> list[tuple[int, int, str]]:
        spans = []
        match_at = self.pattern.match
        for match in self._word_matches(self.pattern, text):
            start, end = match.span()
            canonical = self._canonical(match.group())
            # A second name of the same entity starting inside this one and reaching further
            # (讯飞星火 + 星火认知大模型) makes one longer mention, not a name cut in two.
            for k in range(start + 1, match.end()):
                inner = match_at(text, k)
                if inner is not None and inner.end() > end and self._word_start(text, k) \
                        and self._canonical(inner.group()) == canonical:
                    end = inner.end()
            spans.append((start, end, canonical))
        return spans

    def _version_spans(self, text: str) -> list[tuple[int, int, str]]:
        # The version pattern is an alternation of a few hundred stems, each with its tails; run
        # over a whole text it cost a third of the segmentation. A trie of the stems (as a
        # case-insensitive superset) finds the places a stem starts at C speed, and the full
        # pattern is tried only there: the same matches, left to right, never overlapping.
        spans = []
        match_at = self.version_pattern.match
        find = self.version_stem_starts.search
        position = 0
        while (hit := find(text, position)) is not None:
            start = hit.start()
            match = match_at(text, start) if self._word_start(text, start) else None
            if match is None or match.end() == start:
                position = start + 1
                continue
            spans.append((start, match.end(), self._canonical(match.group())))
            position = match.end()
        return spans

    def run(self, text: str) -> tuple[list[str], list[int], list[int]]:
        """The kept tokens of ``text`` as three columns: terms, start offsets, end offsets."""
        spans = self._protected_spans(text)
        placeholder = ""
        if spans:
            # Cut the whole text in one jieba call with every protected name replaced by one
            # private-use character: jieba treats it as a lone symbol, so its blocks end exactly
            # where the names are, as if each gap were cut on its own, without a call per gap.
            placeholder = next(c for c in _PLACEHOLDERS if c not in text)
            parts = []
            position = 0
            for start, end, _ in spans:
                parts.append(text[position:start])
                parts.append(placeholder)
                position = end
            parts.append(text[position:])
            cut_text = "".join(parts)
        else:
            cut_text = text
        terms: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        add_term, add_start, add_end = terms.append, starts.append, ends.append
        decisions = self.decisions
        by_jieba = self.by_jieba
        next_span = 0
        position = 0
        previous = ""
        for piece in self.cut(cut_text):
            if piece == placeholder:
                start, end, canonical = spans[next_span]
                next_span += 1
                add_term(canonical)
                add_start(start)
                add_end(end)
                position = end
                previous = text[start:end]
                continue
            end = position + len(piece)
            term = by_jieba.get(piece)
            # Right after a number an ambiguous surface is a unit or a count (1024字节), not a name.
            if term is None or _NUMBER_END.search(previous):
                term = decisions.get(piece, _UNDECIDED)
                if term is _UNDECIDED:
                    if len(decisions) >= _MAX_DECISIONS:
                        decisions.clear()
                    term = decisions[piece] = self._decide(piece)
            if term is not None:
                add_term(term)
                add_start(position)
                add_end(end)
            position = end
            previous = piece
        return terms, starts, ends


def _stem_prefilter(stems) -> re.Pattern[str]:
    """Where any of ``stems`` may start: a trie of their first words, ASCII letters in either case.

    A superset of the version pattern's starts (it folds only ASCII letters, and a stem's spaces are
    optional there, so its first word is what every match begins with), so trying the full pattern
    only at these places finds every match it would find. Written with ``[Gg]`` classes and each
    first letter as two literals rather than with ``re.IGNORECASE``, under which the engine cannot
    skip ahead to possible first characters (it ran at a quarter of the speed).
    """
    trie: dict = {}
    for stem in stems:
        word = stem.split(" ", 1)[0]
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char.lower() if char.isascii() else char, {})
        node[_END] = True

    def variants(char: str) -> list[str]:
        return sorted({char, char.upper()}) if char.isascii() and char.isalpha() else [char]

    def render(node: dict, first: bool) -> str:
        if _END in node:
            return ""  # a shorter stem already marks a possible start: no need to go on
        options = []
        for char, child in sorted(node.items()):
            rest = render(child, False)
            cases = variants(char)
            if first:  # literals, so the engine knows every possible first character
                options.extend(re.escape(c) + rest for c in cases)
            else:
                head = re.escape(char) if len(cases) == 1 else f"[{''.join(cases)}]"
                options.append(head + rest)
        return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"

    return re.compile(render(trie, True) if trie else r"(?!)")


@lru_cache(maxsize=1)
def _segmenter() -> _Segmenter:
    return _Segmenter()


def reset_segmenter() -> None:
    """Rebuild stop words and the segmenter on next use (``resources.use`` after switching files)."""
    global STOPWORDS
    STOPWORDS = _load_stopwords()
    _segmenter.cache_clear()


def token_columns(text: str) -> tuple[list[str], list[int], list[int]]:
    """The kept tokens as three lists (terms, starts, ends): what a table is built from."""
    if not isinstance(text, str):
        raise TypeError(f"tokenize expects str, got {type(text).__name__}")
    return _segmenter().run(text)


def tokenize_with_offsets(text: str) -> list[Token]:
    """Kept tokens with spans: ``text[t.start:t.end]`` is the surface, ``t.term`` its canonical."""
    return list(map(Token, *token_columns(text)))


def tokenize(text: str) -> list[str]:
    """Tokens of ``text``: lexicon names as canonical names; no stop words, punctuation, numbers."""
    return token_columns(text)[0]


def _worker_init() -> None:
    _segmenter()  # each worker builds jieba and the pattern once, before its first chunk


def _tokenize_chunk(texts: Sequence[str]) -> list[list[str]]:
    return [tokenize(text) for text in texts]


def _default_processes() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def tokenize_many(texts: Iterable[str], processes: int | None = None) -> list[list[str]]:
    """``[tokenize(t) for t in texts]``, in worker processes when the input is large enough.

    Workers are started with ``spawn`` (safe under Jupyter and on every platform), each builds the
    segmenter once, texts go in contiguous chunks and come back in input order. ``processes=1``
    or a small input stays in this process.
    """
    texts = list(texts)
    processes = _default_processes() if processes is None else processes
    if processes < 1:
        raise ValueError(f"processes must be at least 1, got {processes}")
    total_chars = sum(len(t) for t in texts)
    if processes == 1 or len(texts) < MIN_TEXTS_FOR_POOL or total_chars < MIN_CHARS_FOR_POOL:
        return _tokenize_chunk(texts)
    processes = min(processes, len(texts))
    # About four chunks per worker: big enough to amortise pickling, small enough to balance load.
    size = max(1, -(-len(texts) // (processes * 4)))
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes, initializer=_worker_init) as pool:
        results = pool.map(_tokenize_chunk, chunks, chunksize=1)
    return [tokens for chunk in results for tokens in chunk]


def entity_mentions(corpus: pd.DataFrame) -> pd.DataFrame:
    """How often each lexicon entity is mentioned in each article.

    ``corpus`` needs ``article_id`` and ``text`` columns (as from ``corpus.load_corpus``). One row
    per (article, entity) mentioned at least once, sorted by article, count (descending), name.
    ``organization`` is the entity's owner from the lexicon, empty for a top-level organisation.
    """
    missing = [c for c in ("article_id", "text") if c not in corpus.columns]
    if missing:
        raise KeyError(f"entity_mentions needs column(s) {', '.join(missing)}")
    from llmnews import terms

    token_lists = tokenize_many(corpus["text"].tolist())
    return mentions_from_counts(terms.count_terms(dict(zip(corpus["article_id"].tolist(), token_lists))))


def mentions_from_counts(term_counts: pd.DataFrame) -> pd.DataFrame:
    """``entity_mentions``' table from term counts (``terms.count_terms``' or the store's).

    A mention is a token that is a lexicon entity, so the mention counts are the entities' rows of
    the term counts; nothing is segmented again.
    """
    import pandas as pd

    info = {term: lexicon.entity_info(term) for term in term_counts["term"].unique()}
    is_entity = term_counts["term"].map(lambda t: info[t] is not None).astype(bool)
    entities = term_counts.loc[is_entity]
    table = pd.DataFrame({
        "article_id": entities["article_id"].astype("str"),
        "entity": entities["term"].astype("str"),
        "type": entities["term"].map(lambda t: info[t]["type"]).astype("str"),
        "organization": entities["term"].map(lambda t: info[t]["organization"] or "").astype("str"),
        "count": entities["count"].astype("int64"),
    }, columns=["article_id", "entity", "type", "organization", "count"])
    return table.sort_values(
        ["article_id", "count", "entity"], ascending=[True, False, True], kind="stable"
    ).reset_index(drop=True)


# How a mention reaches its organisation: the organisation named, or one of its models, products, people.
MENTION_ROUTES = {
    "organization": "named_directly",
    "model": "via_models",
    "product": "via_products",
    "person": "via_people",
}


def organization_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """Entity mentions rolled up to the organisation behind each entity, over all articles.

    ``mentions`` is :func:`entity_mentions`' table. An organisation counts for itself; a model,
    product or person for its owning organisation (GLM-4, 智谱清言 and 张鹏 count for 智谱AI); an
    entity with no owner in the lexicon is left out. Columns: ``organization``, one count per route
    in ``MENTION_ROUTES`` and ``total``; sorted by total (descending), then name.
    """

    is_organisation = mentions["type"] == "organization"
    owner = mentions["organization"].where(~is_organisation, mentions["entity"])
    rolled = mentions.assign(owner=owner, route=mentions["type"].map(MENTION_ROUTES))
    rolled = rolled[rolled["owner"].fillna("") != ""]
    columns = list(MENTION_ROUTES.values())
    table = (
        rolled.pivot_table(index="owner", columns="route", values="count", aggfunc="sum", fill_value=0)
        .reindex(columns=columns, fill_value=0)
        .astype("int64")
    )
    table["total"] = table[columns].sum(axis=1)
    table = table.rename_axis(index="organization", columns=None).reset_index()
    return table.sort_values(["total", "organization"], ascending=[False, True], kind="stable").reset_index(drop=True)
