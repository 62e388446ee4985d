"""A person's notifications in the API: list them, mark them read."""

from ninja import Router

router = Router(tags=["notifications"])
