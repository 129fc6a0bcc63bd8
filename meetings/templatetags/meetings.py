from django import template

from meetings import rules

register = template.Library()


@register.simple_tag(takes_context=True)
def can_decide(context, registration):
    """Whether the signed-in user may approve or reject this registration."""
    return rules.can_decide_registration(context["request"].user, registration)


@register.simple_tag(takes_context=True)
def can_withdraw(context, registration):
    return rules.can_withdraw_registration(context["request"].user, registration)
