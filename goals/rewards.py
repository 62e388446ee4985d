"""Reward ideas sized to a reached goal: the longer the road and the more steps, the bigger."""

from django.utils.translation import gettext_lazy as _

SMALL = (
    _("A long, unhurried lunch at a place you like"),
    _("The book or album you have been saving for later"),
    _("An evening off: no laptop, no to-do list"),
    _("A coffee with whoever cheered you on"),
)
MEDIUM = (
    _("Dinner out with the people who helped you get here"),
    _("A day trip somewhere you have never been"),
    _("A course or workshop purely for the fun of it"),
    _("A piece of kit that makes your working day nicer"),
)
LARGE = (
    _("A week away somewhere new"),
    _("A proper celebration with everyone who was part of the journey"),
    _("An experience you have long wished for: a concert, a race, a trip"),
    _("A real break before you start the next big goal"),
    _("Something lasting that will remind you of this achievement"),
)


def _horizon_points(horizon_years: int) -> int:
    if horizon_years >= 10:
        return 4
    if horizon_years >= 5:
        return 2
    return 0


def _step_points(step_count: int) -> int:
    if step_count >= 20:
        return 3
    if step_count >= 10:
        return 2
    if step_count >= 4:
        return 1
    return 0


def suggest_rewards(*, horizon_years: int, step_count: int) -> list[str]:
    """Three to five reward ideas; the same goal size always gets the same ideas."""
    size = _horizon_points(horizon_years) + _step_points(step_count)
    if size >= 4:
        return list(LARGE)
    if size >= 2:
        return list(MEDIUM)
    return list(SMALL)
