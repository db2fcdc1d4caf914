"""The project's one sentence rule: where a Chinese news sentence starts and ends.

Everything that works sentence by sentence (topic windows, dated events, the publication-date
inference, co-mentions, numbers) splits with ``sentence_spans``, so every stage sees the same
sentences. This module imports nothing heavy: a worker that only needs sentences loads no jieba.
"""

from __future__ import annotations

import re

__all__ = ["sentence_spans", "sentences"]

# Sentence ends: Chinese and ASCII full stops, question and exclamation marks, semicolons (which
# separate independent clauses in Chinese news prose), and line breaks.
_SENTENCE_END = "。！？!?；;"
# Closing quotes and brackets that belong to the sentence they end: 他说：“好。” stays one sentence.
_CLOSERS = "”’」』）)》】\"'"
_SENTENCE = re.compile(rf"[^{_SENTENCE_END}\n]*(?:[{_SENTENCE_END}]+[{_CLOSERS}]*|\n|$)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence of ``text``: the one sentence rule of the project.

    A sentence ends at 。！？；(or ASCII !?;), keeping the terminators and any closing quotes or
    brackets right after them, or at a line break. Surrounding whitespace is left out and
    whitespace-only pieces are not sentences. Topic-model windows and dated events both use it.
    """
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (``sentence_spans`` sliced out)."""
    return [text[start:end] for start, end in sentence_spans(text)]
