"""The one helper that turns a service's ValidationError into form errors, and the one that turns
a refused rule into 403 or 404."""

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from core.forms import apply_validation_error, validation_error_text
from core.permissions import require


class _Form(forms.Form):
    title = forms.CharField()
    answer_q1 = forms.CharField(required=False)


def _bound():
    form = _Form({"title": "Seventh Meeting"})
    assert form.is_valid()
    return form


def test_field_errors_go_to_their_field_and_unknown_fields_to_the_form():
    form = _bound()
    apply_validation_error(form, ValidationError({
        "title": "Too long.", "status": ["Not a draft.", "Locked."]}))
    assert form.errors == {"title": ["Too long."], "__all__": ["Not a draft.", "Locked."]}
    assert form.non_field_errors() == ["Not a draft.", "Locked."]


def test_a_plain_error_goes_to_the_form_and_field_map_renames_service_fields():
    form = _bound()
    apply_validation_error(form, ValidationError(["First.", "Second."]))
    assert form.errors == {"__all__": ["First.", "Second."]}
    form = _bound()
    apply_validation_error(form, ValidationError({"q1": "Give a number."}),
                           field_map={"q1": "answer_q1"})
    assert form.errors == {"answer_q1": ["Give a number."]}


def test_error_text_joins_every_message():
    assert validation_error_text(ValidationError({"a": "One.", "b": ["Two.", "Three."]})) \
        == "One. Two. Three."
    assert validation_error_text(ValidationError("Alone.")) == "Alone."


def test_require_answers_a_refused_rule_with_403_or_hidden_404():
    assert require(True) is None
    assert require(True, hide=True) is None
    with pytest.raises(PermissionDenied):
        require(False)
    with pytest.raises(Http404):
        require(False, hide=True)
