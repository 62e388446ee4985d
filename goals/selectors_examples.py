"""Reads of goal examples: the picker page and the example a goal starts from."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from .models import Goal, GoalExample, GoalExampleStep


@dataclass(frozen=True)
class CategoryTab:
    value: str
    label: str
    count: int
    current: bool


@dataclass(frozen=True)
class ExampleSection:
    label: str
    examples: list


@dataclass(frozen=True)
class ExamplePicker:
    tabs: list[CategoryTab]
    sections: list[ExampleSection]
    category: str  # "" for every category


def _visible(user):
    return GoalExample.objects.visible_to(user)


def example_picker(*, user, category: str = "") -> ExamplePicker:
    """The examples this person may start from, by category: their buddies' (with the
    buddy's name) and their own first, then the library. Three queries, however many there are."""
    if category not in Goal.Category.values:
        category = ""
    counts = dict(
        _visible(user)
        .order_by()
        .values("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    examples = (
        _visible(user)
        .select_related("owner")
        .prefetch_related(Prefetch("steps", queryset=GoalExampleStep.objects.order_by("position")))
        .order_by("category", "-source", "title", "id")  # buddies' first: "this worked for me"
    )
    if category:
        examples = examples.filter(category=category)
    by_category: dict[str, list] = {}
    for example in examples:
        by_category.setdefault(example.category, []).append(example)
    tabs = [
        CategoryTab(value, label, counts.get(value, 0), value == category)
        for value, label in Goal.Category.choices
        if counts.get(value)
    ]
    sections = [
        ExampleSection(label, by_category[value])
        for value, label in Goal.Category.choices
        if value in by_category
    ]
    return ExamplePicker(tabs=tabs, sections=sections, category=category)


def example_for_use(*, user, pk: int) -> GoalExample:
    """An example this person may start from, with its steps; DoesNotExist otherwise."""
    return _visible(user).select_related("owner").prefetch_related("steps").get(pk=pk)
