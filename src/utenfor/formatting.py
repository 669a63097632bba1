"""Numbers as Norwegians write them: `12 767 437`, `−980 769`, `1,1005`, `10 %`.

Rounding happens here and only here, half away from zero (as the guide's tables do), never
in the engine. Negative numbers use the minus sign U+2212, as Norwegian typography does.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MINUS = "\u2212"
NBSP = "\u00a0"


def number(value: float, decimals: int = 0, space: str = " ") -> str:
    """Thousands grouped by `space`, decimal comma, U+2212 minus: -980769.23 -> '−980 769'."""
    if decimals == 0 and abs(value) < 2**52:  # whole kroner, the common case: no Decimal
        magnitude = abs(float(value))
        whole = int(magnitude)
        whole += magnitude - whole >= 0.5  # exact: below 2**52 a float's fraction is exact
        text = f"{whole:,}".replace(",", space)
        return (MINUS if value < 0 and whole else "") + text
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "−0"
    text = f"{abs(rounded):,.{decimals}f}".replace(",", space).replace(".", ",")
    return (MINUS if rounded < 0 else "") + text


def kroner(value: float, space: str = " ") -> str:
    """'12 767 437 kr'."""
    return f"{number(value, 0, space)}{space}kr"


def percent(value_pct: float, space: str = " ") -> str:
    """A percentage already in percent: percent(10) -> '10 %', percent(2.5) -> '2,5 %'."""
    return f"{trim(value_pct)}{space}%"


def trim(value: float, decimals: int = 2) -> str:
    """Up to `decimals` decimals, trailing zeros dropped: 2.50 -> '2,5', 10.0 -> '10'."""
    text = number(value, decimals, " ")
    return text.rstrip("0").rstrip(",") if "," in text else text


def num(value: float, lang: str, decimals: int = 0) -> str:
    """A number as the language writes it, trailing zeros dropped: 2,5 and 12 767 437 in
    bokmål; 2.5 and 12,767,437 in English (both with the minus sign U+2212)."""
    if lang != "en":
        return trim(value, decimals)
    text = f"{abs(value):,.{decimals}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return (MINUS if value < 0 and text.strip("0.,") else "") + text


_FOLD = str.maketrans(
    {"æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "å": "a", "Å": "A", "–": "-", "—": "-", MINUS: "-"}
)


def file_name(*parts: str | None, suffix: str, day: date | None = None) -> str:
    """A download's name from what it holds and the date, in plain ASCII (issue 31, item 19):
    ('Losen – ungdomsløs', '.pdf') -> 'Losen-ungdomslos-2026-12-04.pdf'. A part with nothing
    left (no letters or digits) is dropped; 'utenfor' when none is left."""
    import re
    import unicodedata

    words = []
    for part in parts:
        folded = unicodedata.normalize("NFKD", str(part or "").translate(_FOLD))
        plain = folded.encode("ascii", "ignore").decode()
        word = re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-")[:60].strip("-")
        if word:
            words.append(word)
    return f"{'-'.join(words or ['utenfor'])}-{(day or date.today()).isoformat()}{suffix}"
