"""What happens to a person that apps above may want to act on.

careergoals.users is the bottom layer and imports none of them: they connect receivers in
their `AppConfig.ready()`.
"""

from django.dispatch import Signal

# The person's time zone changed (sent inside the saving transaction, with ``user``).
# notifications re-plans their reminders: mornings move with the person.
time_zone_changed = Signal()
