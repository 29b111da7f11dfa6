"""Athletes and the race results that set their paces."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from niggle.store.base import Base


class AthleteRow(Base):
    __tablename__ = "athletes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    units: Mapped[str] = mapped_column(String(2), default="km")
    birth_year: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str | None] = mapped_column(String(10))
    weekly_distance_m: Mapped[float | None] = mapped_column(Float)
    hr_max: Mapped[int | None] = mapped_column(Integer)
    hr_rest: Mapped[int | None] = mapped_column(Integer)
    region: Mapped[str] = mapped_column(String(10), default="uk")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    results: Mapped[list[RaceResultRow]] = relationship(
        back_populates="athlete",
        cascade="all, delete-orphan",
        order_by="RaceResultRow.id",
        lazy="selectin",
    )


class RaceResultRow(Base):
    __tablename__ = "race_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    distance_m: Mapped[float] = mapped_column(Float)
    time_s: Mapped[float] = mapped_column(Float)
    raced_on: Mapped[dt.date | None] = mapped_column(Date)

    athlete: Mapped[AthleteRow] = relationship(back_populates="results")
