"""Free text typed by people: one length limit, enforced by forms, serializers and full_clean().

A model's free-text column is a `BoundedTextField`. Django's TextField takes a max_length that
ModelForms and DRF's ModelSerializer turn into a field error, but the model itself ignores it;
this field adds the validator so services (which call full_clean()) refuse the same text. Input
fields declared by hand (forms.CharField, serializers.CharField) take `max_length=TEXT_MAX_LENGTH`.
"""

from django.core.validators import MaxLengthValidator
from django.db import models

# About ten printed pages; a request body as a whole is bounded by DATA_UPLOAD_MAX_MEMORY_SIZE.
TEXT_MAX_LENGTH = 20_000


class BoundedTextField(models.TextField):
    """A TextField whose max_length (TEXT_MAX_LENGTH unless given) every interface enforces."""

    def __init__(self, *args, max_length=TEXT_MAX_LENGTH, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(self.max_length))
