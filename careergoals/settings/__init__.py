"""Settings: ``base`` is the embedded default, ``production`` and ``test`` build on it."""
