"""A unit of the KATO classifier: oblast, district, rural okrug, village..."""

from sqlalchemy import BigInteger, ForeignKey, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base

# A sort key is compared byte by byte: the "C" collation keeps PostgreSQL's locale (en_US,
# kk_KZ...) from reordering it; SQLite compares bytes (BINARY) by default.
SortKey = String(255).with_variant(String(255, collation="C"), "postgresql")


class Locality(Base):
    __tablename__ = "localities"

    # The 9-digit KATO code, kept as a string: leading zeros are not possible today, but the
    # classifier is a code, not a number.
    code: Mapped[str] = mapped_column(String(9), primary_key=True)
    # NO ACTION, not RESTRICT: both refuse to orphan a child, but NO ACTION checks at the end of
    # the statement, so one `DELETE FROM localities` can clear the tree (SQLite applies RESTRICT
    # row by row and fails on the first parent).
    parent_code: Mapped[str | None] = mapped_column(
        String(9), ForeignKey("localities.code"), index=True
    )
    # Structural level from the code: oblast, district, sub_district, settlement.
    level: Mapped[str] = mapped_column(String(16))
    depth: Mapped[int] = mapped_column(SmallInteger)
    # The classifier's `k` sign: 0 republic/oblast, 1 urban, 2 rural, 3 and 4 administrations.
    type_code: Mapped[int] = mapped_column(SmallInteger)
    # regulation.AkimLevel value, or None for units without an akim of their own (farms, sidings).
    akim_level: Mapped[str | None] = mapped_column(String(24))
    name_kk: Mapped[str] = mapped_column(String(255))
    name_ru: Mapped[str] = mapped_column(String(255))
    # Normalised (case-, diacritic- and script-folded) names for search, four fields
    # "kk|ru|kk loose|ru loose" in lowercase Latin; see services/kato/names.py `search_key`.
    search_key: Mapped[str] = mapped_column(String(600))
    # The kk / ru name re-encoded so that byte order is alphabetical order, abbreviations
    # stripped ("с.Жамбыл" sorts under Ж); see services/kato/names.py `sort_key`. Browsing a
    # unit's children orders by these.
    sort_kk: Mapped[str] = mapped_column(SortKey, default="", server_default="")
    sort_ru: Mapped[str] = mapped_column(SortKey, default="", server_default="")

    __table_args__ = (Index("ix_localities_level_parent", "level", "parent_code"),)


class ClassifierRevision(Base):
    """A random stamp that every write to `localities` renews (a trigger, migration 0012),
    whoever writes: an import, another instance, a fix by hand. Each process keeps the
    classifier in memory for browsing and search, and reads it again when the stamp differs
    from the one it read with it."""

    __tablename__ = "classifier_revision"

    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    revision: Mapped[int] = mapped_column(BigInteger)
    # PostgreSQL's id of the transaction that last renewed the stamp: the trigger renews it
    # once per transaction (migration 0012 says why). NULL on SQLite.
    renewed_in: Mapped[int | None] = mapped_column(BigInteger)
