"""The JSON API under ``/api/v1/``: each app's router put together, on django-ninja.

The routers (``goals.api``, ``accountability.api``, ``careergoals.users.api``,
``careergoals.notifications.api``) call the same selectors and services as the pages.
Here: who is asking (``auth``), how often they may (``throttles``), the error bodies
(``errors``) and conditional GETs (``core``), once for every route.
"""

from ninja import Swagger

from accountability.api import router as accountability_router
from careergoals.notifications.api import router as notifications_router
from careergoals.users.api import router as me_router
from goals.api import router as goals_router

from . import errors
from .auth import SessionAuth, TokenAuth
from .core import CareerGoalsAPI
from .throttles import PersonRateThrottle

DESCRIPTION = """Your career goals, steps, check-ins, buddies and notifications, as JSON.

**Signing in.** Make a personal access token on the account page
[Access tokens](/accounts/tokens/) and send it in every request:
`Authorization: Bearer <token>`. A read-only token may only use GET. In the browser, this
page also works with your session (writes send the CSRF token).

**Answers.** Errors are `{"detail": "...", "errors": {"field": ["message"]}}`. Lists are pages
(`?page=2&page_size=50`, at most 100). Every GET answer has an `ETag`: send it back in
`If-None-Match` and an unchanged answer is a `304` with no body. Too many requests in a minute
get a `429` with `Retry-After`.
"""

api = CareerGoalsAPI(
    title="Career Goals API",  # not shown (the API docs are English)
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    throttle=[PersonRateThrottle("read"), PersonRateThrottle("write")],
    docs=Swagger(settings={"persistAuthorization": False}),
)
errors.install(api)

api.add_router("", me_router)
api.add_router("", notifications_router)
api.add_router("", goals_router)
api.add_router("", accountability_router)
