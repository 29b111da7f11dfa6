"""Request and response bodies of the JSON API (separate from storage, as the services are).

Contract documents (athlete, paces, activities, load) keep the shapes CONTRACTS.md gives
the CLI's ``--json``; they are returned as the services build them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from niggle.domain.activity import RunKind
from niggle.domain.pain import PainWhen
from niggle.web.ids import MAX_ROW_ID


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorDocument(BaseModel):
    schema_version: int = 1
    error: ErrorBody


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str


class UserPublic(BaseModel):
    id: int
    username: str
    display_name: str
    role: Literal["athlete", "coach"]


class Me(BaseModel):
    schema_version: int = 1
    user: UserPublic
    athlete_id: int | None


class AthleteListItem(BaseModel):
    id: int
    name: str
    access: Literal["owner", "shared"]


class AthleteList(BaseModel):
    schema_version: int = 1
    athletes: list[AthleteListItem]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AthleteUpdate(Strict):
    units: Literal["km", "mi"] | None = None
    region: str | None = Field(default=None, max_length=10)
    weekly_distance_m: float | None = Field(default=None, ge=0, le=400_000)
    race_distance_m: float | None = Field(default=None, ge=400, le=250_000)
    race_time_s: float | None = Field(default=None, gt=0, le=172_800)
    race_date: dt.date | None = None


class PainIn(Strict):
    region: str = Field(max_length=40, examples=["lower_back"])
    nrs: int = Field(ge=0, le=10, description="Numeric rating scale: 0 none, 10 worst.")
    when: PainWhen = "during"
    note: str | None = Field(default=None, max_length=2000)


class RunCreate(Strict):
    date: dt.date
    distance_m: float = Field(gt=0, le=500_000)
    time_s: float = Field(gt=0, le=172_800)
    kind: RunKind | None = None
    rpe: float | None = Field(default=None, ge=0, le=10)
    pain: list[PainIn] = Field(default_factory=list, max_length=20)
    note: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=200)


class CrossCreate(Strict):
    date: dt.date
    sport: str = Field(max_length=20, examples=["bike", "swim", "elliptical", "strength", "row"])
    time_s: float = Field(gt=0, le=172_800)
    distance_m: float | None = Field(default=None, ge=0, le=1_000_000)
    rpe: float | None = Field(default=None, ge=0, le=10)
    note: str | None = Field(default=None, max_length=2000)


class PainReportCreate(PainIn):
    date: dt.date
    activity_id: int | None = Field(default=None, ge=1, le=MAX_ROW_ID)


class Created(BaseModel):
    schema_version: int = 1
    id: int
    pain_report_ids: list[int] = Field(default_factory=list)


class SharePublic(BaseModel):
    id: int
    athlete_id: int
    athlete: str
    viewer_id: int
    viewer: str
    since: str


class Shares(BaseModel):
    schema_version: int = 1
    shared_with: list[SharePublic]
    athletes_sharing_with_me: list[SharePublic]


class InviteCreated(BaseModel):
    schema_version: int = 1
    id: int
    code: str
    expires_at: dt.datetime


class InviteAccept(Strict):
    code: str = Field(max_length=40)


class TokenPublic(BaseModel):
    id: int
    name: str
    hint: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None


class Tokens(BaseModel):
    schema_version: int = 1
    tokens: list[TokenPublic]


class AuditEntryPublic(BaseModel):
    at: str
    who: str
    account_id: int | None
    action: str
    what: str


class AccessLog(BaseModel):
    schema_version: int = 1
    entries: list[AuditEntryPublic]


Document = dict[str, Any]
