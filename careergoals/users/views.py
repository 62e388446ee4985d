from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from .forms import AccountDeleteForm, ProfileForm, ThemeForm
from .services import user_delete, user_set_language, user_set_theme, user_update_profile


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "display_name": user.display_name,
            "timezone": user.timezone,
            "language": user.language or translation.get_language(),
        },
    )
    if request.method == "POST" and form.is_valid():
        user_update_profile(user=user, **form.cleaned_data)
        if user.language:
            translation.activate(user.language)  # the message in the language just chosen
        messages.success(request, _("Your profile is saved."))
        return redirect("users:profile")
    theme_form = ThemeForm(initial={"theme": user.theme})
    return render(request, "users/profile.html", {"form": form, "theme_form": theme_form})


@require_POST
def language_set(request):
    """The footer's language choice: Django's ``set_language`` keeps it in a cookie (until
    then the browser's language counts) and goes back to ``next``. A signed-in person's
    choice is kept on their account too, as the profile's is: it is the one that counts."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        user_set_language(user=request.user, language=language)
    return response


@login_required
@require_POST
def theme_set(request):
    """Remember light, dark or the device's choice, then go back to the page it came from."""
    form = ThemeForm(request.POST)
    if form.is_valid():
        user_set_theme(user=request.user, **form.cleaned_data)
    else:
        messages.error(request, form.errors["theme"][0])
    back = request.POST.get("next", "")
    on_this_site = back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not on_this_site or not back.isprintable():
        back = reverse("users:profile")
    return HttpResponseRedirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user_delete(user=user)
        messages.success(request, _("Your account and everything in it have been deleted."))
        return redirect("landing")
    return render(request, "users/account_delete.html", {"form": form})
