"""The claims CSV (CONTRACT.md, "Claims CSV"): one column list, one import, one export.

- `columns`: the header and how a claim becomes a row;
- `safety`: cells a spreadsheet would run as formulas, neutralised and restored;
- `reader`: the file decoded and split into rows, each with its line;
- `rows`: one row checked and read into a claim's values;
- `importer`: the import the command and the admin both run, all or nothing;
- `writer`: what an import writes (claims, sources, their history, pending changes);
- `background`: the writer in a second thread, while the next batch is checked;
- `preview`: what the admin shows before an import is confirmed;
- `export`: the one stream every export writes (the command, the admin, `/claims.csv`).
"""
