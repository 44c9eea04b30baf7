"""Sessions: the SQLite store (`store`) and its file and schema (`schema`), the report a
session is exported as (`report`) and progress across sessions (`progress`)."""
