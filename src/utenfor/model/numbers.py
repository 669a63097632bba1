"""Numbers a user may type into a scenario or a local figure: whole numbers and finite
numbers within bounds, refusing true/false, with the bounds stated in the JSON schema."""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from utenfor.model.errors import N_

MIN_YEAR, MAX_YEAR = 2000, 2100


def _number(value: Any) -> Any:
    # bool is an int in Python; `true` where a number belongs is a mistake, not 1.
    if isinstance(value, bool):
        raise PydanticCustomError("utenfor_number", N_("må være et tall, ikke sann/usann"))
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError(
            "utenfor_number", N_("må være et endelig tall (ikke NaN eller uendelig)")
        )
    return value


# Upper bounds that no real scenario reaches but that keep every sum finite: ten million new
# participants a year (Norway has 5.6 million people), ten thousand billion kroner a year and
# payer (about five times the state budget).
MAX_COUNT, MAX_AMOUNT = 10_000_000, 10**13


def whole(ge: int | None = None, le: int | None = None) -> Any:
    """A whole number in [ge, le] that refuses true/false. The bounds stand before the check so
    that the JSON schema states them as `minimum`/`maximum` (after it, pydantic would write
    `ge`/`le`, which JSON Schema does not know, and the API's schema would promise any number)."""
    return Annotated[int, Field(ge=ge, le=le), BeforeValidator(_number)]


def number(le: float, ge: float = 0) -> Any:
    """A finite number in [ge, le] that refuses true/false (bounds first, as in `whole`)."""
    return Annotated[float, Field(ge=ge, le=le, allow_inf_nan=False), BeforeValidator(_number)]
