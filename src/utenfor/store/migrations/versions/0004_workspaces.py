"""Workspaces (issue 14): every saved scenario, initiative and plan belongs to one. The ones
that exist move into the default workspace, "standard"; nothing else changes.

Revision ID: 0004
Revises: 0003
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLES = ("scenarios", "initiatives", "plans")


def upgrade() -> None:
    workspaces = op.create_table(
        "workspaces",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.bulk_insert(workspaces, [{"id": "standard", "name": "Standard", "kind": "kommune",
                                 "created_at": datetime.now(UTC)}])  # fmt: skip
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        if sqlite:
            # SQLite cannot add a NOT NULL column without a default, nor change one in place
            # without copying the table (which, with foreign keys on, would cascade-delete the
            # initiatives' events): the column gets the default workspace as its default and
            # no foreign key here. The repositories always set it (tests/test_workspaces.py).
            op.add_column(table, sa.Column("workspace_id", sa.String(32), nullable=False,
                                           server_default="standard"))  # fmt: skip
        else:
            op.add_column(table, sa.Column("workspace_id", sa.String(32), nullable=True))
            op.execute(sa.text(f"UPDATE {table} SET workspace_id = 'standard'"))
            op.alter_column(table, "workspace_id", nullable=False)
            op.create_foreign_key(f"fk_{table}_workspace", table, "workspaces",
                                  ["workspace_id"], ["id"])  # fmt: skip
        op.create_index(f"ix_{table}_workspace_id", table, ["workspace_id"])


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        op.drop_index(f"ix_{table}_workspace_id", table)
        if not sqlite:
            op.drop_constraint(f"fk_{table}_workspace", table, type_="foreignkey")
        op.drop_column(table, "workspace_id")
    op.drop_table("workspaces")
