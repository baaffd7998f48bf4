"""Where exported PDFs live, and how a new one is put in place without a half-written moment.

Contract: ``pdf_name(playbook, content_hash, paper, edition)`` is the storage name of a PDF;
``write_atomically(name, render)`` calls ``render(fileobj)`` to produce the bytes and
only then makes the file appear under ``name``:

* on ``FileSystemStorage`` the bytes go to a temporary file in the same folder,
  which ``os.replace`` moves into place (atomic on POSIX and Windows);
* on any other storage (S3...) the complete file is saved under the final name once
  it is finished, which object stores publish atomically.

A reader therefore either gets the previous file or the complete new one.
"""

import contextlib
import os
import tempfile

from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage


def pdf_name(playbook, content_hash, paper, edition="screen"):
    suffix = "" if edition == "screen" else f"-{edition}"
    return f"exports/playbook-{playbook.pk}/{playbook.slug}-{content_hash[:16]}-{paper}{suffix}.pdf"


def write_atomically(name, render, storage=None):
    """Produce the file with ``render(fileobj)`` and publish it as ``name``; returns its size."""
    storage = storage or default_storage
    if isinstance(storage, FileSystemStorage):
        final_path = storage.path(name)
        folder = os.path.dirname(final_path)
        os.makedirs(folder, exist_ok=True)
        handle, temp_path = tempfile.mkstemp(prefix=".partial-", suffix=".pdf", dir=folder)
        try:
            with os.fdopen(handle, "wb") as temp_file:
                render(temp_file)
                temp_file.flush()
                os.fsync(temp_file.fileno())
            os.chmod(temp_path, 0o644)
            os.replace(temp_path, final_path)
        except BaseException:
            if os.path.exists(temp_path):
                os.unlink(temp_path)
            raise
        return os.path.getsize(final_path)

    with tempfile.TemporaryFile() as temp_file:
        render(temp_file)
        size = temp_file.tell()
        temp_file.seek(0)
        if storage.exists(name):
            # Same name, same content version: never delete what readers may be
            # downloading just to put an equivalent file in its place.
            return storage.size(name)
        saved = storage.save(name, File(temp_file, name=os.path.basename(name)))
        if saved != name:  # another worker saved the same version a moment earlier
            storage.delete(saved)
    return size


def delete_quietly(name, storage=None):
    storage = storage or default_storage
    if name:
        with contextlib.suppress(OSError):
            storage.delete(name)
