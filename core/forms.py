"""What every page does with a service's answer: a ValidationError becomes form errors or
messages, the same way in every app."""

from django.core.exceptions import ValidationError


def apply_validation_error(form, exc: ValidationError, *, field_map=None) -> None:
    """Show a service's ValidationError on `form`: an error on a field the form has goes to that
    field, anything else to the whole form. `field_map` renames the service's field names to the
    form's (a report's answer key "q1" is the form's field "answer_q1")."""
    field_map = field_map or {}
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            name = field_map.get(field, field)
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, exc.messages)


def validation_error_text(exc: ValidationError) -> str:
    """All of a ValidationError's messages as one sentence, for a page message where no form is
    shown (a button's POST that redirects)."""
    return " ".join(exc.messages)
