"""The web app: FastAPI, server-rendered Jinja templates, htmx; a thin layer over the engine."""
