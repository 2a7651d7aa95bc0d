"""The commands layer: one function per command, its presentation beside it.

Where to go to add a command (say `drafter foo`):
1. drafter/commands/foo.py: `foo(paths and options) -> a result object` does the job by
   calling the library (batch, pipeline, yearly, importing, publish, config, web); it never
   prints, never exits, and raises a DrafterError for what the user must fix. Beside it,
   `show(result, presentation options) -> said.Said`: the lines it prints and its exit code
   (errors.Exit, the one home of the codes).
2. drafter/cli.py: a thin `@_command(uses=("drafter.commands.foo",))` (built by typer only
   when it is used: usage.Later; `uses` imported before the garbage collector is turned back
   on: drafter.startup) that parses the options, calls foo() then show(), and hands the Said
   to `_show`. No
   try/except there: the one error handler (cli._Guarded → said.failure) turns any exception
   into a message and an exit code.
3. tests/test_cli_golden.py: a case for its output and refusals (DRAFTER_REGEN_GOLDEN=1).
The web page (web/actions.py) and the collection site call the same functions.
"""
