"""Personal API tokens, shares (of a scenario by a read-only link, of a scenario or a plan
with a network), the workspaces of a network, the audit log, and the rules that give a person
signing in through OpenID Connect a workspace (issue 14). Nothing else changes.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def _workspace(name: str = "workspace_id", **extra) -> sa.Column:
    return sa.Column(name, sa.String(32), sa.ForeignKey("workspaces.id"), **extra)


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        _workspace(nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("scope", sa.String(8), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("revoked_at", WHEN, nullable=True),
    )  # fmt: skip
    op.create_table(
        "shares",
        sa.Column("id", sa.String(32), primary_key=True),
        _workspace(nullable=False, index=True),
        sa.Column("scenario_id", sa.String(32),
                  sa.ForeignKey("scenarios.id", ondelete="CASCADE"), nullable=True, index=True),
        sa.Column("plan_id", sa.String(32),
                  sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=True, index=True),
        sa.Column("token_hash", sa.String(64), nullable=True, unique=True),
        _workspace("network_id", nullable=True, index=True),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("expires_at", WHEN, nullable=True),
        sa.Column("revoked_at", WHEN, nullable=True),
    )  # fmt: skip
    op.create_table(
        "network_members",
        _workspace("network_id", primary_key=True),
        _workspace(primary_key=True),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _workspace(nullable=False, index=True),
        sa.Column("at", WHEN, nullable=False),
        sa.Column("who", sa.String(254), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target", sa.String(300), nullable=False),
    )
    op.create_table(
        "sign_in_rules",
        sa.Column("claim_value", sa.String(200), primary_key=True),
        _workspace(primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
    )


def downgrade() -> None:
    for table in ("sign_in_rules", "audit_events", "network_members", "shares", "api_tokens"):
        op.drop_table(table)
