"""`drafter serve`: a local web page for the library, for office staff who never open a
terminal. forms.py holds the page's forms as data, actions.py the library calls behind them,
preview.py what a check shows (findings by 板块, the draft from the document model),
uploads.py the size limit and file names, app.py the Starlette app, server.py uvicorn.
Nothing here prints: cli.py says where the page is and warns about LAN access."""
