"""Reaching the silent: private nudges, invitations to answer, and who could answer a question.

- ``language``: which language to write in (the member's, else the community's usual one, else the UI's);
- ``texts``: the saved nudges per segment and language, their placeholders, and the user's own versions;
- ``history``: every nudge and invitation, remembered (who, when, why, which text), 30 days' rest;
- ``answerers``: "who could answer this?", ranked from the local copy with the reasons;
- ``send``: one nudge queued as a private message (through the outbox) and recorded, in one place
  for the composer and the CLI.

Plain Python, no Qt: the GUI and the CLI call the same functions.
"""
