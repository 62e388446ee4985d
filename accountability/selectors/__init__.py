"""Every read in accountability: what pages, emails and services need, already prefetched.

One module per concern, like ``services``; import from here. A selector changes nothing
and never imports a service (an import-linter contract in pyproject.toml keeps it so)."""

from .agreements import *  # noqa: F403
from .buddies import *  # noqa: F403
from .calendar import *  # noqa: F403
from .check_ins import *  # noqa: F403
from .invitations import *  # noqa: F403
from .partnerships import *  # noqa: F403
from .reviews import *  # noqa: F403
from .sharing import *  # noqa: F403
from .suggestions import *  # noqa: F403
