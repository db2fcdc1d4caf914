"""Chinese and Arabic numbers as exact values: ``0.0008``, ``3.24万``, ``一千三百亿``, ``百万``, ``2/3``.

``parse_number`` returns a ``decimal.Decimal`` (never a float: ``0.0008`` stays ``0.0008``);
``parse_fraction`` returns a ``fractions.Fraction`` for shares and ratios (``50%``, ``百分之一``,
``2/3``, ``三分之二``, ``一半``), since ``2/3`` has no exact decimal.

Chinese integer numerals go through cn2an (a maintained converter). What it gets wrong or refuses,
measured with cn2an 0.5 and wrapped here:

- a numeral that starts with its unit (``百万``, ``千亿``, ``万亿``, ``十万``) raises in every mode
  except the last: we read it with an implicit ``一`` (``一百万``), as Chinese does;
- Arabic digits with Chinese multipliers (``3.24万``, ``1300亿``) work only in ``smart`` mode and
  come back as a float for decimals; we never use it: the Arabic part is read by ``Decimal`` and
  multiplied by the exact power of ten of ``万``/``亿``/``千``;
- Chinese decimals (``一点五``) come back as a float; we read the digits after ``点`` one by one.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from llmnews.errors import LlmnewsError

__all__ = [
    "NumberError",
    "NUMBER",
    "MULTIPLIERS",
    "parse_number",
    "parse_fraction",
    "FRACTION",
    "exact",
    "fraction_text",
]


class NumberError(LlmnewsError):
    """A string that was expected to be a number is not one; the message quotes it."""


# Powers of ten of the Chinese multipliers, and of Latin suffixes used with model sizes (175B).
MULTIPLIERS = {"十": Decimal(10), "百": Decimal(100), "千": Decimal(1000), "万": Decimal(10) ** 4,
               "亿": Decimal(10) ** 8, "兆": Decimal(10) ** 12}
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_SP = r"[ \u3000\u00a0]*"  # outlets put spaces inside numbers: "3.24 万张", "70 亿参数"

# A number as written: Arabic digits (thousands commas, a decimal part) with optional Chinese
# multipliers after them, or a run of Chinese numerals. Nothing that makes it part of a code,
# version or name may precede it (GPT-4, 300418.SZ, GSM8k); callers add what must follow.
NUMBER = (r"(?<![0-9A-Za-z.\-_/])"
          r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:" + _SP + r"[十百千万亿]+)?(?![0-9])"
          r"|(?<![〇零○一二两三四五六七八九十百千万亿])"
          r"(?:[〇零○一二两三四五六七八九十百千万亿]*[〇零○一二两三四五六七八九十百千]"
          r"(?:点[〇零○一二三四五六七八九]+)?[十百千万亿]*|[十百千万亿]*[百千万亿])")

_ARABIC = re.compile(r"(\d[\d,]*(?:\.\d+)?)[ \u3000\u00a0]*([十百千万亿兆]*)")


def _multiplier(units: str) -> Decimal:
    factor = Decimal(1)
    for unit in units:
        factor *= MULTIPLIERS[unit]
    return factor


def _chinese_integer(s: str) -> Decimal:
    import cn2an

    if not s:
        return Decimal(0)
    if all(c in _CN_DIGITS for c in s) and len(s) > 1:
        # "二〇二三" / "一二" digit by digit, as years and codes are written
        return Decimal("".join(str(_CN_DIGITS[c]) for c in s))
    if s[0] in MULTIPLIERS:
        s = "一" + s  # cn2an refuses "百万"; Chinese reads it as 一百万
    # cn2an does not take 兆 (10^12); none of our texts use it for a number, so refuse it clearly
    try:
        value = cn2an.cn2an(s, "normal")
    except (ValueError, KeyError) as exc:
        raise NumberError(f"not a Chinese numeral: {s!r}") from exc
    return Decimal(int(value))


def parse_number(text: str) -> Decimal:
    """The exact value of a number as written: ``"0.0008"`` -> ``Decimal("0.0008")``.

    Accepts Arabic digits with thousands commas and spaces before Chinese multipliers
    (``"3.24 万"`` -> 32400), Chinese numerals (``"一千三百亿"``, ``"两百"``, ``"一点五"``), and
    bare multipliers (``"百万"`` -> 1000000, ``"千亿"`` -> 10^11). Raises ``NumberError`` otherwise.
    """
    if not isinstance(text, str):
        raise NumberError(f"expected a string, got {type(text).__name__}")
    s = re.sub(r"[ \u3000\u00a0]", "", text.strip())
    if not s:
        raise NumberError("empty number")
    m = _ARABIC.fullmatch(s)
    if m:
        digits = m.group(1).replace(",", "")
        try:
            return Decimal(digits) * _multiplier(m.group(2))
        except ArithmeticError as exc:  # pragma: no cover - the regex admits only valid digits
            raise NumberError(f"not a number: {text!r}") from exc
    if not re.fullmatch(r"[〇零○一二两三四五六七八九十百千万亿点]+", s):
        raise NumberError(f"not a number: {text!r}")
    # trailing multipliers after a decimal ("一点五亿") multiply the whole decimal
    whole, dot, rest = s.partition("点")
    if dot:
        fraction_digits = rest.rstrip("十百千万亿")
        units = rest[len(fraction_digits):]
        if not fraction_digits or any(c not in _CN_DIGITS for c in fraction_digits):
            raise NumberError(f"not a number: {text!r}")
        value = _chinese_integer(whole) + Decimal("0." + "".join(str(_CN_DIGITS[c]) for c in fraction_digits))
        return value * _multiplier(units)
    return _chinese_integer(s)


# Shares and ratios: 50%, 百分之五十, 2/3, 三分之二, 一半, 半价 (as a ratio of the old price).
FRACTION = (r"(?:" + NUMBER + r")" + _SP + r"[%％]"
            r"|百分之" + _SP + r"(?:" + NUMBER + r")"
            r"|(?<![0-9A-Za-z.\-_/])\d+" + _SP + r"/" + _SP + r"\d+(?![0-9/.])"
            r"|(?:" + NUMBER + r")分之(?:" + NUMBER + r")"
            r"|一半")


def parse_fraction(text: str) -> Fraction:
    """A share as an exact fraction: ``"50%"`` -> 1/2, ``"百分之一"`` -> 1/100, ``"2/3"``, ``"三分之二"``."""
    s = re.sub(r"[ \u3000\u00a0]", "", text.strip())
    if s == "一半":
        return Fraction(1, 2)
    if s.endswith(("%", "％")):
        return Fraction(parse_number(s[:-1])) / 100
    if s.startswith("百分之"):
        return Fraction(parse_number(s[3:])) / 100
    if "/" in s:
        top, _, bottom = s.partition("/")
        if not bottom or Decimal(bottom) == 0:
            raise NumberError(f"not a fraction: {text!r}")
        return Fraction(parse_number(top)) / Fraction(parse_number(bottom))
    if "分之" in s:
        bottom, _, top = s.partition("分之")
        return Fraction(parse_number(top)) / Fraction(parse_number(bottom))
    raise NumberError(f"not a fraction: {text!r}")


def exact(value: Decimal | Fraction | int) -> str:
    """A value as exact text without exponent: ``Decimal("8E-4")`` -> ``"0.0008"``, 2/3 -> ``"2/3"``."""
    if isinstance(value, Fraction):
        return fraction_text(value)
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def fraction_text(value: Fraction) -> str:
    """``Fraction(1, 2)`` -> ``"0.5"`` when the decimal is exact (terminates), else ``"-2/3"``."""
    d = value.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d == 1:
        return exact(Decimal(value.numerator) / Decimal(value.denominator))
    return f"{value.numerator}/{value.denominator}"
