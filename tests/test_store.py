"""The analysis store: equal to the library's direct calls, incremental, safe on bad stores, and
the same tables on Dask as on this machine."""

from __future__ import annotations

import json
import shutil
import socket
import time

import pandas as pd
import pytest

from llmnews import corpus, paths, resources, store, synthetic, terms, text, timeline
from llmnews.store import manifest as manifests
from llmnews.store import stages, tables

SEEDS = paths.ROOT / "seeds"


def _copy_seeds(folder):
    folder.mkdir()
    for name in synthetic.SEED_FILES + ("metadata.csv",):
        shutil.copy(SEEDS / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    base = tmp_path_factory.mktemp("seed-store")
    seeds = _copy_seeds(base / "seeds")
    report = store.prepare(seeds, base / "store", quiet=True)
    return seeds, report, store.Store(report.store_dir)


@pytest.fixture(scope="module")
def direct(seed_store):
    seeds, _, _ = seed_store
    return corpus.load_corpus(seeds)


def test_articles_paragraphs_and_audit_equal_load_corpus(seed_store, direct):
    _, _, prepared = seed_store
    pd.testing.assert_frame_equal(prepared.articles, direct[prepared.articles.columns.tolist()])
    pd.testing.assert_frame_equal(prepared.paragraphs, corpus.paragraph_table(direct))
    pd.testing.assert_frame_equal(prepared.removed_lines, corpus.removed_lines_table(direct))
    assert prepared.skipped.empty
    assert list(prepared.articles["article_id"]) == [n[:-4] for n in synthetic.SEED_FILES]


def test_text_columns_keep_none_for_unknown(seed_store):
    _, _, prepared = seed_store
    titles = prepared.articles["title"]
    assert titles.dtype == object
    unknown_dates = prepared.articles["published"]
    # seed 003 states no year anywhere: its date stays unknown, as None, not NaN or ""
    assert unknown_dates[prepared.articles["article_id"] == "003_c435fa39d7ab8ed5"].tolist() == [None]


def test_term_counts_and_mentions_equal_segmenting_each_article(seed_store, direct):
    _, _, prepared = seed_store
    by_article = {a: text.tokenize(t) for a, t in zip(direct["article_id"], direct["text"])}
    pd.testing.assert_frame_equal(prepared.term_counts, terms.count_terms(by_article))
    pd.testing.assert_frame_equal(prepared.mentions, text.entity_mentions(direct))


def test_tokens_carry_offsets_paragraphs_and_sentences(seed_store):
    _, _, prepared = seed_store
    articles = prepared.articles.set_index("article_id")
    paragraphs = prepared.paragraphs
    for article_id, group in prepared.tokens.groupby("article_id"):
        body = articles.at[article_id, "text"]
        assert group["position"].tolist() == list(range(len(group)))
        lines = body.split("\n")
        for row in group.head(200).itertuples():
            surface = body[row.start:row.end]
            assert surface in lines[row.paragraph - 1]  # the token lies in its paragraph
        assert group["sentence"].is_monotonic_increasing
        assert group["paragraph"].max() <= paragraphs[paragraphs["article_id"] == article_id]["paragraph"].max()


def test_events_come_from_tokens_and_equal_segmenting_sentences(seed_store, direct):
    _, _, prepared = seed_store
    expected = timeline.release_events(direct)
    got = prepared.events.sort_values(["start", "end", "entity", "event_type", "article_id"], kind="stable")
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected)
    pd.testing.assert_frame_equal(prepared.merged_events, timeline.merge_events(expected))
    pd.testing.assert_frame_equal(prepared.time_expressions, timeline.time_expression_table(direct))


def test_the_mention_finder_never_segments_an_article_sentence(direct):
    articles = direct[stages.ARTICLE_COLUMNS]
    tokens = stages.tokens_table(articles)
    finder = stages._MentionsFromTokens(articles, tokens)
    timeline.release_events(articles, mention_finder=finder)
    assert finder.misses == 0


