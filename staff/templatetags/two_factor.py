from django import template

from staff import policy

register = template.Library()


@register.inclusion_tag("staff/_two_factor_off.html")
def two_factor_off_notice():
    """The notice every admin page shows while DEBUG keeps two-factor sign-in off."""
    return {"off": policy.is_off()}
