"""The buddies part of the JSON API (``/api/v1/``): buddies, what they share, their words.

Every object comes through the lookups the pages use, so the answers are the pages' own:
a partnership through ``selectors.partnership_for`` (current ones, of which this person is
a member), a goal through ``Goal.objects.visible_to`` (to read, comment, give feedback or
suggest) or ``editable_by`` (to answer a suggestion or hide a comment), a check-in through
``selectors.check_in_for``. Anyone else gets 404, an ex-buddy too. Input is validated by
the page's own form, bound to the JSON body; every write is the page's service.
"""

from ninja import Router

from . import buddies, calendar, check_ins, social, suggestions

router = Router()
for part in (buddies, social, suggestions, check_ins, calendar):
    router.add_router("", part.router)
