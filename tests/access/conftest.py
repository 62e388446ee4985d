from .world import world  # noqa: F401 (the circle every matrix module shares, built once per module)
