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
def _renew(random_bigint: str) -> str:
    return (
        f"INSERT INTO classifier_revision (id, revision) VALUES (1, {random_bigint}) "
        "ON CONFLICT (id) DO UPDATE SET revision = excluded.revision"
    )


def upgrade() -> None:
    op.create_table(
        "classifier_revision",
        sa.Column("id", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO classifier_revision (id, revision) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        # Once per statement: an import of 15,600 rows renews the stamp a few times, not
        # 15,600 times; TRUNCATE counts too.
        op.execute(
            "CREATE FUNCTION kezdesu_bump_classifier_revision() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN "
            f"{_renew('(random() * 9.2e18)::bigint')}; RETURN NULL; END $$"
        )
        op.execute(
            "CREATE TRIGGER localities_revision "
            "AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON localities "
            "FOR EACH STATEMENT EXECUTE FUNCTION kezdesu_bump_classifier_revision()"
        )
    else:
        # SQLite has row triggers only.
        for action in ("insert", "update", "delete"):
            op.execute(
                f"CREATE TRIGGER localities_revision_{action} AFTER {action.upper()} "
                f"ON localities BEGIN {_renew('random()')}; END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER localities_revision ON localities")
        op.execute("DROP FUNCTION kezdesu_bump_classifier_revision()")
    else:
        for action in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER localities_revision_{action}")
    op.drop_table("classifier_revision")
