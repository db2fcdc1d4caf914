"""Who is mentioned with whom: organisations (or models) named in the same sentence.

Built from the store's token table (``article_id``, ``sentence``, ``term``): a lexicon entity is a
token, so co-mention needs no segmentation of its own. ``level="organization"`` counts a model,
product or person for the organisation behind it (GLM-4 and 张鹏 count for 智谱AI);
``level="model"`` keeps models and products as they are. The weight of an edge is the number of
sentences naming both ends (a sentence naming GPT-4 three times and 智谱AI once counts once).
"""

from __future__ import annotations

import pandas as pd

from llmnews import lexicon
from llmnews.errors import LlmnewsError

__all__ = ["LEVELS", "entity_sentences", "co_mention_edges", "co_mention_network"]

LEVELS = ("organization", "model")


def _node_of(term: str, level: str) -> str | None:
    info = lexicon.entity_info(term)
    if info is None:
        return None
    if level == "organization":
        if info["type"] == "organization":
            return term
        return info["organization"]  # None for an entity without an owner: left out
    return term if info["type"] in ("model", "product") else None


def entity_sentences(tokens: pd.DataFrame, level: str = "organization") -> pd.DataFrame:
    """One row per (article, sentence, node) where the sentence names the node."""
    if level not in LEVELS:
        raise LlmnewsError(f"level must be one of {LEVELS}, not {level!r}")
    missing = {"article_id", "sentence", "term"} - set(tokens.columns)
    if missing:
        raise LlmnewsError(f"entity_sentences needs the token table's columns {sorted(missing)}")
    nodes = {t: _node_of(t, level) for t in tokens["term"].unique()}
    named = tokens.assign(node=tokens["term"].map(nodes)).dropna(subset=["node"])
    return (named[["article_id", "sentence", "node"]].drop_duplicates()
            .astype({"node": "str"}).reset_index(drop=True))


def co_mention_edges(tokens: pd.DataFrame, level: str = "organization") -> pd.DataFrame:
    """``source, target, sentences, articles``: pairs named in the same sentence, heaviest first.

    ``source`` < ``target`` alphabetically, so each pair is one row; ties by names.
    """
    named = entity_sentences(tokens, level)
    pairs = named.merge(named, on=["article_id", "sentence"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["node_a"] < pairs["node_b"]]
    edges = (pairs.groupby(["node_a", "node_b"], sort=True)
             .agg(sentences=("sentence", "size"), articles=("article_id", "nunique")).reset_index()
             .rename(columns={"node_a": "source", "node_b": "target"}))
    edges = edges.astype({"source": "str", "target": "str", "sentences": "int64", "articles": "int64"})
    return edges.sort_values(["sentences", "source", "target"], ascending=[False, True, True],
                             kind="stable").reset_index(drop=True)


def co_mention_network(tokens: pd.DataFrame, *, level: str = "organization", top_n: int = 30,
                       min_sentences: int = 1):
    """The co-mention graph of the ``top_n`` most mentioned nodes, with communities.

    Returns ``(graph, nodes, edges)``: a networkx ``Graph`` (edge attribute ``weight`` = sentences),
    the node table (``node, label, sentences, degree, community``) and the edge table drawn.
    Communities are networkx's greedy modularity communities on the weighted graph (deterministic for
    a given graph: nodes and edges are added in sorted order), numbered from 1 by size.
    """
    import networkx as nx

    if top_n < 2:
        raise LlmnewsError(f"top_n must be at least 2 for a network, got {top_n}")
    named = entity_sentences(tokens, level)
    mentions = named.groupby("node").size().sort_index()
    ranked = sorted(mentions.index, key=lambda n: (-mentions[n], n))[:top_n]
    edges = co_mention_edges(tokens, level)
    edges = edges[edges["source"].isin(ranked) & edges["target"].isin(ranked)
                  & (edges["sentences"] >= min_sentences)].reset_index(drop=True)
    graph = nx.Graph()
    for node in sorted(ranked):
        graph.add_node(node, sentences=int(mentions[node]))
    for row in edges.sort_values(["source", "target"]).itertuples(index=False):
        graph.add_edge(row.source, row.target, weight=int(row.sentences))
    community_of: dict[str, int] = {}
    if graph.number_of_edges():
        found = nx.algorithms.community.greedy_modularity_communities(graph, weight="weight")
        ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
        for number, members in enumerate(ordered, start=1):
            for node in members:
                community_of[node] = number
    nodes = pd.DataFrame({
        "node": ranked,
        "label": [lexicon.entity_label(n) for n in ranked],
        "sentences": [int(mentions[n]) for n in ranked],
        "degree": [graph.degree(n) for n in ranked],
        "community": [community_of.get(n, 0) for n in ranked],
    })
    return graph, nodes, edges