def test_term_totals_are_the_sums_of_the_term_counts(seed_store):
    _, _, prepared = seed_store
    counts = prepared.term_counts
    totals = prepared.term_totals.set_index("term")
    assert totals["count"].sum() == counts["count"].sum()
    gpt4 = counts[counts["term"] == "GPT-4"]
    assert totals.at["GPT-4", "count"] == gpt4["count"].sum()
    assert totals.at["GPT-4", "n_articles"] == gpt4["article_id"].nunique()


def test_tokens_of_reads_only_the_terms_asked_for(seed_store):
    _, _, prepared = seed_store
    rows = prepared.tokens_of(["GPT-4", "智谱AI"])
    assert set(rows["term"]) == {"GPT-4", "智谱AI"}
    assert len(rows) == int(prepared.tokens["term"].isin(["GPT-4", "智谱AI"]).sum())


def test_manifest_records_inputs_resources_and_rows(seed_store):
    seeds, report, prepared = seed_store
    m = prepared.manifest
    assert sorted(m.files) == sorted(synthetic.SEED_FILES)
    assert m.resources == resources.fingerprint()
    assert m.code == manifests.code_fingerprint()
    assert sum(m.rows["articles"].values()) == 5
    assert m.global_rows["term_totals"] == len(prepared.term_totals)
    assert report.rows["tokens"] == len(prepared.tokens)


def test_nothing_changed_answers_from_the_manifest(seed_store):
    seeds, report, _ = seed_store
    again = store.prepare(seeds, report.store_dir, quiet=True)
    assert again.up_to_date and again.redone == 0
    assert again.n_articles == 5


def _generated(folder, n, **kw):
    synthetic.write_corpus(folder, n, target_chars=600, **kw)
    return folder


def test_a_changed_article_re_prepares_only_its_partition(tmp_path):
    seeds = _generated(tmp_path / "articles", 30)
    first = store.prepare(seeds, tmp_path / "store", quiet=True, partition_articles=10)
    assert (first.partitions, first.redone) == (3, 3)
    target = seeds / "synthetic_00015.txt"
    target.write_text(target.read_text(encoding="utf-8") + "智谱AI今天发布了新模型。\n", encoding="utf-8")
    second = store.prepare(seeds, tmp_path / "store", quiet=True, partition_articles=10)
    assert (second.partitions, second.redone) == (3, 1)
    assert not second.rebuilt_because
    # the tables are those of a store prepared from nothing
    fresh = store.prepare(seeds, tmp_path / "fresh", quiet=True, partition_articles=10)
    for name in ("articles", "tokens", "term_counts", "events", "merged_events", "term_totals"):
        pd.testing.assert_frame_equal(store.Store(second.store_dir).table(name),
                                      store.Store(fresh.store_dir).table(name), obj=name)


def test_added_and_removed_articles_keep_file_name_order(tmp_path):
    seeds = _generated(tmp_path / "articles", 25)
    store.prepare(seeds, tmp_path / "store", quiet=True, partition_articles=10)
    (seeds / "synthetic_00003.txt").unlink()
    synthetic.write_corpus(seeds, 2, target_chars=600, start=100)  # synthetic_00100, 00101
    (seeds / "aaa_first.txt").write_text("百度发布了文心一言。\n", encoding="utf-8")
    report = store.prepare(seeds, tmp_path / "store", quiet=True, partition_articles=10)
    # partitions 00000-09, 00010-19, 00020-24: the first gains aaa and loses 00003, the last gains
    # 00100 and 00101; the middle one is untouched
    assert (report.partitions, report.redone) == (3, 2)
    ids = store.Store(report.store_dir).articles["article_id"].tolist()
    assert ids == sorted(p.stem for p in seeds.glob("*.txt"))


def test_a_partition_grown_past_twice_its_size_is_split(tmp_path):
    seeds = _generated(tmp_path / "articles", 12)
    store.prepare(seeds, tmp_path / "store", quiet=True, partition_articles=4)
    synthetic.write_corpus(seeds, 9, target_chars=300, start=12)  # all after the last partition's start
    report = store.prepare(seeds, tmp_path / "store", quiet=True, partition_articles=4)
    sizes = sorted(len(f) for f in store.Store(report.store_dir).manifest.partitions.values())
    assert max(sizes) <= 8 and sum(sizes) == 21


