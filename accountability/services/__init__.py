"""Every write in accountability. One module per concern; import from here."""

from .agreements import *  # noqa: F403
from .calendar import *  # noqa: F403
from .check_ins import *  # noqa: F403
from .feedback import *  # noqa: F403
from .invitations import *  # noqa: F403
from .partnerships import *  # noqa: F403
from .reviews import *  # noqa: F403
from .sharing import *  # noqa: F403
from .suggestions import *  # noqa: F403
