"""handled_updates: claims, so that several webhook instances handle an update once

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 01:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Batch mode: SQLite cannot make a column nullable in place.
    with op.batch_alter_table("handled_updates") as batch:
        batch.add_column(sa.Column("claimed_by", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
        batch.alter_column("handled_at", existing_type=sa.DateTime(timezone=True), nullable=True)


def downgrade() -> None:
    # Claims still being handled have no place in the older table.
    op.execute("DELETE FROM handled_updates WHERE handled_at IS NULL")
    with op.batch_alter_table("handled_updates") as batch:
        batch.alter_column("handled_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch.drop_column("lease_until")
        batch.drop_column("claimed_by")
