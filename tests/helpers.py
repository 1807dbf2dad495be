"""Small builders that more than one test folder needs."""

import io
import zipfile


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A deflated zip archive holding `files` (name -> contents), as an upload would arrive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
