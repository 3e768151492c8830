"""Animation posts: start conversations, and send them at the right time.

- ``topics``: a new topic (category, title, tags) queued in the outbox and sent exactly once;
- ``when``: "send later" quick picks in local wall time (next working morning, Tuesday 9:00...);
- ``rules`` and ``series``: recurring prompts (every Monday 9:00, the first day of the month...) from a
  template with placeholders, each occurrence prepared a day ahead for approval, exactly once;
- ``planned``: what is planned (scheduled items, upcoming occurrences, reminders) on one timeline, and
  its ``.ics`` export.

Sending is the outbox's: any item may carry ``not_before`` and waits until then, even across a restart
(it goes out at the next start, and says it is late).
"""
