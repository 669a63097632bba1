"""Saved scenarios: SQLAlchemy 2 models and Alembic migrations (SQLite, or PostgreSQL by URL)."""
