"""The desk's status filter at a million claims: its rows newest first and the years of its
date hierarchy, along (status, as_of, id) (docs/PERFORMANCE.md, "The desk")."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0021_desk_evidence_flags")]

    operations = [
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["status", "as_of", "id"], name="claim_status_as_of"),
        ),
    ]