def test_a_truncated_or_foreign_store_is_rebuilt_with_the_reason(tmp_path, capsys):
    seeds = _generated(tmp_path / "articles", 5)
    report = store.prepare(seeds, tmp_path / "store", quiet=True)
    part = next((report.store_dir / "tokens").glob("*.parquet"))
    part.unlink()
    again = store.prepare(seeds, report.store_dir, quiet=False)
    assert "missing (truncated store)" in again.rebuilt_because
    assert "from scratch" in capsys.readouterr().err
    data = json.loads((report.store_dir / "manifest.json").read_text(encoding="utf-8"))
    data["resources"] = "another-lexicon"
    (report.store_dir / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    assert "another lexicon" in store.prepare(seeds, report.store_dir, quiet=True).rebuilt_because
    (report.store_dir / "manifest.json").write_text("{not json", encoding="utf-8")
    assert "unreadable" in store.prepare(seeds, report.store_dir, quiet=True).rebuilt_because


def test_an_interrupted_write_leaves_no_part_under_its_name(tmp_path, monkeypatch):
    frame = pd.DataFrame({"article_id": ["a"], "term": ["x"]})
    target = tmp_path / "tokens" / "p000000.parquet"

    def fail(table, where, **kw):
        where.write_bytes(b"PAR1 half")
        raise KeyboardInterrupt

    monkeypatch.setattr(tables.pq, "write_table", fail)
    with pytest.raises(KeyboardInterrupt):
        tables.write_table(frame, target)
    assert not target.exists()


def test_a_bad_file_is_skipped_with_its_reason_and_the_rest_prepares(tmp_path):
    seeds = _generated(tmp_path / "articles", 3)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    report = store.prepare(seeds, tmp_path / "store", quiet=True)
    skipped = store.Store(report.store_dir).skipped
    assert sorted(skipped["file"]) == ["empty.txt", "image.txt"]
    assert skipped["reason"].str.len().min() > 5
    assert report.n_articles == 3


def test_an_article_that_breaks_a_stage_is_reported_and_left_out(tmp_path, monkeypatch):
    seeds = _generated(tmp_path / "articles", 4)
    real = timeline.time_expression_table

    def broken(articles):
        if (articles["article_id"] == "synthetic_00002").any():
            raise ValueError("no rule for this text")
        return real(articles)

    monkeypatch.setattr(timeline, "time_expression_table", broken)
    report = store.prepare(seeds, tmp_path / "store", quiet=True, processes=1)
    prepared = store.Store(report.store_dir)
    assert prepared.skipped["file"].tolist() == ["synthetic_00002.txt"]
    assert "ValueError: no rule for this text" in prepared.skipped.at[0, "reason"]
    assert "synthetic_00002" not in set(prepared.tokens["article_id"])
    assert len(prepared.articles) == 3


def test_a_missing_folder_is_an_error_naming_it(tmp_path):
    with pytest.raises(store.StoreError, match="does not exist"):
        store.prepare(tmp_path / "nowhere", tmp_path / "store", quiet=True)


def test_the_worker_pool_gives_the_serial_tables(tmp_path, monkeypatch):
    from llmnews.store import runner as preparing

    seeds = _generated(tmp_path / "articles", 12)
    monkeypatch.setattr(preparing, "MIN_ARTICLES_FOR_POOL", 1)
    serial = store.prepare(seeds, tmp_path / "serial", quiet=True, processes=1, partition_articles=4)
    pooled = store.prepare(seeds, tmp_path / "pooled", quiet=True, processes=2, partition_articles=4)
    assert pooled.engine == "2 processes"
    for name in tables.ARTICLE_TABLES + tables.GLOBAL_TABLES:
        pd.testing.assert_frame_equal(store.Store(serial.store_dir).table(name),
                                      store.Store(pooled.store_dir).table(name), obj=name)


def test_a_bundle_with_another_lexicon_changes_the_segmenter(tmp_path):
    original = resources.bundle()
    files = dict(original.files)
    files["lexicon.csv"] = files["lexicon.csv"].rstrip(b"\n") + "\n星河九号,model,,,Xinghe-9,test entity\n".encode()
    changed = resources.Bundle(tuple(files.items()), resources._digest(tuple(files.items())))
    try:
        resources.use(changed)
        assert "星河九号" in text.tokenize("公司发布了星河九号大模型")
    finally:
        resources._override_dir = None
        resources._in_use = None
        resources._reset_caches()
    assert "星河九号" not in text.tokenize("公司发布了星河九号大模型")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_dask_local_cluster_gives_the_pandas_tables(tmp_path):
    """Seeds plus 200 generated articles, on a 2-process LocalCluster, table by table."""
    seeds = _copy_seeds(tmp_path / "articles")
    synthetic.write_corpus(seeds / "generated", 200, target_chars=1500, with_metadata=False)
    for path in (seeds / "generated").glob("*.txt"):
        path.rename(seeds / path.name)
    (seeds / "generated").rmdir()
    local = store.prepare(seeds, tmp_path / "pandas", quiet=True, partition_articles=50)
    on_dask = store.prepare(seeds, tmp_path / "dask", quiet=True, dask="local:2", partition_articles=50)
    assert on_dask.engine == "dask local:2" and on_dask.n_articles == 205
    for name in tables.ARTICLE_TABLES + tables.GLOBAL_TABLES:
        pd.testing.assert_frame_equal(store.Store(local.store_dir).table(name),
                                      store.Store(on_dask.store_dir).table(name), obj=name)


@pytest.mark.slow  # waits out the 10 s connect timeout
def test_a_dask_address_that_does_not_answer_fails_fast_naming_it(tmp_path):
    seeds = _generated(tmp_path / "articles", 2)
    address = f"tcp://127.0.0.1:{_free_port()}"
    started = time.perf_counter()
    with pytest.raises(store.StoreError, match=address.replace(".", r"\.")):
        store.prepare(seeds, tmp_path / "store", quiet=True, dask=address)
    assert time.perf_counter() - started < 15


@pytest.mark.parametrize("unit, window", [("paragraph", 1), ("sentences", 2), ("sentences", 3)])
def test_topic_units_take_the_tokens_segmenting_them_would_give(seed_store, unit, window):
    from llmnews import topics

    _, _, prepared = seed_store
    units = topics.build_units(prepared.paragraphs, unit, window)
    from_store = topics.unit_tokens(units, prepared.tokens, prepared.paragraphs)
    assert from_store == [text.tokenize(t) for t in units["text"]]


def test_the_sweep_sample_is_seeded_and_bounded():
    from llmnews import topics

    assert topics.sample_units(5, 10, seed=1) == [0, 1, 2, 3, 4]
    first = topics.sample_units(10_000, 300, seed=7)
    assert first == topics.sample_units(10_000, 300, seed=7) and len(first) == 300 and first == sorted(first)
    assert first != topics.sample_units(10_000, 300, seed=8)


def test_keyword_in_context_and_dispersion_from_the_store_equal_segmenting_again(seed_store):
    _, _, prepared = seed_store
    texts = dict(zip(prepared.articles["article_id"], prepared.articles["text"]))
    rows = prepared.tokens_of(["GPT-4", "OpenAI"])
    pd.testing.assert_frame_equal(terms.keyword_in_context_from_tokens(texts, rows, "GPT-4", 14),
                                  terms.keyword_in_context(texts, "GPT-4", 14))
    n_tokens = prepared.tokens.groupby("article_id").size().to_dict()
    pd.testing.assert_frame_equal(terms.term_positions_from_tokens(rows, n_tokens, ["GPT-4", "OpenAI"]),
                                  terms.term_positions(texts, ["GPT-4", "OpenAI"]))


def test_prices_changes_and_quantities_equal_reading_each_article(seed_store, direct):
    from llmnews import facts

    _, _, prepared = seed_store
    expected = facts.facts_for_partition(direct)
    pd.testing.assert_frame_equal(prepared.prices, expected["prices"])
    pd.testing.assert_frame_equal(prepared.price_changes, expected["changes"])
    pd.testing.assert_frame_equal(prepared.quantities, expected["quantities"])
    assert len(prepared.prices) > 0 and len(prepared.quantities) > 0
