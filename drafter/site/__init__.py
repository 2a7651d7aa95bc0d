"""`drafter site`: the collection site of a bureau (市局) and the offices (区县) under it.

The superior opens a round (报送), each office downloads its workbook and uploads it, check
runs at once, the superior reviews, accepts, and rolls the accepted workbooks up into the city
report. Every upload is kept, content-addressed (store.py); the database (SQLite in the site's
folder, or PostgreSQL) holds offices, accounts, rounds, submissions, history and the audit log
(db.py, migrated by Alembic: migrate.py). Every call into drafter's library goes through
library.py. See docs/site.md.
"""
