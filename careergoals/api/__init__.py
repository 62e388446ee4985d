"""The JSON API under ``/api/v1/``: each app's router put together, on django-ninja.

The routers (``goals.api``, ``accountability.api``, ``careergoals.users.api``,
``careergoals.notifications.api``) call the same selectors and services as the pages.
"""

from ninja import NinjaAPI
from ninja.security import django_auth

api = NinjaAPI(
    title="Career Goals API",
    version="1",
    urls_namespace="api",
    auth=[django_auth],
)
