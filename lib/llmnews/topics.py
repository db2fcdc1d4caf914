"""Topic models (NMF, LDA) over paragraphs or sentence windows, and the measures used to trust them.

Five articles are far too few documents for a topic model, so the model sees *units*: paragraphs, or
windows of N consecutive sentences of one article. Every function here works on token lists (the
output of ``llmnews.text.tokenize``), so the same code serves the lexicon-aware pipeline and the naive
jieba baseline, and the tests can use short inline lists.

Choices, and why:

- **Document-term matrix.** scikit-learn vectorizers with an identity analyzer and
  ``lowercase=False``: tokens are already canonical (``GPT-4o``, ``智谱AI``), and re-splitting or
  lower-casing them would merge or break names. ``min_df=2`` (a term must occur in at least two
  units) because a term seen in one unit cannot co-occur with anything elsewhere and only lets the
  model memorise that unit; ``max_df=0.5`` drops terms present in more than half the units, which
  would be background for every topic rather than a theme. On the five seed articles it drops
  nothing (the most widespread term, ``大模型``, is in about 40% of units); it guards larger corpora.
- **NMF** on TF-IDF *without* row normalisation (``norm=None``), ``init="random"`` with
  ``random_state=seed``. scikit-learn's default l2 rows make every unit weigh the same, so the
  interview's one-line turns ("张鹏：我同意。") pulled whole topics towards their few words: on this
  corpus, paragraph units with l2 rows gave topics whose top terms mostly never shared a paragraph
  (mean NPMI below 0) while unnormalised TF-IDF lets a unit count in proportion to what it says.
  The SVD-based ``nndsvda`` start would make every seed give almost the same answer, so the
  stability check across seeds would measure nothing; a random start makes stability an honest
  test of whether the factorisation finds the same topics from different starting points.
- **LDA** on raw counts, ``learning_method="batch"``, ``n_jobs=1``, ``random_state=seed``.
- Every fit runs inside ``threadpoolctl.threadpool_limits(1)``: NMF's result depends on the BLAS
  thread count and LDA's on ``n_jobs``, and JupyterLab and the build must give the same bytes.
- Topics are renumbered 1..K by their share of the corpus (largest first) so numbering is stable
  and readable; rows of ``topic_term`` and ``unit_topic`` are shares summing to 1.

Quality measures (none of them is perplexity, which rewards fit, not readability):

- ``npmi_coherence``: normalised pointwise mutual information of each topic's top-term pairs, counted
  on the corpus' own paragraphs (see its docstring for the window and the edge cases).
- ``topic_diversity``: share of distinct terms among all topics' top terms.
- ``stability``: mean Jaccard overlap of top-10 term sets between runs with different seeds, topics
  matched one-to-one with the Hungarian algorithm.
"""

from __future__ import annotations

import itertools
import math
import warnings
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from threadpoolctl import threadpool_limits

from llmnews.errors import LlmnewsError

MODELS = ("nmf", "lda")
UNITS = ("paragraph", "sentences")


class TopicModelError(LlmnewsError):
    """Input a topic model cannot be fitted on (too few units, empty vocabulary, bad parameter)."""


# ---------------------------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------------------------


def split_sentences(text: str) -> list[str]:
    """Split Chinese text into sentences on 。！？；(and ASCII !?;) and line breaks.

    Terminators stay with their sentence, as do closing quotes right after them; whitespace-only
    pieces are not sentences (``text.sentence_spans``, the project's one sentence rule).
    """
    from llmnews.sentences import sentence_spans

    return [text[start:end] for start, end in sentence_spans(text)]


