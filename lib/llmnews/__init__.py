"""llmnews: Chinese news coverage of the large-language-model race, analysed reproducibly.

Modules, one job each:

- ``paths``: every folder the project reads or writes (nothing else spells a path).
- ``corpus``: decode, clean and load the articles in ``seeds/``.
- ``lexicon``: the domain lexicon of models, products, organisations and people.
- ``text``: lexicon-aware segmentation (jieba) and stop words.
- ``terms``: term counts, weighted log-odds, TF-IDF, keyword in context.
- ``topics``: NMF / LDA topic models and their quality measures.
- ``dates``: Chinese time expressions, normalised with their granularity.
- ``timeline``: dated release events with provenance and conflicts.
- ``plots``: the one save helper for figures (bundled CJK font, deterministic bytes).
- ``build``: ``python -m llmnews build``, every notebook to reports and figures.
"""

__version__ = "0.1.0"
