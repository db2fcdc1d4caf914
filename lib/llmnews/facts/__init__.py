"""Numbers as facts: token prices, relative price changes and quantities, normalised, dated, sourced.

``price_facts(articles)``, ``price_changes(articles)`` and ``quantity_facts(articles)`` take the
articles table of ``corpus.load_corpus`` (``article_id``, ``text``, ``published``,
``published_basis``) and work article by article: ``prices_in_text``, ``changes_in_text`` and
``quantities_in_text`` read one text with its publication anchor, so a partitioned articles table
maps onto them partition by partition (``ddf.map_partitions(price_facts)``) and nothing needs the
whole corpus. Every table has flat columns only; exact values are strings (``"0.0008"``, ``"-2/3"``)
beside a float for plotting.

Modules: ``numbers`` (Chinese/Arabic numbers with 万/亿, exact), ``exchange`` (dated USD->CNY rates
shipped as data), ``context`` (sentence, date and entity of a fact), ``prices``, ``changes``,
``quantities``, ``extract`` (all three tables from one reading of each article, for a store that
maps over partitions), ``tables`` (tables for reading), ``evaluation`` (precision/recall against
hand-labelled gold).
"""

from llmnews.facts.changes import CHANGE_COLUMNS, changes_in_text, price_changes
from llmnews.facts.extract import FACT_TABLES, facts_for_partition, facts_in_text
from llmnews.facts.evaluation import CHANGE_KEYS, PRICE_KEYS, QUANTITY_KEYS, score_facts
from llmnews.facts.numbers import NumberError, parse_fraction, parse_number
from llmnews.facts.prices import PRICE_COLUMNS, price_facts, prices_in_text
from llmnews.facts.quantities import QUANTITY_COLUMNS, quantities_in_text, quantity_facts

__all__ = [
    "CHANGE_COLUMNS", "CHANGE_KEYS", "FACT_TABLES", "NumberError", "facts_for_partition", "facts_in_text", "PRICE_COLUMNS", "PRICE_KEYS", "QUANTITY_COLUMNS",
    "QUANTITY_KEYS", "changes_in_text", "parse_fraction", "parse_number", "price_changes", "price_facts",
    "prices_in_text", "quantities_in_text", "quantity_facts", "score_facts",
]
