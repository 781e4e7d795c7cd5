from decimal import Decimal

from django.db import migrations

PLANS = [
    {
        "slug": "supporter-monthly",
        "name": "Supporter",
        "amount": Decimal("5.00"),
        "interval": "month",
        "is_default": True,
        "order": 1,
        "pitch": "Five dollars a month keeps a reporter on the road between Tbilisi, Yerevan "
        "and Baku. Cancel whenever you like.",
    },
    {
        "slug": "supporter-yearly",
        "name": "Supporter for a year",
        "amount": Decimal("50.00"),
        "interval": "year",
        "is_default": False,
        "order": 2,
        "pitch": "One payment a year, two months free: the simplest way to stand behind "
        "independent reporting from the Caucasus.",
    },
]


def create_plans(apps, schema_editor):
    Plan = apps.get_model("memberships", "Plan")
    for values in PLANS:
        Plan.objects.get_or_create(slug=values["slug"], defaults=values)


def remove_plans(apps, schema_editor):
    Plan = apps.get_model("memberships", "Plan")
    Plan.objects.filter(slug__in=[p["slug"] for p in PLANS], memberships__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("memberships", "0001_initial")]

    operations = [migrations.RunPython(create_plans, remove_plans)]
