from .api_matrix import tokens  # noqa: F401 (each role's API token, made once per module)
from .world import world  # noqa: F401 (the circle every matrix module shares, built once per module)
