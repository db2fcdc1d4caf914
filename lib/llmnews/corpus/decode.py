"""Decoding: bytes of an article file to text, or an ``ArticleError`` naming the file and the reason.

Size cap checked with ``stat()`` before reading; binary signatures and NUL bytes rejected;
byte-order mark; strict UTF-8; UTF-16 without a BOM (NUL pattern); strict GB18030 or Big5 chosen
by which one gives common Chinese text. Never ``errors="ignore"``, never a U+FFFD in the output.
"""

from __future__ import annotations

import codecs
import functools
from dataclasses import dataclass
from pathlib import Path

from llmnews.corpus.normalise import CONTROL_CHARACTERS as _CONTROL
from llmnews.corpus.normalise import normalise_text, to_simplified
from llmnews.errors import ArticleError

__all__ = ["MAX_FILE_BYTES", "DecodedText", "read_article_text"]


# A long Chinese news article is 10-50 kB of UTF-8; 5 MiB is a hundred times that. Anything bigger is
# a dump, a book or a binary, and reading it would stall a load of thousands of articles, so the
# size is checked with stat() before a single byte is read. Tests monkeypatch this to a small value.
MAX_FILE_BYTES = 5 * 1024 * 1024


# Files that are plainly not text, recognised by their first bytes (a PNG renamed .txt, etc.).
_BINARY_SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (.doc/.xls) document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"RIFF", "RIFF media (WAV/AVI/WebP)"),
]

# UTF-32 before UTF-16: the UTF-32 LE mark FF FE 00 00 starts with the UTF-16 LE mark FF FE.
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

# A decoding that is not UTF-8 is accepted only if at least this share of its non-ASCII characters
# are common Chinese characters (GB2312 hanzi after Traditional->Simplified) or punctuation. Real
# prose scores 0.99-1.0 (the five seeds and the three test articles); a short text with a rare name
# (王堃, 𠮷野家) still scores 0.8 or more. The mojibake of a wrong codec scores far lower (measured:
# random 20-400 byte stretches of the seeds' UTF-8 that GB18030 happens to accept, at most 0.54;
# Big5 stretches read as GB18030, at most 0.45; Japanese Shift-JIS read as GB18030, 0.14-0.21),
# because many byte pairs land on rare characters or kana.
# Limitation: Korean EUC-KR bytes fall inside GB2312's hanzi block and read as plausible Chinese
# nonsense; such a file is not caught here.
_PLAUSIBLE_SHARE = 0.75
# BOM-less UTF-16 is guessed from NUL bytes alone, so it must look like text beyond doubt.
_PLAUSIBLE_SHARE_UTF16 = 0.9

_COMMON_PUNCT = frozenset("，。、；：？！“”‘’《》〈〉（）【】「」『』…—·～－〔〕・　％＋＝／×÷°")


@dataclass(frozen=True)
class DecodedText:
    """A decoded, normalised article: ``text`` (see ``normalise_text``) and the ``encoding`` used."""

    text: str
    encoding: str


@functools.lru_cache(maxsize=1)
def _common_chinese() -> frozenset[str]:
    """Every character of GB2312 (the 6,763 common Simplified hanzi plus symbols), built once."""
    chars = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    # GB2312 also holds kana, Greek, Cyrillic and box drawing; a Chinese article has few of them,
    # and they are exactly what mojibake is full of, so they do not count as common.
    chars = {c for c in chars if "\u4e00" <= c <= "\u9fff"}
    return frozenset(chars | _COMMON_PUNCT)


