# Emails are sent by tasks after commit: a membership email is recorded unsent and marked sent
# by its task; a sign-in link has no token until its email went out.

import django.core.serializers.json
import django.utils.timezone
from django.db import migrations, models


def existing_links_were_sent(apps, schema_editor):
    # Links made before this migration were emailed as they were made.
    MagicLink = apps.get_model("memberships", "MagicLink")
    MagicLink.objects.filter(sent_at__isnull=True).update(sent_at=models.F("created_at"))


def existing_emails_were_created_when_sent(apps, schema_editor):
    MembershipEmail = apps.get_model("memberships", "MembershipEmail")
    MembershipEmail.objects.update(created_at=models.F("sent_at"), attempts=1)


class Migration(migrations.Migration):
    dependencies = [
        ("memberships", "0003_membership_manager_group"),
    ]

    operations = [
        migrations.AddField(
            model_name="magiclink",
            name="sent_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="magiclink",
            name="token_hash",
            field=models.CharField(blank=True, max_length=64, null=True, unique=True),
        ),
        migrations.RunPython(existing_links_were_sent, migrations.RunPython.noop),
        migrations.AddField(
            model_name="membershipemail",
            name="attempts",
            field=models.PositiveSmallIntegerField(
                default=0, help_text="Tries to send it so far."
            ),
        ),
        migrations.AddField(
            model_name="membershipemail",
            name="context",
            field=models.JSONField(
                blank=True,
                default=dict,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                help_text="What the email shows beyond the membership, e.g. the payment of a "
                "receipt.",
            ),
        ),
        migrations.AddField(
            model_name="membershipemail",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="membershipemail",
            name="last_error",
            field=models.CharField(
                blank=True, help_text="Why the latest try failed, if it did.", max_length=500
            ),
        ),
        migrations.AlterField(
            model_name="membershipemail",
            name="sent_at",
            field=models.DateTimeField(blank=True, help_text="Empty until it went out.", null=True),
        ),
        migrations.RunPython(existing_emails_were_created_when_sent, migrations.RunPython.noop),
    ]
