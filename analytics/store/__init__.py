"""The DuckDB file of a deployment (docs/design.md §2, §10, §11).

- connections.py  sandboxed, short-lived connections, retried while another process holds the file
- tables.py       the macros and views made at every start, and the columns derived when a task is written
- migrations.py   numbered changes that bring a file of any earlier version up to date, recorded in the file
- batches.py      what an import, a recorded reminder or an undo writes, and the import history
- causes.py       the stored rules that sort causes of delay
- registry.py     the unit registry in force, and the lineage, other spellings and units made from it
- database.py     Store: the one object the pages and the command line hold
"""

from analytics.store.batches import BatchSummary
from analytics.store.connections import StoreBusy, StoreError, transaction
from analytics.store.database import Store

__all__ = ["BatchSummary", "Store", "StoreBusy", "StoreError", "transaction"]
