"""Run one render (``exports.pdf_render.render``) in a lean process of its own.

Contract: ``render_in_child(job, fetcher, target, progress=None)`` starts a fresh
process that imports WeasyPrint, pikepdf and ``exports.pdf_render`` but neither
Django nor Wagtail, renders ``job`` there, writes the PDF's bytes to ``target`` (a
path or binary file object) and returns the child's ``RenderResult`` with the
child's own peak memory and CPU time filled in. The process ends with the render,
so all its memory goes back to the system: a long-lived worker no longer grows by
each render's fragments, and the render's peak is WeasyPrint's plus a bare
interpreter, not plus the whole Django heap.

Files: the child has no storage and no settings. Each URL WeasyPrint asks for
travels to the parent, which answers it with ``fetcher`` (the project's
``StorageURLFetcher``: same allow-list, same storage, same log lines, same
``refused``/``failures`` lists as a render in the parent); the child only relays
the answer or the refusal. Progress messages and WeasyPrint's warnings travel back
the same way, so progress bars and logs work as before.

Failures: an ``ExportError`` in the child is raised again in the parent with its
message; any other exception becomes ``ExportError("Type: message")`` (the reason
an export records for an unexpected exception), with the child's traceback logged;
a child that dies (the OOM killer, a crash in a C library) becomes an
``ExportError`` that says so. The caller discards ``target`` on any of them, as it
does when a render in its own process fails.

Processes come from a fork server (``multiprocessing``'s "forkserver" start method)
that has this module, and so WeasyPrint and pikepdf, imported once: each render
forks a copy of that small process instead of paying the imports again, and
nothing of the Django parent is inherited. (As ``multiprocessing`` does for every
child, the render process also runs the parent's main script under another name:
``manage.py`` or gunicorn's launcher, which import no Django at their top level; a
script of one's own that renders must keep its work under ``if __name__ ==
"__main__":``, or the render fails with "ended unexpectedly".)
The fork server lives as long as the process that started it, at about the size of
a bare WeasyPrint import. A render process runs at a lower priority than its parent
(``RENDER_NICENESS``).
"""

import logging
import multiprocessing
import os
import resource
import signal
import traceback

from weasyprint.urls import URLFetcher, URLFetcherResponse

from exports.errors import ExportError
from exports.pdf_render import RenderResult, render

logger = logging.getLogger(__name__)

# A message of at most this many bytes of PDF at a time: the parent never holds more
# than one of them besides what ``target`` keeps.
CHUNK = 1 << 20
# A render is background work that takes a core for seconds: on the same machine,
# the server's answers and the store's rebuilds go first. (Between containers the
# runtime's CPU shares decide, not this.)
RENDER_NICENESS = 10


def render_in_child(job, fetcher, target, progress=None):
    """Render ``job`` in a fresh lean process; see the module docstring."""
    context = multiprocessing.get_context("forkserver")
    # Only this module is preloaded, not the parent's __main__ (manage.py, gunicorn).
    context.set_forkserver_preload([__name__])
    ours, theirs = context.Pipe()
    process = context.Process(
        target=child_main,
        args=(theirs, job, progress is not None, logging.getLogger().getEffectiveLevel()),
        name="pdf-render",
        daemon=True,
    )
    process.start()
    theirs.close()  # so that a dead child reads as end-of-file here
    try:
        if hasattr(target, "write"):
            return serve(ours, process, fetcher, target, progress)
        with open(target, "wb") as handle:
            return serve(ours, process, fetcher, handle, progress)
    finally:
        ours.close()
        if process.is_alive():  # the parent gave up (an exception, a shutdown)
            process.kill()
        process.join()


