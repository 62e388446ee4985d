"""The person's own account in the API: ``/me``."""

from ninja import Router

router = Router(tags=["me"])
