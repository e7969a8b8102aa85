# Feedback after a course (issue 15, item 5). Written by hand so it holds only FeedbackAnswer.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('courses', '0001_initial'),
        ('enrolment', '0010_attendance_and_walk_ins'),
    ]

    operations = [
        migrations.CreateModel(
            name='FeedbackAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('experience', models.CharField(choices=[('very_good', 'Very good'), ('good', 'Good'), ('neither', 'Neither good nor poor'), ('poor', 'Poor'), ('very_poor', 'Very poor'), ('dont_know', "Don't know")], max_length=10, verbose_name='Overall, how was your experience of our service?')),
                ('what_helped', models.TextField(blank=True)),
                ('could_do_better', models.TextField(blank=True)),
                ('connectedness', models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Strongly disagree'), (2, 'Disagree'), (3, 'Neither agree nor disagree'), (4, 'Agree'), (5, 'Strongly agree')], null=True)),
                ('hope', models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Strongly disagree'), (2, 'Disagree'), (3, 'Neither agree nor disagree'), (4, 'Agree'), (5, 'Strongly agree')], null=True)),
                ('identity', models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Strongly disagree'), (2, 'Disagree'), (3, 'Neither agree nor disagree'), (4, 'Agree'), (5, 'Strongly agree')], null=True)),
                ('meaning', models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Strongly disagree'), (2, 'Disagree'), (3, 'Neither agree nor disagree'), (4, 'Agree'), (5, 'Strongly agree')], null=True)),
                ('empowerment', models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Strongly disagree'), (2, 'Disagree'), (3, 'Neither agree nor disagree'), (4, 'Agree'), (5, 'Strongly agree')], null=True)),
                ('created_at', models.DateTimeField()),
                ('run', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='feedback_answers', to='courses.courserun')),
                ('student', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='enrolment.student')),
            ],
            options={
                'ordering': ['run', 'created_at', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('run', 'student'), name='one_feedback_answer_per_student_and_run')],
            },
        ),
    ]
