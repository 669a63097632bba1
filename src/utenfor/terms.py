"""The model's fixed vocabulary: age groups, payers, areas (spec/interfaces.md, "Identifiers")."""

from __future__ import annotations

# Age groups in their natural order; two chosen together must be neighbours in this tuple.
AGE_GROUPS: dict[str, range] = {
    "0-2": range(0, 3),
    "3-5": range(3, 6),
    "6-9": range(6, 10),
    "10-12": range(10, 13),
    "13-15": range(13, 16),
    "16-19": range(16, 20),
}
AGE_GROUP_IDS: tuple[str, ...] = tuple(AGE_GROUPS)

PAYERS: tuple[str, ...] = ("kommune", "fylkeskommune", "stat")

# The six areas the data set covers, and the seventh that comes from the scenario's costs.
DATA_AREAS: tuple[str, ...] = (
    "transfers",
    "tax",
    "health",
    "education",
    "corrections",
    "child_welfare",
)
IMPLEMENTATION = "implementation"
AREAS: tuple[str, ...] = (*DATA_AREAS, IMPLEMENTATION)

POPULATION = "population"

PAYER_NAMES_NB = {"kommune": "Kommunen", "fylkeskommune": "Fylkeskommunen", "stat": "Staten"}
AREA_NAMES_NB = {
    "transfers": "Overføringer",
    "tax": "Skatteinnbetaling",
    "health": "Helsetjenester",
    "education": "Utdanning",
    "corrections": "Kriminalomsorg",
    "child_welfare": "Barnevern",
    "implementation": "Implementering av tiltaket",
}