def build_units(
    paragraphs: pd.DataFrame,
    unit: str = "paragraph",
    window_sentences: int = 3,
    *,
    drop_headings: bool = True,
) -> pd.DataFrame:
    """The texts a topic model sees, each tagged with its article and where it sits in it.

    ``paragraphs`` is ``corpus.paragraph_table`` (columns ``article_id``, ``paragraph``, ``text``,
    optionally ``is_heading``). ``unit="paragraph"`` keeps one unit per paragraph;
    ``unit="sentences"`` cuts each article (never across articles) into consecutive, non-overlapping
    windows of ``window_sentences`` sentences, which may span a paragraph break; the last window of
    an article may be shorter. Section headings ("02. 智谱AI商业化路漫漫") are dropped by default:
    they are titles of the paragraphs that follow, not prose, and would double-count those words.

    Returns ``article_id``, ``unit`` (1-based within the article), ``first_paragraph``,
    ``last_paragraph``, ``position`` (unit's place in its article, 0 = start, 1 = end) and ``text``.
    ``attrs["dropped_headings"]`` counts the headings left out, so nothing vanishes silently.
    """
    if unit not in UNITS:
        raise TopicModelError(f"unit must be one of {UNITS}, got {unit!r}")
    if unit == "sentences" and (not isinstance(window_sentences, int) or window_sentences < 1):
        raise TopicModelError(f"window_sentences must be a positive int, got {window_sentences!r}")
    missing = {"article_id", "paragraph", "text"} - set(paragraphs.columns)
    if missing:
        raise TopicModelError(f"paragraph table lacks columns {sorted(missing)}")

    table = paragraphs
    n_headings = 0
    if drop_headings and "is_heading" in table.columns:
        heading = table["is_heading"].fillna(False).astype(bool)
        n_headings = int(heading.sum())
        table = table[~heading]

    rows = []
    for article_id, article in table.groupby("article_id", sort=False):
        article = article.sort_values("paragraph", kind="stable")
        if unit == "paragraph":
            pieces = [(int(p), int(p), str(t)) for p, t in zip(article["paragraph"], article["text"])]
        else:
            sentences = [
                (int(p), sentence)
                for p, t in zip(article["paragraph"], article["text"])
                for sentence in split_sentences(str(t))
            ]
            pieces = []
            for start in range(0, len(sentences), window_sentences):
                window = sentences[start : start + window_sentences]
                pieces.append((window[0][0], window[-1][0], "".join(s for _, s in window)))
        n = len(pieces)
        for i, (first, last, text) in enumerate(pieces):
            rows.append(
                {
                    "article_id": str(article_id),
                    "unit": i + 1,
                    "first_paragraph": first,
                    "last_paragraph": last,
                    "position": i / (n - 1) if n > 1 else 0.0,
                    "text": text,
                }
            )
    units = pd.DataFrame(
        rows,
        columns=["article_id", "unit", "first_paragraph", "last_paragraph", "position", "text"],
    )
    units.attrs["dropped_headings"] = n_headings
    return units


# ---------------------------------------------------------------------------------------------
# Document-term matrices
# ---------------------------------------------------------------------------------------------


def _identity(tokens):
    # A named function, not a lambda, so a fitted vectorizer can be pickled.
    return tokens


def make_vectorizer(weighting: str = "count", *, min_df=2, max_df=0.5, tfidf_norm: str | None = None):
    """A vectorizer for pre-tokenised units: identity analyzer, no lower-casing, no re-splitting.

    ``tfidf_norm`` is TfidfVectorizer's row normalisation, ``None`` by default here (see the
    module docstring: l2 rows make a one-line answer weigh as much as a long paragraph).
    """
    kwargs = dict(analyzer=_identity, lowercase=False, min_df=min_df, max_df=max_df)
    if weighting == "count":
        return CountVectorizer(**kwargs)
    if weighting == "tfidf":
        return TfidfVectorizer(norm=tfidf_norm, **kwargs)
    raise TopicModelError(f"weighting must be 'count' or 'tfidf', got {weighting!r}")


def document_term_matrix(
    units_tokens: Sequence[Sequence[str]],
    weighting: str = "count",
    *,
    min_df=2,
    max_df=0.5,
    tfidf_norm: str | None = None,
):
    """(sparse matrix units × terms, vocabulary as a numpy array in column order)."""
    units_tokens = [list(tokens) for tokens in units_tokens]
    if not units_tokens:
        raise TopicModelError("no units to build a document-term matrix from")
    vectorizer = make_vectorizer(weighting, min_df=min_df, max_df=max_df, tfidf_norm=tfidf_norm)
    try:
        matrix = vectorizer.fit_transform(units_tokens)
    except ValueError as error:  # sklearn: "After pruning, no terms remain" and friends
        raise TopicModelError(
            f"no terms left with min_df={min_df}, max_df={max_df} over {len(units_tokens)} units: {error}"
        ) from error
    return matrix, vectorizer.get_feature_names_out()


# ---------------------------------------------------------------------------------------------
# Fitting
# ---------------------------------------------------------------------------------------------


