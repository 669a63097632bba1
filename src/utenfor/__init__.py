"""utenfor: an open implementation of Utenfor-regnskapet (KS, 2019)."""

__version__ = "0.1.0"
MODEL_VERSION = __version__
