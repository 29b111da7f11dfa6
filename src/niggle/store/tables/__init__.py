"""Every table, one module per capability. Importing this package registers them all."""

import niggle.store.tables.activities
import niggle.store.tables.triage  # noqa: F401
from niggle.store.tables import (
    accounts,  # noqa: F401
    adaptations,  # noqa: F401
    athletes,  # noqa: F401
    originals,  # noqa: F401
    plans,  # noqa: F401
    rehab,  # noqa: F401
    versions,  # noqa: F401
)