@dataclass
class TopicModel:
    """A fitted topic model, its topics numbered 1..K by corpus share (largest first)."""

    model: str
    k: int
    seed: int
    vocabulary: np.ndarray  # term of each column of topic_term
    topic_term: np.ndarray  # K × V, each row a distribution over terms (sums to 1)
    unit_topic: np.ndarray  # n_units × K, each row the unit's topic shares (0 if no term kept)
    unit_weight: np.ndarray  # in-vocabulary tokens per unit: how much each unit can say
    settings: dict = field(default_factory=dict)

    def top_terms(self, n: int = 10) -> list[list[str]]:
        """Each topic's n highest-weighted terms; ties broken by vocabulary order (deterministic)."""
        order = np.argsort(-self.topic_term, axis=1, kind="stable")[:, :n]
        return [[str(self.vocabulary[j]) for j in row] for row in order]

    def top_term_table(self, n: int = 10) -> pd.DataFrame:
        """Long table topic, rank, term, weight (the term's share of its topic)."""
        order = np.argsort(-self.topic_term, axis=1, kind="stable")[:, :n]
        rows = [
            {"topic": t + 1, "rank": r + 1, "term": str(self.vocabulary[j]), "weight": float(self.topic_term[t, j])}
            for t, row in enumerate(order)
            for r, j in enumerate(row)
        ]
        return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    totals = matrix.sum(axis=1, keepdims=True)
    return np.divide(matrix, totals, out=np.zeros_like(matrix, dtype=float), where=totals > 0)


def fit_topic_model(
    units_tokens: Sequence[Sequence[str]],
    model: str = "nmf",
    k: int = 6,
    seed: int = 0,
    *,
    min_df=2,
    max_df=0.5,
    max_iter: int | None = None,
    tfidf_norm: str | None = None,
) -> TopicModel:
    """Fit NMF (on TF-IDF) or LDA (on counts) with K topics; same inputs and seed, same bytes.

    ``max_iter`` defaults to 1000 for NMF (so the coordinate descent converges on a few hundred
    units) and 20 for LDA (batch variational Bayes: top terms, coherence and stability on this
    corpus were the same at 20 and 50 passes, and each pass costs time in a K sweep).
    """
    if model not in MODELS:
        raise TopicModelError(f"model must be one of {MODELS}, got {model!r}")
    units_tokens = [list(tokens) for tokens in units_tokens]
    if not isinstance(k, (int, np.integer)) or k < 1:
        raise TopicModelError(f"k must be a positive int, got {k!r}")
    if k > len(units_tokens):
        raise TopicModelError(f"k={k} topics need at least as many units; got {len(units_tokens)}")

    counts, vocabulary = document_term_matrix(units_tokens, "count", min_df=min_df, max_df=max_df)
    unit_weight = np.asarray(counts.sum(axis=1)).ravel().astype(float)
    if k > len(vocabulary):
        raise TopicModelError(f"k={k} topics but only {len(vocabulary)} terms survive min_df/max_df")

    with threadpool_limits(limits=1), warnings.catch_warnings():
        # A convergence warning is recorded in settings instead of interrupting a notebook.
        warnings.simplefilter("ignore", ConvergenceWarning)
        if model == "nmf":
            tfidf, tfidf_vocabulary = document_term_matrix(
                units_tokens, "tfidf", min_df=min_df, max_df=max_df, tfidf_norm=tfidf_norm
            )
            assert list(tfidf_vocabulary) == list(vocabulary)
            estimator = NMF(
                n_components=int(k),
                init="random",
                random_state=seed,  # seed at the call: a different start per seed, see module doc
                max_iter=max_iter or 1000,
                solver="cd",
                beta_loss="frobenius",
            )
            unit_raw = estimator.fit_transform(tfidf)
        else:
            estimator = LatentDirichletAllocation(
                n_components=int(k),
                learning_method="batch",
                max_iter=max_iter or 20,
                random_state=seed,  # seed at the call
                n_jobs=1,  # LDA's result depends on the number of jobs
            )
            unit_raw = estimator.fit_transform(counts)
        converged = int(estimator.n_iter_) < estimator.max_iter

    topic_term = _normalise_rows(np.asarray(estimator.components_, dtype=float))
    unit_topic = _normalise_rows(np.asarray(unit_raw, dtype=float))
    # A unit with no term in the vocabulary carries no topic information (LDA would return its
    # prior, a uniform share); it gets zero shares and zero weight.
    unit_topic[unit_weight == 0] = 0.0

    # Number topics by corpus share, largest first; stable sort so ties keep the fitted order.
    corpus_share = (unit_topic * unit_weight[:, None]).sum(axis=0)
    order = np.argsort(-corpus_share, kind="stable")
    return TopicModel(
        model=model,
        k=int(k),
        seed=int(seed),
        vocabulary=np.asarray(vocabulary),
        topic_term=topic_term[order],
        unit_topic=unit_topic[:, order],
        unit_weight=unit_weight,
        settings={
            "min_df": min_df,
            "max_df": max_df,
            "tfidf_norm": tfidf_norm if model == "nmf" else None,
            "max_iter": estimator.max_iter,
            "n_iter": int(estimator.n_iter_),
            "converged": bool(converged),
            "n_units": len(units_tokens),
            "n_terms": len(vocabulary),
        },
    )


