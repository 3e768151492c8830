"""The moderation queue: items synced frugally, decisions queued offline and sent exactly once.

model.py   platform-neutral items, actions, perform results (connectors build these)
store.py   the local copy of each community's queue and the queue of decisions (review_actions)
sync.py    count first, list only when the count changed; staff accounts only
sender.py  decisions out, exactly once, a 409 shown as "another moderator acted first"
"""
