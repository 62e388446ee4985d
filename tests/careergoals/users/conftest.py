import time

import pytest
import time_machine

TOTP_PERIOD = 30


@pytest.fixture(autouse=True)
def _fresh_totp_window():
    """Start each test at the beginning of a 30-second TOTP window, with the clock running.

    allauth accepts a code only in the window it was made for (no drift allowed), so a test
    that makes a code with pyotp and posts it failed whenever a slow moment crossed a window
    boundary in between. Moving the clock forward by at most half a minute changes nothing
    else these tests look at.
    """
    start = (time.time() // TOTP_PERIOD + 1) * TOTP_PERIOD + 0.5
    with time_machine.travel(start, tick=True):
        yield