# ---------------------------------------------------------------------------------------------
# Quality measures
# ---------------------------------------------------------------------------------------------


def _reference_documents(reference_units, window):
    """The token sets co-occurrence is counted over: whole units, or sliding windows within them."""
    if window is None:
        return [set(tokens) for tokens in reference_units]
    if not isinstance(window, int) or window < 2:
        raise TopicModelError(f"window must be None or an int >= 2, got {window!r}")
    documents = []
    for tokens in reference_units:
        tokens = list(tokens)
        if len(tokens) <= window:
            documents.append(set(tokens))
        else:
            documents.extend(set(tokens[i : i + window]) for i in range(len(tokens) - window + 1))
    return documents


def npmi_pairs(
    top_terms: Sequence[str], reference_units: Iterable[Sequence[str]], window: int | None = None
) -> pd.DataFrame:
    """NPMI of every pair of terms in one topic's top terms, with the counts behind it.

    Co-occurrence is boolean: ``window=None`` counts a pair once per reference unit (paragraph)
    holding both terms; an int ``window`` instead slides a window of that many tokens through each
    unit and counts each window as a document (Palmetto's boolean sliding window). With N documents,
    D(x) documents holding x and D(x,y) holding both, p = D/N and

        NPMI(x, y) = log(p(x,y) / (p(x) p(y))) / -log p(x,y)

    No epsilon smoothing; the two cases where the formula breaks are defined instead:
    D(x,y) = 0 (never together, including terms absent from the reference) gives -1, the formula's
    limit; p(x,y) = 1 (both in every document) gives 0, since such a pair is independent by
    definition and says nothing about a theme.
    """
    documents = _reference_documents(reference_units, window)
    n = len(documents)
    if n == 0:
        raise TopicModelError("no reference units to count co-occurrences in")
    terms = list(dict.fromkeys(top_terms))  # keep order, drop repeats
    frequency = {t: sum(t in doc for doc in documents) for t in terms}
    rows = []
    for x, y in itertools.combinations(terms, 2):
        joint = sum(x in doc and y in doc for doc in documents)
        if joint == 0:
            value = -1.0
        elif joint == n:
            value = 0.0
        else:
            p_xy = joint / n
            p_x, p_y = frequency[x] / n, frequency[y] / n
            value = math.log(p_xy / (p_x * p_y)) / -math.log(p_xy)
        rows.append({"term_a": x, "term_b": y, "df_a": frequency[x], "df_b": frequency[y], "df_ab": joint, "npmi": value})
    return pd.DataFrame(rows, columns=["term_a", "term_b", "df_a", "df_b", "df_ab", "npmi"])


def npmi_coherence(
    top_terms: Sequence[Sequence[str]],
    reference_units: Sequence[Sequence[str]],
    window: int | None = None,
) -> list[float]:
    """Mean pairwise NPMI of each topic's top terms (see ``npmi_pairs``); one value per topic.

    ``reference_units`` are token lists in the *same tokenisation as the topic terms* (the corpus'
    paragraphs), so a model is never penalised for terms another tokenizer would not produce.
    """
    reference_units = [list(tokens) for tokens in reference_units]
    values = []
    for terms in top_terms:
        pairs = npmi_pairs(terms, reference_units, window)
        values.append(float(pairs["npmi"].mean()) if len(pairs) else float("nan"))
    return values


def topic_diversity(top_terms: Sequence[Sequence[str]]) -> float:
    """Distinct terms among all topics' top terms, divided by their total count (1 = no overlap)."""
    all_terms = [term for terms in top_terms for term in terms]
    if not all_terms:
        raise TopicModelError("no top terms to measure diversity on")
    return len(set(all_terms)) / len(all_terms)


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    a, b = set(a), set(b)
    union = a | b
    return len(a & b) / len(union) if union else 1.0


