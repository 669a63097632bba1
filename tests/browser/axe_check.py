"""axe-core, vendored in tests/browser/vendor, run inside the page."""

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def axe_violations(page, impacts: tuple[str, ...] | None = ("serious", "critical")) -> list[dict]:
    """axe-core violations of these impacts (None: of any impact) on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if impacts is None or v["impact"] in impacts
    ]
