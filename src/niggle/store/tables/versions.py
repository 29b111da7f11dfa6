"""One data version per athlete, given a fresh random value whenever anything of theirs
is written.

The version is kept by database triggers (migration 0010), not by the code that writes, so
no write path can forget it: the CLI in another process, an import, a web form and a
cascade all move it. Readers use it to know that what they rendered earlier is still true.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from niggle.store.base import Base


class AthleteVersionRow(Base):
    __tablename__ = "athlete_versions"

    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(BigInteger, default=1)