def match_topics(top_terms_a: Sequence[Sequence[str]], top_terms_b: Sequence[Sequence[str]]):
    """Pair the topics of two runs one-to-one, maximising total Jaccard overlap of their term sets.

    Hungarian algorithm (``scipy.optimize.linear_sum_assignment``), since a topic's number is
    arbitrary between runs. Returns ``[(index_a, index_b, jaccard), ...]`` in order of ``index_a``.
    """
    similarity = np.array([[jaccard(a, b) for b in top_terms_b] for a in top_terms_a], dtype=float)
    if similarity.size == 0:
        raise TopicModelError("no topics to match")
    rows, cols = linear_sum_assignment(similarity, maximize=True)
    return [(int(i), int(j), float(similarity[i, j])) for i, j in zip(rows, cols)]


def matched_jaccard(top_terms_a, top_terms_b) -> float:
    """Mean Jaccard of matched topic pairs; unmatched topics (different K) count as 0."""
    pairs = match_topics(top_terms_a, top_terms_b)
    return sum(j for _, _, j in pairs) / max(len(top_terms_a), len(top_terms_b))


def stability_of_runs(runs_top_terms: Sequence[Sequence[Sequence[str]]]) -> float:
    """Mean matched Jaccard over every pair of runs."""
    if len(runs_top_terms) < 2:
        raise TopicModelError("stability needs at least two runs")
    scores = [matched_jaccard(a, b) for a, b in itertools.combinations(runs_top_terms, 2)]
    return float(np.mean(scores))


def stability(
    units_tokens: Sequence[Sequence[str]],
    model: str,
    k: int,
    seeds: Sequence[int],
    *,
    top_n: int = 10,
    **fit_options,
) -> float:
    """Refit with each seed; mean Jaccard of top-``top_n`` term sets over all pairs of runs.

    1.0 means every seed finds the same topics (as sets of top terms); a model whose topics move
    with the seed is describing its starting point, not the corpus.
    """
    runs = [fit_topic_model(units_tokens, model, k, seed, **fit_options).top_terms(top_n) for seed in seeds]
    return stability_of_runs(runs)


def k_sweep(
    units_tokens: Sequence[Sequence[str]],
    reference_units: Sequence[Sequence[str]],
    k_range: Iterable[int],
    seeds: Sequence[int],
    *,
    models: Sequence[str] = MODELS,
    top_n: int = 10,
    stability_top_n: int = 10,
    window: int | None = None,
    **fit_options,
) -> pd.DataFrame:
    """Per model and K: coherence, diversity and stability, each over every seed's run.

    ``npmi`` and ``diversity`` (of the top ``top_n`` terms) are means over the runs (one seed's
    luck should not pick K), with ``npmi_sd`` the spread of the run means; ``stability`` compares
    the runs' top ``stability_top_n`` terms (10 by convention) with each other.
    """
    units_tokens = [list(tokens) for tokens in units_tokens]
    reference_units = [list(tokens) for tokens in reference_units]
    n_terms = max(top_n, stability_top_n)
    rows = []
    for model in models:
        for k in k_range:
            runs = [fit_topic_model(units_tokens, model, k, seed, **fit_options).top_terms(n_terms) for seed in seeds]
            shown = [[terms[:top_n] for terms in run] for run in runs]
            npmis = [float(np.mean(npmi_coherence(run, reference_units, window))) for run in shown]
            rows.append(
                {
                    "model": model,
                    "k": int(k),
                    "npmi": float(np.mean(npmis)),
                    "npmi_sd": float(np.std(npmis)),
                    "diversity": float(np.mean([topic_diversity(run) for run in shown])),
                    "stability": (
                        stability_of_runs([[terms[:stability_top_n] for terms in run] for run in runs])
                        if len(runs) > 1
                        else float("nan")
                    ),
                }
            )
    return pd.DataFrame(rows, columns=["model", "k", "npmi", "npmi_sd", "diversity", "stability"])


