"""Normalisation: one typographic form for every outlet, the script, and pinyin annotations.

``normalise_text`` runs on every decoded file; ``detect_script`` decides whether an article is in
Traditional script (analysed in Simplified form); ``strip_pinyin`` removes the pinyin that some
scraping converters write after characters (``國(guó)產(chǎn)``), keeping a map back to the original
offsets so that ``original_text`` can keep them.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["normalise_text", "detect_script", "strip_pinyin", "count_pinyin", "to_simplified", "CONTROL_CHARACTERS"]


# NFKC would turn these into something that reads differently: ① -> "1" glues a list number onto
# the next digit ("①2024年" -> "12024年"), ² -> "2" changes numbers (m² -> m2), … -> "..." and
# ㈠ -> "(一)" are harmless but lose the typography. They are kept as written.
_NFKC_PROTECTED = re.compile(
    "([\u2460-\u24ff\u2776-\u2793\u3220-\u3243\u3280-\u32b0\u00b2\u00b3\u00b9\u2070-\u209f\u2026]+)")
# Invisible characters that web copy leaves in text: zero-width space/joiners, word joiner, BOM.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Control characters other than tab and the line breaks splitlines() understands.
_CONTROL = re.compile("[\x01-\x08\x0e-\x1b\x1f\x7f]")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Chinese text for the purpose of spacing: Han, CJK punctuation, full-width forms, Chinese quotes.
_CJK = _HAN + "\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014"
# (Patterns start with a literal or a character class where they can: the regex engine then skips
# straight to candidate positions, which matters on ten thousand articles.)
_WIDE_GAP = re.compile(rf"(?<=[{_HAN}])(?: {{2,}}|[\u3000\u00a0]+ *)(?=[{_HAN}])")
_SPACE_RUN = re.compile(r"[ \t\f\v]{2,}|[\t\f\v]")
_LINE_EDGE_SPACE = re.compile(r" (?:(?=\n)|(?<=\n ))")
# A space with Chinese on either side is outlet typography, not a word boundary ("2 月 1 日",
# "" 静默 "", "Coze 扣子 "AI"); between two Latin words it is meaningful ("GPT-4 Turbo").
# Not after a line-initial bullet ("- 免责声明").
# "01 " / "1. " at a line start; not "2 月" (a date) - section numbers have a leading zero or a dot.
_SECTION_NUMBER_SPACE = re.compile(r"(0(?<![^\n]0)\d\.?|\d(?<![^\n]\d)\d?\.) ")
_SPACE_BY_CJK = re.compile(rf" (?<!\n[-*•●▪] )(?<!\A[-*•●▪] )(?:(?<=[{_CJK}] )|(?=[{_CJK}]))")


def normalise_text(text: str) -> str:
    """One normal form for every outlet's typography.

    - line endings (CRLF, CR, U+2028 ...) become ``\\n``; each line is stripped;
    - NFKC, so full-width letters and digits are ASCII (``ＧＰＴ－４`` -> ``GPT-4``, ``２０２４`` ->
      ``2024``). NFKC also maps full-width Chinese punctuation ``，：（）；？！`` to ASCII ``,:();?!``.
      That is kept deliberately: the seed articles already arrive with ASCII ``,:()?`` (their
      outlets normalised them), so mapping everyone else's full-width forms makes all articles use
      one form, which the cleaning rules and the tokenizer then handle once. ``。、“”《》「」`` have
      no compatibility form and stay. Circled numbers, superscripts and ``…`` are protected (see
      ``_NFKC_PROTECTED``);
    - zero-width characters and soft hyphens are removed, runs of spaces become one space;
    - spaces next to Chinese characters are removed, spaces between Latin words are kept; a wide gap
      between two Han characters (two or more spaces, an ideographic space) stays as one ideographic
      space ``U+3000``. ``normalise_text(normalise_text(t)) == normalise_text(t)``.
    """
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = "\n".join(text.splitlines())
    # A wide gap between two Han characters (two or more spaces, or an ideographic space) separates
    # names or headline phrases ("每经记者|肖某  王某某", "价格战开打　阿里、百度降价"), unlike the single
    # spaces some outlets put around every word: it stays, as one ideographic space (U+3000, which the
    # rules below leave alone, so that normalising twice changes nothing); \x02 holds its place.
    text = _WIDE_GAP.sub("\x02", text)
    if _NFKC_PROTECTED.search(text):
        parts = _NFKC_PROTECTED.split(text)
        text = "".join(p if i % 2 else unicodedata.normalize("NFKC", p) for i, p in enumerate(parts))
    else:
        text = unicodedata.normalize("NFKC", text)
    text = _SPACE_RUN.sub(" ", text)
    text = _LINE_EDGE_SPACE.sub("", text).strip(" ")
    if " " not in text:
        return text.replace("\x02", "\u3000")
    # The space after a section number ("01 大厂涌入", "1. 价格") separates the number from the
    # heading; a NUL (read_article_text rejects real ones) holds its place while the rest go.
    text = _SECTION_NUMBER_SPACE.sub("\\1\x00", text)
    text = _SPACE_BY_CJK.sub("", text)
    return text.replace("\x00", " ").replace("\x02", "\u3000")



# Control characters other than tab and line breaks; the decoder also counts them to refuse binary data.
CONTROL_CHARACTERS = _CONTROL


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported lazily: only needed once an article is read

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """OpenCC ``t2s``: Traditional characters to Simplified (Simplified text is unchanged)."""
    return _t2s().convert(text)


_SCRIPT_MIN_SHARE = 0.12  # share of Han characters OpenCC t2s changes for a text to be Traditional


def detect_script(text: str) -> tuple[str, str]:
    """("traditional", simplified text) or ("simplified", text).

    OpenCC's t2s leaves Simplified text unchanged (all five seeds: 0 characters changed), while
    Traditional prose has a quarter or more of its characters changed (the Traditional test article:
    27 %); 12 % separates the two even when a short Simplified text quotes a Traditional name.
    """
    simplified = _t2s().convert(text)
    if simplified == text:
        return "simplified", text
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff") or 1
    # Position-wise comparison; a phrase conversion that changes the length shifts the rest of the
    # text, so that case is counted by the length difference plus the changes before it.
    changed = sum(a != b for a, b in zip(text, simplified)) + abs(len(text) - len(simplified))
    if changed / han >= _SCRIPT_MIN_SHARE:
        return "traditional", simplified
    return "simplified", text


# Pinyin after a character, as some Traditional-script mirrors print it: 國(guó)產(chǎn), 來(lái)源. The
# syllable is 1-6 Latin letters with at least one tone-marked vowel (a plain "(ai)" or "(GPT)" in
# prose is not pinyin), in ASCII or full-width brackets, right after a Han character.
_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff\uf900-\ufaff])[(（](?=[a-zü{_TONE_VOWELS}]*[{_TONE_VOWELS}])"
                     rf"[a-zü{_TONE_VOWELS}]{{1,6}}[)）]")


def strip_pinyin(line: str) -> tuple[str, list[int] | None]:
    """``line`` without pinyin annotations, and for each kept character its offset in ``line``.

    The map is None when the line has no annotation (the common case: nothing to translate).
    ``map[i]`` is where character ``i`` of the result sits in ``line``, with one more entry,
    ``len(line)``, at the end; a span ``[s, e)`` of the result is ``[map[s], map[e])`` of the
    original, which includes the annotation after its last character.
    """
    if not _PINYIN.search(line):
        return line, None
    kept, offsets, position = [], [], 0
    for m in _PINYIN.finditer(line):
        kept.append(line[position:m.start()])
        offsets.extend(range(position, m.start()))
        position = m.end()
    kept.append(line[position:])
    offsets.extend(range(position, len(line)))
    return "".join(kept), offsets + [len(line)]


def count_pinyin(line: str) -> int:
    """How many pinyin annotations ``line`` holds."""
    return len(_PINYIN.findall(line))
