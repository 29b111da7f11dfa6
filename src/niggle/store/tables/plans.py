"""Training plans and their workouts. One active plan per athlete; old plans are archived."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from niggle.store.base import Base

ACTIVE_WHERE = text("status = 'active'")


class PlanRow(Base):
    __tablename__ = "plans"
    __table_args__ = (
        CheckConstraint("status in ('active', 'archived')", name="status"),
        # At most one active plan per athlete, enforced by the database as well as the service.
        Index(
            "uq_plans_active_athlete",
            "athlete_id",
            unique=True,
            sqlite_where=ACTIVE_WHERE,
            postgresql_where=ACTIVE_WHERE,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    template_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    race_name: Mapped[str] = mapped_column(String(200))
    race_date: Mapped[dt.date] = mapped_column(Date)
    race_distance_m: Mapped[float] = mapped_column(Float)
    start_date: Mapped[dt.date] = mapped_column(Date)
    length_weeks: Mapped[int] = mapped_column(Integer)
    first_week: Mapped[int] = mapped_column(Integer)
    key_days: Mapped[str] = mapped_column(String(40))
    five_k_s: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="active")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    workouts: Mapped[list[PlanWorkoutRow]] = relationship(
        back_populates="plan",
        cascade="all, delete-orphan",
        order_by="[PlanWorkoutRow.day, PlanWorkoutRow.id]",
        lazy="selectin",
    )


class PlanWorkoutRow(Base):
    __tablename__ = "plan_workouts"
    __table_args__ = (
        CheckConstraint("status in ('planned', 'done', 'skipped', 'changed')", name="status"),
        Index("ix_plan_workouts_plan_id_day", "plan_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    week: Mapped[int] = mapped_column(Integer)
    day: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(200))
    steps: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    distance_m: Mapped[float | None] = mapped_column(Float)
    duration_s: Mapped[float | None] = mapped_column(Float)
    target_pace_s_per_km: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(10), default="planned")
    note: Mapped[str | None] = mapped_column(Text)
    optional: Mapped[bool] = mapped_column(Boolean, default=False)
    # The logged session that completed it. No foreign key: activities live in another
    # migration branch, and a deleted activity should leave the plan's history readable.
    activity_id: Mapped[int | None] = mapped_column(Integer)

    plan: Mapped[PlanRow] = relationship(back_populates="workouts")
