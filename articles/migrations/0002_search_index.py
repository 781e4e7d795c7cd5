from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS article_search_vector ON articles_article USING gin (search_vector)"
DROP = "DROP INDEX IF EXISTS article_search_vector"


def create_index(apps, schema_editor):
    # Full-text search runs on PostgreSQL only; SQLite keeps the column empty.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
