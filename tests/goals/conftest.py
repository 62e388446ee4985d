"""Goal fixtures (make_goal, goal, bob, today) live in tests/conftest.py, shared by all apps."""