def choose_k(sweep: pd.DataFrame, model: str, *, min_stability: float = 0.7, min_diversity: float = 0.7) -> int:
    """The K a reader can trust most: highest mean NPMI among the K whose topics are stable across
    seeds (>= ``min_stability``) and distinct (diversity >= ``min_diversity``); if no K passes both,
    the most stable K. Ties go to the smaller K (fewer topics are easier to read)."""
    rows = sweep[sweep["model"] == model]
    if rows.empty:
        raise TopicModelError(f"the sweep has no rows for model {model!r}")
    passing = rows[(rows["stability"] >= min_stability) & (rows["diversity"] >= min_diversity)]
    if passing.empty:
        best = rows.sort_values(["stability", "k"], ascending=[False, True], kind="stable")
    else:
        best = passing.sort_values(["npmi", "k"], ascending=[False, True], kind="stable")
    return int(best["k"].iloc[0])


# ---------------------------------------------------------------------------------------------
# Reading the topics
# ---------------------------------------------------------------------------------------------


def topic_columns(k: int) -> list[str]:
    return [f"topic_{t}" for t in range(1, k + 1)]


def unit_topic_table(units: pd.DataFrame, fitted: TopicModel) -> pd.DataFrame:
    """``units`` with each unit's weight (in-vocabulary tokens) and topic shares as columns."""
    if len(units) != fitted.unit_topic.shape[0]:
        raise TopicModelError(f"{len(units)} units but the model was fitted on {fitted.unit_topic.shape[0]}")
    shares = pd.DataFrame(fitted.unit_topic, columns=topic_columns(fitted.k), index=units.index)
    table = units.copy()
    table["weight"] = fitted.unit_weight
    return pd.concat([table, shares], axis=1)


def article_topic_shares(units: pd.DataFrame, fitted: TopicModel) -> pd.DataFrame:
    """Article × topic: each article's topic shares, units weighted by their in-vocabulary tokens.

    A long paragraph says more about its article than a one-line answer, so it counts more; a unit
    with no modelled term counts zero. Rows sum to 1 (0 for an article with no modelled term).
    """
    table = unit_topic_table(units, fitted)
    columns = topic_columns(fitted.k)
    weighted = table[columns].mul(table["weight"], axis=0)
    weighted["article_id"] = table["article_id"].to_numpy()
    sums = weighted.groupby("article_id", sort=True)[columns].sum()
    totals = sums.sum(axis=1)
    shares = sums.div(totals.where(totals > 0, 1.0), axis=0)
    shares.columns = list(range(1, fitted.k + 1))
    shares.columns.name = "topic"
    return shares


def topic_flow(units: pd.DataFrame, fitted: TopicModel) -> pd.DataFrame:
    """Long table: topic shares of every unit along its article (article_id, unit, position, topic, share)."""
    table = unit_topic_table(units, fitted)
    long = table.melt(
        id_vars=["article_id", "unit", "first_paragraph", "position", "weight"],
        value_vars=topic_columns(fitted.k),
        var_name="topic",
        value_name="share",
    )
    long["topic"] = long["topic"].str.removeprefix("topic_").astype(int)
    return long.sort_values(["article_id", "unit", "topic"], kind="stable").reset_index(drop=True)


def representative_units(
    units: pd.DataFrame, fitted: TopicModel, n: int = 3, *, min_share: float = 0.5, min_weight: int = 5
) -> pd.DataFrame:
    """Each topic's ``n`` most telling units, to read before naming the topic.

    A unit qualifies if the topic holds at least ``min_share`` of it and it has at least
    ``min_weight`` modelled words (a three-word answer can be 100% one topic without showing what the
    topic is about). Qualifying units are ranked by the topic's mass in them, share × modelled words:
    a long passage mostly about the topic beats a short one entirely about it. Ties go to the
    earlier unit. A topic with fewer qualifying units gets fewer rows.
    """
    table = unit_topic_table(units, fitted)
    rows = []
    for t, column in enumerate(topic_columns(fitted.k), start=1):
        eligible = table[(table[column] >= min_share) & (table["weight"] >= min_weight)]
        mass = eligible[column] * eligible["weight"]
        best = eligible.loc[mass.sort_values(ascending=False, kind="stable").index].head(n)
        for rank, (_, row) in enumerate(best.iterrows(), start=1):
            rows.append(
                {
                    "topic": t,
                    "rank": rank,
                    "article_id": row["article_id"],
                    "unit": int(row["unit"]),
                    "share": float(row[column]),
                    "weight": float(row["weight"]),
                    "text": row["text"],
                }
            )
    return pd.DataFrame(rows, columns=["topic", "rank", "article_id", "unit", "share", "weight", "text"])


