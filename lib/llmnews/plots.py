"""``from llmnews import plots``: the save helper under its first name, kept for notebooks and users.

Everything here is ``llmnews.plotting.save`` (style context, bundled CJK font, deterministic bytes,
word clouds), re-exported name for name; the figure functions live beside it in
``llmnews.plotting``. Importing this changes no matplotlib setting (see ``plotting.save.style``).
"""

from __future__ import annotations

from llmnews.plotting.save import *  # noqa: F403  (the same public names, by design)
from llmnews.plotting.save import __all__  # noqa: F401
