"""System check: the reader's HTML shell exists and has the markers the view fills in."""

from django.core.checks import Error, register

from reader.shell import SHELL_PATH, ShellError, read_shell


@register()
def reader_shell_check(app_configs, **kwargs):
    try:
        read_shell()
    except (OSError, ShellError) as exc:
        return [
            Error(
                f"The reader frontend cannot be served: {exc}",
                hint=f"Restore {SHELL_PATH} from version control.",
                id="reader.E001",
            )
        ]
    return []
