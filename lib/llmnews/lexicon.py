"""The domain lexicon: models, products, organisations and people of the LLM race.

The data lives in ``data/lexicon.csv`` (UTF-8, one row per entity; ``data/lexicon_README.md`` says
how to add one). Columns:

- ``canonical``: the name every alias is mapped to; it is itself a surface form.
- ``type``: ``model``, ``product``, ``organization`` or ``person``.
- ``organization``: the owning organisation, itself a canonical organisation name, or empty.
- ``aliases``: other surface forms, separated by ``|``. A leading ``~`` marks a surface that is
  ambiguous on its own (``~阿里``: 阿里山; ``~字节``: 千字节): it is handed to jieba's dictionary
  instead of being forced, so jieba's word model decides from the context (see ``llmnews.text``).
  ``~`` on the canonical name itself (``小米`` with alias ``~小米``) does the same for the canonical.
- ``english``: the gloss used in figure labels.
- ``note``: free text for the reader (why an alias is in or out).

Matching rules the lexicon promises (implemented in ``llmnews.text``):

- Surfaces are matched case-sensitively, except those with four or more Latin letters
  (``ChatGPT`` also matches ``chatgpt``, ``BOSS直聘`` matches ``Boss直聘``): shorter ones are
  acronyms whose case carries meaning (``xAI`` is not ``XAI``, explainable AI; ``GLM-4``).
- A space inside a surface, and the seam between Latin/digits and Chinese, may be present or absent
  in the text (``Open AI`` = ``OpenAI``, ``360智脑`` = ``360 智脑``); so two surfaces that differ only
  by spaces are the same key, and validation treats them as one.

Versions the lexicon has not seen (``version_pattern``, ``version_info``): a known family followed
by a version (``GLM-4.5``, ``Qwen2.5-Max``, ``DeepSeek V2.5``, ``Kimi k1.5``, ``abab6.5s``,
``Baichuan-53B``, ``Yi-Lightning``, ``Claude 3.5 Haiku``) is one name and one entity of the
family's organisation, so a new release is neither cut into pieces nor lost. The families are
every model or product surface ending in a Latin letter or digit (``GLM``, ``GPT-4o``, ``Qwen2.5``,
``Doubao-pro``, ``豆包通用模型pro``) plus the stems in ``data/lexicon_versions.csv``, which only
count with a version after them (bare ``Yi`` and ``Step`` are ordinary words). A name the lexicon
lists is always the lexicon's entity (``DeepSeek V3`` -> ``DeepSeek-V3``); an unseen one keeps its
written form, spaces collapsed, as its name.

Validation on load: every required column present, types from the allowed set, every owner a
canonical organisation, and no surface (after the normalisation above) mapped to two canonical
names. Each failure raises :class:`LexiconError` naming the file, the row and the reason.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from llmnews import paths
from llmnews.errors import LexiconError  # re-exported: lexicon.LexiconError still works

if TYPE_CHECKING:  # pandas is imported only when a table is asked for: tokenizer workers skip it
    import pandas as pd

__all__ = [
    "ALIAS_SEPARATOR",
    "CASE_INSENSITIVE_MIN_LEN",
    "COLUMNS",
    "CONTEXT_MARK",
    "ENTITY_TYPES",
    "HAN",
    "LEXICON_PATH",
    "LexiconError",
    "NAME_DOTS",
    "Surface",
    "VERSIONS_PATH",
    "canonical_name",
    "entity_info",
    "entity_label",
    "is_entity",
    "is_latin",
    "load_lexicon",
    "read_lexicon",
    "reset_cache",
    "surface_key",
    "surfaces",
    "version_info",
    "version_pattern",
    "version_stems",
]

LEXICON_PATH = paths.PACKAGE_DATA_DIR / "lexicon.csv"
VERSIONS_PATH = paths.PACKAGE_DATA_DIR / "lexicon_versions.csv"
ENTITY_TYPES = ("model", "product", "organization", "person")
COLUMNS = ("canonical", "type", "organization", "aliases", "english", "note")
ALIAS_SEPARATOR = "|"
# Marks an alias that only counts where jieba's own word model also cuts it as a word.
CONTEXT_MARK = "~"
# Surfaces with at least this many Latin letters match in any letter case; fewer: acronyms.
CASE_INSENSITIVE_MIN_LEN = 4
# Interpuncts used between the parts of transliterated names (埃隆·马斯克); all count as one.
NAME_DOTS = "·•・‧"

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_SPACES = re.compile(r"\s+")
_DOTS = re.compile(f"[{NAME_DOTS}]")


class Surface(NamedTuple):
    """One way an entity is written in text."""

    text: str  # as written in the lexicon (spaces kept)
    canonical: str
    case_insensitive: bool
    context_sensitive: bool  # True: jieba decides (``~`` in the lexicon)


def is_latin(term: str) -> bool:
    """True when ``term`` has no Chinese characters (``GPT-4o``, ``Mistral AI``)."""
    return not HAN.search(term)


def surface_key(surface: str, *, case_insensitive: bool = False) -> str:
    """The normalised form two surfaces must share to be the same: no spaces, one interpunct."""
    key = _DOTS.sub("·", _SPACES.sub("", surface))
    return key.casefold() if case_insensitive else key


def _is_case_insensitive(surface: str) -> bool:
    return len(_LATIN_LETTER.findall(surface)) >= CASE_INSENSITIVE_MIN_LEN


def _parse_rows(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [c for c in COLUMNS[:5] if c not in header]
            if missing:
                raise LexiconError(path, None, f"missing column(s) {', '.join(missing)}")
            # Row numbers are file lines (the header is line 1) so an editor can jump to them.
            return [dict(row, _row=number) for number, row in enumerate(reader, start=2)]
    except UnicodeDecodeError as exc:
        raise LexiconError(path, None, f"not UTF-8 ({exc.reason})") from exc


def read_lexicon(path: str | Path) -> tuple[pd.DataFrame, tuple[Surface, ...]]:
    """Read and validate a lexicon file; returns the entity table and every surface form.

    Not cached: :func:`load_lexicon` and :func:`surfaces` cache the package's own file.
    """
    records, found = _read_records(Path(path))
    return _table(records), found


def _table(records: list[dict]) -> pd.DataFrame:
    import pandas as pd

    table = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    table["aliases"] = table["aliases"].map(list)  # a fresh list per row: callers may edit
    return table


def _read_records(path: Path) -> tuple[list[dict], tuple[Surface, ...]]:
    rows = _parse_rows(path)
    records: list[dict] = []
    found: list[Surface] = []
    owner_of: dict[str, tuple[str, int]] = {}
    canonical_rows: dict[str, int] = {}
    key_owner: dict[str, tuple[str, int, str]] = {}
    folded_owner: dict[str, tuple[str, int, str]] = {}

    def claim(surface: Surface, row: int) -> None:
        key = surface_key(surface.text)
        previous = key_owner.get(key)
        if previous and previous[0] != surface.canonical:
            raise LexiconError(
                path, row,
                f"alias {surface.text!r} of {surface.canonical!r} is already an alias of "
                f"{previous[0]!r} (row {previous[1]}, as {previous[2]!r})",
            )
        key_owner.setdefault(key, (surface.canonical, row, surface.text))
        folded = key.casefold()
        previous = folded_owner.get(folded)
        if previous and previous[0] != surface.canonical and (
            surface.case_insensitive or _is_case_insensitive(previous[2])
        ):
            raise LexiconError(
                path, row,
                f"alias {surface.text!r} of {surface.canonical!r} matches {previous[2]!r} of "
                f"{previous[0]!r} (row {previous[1]}) when letter case is ignored",
            )
        folded_owner.setdefault(folded, (surface.canonical, row, surface.text))

    for row in rows:
        number = row["_row"]
        canonical = (row.get("canonical") or "").strip()
        kind = (row.get("type") or "").strip()
        owner = (row.get("organization") or "").strip()
        english = (row.get("english") or "").strip()
        if not canonical:
            raise LexiconError(path, number, "empty canonical name")
        if canonical.startswith(CONTEXT_MARK):
            raise LexiconError(path, number, f"canonical {canonical!r} may not start with "
                               f"{CONTEXT_MARK!r}; mark it in the aliases instead")
        if canonical in canonical_rows:
            raise LexiconError(path, number, f"canonical {canonical!r} already defined in row "
                               f"{canonical_rows[canonical]}")
        canonical_rows[canonical] = number
        if kind not in ENTITY_TYPES:
            raise LexiconError(path, number, f"type {kind!r} of {canonical!r} is not one of "
                               f"{', '.join(ENTITY_TYPES)}")
        raw_aliases = [a.strip() for a in (row.get("aliases") or "").split(ALIAS_SEPARATOR)]
        if any(not a for a in raw_aliases) and (row.get("aliases") or "").strip():
            raise LexiconError(path, number, f"empty alias in {row.get('aliases')!r} "
                               f"(aliases are separated by {ALIAS_SEPARATOR!r})")
        context_marked = {a[1:].strip() for a in raw_aliases if a.startswith(CONTEXT_MARK)}
        aliases: list[str] = []
        for alias in raw_aliases:
            alias = alias.lstrip(CONTEXT_MARK).strip()
            if alias and alias != canonical and alias not in aliases:
                aliases.append(alias)
        for text in [canonical, *aliases]:
            surface = Surface(text, canonical, _is_case_insensitive(text), text in context_marked)
            if surface.context_sensitive and not all(HAN.match(char) for char in text):
                # jieba's dictionary cannot hold spaces and its regexes split Latin from Chinese.
                raise LexiconError(path, number, f"{CONTEXT_MARK}{text!r}: only Chinese surfaces "
                                   "(Chinese characters only) can be left to jieba")
            claim(surface, number)
            found.append(surface)
        owner_of[canonical] = (owner, number)
        records.append({
            "canonical": canonical,
            "type": kind,
            "organization": owner,
            "aliases": aliases,
            "english": english or canonical,
            "note": (row.get("note") or "").strip(),
        })

    organisations = {r["canonical"] for r in records if r["type"] == "organization"}
    for canonical, (owner, number) in owner_of.items():
        if owner == canonical:
            raise LexiconError(path, number, f"{canonical!r} cannot own itself; leave "
                               "organization empty for a top-level organisation")
        if owner and owner not in organisations:
            raise LexiconError(path, number, f"organization {owner!r} of {canonical!r} is not a "
                               "canonical organization in the lexicon")
    return records, tuple(found)


@lru_cache(maxsize=1)
def _package_lexicon() -> tuple[tuple[dict, ...], tuple[Surface, ...]]:
    from llmnews import resources  # the file a Dask worker was sent, else the package's own

    records, found = _read_records(resources.data_path(LEXICON_PATH.name))
    return tuple(records), found


def reset_cache() -> None:
    """Read the lexicon file again on next use (``resources.use`` after switching files)."""
    for cached in (_package_lexicon, _indexes, _version_families, version_pattern, version_info):
        cached.cache_clear()


def load_lexicon() -> pd.DataFrame:
    """The package lexicon, one row per entity (read once; each call returns a fresh table)."""
    return _table([dict(r) for r in _package_lexicon()[0]])


def surfaces() -> tuple[Surface, ...]:
    """Every surface form of the package lexicon (canonical names and aliases)."""
    return _package_lexicon()[1]


@lru_cache(maxsize=1)
def _indexes() -> tuple[dict[str, str], dict[str, str], dict[str, dict]]:
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for surface in surfaces():
        exact[surface_key(surface.text)] = surface.canonical
        if surface.case_insensitive:
            folded[surface_key(surface.text, case_insensitive=True)] = surface.canonical
    info = {
        row["canonical"]: {
            "type": row["type"],
            "organization": row["organization"] or None,
            "english": row["english"],
            "aliases": tuple(row["aliases"]),
        }
        for row in _package_lexicon()[0]
    }
    return exact, folded, info


def canonical_name(surface: str) -> str | None:
    """The canonical name for a surface form (``Open AI`` -> ``OpenAI``), or None if unknown.

    An unseen version of a known family (``GLM-4.5``) is its own canonical name (spaces collapsed).
    """
    exact, folded, _ = _indexes()
    key = surface_key(surface)
    found = exact.get(key)
    if found is None:
        found = folded.get(key.casefold())
    if found is None and version_info(surface) is not None:
        found = _version_name(surface)
    return found


def is_entity(term: str) -> bool:
    """True for a canonical name or any alias of a lexicon entity."""
    return canonical_name(term) is not None


def entity_info(canonical: str) -> dict | None:
    """``type``, ``organization`` (or None), ``english`` and ``aliases`` of a canonical name.

    An unseen version of a known family (``Qwen2.5-Max``) is an entity too: a model (or product)
    of the family's organisation, with ``family`` naming the lexicon entity it extends.
    """
    found = _indexes()[2].get(canonical)
    if found is not None:
        return dict(found)
    found = version_info(canonical)
    return dict(found) if found is not None else None


def entity_label(term: str) -> str:
    """Bilingual label for figures: ``智谱AI (Zhipu AI)``; Latin names (``GPT-4o``) stay as they are.

    Aliases are labelled by their canonical entity; a term that is no entity is returned unchanged.
    """
    canonical = canonical_name(term)
    if canonical is None:
        return term
    english = entity_info(canonical)["english"]
    if is_latin(canonical) or not english or english == canonical:
        return canonical
    return f"{canonical} ({english})"


# --- versions the lexicon does not list -------------------------------------------------------

# What may follow a family's name to make a version of it. Glued or hyphenated numbers (GLM-4.5,
# Qwen2.5, abab6.5s, Baichuan-53B), a letter with a number (DeepSeek V2.5, Kimi k1.5, ERNIE X1),
# a hyphenated word (Yi-Lightning, Qwen-Max, Doubao-pro), then more hyphenated parts (-32k,
# -Instruct) and spaced size words (Claude 3.5 Sonnet, Gemini 1.5 Pro). A spaced bare number only
# after a family ending in a letter (Claude 3, not "GPT-4 3月"), never before a date or quantity unit.
_VARIANT_WORDS = ("Pro|Max|Plus|Ultra|Turbo|Flash|Lite|Mini|mini|Nano|Air|Sonnet|Opus|Haiku|Large|"
                  "Medium|Small|Tiny|Speed|Vision|Preview|Omni|Instruct|Chat|Coder|Thinking|Reasoner")
_UNIT_AFTER = "年月日号%％万亿元个家台天倍位款项人次分秒"
_TAIL_CORE = (r"(?:[-.]?[0-9]+(?:\.[0-9]+)*[A-Za-z]{0,2}"
              r"|[- ]?[VRKXZvrkxz][0-9]+(?:\.[0-9]+)*[A-Za-z]{0,2}"
              r"|-[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9])")
_TAIL_SPACED_NUMBER = r"(?<=[A-Za-z]) [0-9]{1,2}(?:\.[0-9]+)?"
_TAIL_MORE = rf"(?:-[A-Za-z0-9][A-Za-z0-9.]*[A-Za-z0-9]|-[A-Za-z0-9])*(?: (?:{_VARIANT_WORDS}))*"
_TAIL_GUARD = rf"(?![A-Za-z0-9])(?![-.][A-Za-z0-9])(?![ ]*[{_UNIT_AFTER}])"
_VERSION_WORDS_ONLY = rf"(?: (?:{_VARIANT_WORDS}))+"


def _read_version_stems() -> list[dict]:
    """Rows of ``data/lexicon_versions.csv``: ``stem, family, type, note``."""
    from llmnews import resources  # the file a Dask worker was sent, else the package's own

    with open(resources.data_path(VERSIONS_PATH.name), encoding="utf-8", newline="") as handle:
        rows = [dict(row, _row=number) for number, row in enumerate(csv.DictReader(handle), start=2)]
    info = _indexes()[2]
    for row in rows:
        if row["family"] not in info:
            raise LexiconError(VERSIONS_PATH, row["_row"], f"family {row['family']!r} of stem "
                               f"{row['stem']!r} is not a canonical name in the lexicon")
        if (row.get("type") or "model") not in ("model", "product"):
            raise LexiconError(VERSIONS_PATH, row["_row"], f"type {row['type']!r} is not model or product")
    return rows


@lru_cache(maxsize=1)
def _version_families() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]],
                                 dict[str, tuple[str, str]]]:
    """(stem -> (family, type)) for the automatic Latin-ending stems, the listed (bound) ones, and
    the Chinese-ending model and product names (日日新, 文心一言), which take only a dotted or V
    version (日日新5.5, 星火大模型 V4.0): a bare number after a Chinese name is mostly a count."""
    info = _indexes()[2]
    automatic: dict[str, tuple[str, str]] = {}
    chinese: dict[str, tuple[str, str]] = {}
    for surface in surfaces():
        kind = info[surface.canonical]["type"]
        text = surface.text
        if kind not in ("model", "product") or surface.context_sensitive:
            continue
        if text[-1].isascii() and text[-1].isalnum() and (kind == "model" or len(_LATIN_LETTER.findall(text)) >= 2):
            # one Latin letter is enough for a model (o1 -> o1-pro), not for a chip (A100s)
            automatic[text] = (surface.canonical, kind)
        elif HAN.match(text[-1]) and len(text) >= 2:
            chinese[text] = (surface.canonical, kind)
    bound = {row["stem"]: (row["family"], row.get("type") or "model") for row in _read_version_stems()}
    return automatic, bound, chinese


def _stem_alternation(stems) -> str:
    """Longest stem first; every alternative opens with a plain literal character, so the regex
    engine knows the possible first characters and skips the rest of a text at C speed (a
    case-insensitive first letter becomes two alternatives, its other letters [Xx] classes)."""
    def char(c, fold):
        if c == " ":
            return r"[ ]?"
        if fold and c.isascii() and c.isalpha():
            return f"[{c.upper()}{c.lower()}]"
        return re.escape(c)

    parts = []
    for stem in sorted(stems, key=lambda t: (-len(t), t)):
        fold = _is_case_insensitive(stem)
        rest = "".join(char(c, fold) for c in stem[1:])
        firsts = {stem[0].upper(), stem[0].lower()} if fold and stem[0].isalpha() else {stem[0]}
        parts.extend(re.escape(first) + rest for first in sorted(firsts))
    return "|".join(parts)


def version_stems() -> list[str]:
    """Every family stem ``version_pattern`` matches (Latin-led and Chinese), as written."""
    automatic, bound, chinese = _version_families()
    return sorted(set(automatic) | set(bound) | set(chinese))


@lru_cache(maxsize=1)
def version_pattern() -> re.Pattern[str]:
    """A family name with a version after it; group ``stem`` is the family as written.

    The left word boundary (no Latin letter or digit right before) is the caller's to check, as
    for lexicon names (``llmnews.text``), so the regex engine can skip to possible first letters.
    """
    automatic, bound, chinese = _version_families()
    stems = _stem_alternation(set(automatic) | set(bound))
    tail = rf"(?:{_TAIL_CORE}|{_TAIL_SPACED_NUMBER}){_TAIL_MORE}|{_VERSION_WORDS_ONLY}"
    chinese_tail = rf"[ ]?(?:[Vv][0-9]+(?:\.[0-9]+)*|[0-9]+(?:\.[0-9]+)+)(?: (?:{_VARIANT_WORDS}))*"
    return re.compile(rf"(?:(?P<stem>{stems})(?:{tail})|(?P<cstem>{_stem_alternation(chinese)})(?:{chinese_tail}))"
                      rf"{_TAIL_GUARD}")


def _version_name(surface: str) -> str:
    return re.sub(r"\s+", " ", surface.strip())


@lru_cache(maxsize=4096)
def version_info(name: str) -> dict | None:
    """Entity info of an unseen version of a known family (``GLM-4.5``), or None.

    ``type`` is the family's (a model unless the stem file says otherwise), ``organization`` the
    family's owner, ``family`` the lexicon entity it extends. A name the lexicon lists is not a
    version here: ask ``entity_info``.
    """
    if not name or not name[-1].isascii():
        return None  # every version ends in a Latin letter or digit
    name = _version_name(name)
    match = version_pattern().fullmatch(name)
    if match is None:
        return None
    exact, folded, info = _indexes()
    if surface_key(name) in exact:
        return None
    automatic, bound, chinese = _version_families()
    stem = match.group("stem") or match.group("cstem")
    found = bound.get(stem) or automatic.get(stem) or chinese.get(stem)  # a listed stem says what its versions are
    if found is None:  # a case-insensitive stem written in another case, or spaced differently
        key = stem.casefold().replace(" ", "")
        found = next((v for k, v in {**chinese, **automatic, **bound}.items()
                      if k.casefold().replace(" ", "") == key), None)
    if found is None:  # pragma: no cover - the pattern is built from these stems
        return None
    family, kind = found
    family_info = info[family]
    organization = family_info["organization"] if family_info["type"] != "organization" else family
    return {"type": kind, "organization": organization, "english": name, "aliases": (),
            "family": family}
