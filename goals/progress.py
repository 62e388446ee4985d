"""How far along a goal is, as a fraction from 0 to 1, and its steps in a few words."""

from decimal import Decimal

from django.utils.translation import gettext, ngettext

ACHIEVED = "achieved"  # Goal.Status.ACHIEVED (this module sits below the models)


def metric_progress_fraction(baseline: Decimal, target: Decimal, current: Decimal | None) -> float:
    """The fraction of the way from baseline to target; works for goals that go down, too."""
    if current is None or target == baseline:
        return 0.0
    fraction = float((current - baseline) / (target - baseline))
    return max(0.0, min(1.0, fraction))


def goal_progress_fraction(
    goal, steps_done: int, steps_total: int, steps_skipped: int = 0
) -> float | None:
    """All the way once achieved; else metric progress when the goal has a metric, else the
    fraction of steps done. Steps no longer needed are not counted as missing."""
    if goal.status == ACHIEVED:
        return 1.0
    if goal.has_metric and goal.target != goal.baseline:
        return metric_progress_fraction(goal.baseline, goal.target, goal.current_value)
    counted = steps_total - steps_skipped
    if counted > 0:
        return steps_done / counted
    if steps_skipped:  # every step turned out to be no longer needed: nothing is missing
        return 1.0
    return None


def steps_summary(*, done: int, total: int, skipped: int = 0, achieved: bool = False) -> str:
    """ "2 of 3 steps done · 1 no longer needed"; for an achieved goal only what happened,
    never "0 of 2 steps done" as if it had failed. Empty when the goal has no steps."""
    if not total:
        return ""
    still_open = total - done - skipped
    if achieved:
        parts = (
            [ngettext("%(count)s step done", "%(count)s steps done", done) % {"count": done}]
            if done
            else []
        )
        if skipped and parts:
            parts.append(
                ngettext("%(count)s no longer needed", "%(count)s no longer needed", skipped)
                % {"count": skipped}
            )
        elif skipped:
            parts.append(
                ngettext(
                    "%(count)s step no longer needed", "%(count)s steps no longer needed", skipped
                )
                % {"count": skipped}
            )
        if still_open and parts:
            parts.append(
                ngettext("%(count)s left open", "%(count)s left open", still_open)
                % {"count": still_open}
            )
        elif still_open:
            parts.append(
                ngettext("%(count)s step left open", "%(count)s steps left open", still_open)
                % {"count": still_open}
            )
        return " · ".join(parts)
    counted = total - skipped
    if counted:
        line = ngettext(
            "%(done)s of %(count)s step done", "%(done)s of %(count)s steps done", counted
        ) % {"done": done, "count": counted}
    else:
        line = gettext("No steps left to do")
    if skipped:
        more = ngettext("%(count)s no longer needed", "%(count)s no longer needed", skipped) % {
            "count": skipped
        }
        return f"{line} · {more}"
    return line
