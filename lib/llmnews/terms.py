"""Term counts and the measures built on them: weighted log-odds, TF-IDF, keyword in context.

Everything here works on token lists or tidy tables that the caller has already produced (usually
with :func:`llmnews.text.tokenize`), so segmentation happens in exactly one place and nothing in
this module can undo it: no lowercasing, no re-splitting, no regular-expression tokenizer.

Tidy tables, one row per (article, term):

- :func:`count_terms` -> ``article_id, term, count, relative_frequency``
- :func:`weighted_log_odds` -> ``article_id, term, count, log_odds, z`` (+ prior columns)
- :func:`tfidf` -> ``article_id, term, count, tf_idf``
- :func:`keyword_in_context` -> ``article_id, left, keyword, right, start``
- :func:`term_positions` -> ``article_id, term, token_index, n_tokens, relative_position, start``
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol

import numpy as np
import pandas as pd

from llmnews.errors import LlmnewsError

__all__ = [
    "DEFAULT_PRIOR_FLOOR",
    "background_frequencies",
    "count_terms",
    "keyword_in_context",
    "keyword_in_context_from_tokens",
    "prior_shares",
    "split_mentions",
    "term_matrix",
    "term_positions",
    "term_positions_from_tokens",
    "tfidf",
    "top_terms",
    "weighted_log_odds",
    "weighted_log_odds_plain",
]

# Smallest prior pseudo-count any term may get. A background dictionary does not know most of our
# terms (jieba's has no 智谱AI, GPT-4o, OpenAI, 大模型), and a pseudo-count near zero makes the
# variance term 1/(y + alpha) explode for a term that one side never uses, which pushes the z-score
# of exactly the article-specific words to zero. Half a count is the Jeffreys-style "add one half"
# choice: large enough to keep those z-scores finite and comparable, small enough that it never
# outweighs a term actually seen twice.
DEFAULT_PRIOR_FLOOR = 0.5


class _Token(Protocol):
    term: str
    start: int
    end: int


# --------------------------------------------------------------------------------------------
# Counts


def count_terms(tokens_by_article: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """Tidy term counts: one row per (article, term) that occurs, with its relative frequency.

    ``relative_frequency`` is count / number of tokens in that article, so articles of different
    length compare. Rows are in the mapping's article order, then by count (descending) and term,
    so the table is the same on every run. An article with no tokens keeps no rows but is not an
    error (a very short article after stop-word removal is possible).
    """
    rows: list[tuple[str, str, int, float]] = []
    for article_id, tokens in tokens_by_article.items():
        if isinstance(tokens, str):
            # A bare string would be counted character by character, silently undoing segmentation.
            raise LlmnewsError(
                f"count_terms: article {article_id!r} is a string, expected a list of tokens"
            )
        counts = Counter(tokens)
        total = sum(counts.values())
        for term, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            rows.append((str(article_id), term, count, count / total))
    table = pd.DataFrame(rows, columns=["article_id", "term", "count", "relative_frequency"])
    return table.astype({"article_id": "str", "term": "str", "count": "int64"})


def term_matrix(counts: pd.DataFrame, value: str = "count") -> pd.DataFrame:
    """Articles x terms matrix of ``value`` (0 where a term is absent), article order kept."""
    _require_columns(counts, ["article_id", "term", value], "term_matrix")
    article_order = list(dict.fromkeys(counts["article_id"]))
    matrix = counts.pivot_table(
        index="article_id", columns="term", values=value, aggfunc="sum", fill_value=0
    )
    return matrix.reindex(article_order).sort_index(axis=1)


# --------------------------------------------------------------------------------------------
# Weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)


def background_frequencies() -> pd.Series:
    """General-Chinese word frequencies: jieba's own dictionary (``jieba/dict.txt``), term -> count.

    The file ships inside the installed jieba package (one ``word freq pos`` line per word, about
    350 000 words, 60 million counts from jieba's training corpus), so it is read as package data,
    not through a project path. Case and script are kept exactly as in the file. Read once per
    process; each call returns a copy the caller may change.
    """
    return _read_background().copy()


@lru_cache(maxsize=1)
def _read_background() -> pd.Series:
    source = resources.files("jieba") / "dict.txt"
    frequencies: dict[str, int] = {}
    with source.open("r", encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            fields = line.rstrip("\n").split(" ")
            if len(fields) < 2 or not fields[1].isdigit():
                raise LlmnewsError(f"{source}: line {line_no} is not 'word freq pos': {line!r}")
            # A word listed twice keeps its largest count (jieba itself keeps the last one read).
            frequencies[fields[0]] = max(int(fields[1]), frequencies.get(fields[0], 0))
    return pd.Series(frequencies, dtype="float64", name="background_count")


def prior_shares(
    vocabulary: Sequence[str],
    corpus_counts: Mapping[str, float] | pd.Series,
    prior: str | pd.Series | pd.DataFrame = "corpus",
) -> pd.Series:
    """The prior's share ``pi_w`` of each term of ``vocabulary`` (index = term; sums to 1).

    - ``"corpus"``: pooled counts of all articles (tidylo's empirical-Bayes prior).
    - ``"background"``: jieba's dictionary frequencies (:func:`background_frequencies`), so words
      that are common in general Chinese get a large prior and shrink towards "no difference".
    - a Series (term -> count) or DataFrame (``term, count``): any other background corpus.

    Shares are taken over ``vocabulary`` only: what the background says about words we never
    see does not matter. A term the background does not know gets share 0 here; the floor in
    :func:`weighted_log_odds` gives it a small pseudo-count.
    """
    vocabulary = list(vocabulary)
    if isinstance(prior, str):
        if prior == "corpus":
            reference = pd.Series(corpus_counts, dtype="float64")
        elif prior == "background":
            reference = background_frequencies()
        else:
            raise LlmnewsError(f"prior must be 'corpus', 'background' or a table, not {prior!r}")
    elif isinstance(prior, pd.DataFrame):
        _require_columns(prior, ["term", "count"], "prior_shares")
        reference = prior.groupby("term")["count"].sum().astype("float64")
    elif isinstance(prior, pd.Series):
        reference = prior.astype("float64")
    else:
        raise LlmnewsError(f"prior must be 'corpus', 'background' or a table, not {type(prior)}")
    if (reference < 0).any():
        raise LlmnewsError("prior_shares: prior counts must not be negative")
    shares = reference.reindex(vocabulary, fill_value=0.0)
    total = float(shares.sum())
    if total <= 0:
        raise LlmnewsError("prior_shares: the prior knows none of the terms; every share would be 0")
    return pd.Series(
        (shares / total).to_numpy(dtype="float64"),
        index=pd.Index(vocabulary, dtype="str", name="term"),
        name="prior_share",
    )


def weighted_log_odds(
    counts: pd.DataFrame,
    prior: str | pd.Series | pd.DataFrame = "corpus",
    alpha0: float | None = None,
    floor: float = DEFAULT_PRIOR_FLOOR,
    *,
    include_absent: bool = True,
) -> pd.DataFrame:
    """Each article against all the others: log-odds ratio with an informative Dirichlet prior.

    Monroe, Colaresi & Quinn (2008) "Fightin' Words", section 3.5, with group i = the article and
    group j = the rest of the corpus pooled. For term w, with counts ``y_i``, ``y_j``, group sizes
    ``n_i``, ``n_j``, and prior pseudo-counts ``a_iw``, ``a_jw`` summing to ``a_i0``, ``a_j0``::

        log_odds = log((y_i + a_iw) / (n_i + a_i0 - y_i - a_iw))
                 - log((y_j + a_jw) / (n_j + a_j0 - y_j - a_jw))
        var      = 1 / (y_i + a_iw) + 1 / (y_j + a_jw)
        z        = log_odds / sqrt(var)

    The variance is the paper's approximation, the one tidylo uses; scattertext adds the two terms
    1 / (n + a0 - y - a), which are below 1/1000 for articles of a thousand tokens or more.

    The prior: ``a_gw = max(alpha0 * n_g / N * pi_w, floor)`` for g in {i, j}, with ``pi_w`` from
    :func:`prior_shares` and ``N`` the corpus size. ``alpha0`` (default ``N``) is the prior's total
    weight in pseudo-counts, split between the two sides in proportion to their sizes. With the
    corpus prior and the default, ``a_iw + a_jw = y_w``: tidylo's prior, shared out. Giving both
    sides the *same* ``a_w`` instead (the paper compares two parties of similar size) biases an
    article-against-the-rest comparison whenever ``pi_w`` differs from the corpus rate: the prior
    pulls a short article and a long rest towards different rates. With the jieba background and
    equal pseudo-counts, the commonest words (年, 一, 地 under a plain jieba tokenizer) came out
    "distinctive" on the seeds. Split in proportion to size, a term used at the same rate on both
    sides has log-odds exactly 0 (scattertext calls this "class-size" scaling of a prior).

    ``floor`` is the smallest pseudo-count any term gets (see ``DEFAULT_PRIOR_FLOOR``). It binds
    for terms the background does not know and, with the corpus prior, for terms so rare that
    ``alpha0 * n_i / N * pi_w < floor``; the pseudo-counts used are in the output.

    ``counts`` is a tidy ``article_id, term, count`` table (from :func:`count_terms`). With
    ``include_absent=True`` (the default) every (article, term) pair of the vocabulary is returned,
    including count 0 (such terms get a negative z: the article avoids them), which the keyness
    scatter draws. That table has articles x vocabulary rows: fine for a few dozen articles, tens of
    millions of rows for ten thousand, so a large corpus passes ``include_absent=False`` and gets
    the terms each article uses (the values of those rows are the same either way: the
    computation never builds the dense matrix). Filter by count afterwards, never before, so that
    ``n_i`` stays the article's real size. Rows: article order, then z descending, then term.
    Extra columns: ``rest_count`` (y_j), ``alpha`` (a_iw), ``alpha_rest`` (a_jw).
    """
    _require_columns(counts, ["article_id", "term", "count"], "weighted_log_odds")
    if floor < 0:
        raise LlmnewsError(f"weighted_log_odds: floor must be >= 0, got {floor}")
    # Articles in order of first appearance, terms in sorted order: the codes index the arrays below.
    article_codes, article_ids = pd.factorize(counts["article_id"].astype("str"), sort=False)
    term_codes, vocabulary = pd.factorize(counts["term"].astype("str"), sort=True)
    n_articles, n_terms = len(article_ids), len(vocabulary)
    if n_articles < 2:
        raise LlmnewsError("weighted_log_odds needs at least two articles to compare")
    # Sum duplicate (article, term) rows, as a pivot would.
    pair = article_codes.astype("int64") * n_terms + term_codes
    pair, inverse = np.unique(pair, return_inverse=True)
    pair_count = np.bincount(inverse, weights=counts["count"].to_numpy(dtype="float64"))
    pair_article, pair_term = pair // n_terms, pair % n_terms

    term_total = np.bincount(pair_term, weights=pair_count, minlength=n_terms)  # y_w
    n_i = np.bincount(pair_article, weights=pair_count, minlength=n_articles)
    corpus_size = n_i.sum()
    n_j = corpus_size - n_i
    shares = prior_shares(vocabulary, pd.Series(term_total, index=vocabulary), prior).to_numpy()
    weight = corpus_size if alpha0 is None else float(alpha0)
    if weight <= 0:
        raise LlmnewsError(f"weighted_log_odds: alpha0 must be > 0, got {alpha0}")
    scale_i = weight * n_i / corpus_size  # a_iw = max(scale_i * pi_w, floor)
    scale_j = weight * n_j / corpus_size
    if floor <= 0 and ((shares <= 0).any() or (scale_i <= 0).any() or (scale_j <= 0).any()):
        raise LlmnewsError("weighted_log_odds: a term has zero prior mass; use floor > 0")
    a_i0 = _floored_prior_total(scale_i, shares, floor)
    a_j0 = _floored_prior_total(scale_j, shares, floor)

    if include_absent:
        row_article = np.repeat(np.arange(n_articles), n_terms)
        row_term = np.tile(np.arange(n_terms), n_articles)
        y_i = np.zeros(n_articles * n_terms)
        y_i[pair] = pair_count
    else:
        keep = pair_count > 0
        row_article, row_term, y_i = pair_article[keep], pair_term[keep], pair_count[keep]
    y_j = term_total[row_term] - y_i
    a_i = np.maximum(scale_i[row_article] * shares[row_term], floor)
    a_j = np.maximum(scale_j[row_article] * shares[row_term], floor)
    log_odds = np.log((y_i + a_i) / (n_i[row_article] + a_i0[row_article] - y_i - a_i)) - np.log(
        (y_j + a_j) / (n_j[row_article] + a_j0[row_article] - y_j - a_j)
    )
    z = log_odds / np.sqrt(1.0 / (y_i + a_i) + 1.0 / (y_j + a_j))

    # Article order, then z descending, then term (term codes follow sorted term order).
    order = np.lexsort((row_term, -z, row_article))
    table = pd.DataFrame(
        {
            "article_id": pd.array(np.asarray(article_ids, dtype=object)[row_article[order]], dtype="str"),
            "term": pd.array(np.asarray(vocabulary, dtype=object)[row_term[order]], dtype="str"),
            "count": y_i[order].astype("int64"),
            "log_odds": log_odds[order],
            "z": z[order],
            "rest_count": y_j[order].astype("int64"),
            "alpha": a_i[order],
            "alpha_rest": a_j[order],
        }
    )
    return table


def _floored_prior_total(scales: np.ndarray, shares: np.ndarray, floor: float) -> np.ndarray:
    """``sum_w max(scale * pi_w, floor)`` for each scale, without an articles x terms matrix.

    With the shares sorted, the terms whose pseudo-count is the floor are a prefix (those with
    ``pi_w <= floor / scale``); the rest contribute ``scale * pi_w``.
    """
    ordered = np.sort(shares)
    cumulative = np.concatenate([[0.0], np.cumsum(ordered)])
    totals = np.empty(len(scales))
    for index, scale in enumerate(scales):
        if scale <= 0:
            totals[index] = floor * len(ordered)
            continue
        at_floor = int(np.searchsorted(ordered, floor / scale, side="right"))
        totals[index] = floor * at_floor + scale * (cumulative[-1] - cumulative[at_floor])
    return totals


def weighted_log_odds_plain(
    counts: pd.DataFrame,
    prior: str | pd.Series | pd.DataFrame = "corpus",
    alpha0: float | None = None,
    floor: float = DEFAULT_PRIOR_FLOOR,
) -> dict[tuple[str, str], tuple[float, float]]:
    """The same formula as :func:`weighted_log_odds`, written a second time with plain loops.

    Deliberately shares no code with the vectorised version (no matrix, no :func:`prior_shares`)
    so that a test or a notebook can check one against the other. Returns
    ``{(article_id, term): (log_odds, z)}``. Slow: for checks only.
    """
    y: dict[str, dict[str, float]] = {}
    for article_id, term, count in zip(counts["article_id"], counts["term"], counts["count"]):
        per_article = y.setdefault(str(article_id), {})
        per_article[str(term)] = per_article.get(str(term), 0.0) + float(count)
    vocabulary = sorted({term for per_article in y.values() for term in per_article})
    pooled = {term: 0.0 for term in vocabulary}
    for per_article in y.values():
        for term, count in per_article.items():
            pooled[term] += count
    corpus_size = sum(pooled.values())

    if isinstance(prior, str) and prior == "corpus":
        reference = dict(pooled)
    elif isinstance(prior, str) and prior == "background":
        reference = {term: float(background_frequencies().get(term, 0.0)) for term in vocabulary}
    elif isinstance(prior, pd.DataFrame):
        reference = {}
        for term, count in zip(prior["term"], prior["count"]):
            reference[term] = reference.get(term, 0.0) + float(count)
    else:
        reference = {term: float(count) for term, count in pd.Series(prior).items()}
    reference_total = sum(reference.get(term, 0.0) for term in vocabulary)
    share = {term: reference.get(term, 0.0) / reference_total for term in vocabulary}
    weight = corpus_size if alpha0 is None else alpha0

    results: dict[tuple[str, str], tuple[float, float]] = {}
    for article_id, per_article in y.items():
        n_i = sum(per_article.values())
        n_j = corpus_size - n_i
        a_i = {term: max(weight * n_i / corpus_size * share[term], floor) for term in vocabulary}
        a_j = {term: max(weight * n_j / corpus_size * share[term], floor) for term in vocabulary}
        a_i0 = sum(a_i.values())
        a_j0 = sum(a_j.values())
        for term in vocabulary:
            y_i = per_article.get(term, 0.0)
            y_j = pooled[term] - y_i
            odds_i = (y_i + a_i[term]) / (n_i + a_i0 - y_i - a_i[term])
            odds_j = (y_j + a_j[term]) / (n_j + a_j0 - y_j - a_j[term])
            delta = math.log(odds_i) - math.log(odds_j)
            sigma = math.sqrt(1.0 / (y_i + a_i[term]) + 1.0 / (y_j + a_j[term]))
            results[(article_id, term)] = (delta, delta / sigma)
    return results


def top_terms(
    table: pd.DataFrame, score: str, n: int, *, min_count: int = 1, per: str = "article_id"
) -> pd.DataFrame:
    """The ``n`` rows with the highest ``score`` per article, among terms used ``min_count``+ times.

    Ties are broken by term so the selection is the same on every run.
    """
    _require_columns(table, [per, "term", "count", score], "top_terms")
    kept = table[table["count"] >= min_count]
    order = {article: rank for rank, article in enumerate(dict.fromkeys(table[per]))}
    kept = kept.assign(_order=kept[per].map(order)).sort_values(
        ["_order", score, "term"], ascending=[True, False, True], kind="stable"
    )
    return kept.groupby(per, sort=False).head(n).drop(columns="_order").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# TF-IDF baseline


def _pretokenized(document: list[str]) -> list[str]:
    """Identity analyzer: the document already is its token list (module-level so it pickles)."""
    return document


def tfidf(counts: pd.DataFrame, **vectorizer_options: Any) -> pd.DataFrame:
    """TF-IDF per (article, term) with scikit-learn's TfidfVectorizer on the existing tokens.

    The vectorizer gets an identity analyzer and ``lowercase=False``: scikit-learn's default
    pipeline lowercases and re-splits with a regular expression, which would turn ``GPT-4o`` into
    ``gpt`` and ``4o``. Other options (``sublinear_tf``, ``norm`` ...) pass through; the defaults are
    scikit-learn's (smoothed idf, l2 norm). Returns rows with count > 0, article order kept, then
    tf_idf descending, then term.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    _require_columns(counts, ["article_id", "term", "count"], "tfidf")
    for forbidden in ("analyzer", "lowercase", "tokenizer", "preprocessor"):
        if forbidden in vectorizer_options:
            raise LlmnewsError(f"tfidf: {forbidden!r} is fixed so segmentation is never undone")
    matrix = term_matrix(counts)
    documents = []
    for _, row in matrix.iterrows():
        # Rebuild each article as its multiset of tokens; order is irrelevant to tf-idf.
        documents.append([term for term, count in row.items() for _ in range(int(count))])
    vectorizer = TfidfVectorizer(analyzer=_pretokenized, lowercase=False, **vectorizer_options)
    weights = vectorizer.fit_transform(documents).toarray()
    vocabulary = vectorizer.get_feature_names_out()
    weights = pd.DataFrame(weights, index=matrix.index, columns=vocabulary)
    table = (
        weights.rename_axis(index="article_id", columns="term")
        .stack()
        .rename("tf_idf")
        .reset_index()
    )
    table = table.merge(counts[["article_id", "term", "count"]], on=["article_id", "term"])
    table = table[table["count"] > 0]
    order = {article: rank for rank, article in enumerate(matrix.index)}
    table = table.assign(_order=table["article_id"].map(order)).sort_values(
        ["_order", "tf_idf", "term"], ascending=[True, False, True], kind="stable"
    )
    return (
        table[["article_id", "term", "count", "tf_idf"]]
        .astype({"article_id": "str", "term": "str"})
        .reset_index(drop=True)
    )


# --------------------------------------------------------------------------------------------
# Where terms occur: keyword in context and dispersion


def _default_tokenizer() -> Callable[[str], list[_Token]]:
    from llmnews.text import tokenize_with_offsets  # imported late: terms must not need it

    return tokenize_with_offsets


def keyword_in_context(
    texts_by_article: Mapping[str, str],
    term: str,
    width: int = 15,
    *,
    tokenizer: Callable[[str], Iterable[_Token]] | None = None,
) -> pd.DataFrame:
    """Every occurrence of ``term`` (a token, i.e. a canonical name) with ``width`` characters of
    context on each side, segmenting each text (``keyword_in_context_from_tokens`` takes the
    store's token table instead: the same rows, no segmentation).

    Occurrences come from the tokenizer's offsets, never from a substring search, so ``GPT-4``
    does not match inside ``GPT-4o`` and an alias in the text (``Open AI``) is found under its
    canonical token (``OpenAI``). ``keyword`` is the text as written at that place. Line breaks in
    the context are shown as ``⏎`` (one character for one, so widths stay exact); context stops at
    the start and end of the article. ``start`` is the keyword's character offset in the text.
    """
    rows, _ = _token_rows(texts_by_article, tokenizer)
    return keyword_in_context_from_tokens(texts_by_article, rows, term, width)


def keyword_in_context_from_tokens(
    texts_by_article: Mapping[str, str], tokens: pd.DataFrame, term: str, width: int = 15
) -> pd.DataFrame:
    """``keyword_in_context`` from a token table (``article_id, term, start, end``, e.g. the store's)."""
    if width < 0:
        raise LlmnewsError(f"keyword_in_context: width must be >= 0, got {width}")
    _require_columns(tokens, ["article_id", "term", "start", "end"], "keyword_in_context")
    rows = []
    hits = tokens[tokens["term"] == term]
    for article_id, start, end in zip(hits["article_id"], hits["start"], hits["end"]):
        text = texts_by_article[article_id]
        left = text[max(0, start - width) : start]
        right = text[end : end + width]
        rows.append((str(article_id), left.replace("\n", "⏎"), text[start:end], right.replace("\n", "⏎"), int(start)))
    table = pd.DataFrame(rows, columns=["article_id", "left", "keyword", "right", "start"])
    return table.astype({"article_id": "str", "left": "str", "keyword": "str", "right": "str",
                         "start": "int64"})


def _token_rows(texts_by_article: Mapping[str, str], tokenizer) -> tuple[pd.DataFrame, dict[str, int]]:
    """A token table (``article_id, position, term, start, end``) made by segmenting each text,
    and each article's number of tokens (0 for an article with none)."""
    tokenize = tokenizer or _default_tokenizer()
    rows = [(str(article_id), index, token.term, token.start, token.end)
            for article_id, text in texts_by_article.items()
            for index, token in enumerate(tokenize(text))]
    table = pd.DataFrame(rows, columns=["article_id", "position", "term", "start", "end"])
    n_tokens = {str(a): 0 for a in texts_by_article}
    n_tokens.update(table.groupby("article_id").size().to_dict())
    return table, n_tokens


def term_positions(
    texts_by_article: Mapping[str, str],
    terms: Sequence[str],
    *,
    tokenizer: Callable[[str], Iterable[_Token]] | None = None,
) -> pd.DataFrame:
    """Where each of ``terms`` occurs in each article, for a dispersion plot, segmenting each text
    (``term_positions_from_tokens`` takes the store's token table instead).

    ``relative_position`` is token_index / n_tokens (0 = first token, just under 1 = last), so
    articles of different length share one axis. ``start`` is the character offset. Terms that
    never occur simply have no rows; the caller decides whether that is worth saying.
    """
    rows, n_tokens = _token_rows(texts_by_article, tokenizer)
    return term_positions_from_tokens(rows, n_tokens, terms)


def term_positions_from_tokens(tokens: pd.DataFrame, n_tokens: Mapping[str, int], terms: Sequence[str]) -> pd.DataFrame:
    """``term_positions`` from a token table (``article_id, position, term, start``) and each
    article's number of tokens."""
    _require_columns(tokens, ["article_id", "position", "term", "start"], "term_positions")
    hits = tokens[tokens["term"].isin(list(terms))]
    sizes = hits["article_id"].map(dict(n_tokens)).astype("int64")
    table = pd.DataFrame({
        "article_id": hits["article_id"].astype("str").to_numpy(),
        "term": hits["term"].astype("str").to_numpy(),
        "token_index": hits["position"].to_numpy(dtype="int64"),
        "n_tokens": sizes.to_numpy(),
        "relative_position": hits["position"].to_numpy(dtype="float64") / sizes.to_numpy(dtype="float64"),
        "start": hits["start"].to_numpy(dtype="int64"),
    })
    return table.astype({"article_id": "str", "term": "str"})


def split_mentions(
    text: str, tokens: Iterable[_Token], names: Iterable[str]
) -> list[tuple[str, int, int]]:
    """Mentions of ``names`` in ``text`` that no single token covers: ``(name, start, end)`` each.

    A name found by plain substring search is fine when one token's span contains it whole (the
    token may be longer: ``智谱`` inside the token ``智谱AI`` is not a split). It is split when the
    tokenizer cut through it (``智谱`` + ``AI``) or dropped part of it. A name that begins or ends
    with a Latin letter or digit only counts where it is not glued to more of them
    (``GPT-4`` inside ``GPT-4o``, ``o1`` inside ``Nano1`` are other words, not mentions). An empty
    list means no name was broken anywhere in this text.
    """
    spans = sorted((token.start, token.end) for token in tokens)
    starts = [start for start, _ in spans]
    problems = []
    for name in sorted(set(names)):
        if not name:
            continue
        position = text.find(name)
        while position != -1:
            end = position + len(name)
            if not (_glued(name[0], text[position - 1 : position])
                    or _glued(name[-1], text[end : end + 1])):
                # Only tokens starting at or before the mention can contain it.
                right = bisect.bisect_right(starts, position)
                if not any(spans[k][1] >= end for k in range(right)):
                    problems.append((name, position, end))
            position = text.find(name, position + 1)
    return problems


def _glued(edge: str, neighbour: str) -> bool:
    """True when a Latin/digit edge of a name touches another Latin letter or digit."""
    return edge.isascii() and edge.isalnum() and neighbour.isascii() and neighbour.isalnum()


def _require_columns(table: pd.DataFrame, columns: Sequence[str], caller: str) -> None:
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise LlmnewsError(f"{caller}: table lacks column(s) {missing}; has {list(table.columns)}")