def apply_labels(
    top_terms: Sequence[Sequence[str]],
    labelled_terms: dict[int, Sequence[str]],
    labels: dict[int, str],
    *,
    min_jaccard: float = 0.5,
) -> dict[int, str]:
    """Human labels for the topics they were written for; ``"Topic N"`` for any other topic.

    Labels are written after reading one model's topics, so they are keyed by that model's top
    terms (``labelled_terms``). A fitted topic takes a label only if it matches (Hungarian, on
    Jaccard of term sets) a labelled topic with overlap >= ``min_jaccard``; after a change of K,
    model or units the topics differ and fall back to neutral names instead of wrong ones.
    """
    result = {t: f"Topic {t}" for t in range(1, len(top_terms) + 1)}
    keys = sorted(labelled_terms)
    if not keys or not top_terms:
        return result
    for i, j, overlap in match_topics(top_terms, [labelled_terms[key] for key in keys]):
        if overlap >= min_jaccard and keys[j] in labels:
            result[i + 1] = labels[keys[j]]
    return result


# ---------------------------------------------------------------------------------------------
# The naive baseline the chosen model has to beat
# ---------------------------------------------------------------------------------------------

BASELINE_LDA_OPTIONS = {"min_df": 1, "max_df": 1.0, "max_iter": 10}


def plain_jieba_tokens(texts: Iterable[str]) -> list[list[str]]:
    """jieba's plain ``lcut`` with its stock dictionary: no lexicon, no stop words, punctuation kept.

    A private ``jieba.Tokenizer`` is used because ``llmnews.text`` adds the lexicon to jieba's
    global one, which would quietly give the baseline our lexicon. Whitespace-only pieces are
    dropped: they are not words, and no vectorizer would ever produce them.
    """
    tokenizer = _plain_tokenizer()
    return [[token for token in tokenizer.lcut(text) if token.strip()] for text in texts]


_PLAIN_TOKENIZER = None


def _plain_tokenizer():
    global _PLAIN_TOKENIZER
    if _PLAIN_TOKENIZER is None:
        import logging

        import jieba

        from llmnews import paths

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        # jieba caches its parsed dictionary in the system temp dir by default; keep ours in the project.
        paths.JIEBA_CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(paths.JIEBA_CACHE_DIR)
        tokenizer.initialize()
        _PLAIN_TOKENIZER = tokenizer
    return _PLAIN_TOKENIZER


def fit_baseline_lda(units_tokens: Sequence[Sequence[str]], k: int, seed: int) -> TopicModel:
    """``LatentDirichletAllocation(n_components=k, random_state=seed)`` with every other setting at
    scikit-learn's default (batch, 10 passes) on a default ``CountVectorizer`` (no min_df/max_df),
    pinned to one thread like every other fit so its numbers are reproducible too."""
    return fit_topic_model(units_tokens, "lda", k, seed, **BASELINE_LDA_OPTIONS)


def model_scores(
    units_tokens: Sequence[Sequence[str]],
    reference_units: Sequence[Sequence[str]],
    model: str,
    k: int,
    seed: int,
    stability_seeds: Sequence[int],
    *,
    top_n: int = 10,
    stability_top_n: int = 10,
    window: int | None = None,
    **fit_options,
) -> dict:
    """One model setting's scores: ``npmi`` and ``diversity`` of the top ``top_n`` terms of the run
    with ``seed``; ``npmi_over_seeds``, the same NPMI averaged over the runs with
    ``stability_seeds`` (so one lucky seed cannot decide a comparison); and ``stability``
    (top-``stability_top_n`` Jaccard, Hungarian-matched) over those runs."""
    units_tokens = [list(tokens) for tokens in units_tokens]
    reference_units = [list(tokens) for tokens in reference_units]
    fitted = fit_topic_model(units_tokens, model, k, seed, **fit_options)
    runs = [fit_topic_model(units_tokens, model, k, s, **fit_options) for s in stability_seeds]
    return {
        "npmi": float(np.mean(npmi_coherence(fitted.top_terms(top_n), reference_units, window))),
        "npmi_over_seeds": float(
            np.mean([np.mean(npmi_coherence(run.top_terms(top_n), reference_units, window)) for run in runs])
        ),
        "stability": stability_of_runs([run.top_terms(stability_top_n) for run in runs]),
        "diversity": topic_diversity(fitted.top_terms(top_n)),
    }