def serve(connection, process, fetcher, target, progress):
    """The parent's side: answer the child's requests until it sends its result."""
    while True:
        try:
            kind, *payload = connection.recv()
        except (EOFError, OSError):
            process.join(timeout=10)
            raise ExportError(stopped_message(process.exitcode)) from None
        if kind == "fetch":
            connection.send(answer(fetcher, payload[0]))
        elif kind == "data":
            target.write(payload[0])
        elif kind == "progress":
            report(progress, payload[0])
        elif kind == "log":
            name, level, message = payload
            logging.getLogger(name).log(level, "%s", message)
        elif kind == "done":
            return RenderResult(**payload[0])
        elif kind == "failed":
            name, message, child_traceback = payload
            if name == "ExportError":
                raise ExportError(message)
            logger.error("The PDF render process failed:\n%s", child_traceback)
            raise ExportError(f"{name}: {message}")


def answer(fetcher, url):
    """What ``fetcher`` makes of ``url``, as plain data the child turns back into a response."""
    known_failures = len(fetcher.failures)
    try:
        response = fetcher.fetch(url)
    except Exception as exc:
        # The fetcher has logged it and noted it as refused or failed; the child
        # notes it the same way in its own lists, which render() reads.
        failed = len(fetcher.failures) > known_failures
        return ("failure" if failed else "refusal", str(exc))
    try:
        body = response.read()
    finally:
        response.close()
    return ("ok", response.url, body, dict(response.headers.items()), response.status)


def report(progress, message):
    if progress is None:
        return
    try:
        progress(message)
    except Exception:  # a broken progress bar must not break the export
        logger.debug("Progress callback failed", exc_info=True)


def stopped_message(exitcode):
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        why = f"was stopped by {name}"
        if -exitcode == signal.SIGKILL:
            why += " (the system may have run out of memory)"
    else:
        why = f"ended unexpectedly (exit code {exitcode})"
    return f"The PDF render process {why} before the PDF was finished."


# The child's side.


class ParentFetcher(URLFetcher):
    """Asks the parent for every URL; keeps ``refused`` and ``failures`` as the parent's."""

    def __init__(self, connection):
        super().__init__(allow_redirects=False)
        self.connection = connection
        self.refused = []
        self.failures = []

    def fetch(self, url, headers=None):
        self.connection.send(("fetch", url))
        kind, *payload = self.connection.recv()
        if kind == "ok":
            final_url, body, response_headers, status = payload
            return URLFetcherResponse(final_url, body, headers=response_headers, status=status)
        (reason,) = payload
        if kind == "failure":
            self.failures.append((url, reason))
            raise OSError(reason)
        self.refused.append(url)
        raise ValueError(reason)


class PipeWriter:
    """A write-only file that sends what it is given to the parent in chunks."""

    def __init__(self, connection):
        self.connection = connection

    def write(self, data):
        view = memoryview(data)
        for start in range(0, len(view), CHUNK):
            self.connection.send(("data", bytes(view[start : start + CHUNK])))
        return len(view)


class ForwardHandler(logging.Handler):
    """Sends the child's log records to the parent, which logs them with its settings."""

    def __init__(self, connection, level):
        super().__init__(level)
        self.connection = connection

    def emit(self, record):
        try:
            self.connection.send(("log", record.name, record.levelno, record.getMessage()))
        except Exception:  # the parent is gone; nothing to tell
            self.handleError(record)


def child_main(connection, job, wants_progress, log_level):
    """The render process: render ``job``, send the PDF and the result, end."""
    os.nice(RENDER_NICENESS)
    root = logging.getLogger()
    root.handlers[:] = [ForwardHandler(connection, log_level)]
    root.setLevel(log_level)

    def progress(message):
        connection.send(("progress", message))

    try:
        fetcher, target = ParentFetcher(connection), PipeWriter(connection)
        result = render(job, fetcher, target, progress if wants_progress else None)
    except ExportError as exc:
        connection.send(("failed", "ExportError", str(exc), ""))
    except BaseException as exc:  # everything else is reported, not lost in a log
        connection.send(("failed", type(exc).__name__, str(exc), traceback.format_exc()))
    else:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        result.process_peak_mb = usage.ru_maxrss / 1024
        result.process_cpu_seconds = usage.ru_utime + usage.ru_stime
        connection.send(("done", vars(result)))
    finally:
        connection.close()
