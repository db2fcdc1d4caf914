"""Topic models (NMF, LDA) over paragraphs or sentence windows, and the measures used to trust them.

One module per step, all re-exported here (``from llmnews import topics``; ``topics.fit_topic_model``):

- ``units``: ``build_units``, the texts the model sees;
- ``fit``: document-term matrices, ``fit_topic_model`` and the ``TopicModel`` it returns;
- ``quality``: NPMI coherence, diversity, stability, the K sweep and ``choose_k``;
- ``reading``: shares per unit and article, topic flow, representative units, labels;
- ``baseline``: the naive jieba + default-LDA baseline the chosen model must beat.

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


from llmnews.errors import TopicModelError
from llmnews.topics.baseline import BASELINE_LDA_OPTIONS, fit_baseline_lda, plain_jieba_tokens
from llmnews.topics.fit import MODELS, TopicModel, document_term_matrix, fit_topic_model, make_vectorizer
from llmnews.topics.quality import (
    choose_k,
    jaccard,
    k_sweep,
    match_topics,
    matched_jaccard,
    model_scores,
    npmi_coherence,
    npmi_pairs,
    stability,
    stability_of_runs,
    sweep_summary,
    topic_diversity,
)
from llmnews.topics.reading import (
    apply_labels,
    article_topic_shares,
    representative_units,
    topic_columns,
    topic_flow,
    topic_prevalence,
    unit_topic_table,
)
from llmnews.topics.units import UNITS, build_units, sample_units, unit_tokens

__all__ = [
    "BASELINE_LDA_OPTIONS",
    "MODELS",
    "UNITS",
    "TopicModel",
    "TopicModelError",
    "apply_labels",
    "article_topic_shares",
    "build_units",
    "choose_k",
    "document_term_matrix",
    "fit_baseline_lda",
    "fit_topic_model",
    "jaccard",
    "k_sweep",
    "make_vectorizer",
    "match_topics",
    "matched_jaccard",
    "model_scores",
    "npmi_coherence",
    "npmi_pairs",
    "plain_jieba_tokens",
    "representative_units",
    "stability",
    "stability_of_runs",
    "sweep_summary",
    "topic_columns",
    "topic_diversity",
    "topic_flow",
    "topic_prevalence",
    "sample_units",
    "unit_tokens",
    "unit_topic_table",
]

