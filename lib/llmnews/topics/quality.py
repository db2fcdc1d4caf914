"""Quality measures of a topic model: NPMI coherence, diversity, stability across seeds; the K sweep.

None of them is perplexity, which rewards fit, not readability.
"""

from __future__ import annotations

import itertools
import math
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from llmnews.errors import TopicModelError
from llmnews.topics.fit import MODELS, fit_topic_model

__all__ = [
    "choose_k",
    "sweep_summary",
    "jaccard",
    "k_sweep",
    "match_topics",
    "matched_jaccard",
    "model_scores",
    "npmi_coherence",
    "npmi_pairs",
    "stability",
    "stability_of_runs",
    "topic_diversity",
]


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


def sweep_summary(
    sweep: pd.DataFrame, model: str, *, min_stability: float = 0.7, min_diversity: float = 0.7
) -> str:
    """What the K sweep found, in sentences built from ``sweep`` (Markdown), for the notebook's prose.

    Says how the models compare on each measure (means over K), which K of ``model`` pass both
    thresholds, which K ``choose_k`` picks and why, whether it is also the most stable, and how far
    its neighbours are from it in coherence against the seed-to-seed spread (``npmi_sd``).
    """
    rows = sweep[sweep["model"] == model].sort_values("k", kind="stable")
    if rows.empty:
        raise TopicModelError(f"the sweep has no rows for model {model!r}")
    chosen = choose_k(sweep, model, min_stability=min_stability, min_diversity=min_diversity)
    best = rows[rows["k"] == chosen].iloc[0]
    name = model.upper()
    sentences = []
    means = sweep.groupby("model", sort=False)[["npmi", "diversity", "stability"]].mean()
    if len(means) > 1:
        per_model = "; ".join(
            f"{m.upper()} {r['npmi']:.2f}, {r['diversity']:.2f}, {r['stability']:.2f}" for m, r in means.iterrows()
        )
        sentences.append(f"Mean NPMI, diversity and stability over the K swept: {per_model}.")
    passing = rows[(rows["stability"] >= min_stability) & (rows["diversity"] >= min_diversity)]
    if passing.empty:
        sentences.append(
            f"No {name} K passes both thresholds, so the rule takes the most stable one: "
            f"K = {chosen} (stability {best['stability']:.2f})."
        )
    else:
        ks = ", ".join(str(int(k)) for k in passing["k"])
        how_many = f"All {len(rows)}" if len(passing) == len(rows) else f"{len(passing)} of the {len(rows)}"
        sentences.append(
            f"{how_many} {name} K pass both thresholds (K = {ks}); the most coherent "
            f"of them is K = {chosen} (mean NPMI {best['npmi']:.2f}, stability {best['stability']:.2f}), "
            f"so the rule picks K = {chosen}."
        )
    most_stable = rows.sort_values(["stability", "k"], ascending=[False, True], kind="stable").iloc[0]
    if int(most_stable["k"]) == chosen:
        sentences.append(f"K = {chosen} is also the most stable K.")
    else:
        sentences.append(
            f"The most stable K is K = {int(most_stable['k'])} (stability {most_stable['stability']:.2f})."
        )
    neighbours = rows[(rows["k"] - chosen).abs() == 1]
    if len(neighbours):
        gap = float((best["npmi"] - neighbours["npmi"]).abs().max())
        spread = float(rows["npmi_sd"].mean())
        verdict = (f"within the seed-to-seed spread, so K = {chosen} is a sensible reading rather than a "
                   "sharp optimum" if gap <= spread else "more than the seed-to-seed spread")
        sentences.append(
            f"Its neighbours differ from it by at most {gap:.2f} in mean NPMI, against a seed-to-seed "
            f"spread (`npmi_sd`) of {spread:.2f} on average: {verdict}."
        )
    return " ".join(sentences)


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
