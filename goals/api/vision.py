"""The vision: the aspirational prompts and the person's latest answers to them."""

from ninja import Router

from careergoals.apikit import READ_ERRORS, WRITE_ERRORS
from goals import selectors, services
from goals.forms import VisionForm

from .context import form_data, valid
from .schemas import VisionIn, VisionOut

router = Router(tags=["Vision"])


def _vision(user) -> dict:
    entries = selectors.vision_entries(user=user)
    return {
        "prompts": [
            {
                "prompt": entry.prompt.value,
                "question": str(entry.prompt.label),
                "answer": entry.current.text if entry.current else None,
                "answered_at": entry.current.created_at if entry.current else None,
            }
            for entry in entries
        ]
    }


@router.get(
    "/vision",
    response={200: VisionOut, **READ_ERRORS},
    summary="Your vision",  # not shown (the API docs are English)
)
def vision_read(request):
    """Each prompt, in the vision page's order, with your latest answer."""
    return _vision(request.user)


@router.put(
    "/vision",
    response={200: VisionOut, **WRITE_ERRORS},
    summary="Save your vision",  # not shown (the API docs are English)
)
def vision_write(request, payload: VisionIn):
    """Checked by the vision form. Each changed answer is kept as a new dated one; earlier answers
    stay in its history."""
    current = {
        entry.prompt.value: entry.current.text
        for entry in selectors.vision_entries(user=request.user)
        if entry.current is not None
    }
    answers = {prompt.value: text for prompt, text in payload.answers.items()}
    form = VisionForm(form_data(answers), current=current)
    services.vision_save(owner=request.user, answers=valid(form))
    return _vision(request.user)
