"""jieba's exact mode without HMM, piece for piece, at many times its speed.

The segmenter cuts every article with jieba's exact mode (``Tokenizer.cut(text, HMM=False)``), and
on a news corpus that one call was three quarters of preparing the store: jieba spends it in Python
passes over each block of Chinese text (``get_DAG`` lists the dictionary words starting at each
character, ``calc`` finds the most probable route backwards, calling ``log`` for every edge).
``ExactCutter`` gives the same pieces two ways:

- **jieba-rs** (the ``rjieba`` binding), a port of the same algorithm to Rust, loaded with *this*
  tokenizer's dictionary word for word and frequency for frequency (so its total, and every edge
  weight, is jieba's), cuts the text: about ten times faster than jieba on the same text;
- **the same dynamic programme in Python** (``_cut_block``, one backward pass with each word's log
  weight computed once) cuts the blocks where the two are known to part: two routes of exactly
  equal probability, where jieba's ``max`` over ``(score, end)`` takes the later end and jieba-rs
  the earlier. Such ties come from the same two words in the other order (``人|人人`` against
  ``人人|人`` in ``人人人``: the same two floats added either way round), so a block holding a unit
  three times in a row (``_REPEATED``: ``人人人``, the ``000`` of ``10000``, ``哈哈哈``) is cut in
  Python, exactly as jieba does: the edges are ``text[k:i + 1]`` while a key of ``FREQ``, kept when
  its frequency is not zero (the single character when none is); the score is jieba's expression
  in jieba's order; ties go to the later end.

What is not caught: a tie of another kind, different words whose frequencies multiply to the same
number, or three words reordered (``A|BA|B`` against ``AB|A|B``) with sums that happen to round
alike. jieba-rs would cut such a block its own way, one equally probable cut for the other; none
turned up in the tests' articles or in 300,000 random strings (three alphabets, one of them of
many scripts).

``tests/test_exact_cut.py`` checks the pieces against ``jieba.Tokenizer.cut`` itself on the seeds,
the test articles, generated text and random strings over many scripts (the random strings are
where jieba-rs alone differed: 4 in 20,000, all in repeated units; none once those go to Python).
A cutter is a snapshot of the tokenizer's dictionary: make it after the last ``add_word``.
"""

from __future__ import annotations

import re
from math import log

import jieba
import rjieba

__all__ = ["ExactCutter"]

_BLOCK = jieba.re_han_default  # runs of Chinese, ASCII letters, digits and +#&._%-
_SPACE = jieba.re_skip_default  # \r\n or one whitespace character
# A unit repeated three times inside a block of jieba's characters: where equal-scored routes live.
_REPEATED = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+)\1\1")
_MISSING = object()
_NO_SCORE = float("-inf")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")  # jieba's re_eng


class ExactCutter:
    """``cut(text)`` is ``list(tokenizer.cut(text, HMM=False))`` for the tokenizer it was made from."""

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        tokenizer.check_initialized()
        self._freq = tokenizer.FREQ
        self._logtotal = log(tokenizer.total)
        self._weight_table = None  # made on the first block cut in Python, not by every process
        # A character that is no word scores log(1) - log(total), as jieba's ``or 1`` gives it.
        self._unknown = log(1) - self._logtotal
        # jieba-rs with exactly jieba's dictionary: every word with its frequency, nothing of its own.
        self._fast = rjieba.Jieba.empty()
        for word, freq in tokenizer.FREQ.items():
            if freq:
                self._fast.add_word(word, freq, None)

    @property
    def _weight(self) -> dict:
        """Every key of FREQ (words and their prefixes: where an edge search may go on), mapped to
        jieba's log(freq) - log(total) for a word, to None for a prefix that is no word (freq 0)."""
        if self._weight_table is None:
            logtotal = self._logtotal
            self._weight_table = {key: log(freq) - logtotal if freq else None for key, freq in self._freq.items()}
        return self._weight_table

    def cut(self, text: str) -> list[str]:
        pieces = self._fast.cut(text, False)
        if _REPEATED.search(text) is None:
            return pieces
        # Some block holds a repeated unit: cut those blocks in Python, keep jieba-rs's pieces
        # elsewhere (pieces never cross a block's edge, so the blocks' pieces are contiguous).
        out: list[str] = []
        position = 0  # where pieces[index] starts in the text
        index = 0
        for block in _BLOCK.finditer(text):
            if _REPEATED.search(block.group()) is None:
                continue
            start, end = block.span()
            while position < start:
                out.append(pieces[index])
                position += len(pieces[index])
                index += 1
            while position < end:
                position += len(pieces[index])
                index += 1
            if position != end:  # pragma: no cover - jieba-rs cut across a block's edge
                raise AssertionError(f"jieba-rs cut across the block {block.group()!r}")
            self._cut_block(block.group(), out)
        out.extend(pieces[index:])
        return out

    def python_cut(self, text: str) -> list[str]:
        """The same pieces with every block cut in Python (the reference the tests hold jieba-rs to)."""
        pieces: list[str] = []
        for block in _BLOCK.split(text):
            if not block:
                continue
            if _BLOCK.match(block):
                self._cut_block(block, pieces)
            else:  # whitespace and symbols: one piece each, \r\n together (jieba.Tokenizer.cut)
                for part in _SPACE.split(block):
                    if _SPACE.match(part):
                        pieces.append(part)
                    else:
                        pieces.extend(part)
        return pieces

    def _cut_block(self, block: str, pieces: list[str]) -> None:
        weight = self._weight
        missing = _MISSING
        unknown = self._unknown
        n = len(block)
        best = [0.0] * (n + 1)  # best[k]: score of the best route from k to the end (jieba's route)
        ends = [0] * n  # ends[k]: last character of the first word of that route
        for k in range(n - 1, -1, -1):
            score = _NO_SCORE
            end = -1
            i = k
            w = weight.get(block[k], missing)
            while w is not missing:
                if w is not None:
                    candidate = w + best[i + 1]
                    if candidate >= score:  # >=: the later end wins a tie, as in jieba
                        score = candidate
                        end = i
                i += 1
                if i == n:
                    break
                w = weight.get(block[k:i + 1], missing)
            if end < 0:  # no word starts here: the character alone
                score = unknown + best[k + 1]
                end = k
            best[k] = score
            ends[k] = end
        # Read the route off; single ASCII letters or digits in a row make one piece.
        append = pieces.append
        buffer = ""
        x = 0
        while x < n:
            y = ends[x] + 1
            if y == x + 1 and block[x] in _ASCII_ALNUM:
                buffer += block[x]
            else:
                if buffer:
                    append(buffer)
                    buffer = ""
                append(block[x:y])
            x = y
        if buffer:
            append(buffer)
