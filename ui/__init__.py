"""The desktop front end (PySide6). Importing it applies the Qt for Python workarounds it needs."""

from ui import qtcompat

qtcompat.apply()
