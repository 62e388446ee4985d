"""The goals part of the JSON API (``/api/v1/``): goals, steps, check-ins, the vision.

One router, mounted at the API's root (``api.add_router("", goals.api.router)``), since
steps and check-ins have addresses of their own (``/steps/{step_id}``). Every route reads
through the pages' selectors and access helpers, checks through the pages' forms and writes
through ``goals.services``: what people read in an answer (a form's or a service's message,
a SMART hint) is the pages' own, marked for translation there. The docs page's words (route
summaries and descriptions, schema docstrings) are for developers and stay English: a
summary's line says ``# not shown`` for the finder of unmarked words (tests/i18n).
"""

from ninja import Router

from . import goals, progress, steps, vision

router = Router()
for part in (goals, steps, progress, vision):
    router.add_router("", part.router)

__all__ = ["router"]
