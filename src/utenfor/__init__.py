"""utenfor: an open implementation of Utenfor-regnskapet (KS, 2019).

The Python front door (docs/python.md): `utenfor.calculate(...)`, `analyse`, `sweep`,
`load_dataset`, `scenario`. They load on first use, so `import utenfor` (and `utenfor --help`)
stays light.
"""

import importlib

__version__ = "0.1.0"
MODEL_VERSION = __version__

# name -> the module that holds it, imported when the name is first asked for (PEP 562)
_LAZY = {
    "calculate": "utenfor.library",
    "analyse": "utenfor.library",
    "sweep": "utenfor.library",
    "load_dataset": "utenfor.library",
    "scenario": "utenfor.library",
    "Calculation": "utenfor.library",
    "Amounts": "utenfor.library",
    "BreakEven": "utenfor.library",
    "Sweep": "utenfor.library",
    "Scenario": "utenfor.model.scenario",
    "ScenarioError": "utenfor.model.errors",
    "WORKED_EXAMPLE": "utenfor.data",
    "AREAS": "utenfor.terms",
    "PAYERS": "utenfor.terms",
}

__all__ = ["MODEL_VERSION", "__version__", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'utenfor' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
