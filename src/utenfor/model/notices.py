"""Warnings carried in a result: a stable `code` for programs, a Norwegian `message` for people."""

from __future__ import annotations

from dataclasses import dataclass

from utenfor.formatting import trim as _pp


@dataclass(frozen=True)
class Notice:
    code: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}

    @classmethod
    def high_success_rate(cls, rate_pct: float) -> Notice:
        return cls(
            "high_success_rate",
            f"Suksessraten er {_pp(rate_pct)} prosentpoeng. Veiledningen sier at en suksessrate "
            "på 10 prosent må vurderes som relativt høy: er det realistisk for dette tiltaket?",
        )

    @classmethod
    def negative_success_rate(cls, rate_pct: float) -> Notice:
        return cls(
            "negative_success_rate",
            f"Suksessraten er negativ ({_pp(rate_pct)} prosentpoeng): færre får et "
            "gjennomsnittlig livsløp med tiltaket enn uten. Har andelene byttet plass?",
        )

    @classmethod
    def price_index_outside(cls, start_year: int, used_year: int) -> Notice:
        return cls(
            "price_index_outside",
            f"Datasettets prisindeks har ikke året {start_year}; prisjusteringen bruker "
            f"indeksen for {used_year}.",
        )

    @classmethod
    def programme_beyond_period(cls, last_year: int) -> Notice:
        return cls(
            "programme_beyond_period",
            f"Tiltaket kjøres lenger enn analyseperioden; kostnader og deltakere etter "
            f"{last_year} er ikke regnet med.",
        )

    @classmethod
    def beyond_max_age(cls, max_age: int) -> Notice:
        return cls(
            "beyond_max_age",
            f"Noen deltakere blir eldre enn {max_age} år (datasettets høyeste alder) før "
            f"analyseperioden er slutt; etter den alderen regnes ingen gevinst for dem.",
        )
