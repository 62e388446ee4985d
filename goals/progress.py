"""How far along a goal is, as a share from 0 to 1."""

from decimal import Decimal


def metric_share(baseline: Decimal, target: Decimal, current: Decimal | None) -> float:
    """Share of the way from baseline to target; works for goals that go down, too."""
    if current is None or target == baseline:
        return 0.0
    share = float((current - baseline) / (target - baseline))
    return max(0.0, min(1.0, share))


def goal_share(goal, steps_done: int, steps_total: int) -> float | None:
    """Metric progress when the goal has a metric, else the share of steps done."""
    if goal.has_metric and goal.target != goal.baseline:
        return metric_share(goal.baseline, goal.target, goal.current_value)
    if steps_total:
        return steps_done / steps_total
    return None