def _plausible_share(text: str, rare_han_ok: bool = False) -> float:
    """Share of non-ASCII characters that are common Chinese (after Traditional->Simplified).

    ``rare_han_ok``: for GB18030, Extension A/B+ characters (𠮷) count as plausible. GB18030
    writes them with four bytes whose 2nd and 4th are ASCII digits, a pattern that Big5 or UTF-8
    bytes misread as GB18030 do not produce, so they were written on purpose.
    """
    non_ascii = [c for c in to_simplified(text) if ord(c) > 0x7F and not c.isspace()]
    if not non_ascii:
        return 1.0
    common = _common_chinese()
    if rare_han_ok:
        return sum(c in common or "\u3400" <= c <= "\u4dbf" or c >= "\U00020000" for c in non_ascii) / len(non_ascii)
    return sum(c in common for c in non_ascii) / len(non_ascii)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Decode BOM-less UTF-16 recognised by its NUL bytes, or None.

    In UTF-16 every ASCII character (digits, Latin letters, newlines: all common in Chinese news) has
    a NUL high byte, so NULs fall on odd offsets for little-endian and even offsets for big-endian.
    Both byte orders are tried strictly and kept only if the result reads as Chinese/ASCII text;
    random binary data with NULs fails one of the two tests.
    """
    if len(data) % 2:
        return None
    candidates = []
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(c < " " and c not in "\t\n\r\f" for c in text):
            continue
        candidates.append((_plausible_share(text), encoding, text))
    if not candidates:
        return None
    share, encoding, text = max(candidates)
    return (text, encoding) if share >= _PLAUSIBLE_SHARE_UTF16 else None


def _decode_bytes(path: Path, data: bytes) -> tuple[str, str]:
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise ArticleError(path, f"binary file ({kind} signature), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as err:
                raise ArticleError(path, f"starts with a {encoding} byte-order mark but is not valid "
                                         f"{encoding}: {err.reason} at byte {err.start + len(bom)}") from None
            if "\x00" in text:
                raise ArticleError(path, f"contains NUL characters after decoding as {encoding}: binary data")
            return text, encoding + ("-sig" if encoding == "utf-8" else "")
    first_nul = data.find(b"\x00")
    if first_nul != -1:
        found = _utf16_without_bom(data)
        if found is None:
            raise ArticleError(path, f"contains NUL bytes (first at byte {first_nul}) and is not "
                                     "UTF-16 text: binary data, not an article")
        return found
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_problem = f"not valid UTF-8 ({err.reason} at byte {err.start})"
    # Legacy Chinese encodings. GB18030 (a superset of GBK and GB2312) accepts almost every byte pair
    # Big5 produces, so "Big5 only if GB18030 fails" would never pick Big5; both are decoded strictly
    # and the one that reads as common Chinese wins, GB18030 first.
    problems = [utf8_problem]
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            problems.append(f"not valid {encoding.upper()} ({err.reason} at byte {err.start})")
            continue
        share = _plausible_share(text, rare_han_ok=encoding == "gb18030")
        if share >= _PLAUSIBLE_SHARE:
            return text, encoding
        problems.append(f"as {encoding.upper()} only {share:.0%} of its characters are common Chinese "
                        "(mojibake)")
    raise ArticleError(path, "cannot decode: " + "; ".join(problems)
                       + ". Save the file as UTF-8 (a truncated or corrupted file also ends up here)")



def read_article_text(path: str | Path) -> DecodedText:
    """Decode and normalise one article file; raise ``ArticleError`` naming the file and the reason.

    Order: size cap (``MAX_FILE_BYTES``, checked with ``stat()`` before reading), empty file,
    binary signatures (PNG, JPEG, PDF, ZIP ...), byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE),
    NUL bytes (BOM-less UTF-16 if their pattern fits, otherwise binary), strict UTF-8, then strict
    GB18030 (covers GBK and GB2312) or Big5, whichever reads as common Chinese. A file that
    already contains U+FFFD (damaged by an earlier lossy conversion) is rejected, as is one that is
    empty or only whitespace after normalisation, or has more than 0.5 % control characters (a
    stray few are invisible web-copy debris and are removed by ``normalise_text``).
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ArticleError(path, f"cannot read file: {err.strerror or err}") from None
    if size > MAX_FILE_BYTES:
        raise ArticleError(path, f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte cap "
                                 "(llmnews.corpus.decode.MAX_FILE_BYTES); not read")
    if size == 0:
        raise ArticleError(path, "empty file (0 bytes)")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ArticleError(path, f"cannot read file: {err.strerror or err}") from None
    raw, encoding = _decode_bytes(path, data)
    if "\ufffd" in raw:
        raise ArticleError(path, f"contains U+FFFD replacement characters (decoded as {encoding}): the "
                                 "text was already damaged by an earlier lossy conversion")
    controls = len(_CONTROL.findall(raw))
    if controls > max(2, len(raw) // 200):
        raise ArticleError(path, f"{controls} control characters in {len(raw)} characters: binary data, not text")
    text = normalise_text(raw)
    if not text.strip():
        raise ArticleError(path, "contains only whitespace" if raw else "empty after its byte-order mark")
    return DecodedText(text=text, encoding=encoding)

