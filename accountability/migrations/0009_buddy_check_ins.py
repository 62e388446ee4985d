# Placeholder kept in the chain so that work landing side by side does not fork the graph;
# its operations are filled in by the change that needs them.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accountability", "0008_choices_held_by_the_database")]

    operations = []
