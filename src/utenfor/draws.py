"""The uncertainty analysis's random draws and seed, the same in every output: the service's
defaults and the command line's `--draws`/`--seed`, here so the command line can show them in
its help without loading the engine (issue 32)."""

DRAWS = 10_000
SEED = 20_191
