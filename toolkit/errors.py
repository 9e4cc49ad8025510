"""Exit codes and the errors that map to them.

The CLI turns these into one line on stderr and the exit code; library users
catch them like any exception.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_GATE_FAILED = 1  # reserved for quality gates
EXIT_USAGE = 2  # bad options, or an input that cannot be read
EXIT_PLUGIN_FAILED = 3  # at least one section has status "error"
EXIT_INTERNAL = 4  # a bug in textkit itself; please report it
EXIT_INTERRUPTED = 130  # Ctrl-C (SIGTERM: 143), as a shell reports a signal: 128 + its number
EXIT_OUTPUT_CLOSED = 141  # the reader of stdout went away (`| head`), as SIGPIPE would end a process


class TextkitError(Exception):
    """Base class of the errors textkit reports as one line."""

    exit_code = EXIT_USAGE


class InputError(TextkitError):
    """The input is missing, unreadable, binary, undecodable, empty or too large."""


class UsageError(TextkitError):
    """The command line or configuration asks for something that does not exist."""


class PluginError(TextkitError):
    """A plugin failed where no report section can carry the error (an output format, say)."""

    exit_code = EXIT_PLUGIN_FAILED


class OutputClosed(TextkitError):
    """stdout was closed by its reader before the report was written."""

    exit_code = EXIT_OUTPUT_CLOSED


class Interrupted(BaseException):
    """The user stopped the run (Ctrl-C or SIGTERM). Never a plugin's failure: it ends the run."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"interrupted by signal {signum}")
        self.exit_code = 128 + signum
