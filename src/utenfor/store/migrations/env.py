"""Alembic environment: the URL comes from the caller (`utenfor.store.db.migrate`)."""

from alembic import context
from sqlalchemy import engine_from_config, pool

from utenfor.store.models import Base

config = context.config
connectable = config.attributes.get("connection")

if connectable is None:
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )  # fmt: skip
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connectable, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()
