"""The model's vocabulary: age groups, payers, areas (docs/formats.md, "Identifiers").

Areas and payers are data: every table, chart and workbook row is built from these lists in
this order, so adding an area is one entry in `AREA_NAMES_NB` (and its English in the
catalogue, and its sub-areas in the data set)."""

from __future__ import annotations

from utenfor.marks import N_

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

POPULATION = "population"

PAYER_NAMES_NB = {"kommune": N_("Kommunen"), "fylkeskommune": N_("Fylkeskommunen"),
                  "stat": N_("Staten")}  # fmt: skip
# The areas, the six the data set covers and last the one that comes from the scenario's costs.
AREA_NAMES_NB = {
    "transfers": N_("Overføringer"),
    "tax": N_("Skatteinnbetaling"),
    "health": N_("Helsetjenester"),
    "education": N_("Utdanning"),
    "corrections": N_("Kriminalomsorg"),
    "child_welfare": N_("Barnevern"),
    "implementation": N_("Implementering av tiltaket"),
}
IMPLEMENTATION = "implementation"
AREAS: tuple[str, ...] = tuple(AREA_NAMES_NB)
DATA_AREAS: tuple[str, ...] = tuple(a for a in AREAS if a != IMPLEMENTATION)

# The six phases of Veikart for tjenesteinnovasjon (an initiative's life, issue 15).
PHASES: dict[int, str] = {1: N_("Forankring"), 2: N_("Innsikt"), 3: N_("Tjenesteutvikling"),
                          4: N_("Pilotering"), 5: N_("Overgang til drift"),
                          6: N_("Ny praksis")}  # fmt: skip
