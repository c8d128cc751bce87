"""classifier_revision: a stamp that every write to localities renews, by trigger

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 05:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# A random stamp rather than a counter, and an upsert rather than an UPDATE: the row may be
# deleted (by hand, or by a test emptying every table), and a counter started again could come
# back to the number a process holds, with other rows behind it.
SQLITE_RENEW = (
    "INSERT INTO classifier_revision (id, revision) VALUES (1, random()) "
    "ON CONFLICT (id) DO UPDATE SET revision = excluded.revision"
)
# On PostgreSQL, once per transaction: other processes see the stamp only once it commits, so
# one renewal per transaction is all they can tell apart. An import sends its rows as one
# statement executed once per row, and renewing this one row 15,594 times in a transaction
# made each renewal walk the row's earlier versions: 6 s more for the whole classifier.
POSTGRES_RENEW = (
    "INSERT INTO classifier_revision (id, revision, renewed_in) "
    "VALUES (1, (random() * 9.2e18)::bigint, txid_current()) "
    "ON CONFLICT (id) DO UPDATE "
    "SET revision = excluded.revision, renewed_in = excluded.renewed_in "
    "WHERE classifier_revision.renewed_in IS DISTINCT FROM excluded.renewed_in"
)


def upgrade() -> None:
    op.create_table(
        "classifier_revision",
        sa.Column("id", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.Column("renewed_in", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO classifier_revision (id, revision) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION kezdesu_bump_classifier_revision() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {POSTGRES_RENEW}; RETURN NULL; END $$"
        )
        op.execute(
            "CREATE TRIGGER localities_revision "
            "AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON localities "
            # TRUNCATE counts too; a statement-level trigger is the only kind it fires.
            "FOR EACH STATEMENT EXECUTE FUNCTION kezdesu_bump_classifier_revision()"
        )
    else:
        # SQLite has row triggers only.
        for action in ("insert", "update", "delete"):
            op.execute(
                f"CREATE TRIGGER localities_revision_{action} AFTER {action.upper()} "
                f"ON localities BEGIN {SQLITE_RENEW}; END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER localities_revision ON localities")
        op.execute("DROP FUNCTION kezdesu_bump_classifier_revision()")
    else:
        for action in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER localities_revision_{action}")
    op.drop_table("classifier_revision")
