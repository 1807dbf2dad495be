"""Reading zip archives from users without trusting what they say about themselves.

A zip's members can decompress to far more than the upload's size (a "zip bomb"), and
an `.npz` is itself a zip of `.npy` files, so a bomb can hide one level down. Every
check here uses only what the archive declares (member sizes, `.npy` headers), before
a single byte is decompressed; Python's zipfile then stops each member at its
declared size, so a member that lies about its size fails its CRC check instead of
filling memory.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

import numpy as np

from lstm_core.message import Message, Quoted, UserError


class ArchiveError(UserError):
    """The archive is damaged, too large when unpacked, or not of the expected form (`message` for the page)."""

    def __init__(self, text: str, key: str, /, **values):
        super().__init__(text, Message(f"error.archive.{key}", values))


@dataclass(frozen=True)
class Limits:
    """What one archive may unpack to."""

    member_bytes: int  # largest single member, uncompressed
    total_bytes: int  # all members together, uncompressed
    members: int = 64  # number of members


def open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """Open a zip held in memory after checking its declared sizes against `limits`."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ArchiveError("not a readable zip file", "unreadable") from error
    infos = archive.infolist()
    if len(infos) > limits.members:
        raise ArchiveError(f"the zip has {len(infos)} files; at most {limits.members} are accepted", "too_many_files",
                           count=len(infos), limit=limits.members)
    for info in infos:
        if info.file_size > limits.member_bytes:
            raise ArchiveError(f"{info.filename} unpacks to {info.file_size:,} bytes; at most {limits.member_bytes:,} are accepted",
                               "member_too_large", file=Quoted(info.filename), size=info.file_size, limit=limits.member_bytes)
    if sum(info.file_size for info in infos) > limits.total_bytes:
        raise ArchiveError(f"the zip unpacks to more than {limits.total_bytes:,} bytes", "too_large", limit=limits.total_bytes)
    return archive


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """One member's bytes; a damaged member (bad CRC, cut short) is an ArchiveError."""
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise ArchiveError(f"{name} in the zip is damaged: {error}", "damaged", file=Quoted(name)) from error


def npy_header(archive: zipfile.ZipFile, name: str) -> tuple[tuple[int, ...], np.dtype]:
    """Shape and dtype of an `.npy` member, read from its first bytes only."""
    shape, dtype, _ = npy_layout(archive, name)
    return shape, dtype


def npy_layout(archive: zipfile.ZipFile, name: str) -> tuple[tuple[int, ...], np.dtype, int]:
    """Shape, dtype and header length (where the numbers start) of an `.npy` member."""
    try:
        with archive.open(name) as member:
            version = np.lib.format.read_magic(member)
            read = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
            shape, _, dtype = read(member)
            header = member.tell()
    except (ValueError, OSError, EOFError, zipfile.BadZipFile, zlib.error) as error:
        raise ArchiveError(f"{name} is not a NumPy array file: {error}", "not_npy", file=Quoted(name)) from error
    return tuple(int(n) for n in shape), dtype, header


def check_npz(data: bytes, expected: dict[str, tuple[int, ...]] | None, limits: Limits) -> zipfile.ZipFile:
    """Open an `.npz` whose arrays are plain numbers of the `expected` shapes (if given).

    Each `.npy` header is read first: an object array (pickled Python) is refused, and
    shape x dtype must fit in the bytes the member declares after its header, so nothing
    big is decompressed unless the model really needs that many numbers.
    """
    archive = open_zip(data, limits)
    found: dict[str, tuple[int, ...]] = {}
    for info in archive.infolist():
        if not info.filename.endswith(".npy"):
            raise ArchiveError(f"{info.filename} is not an array (.npy) file", "not_npy", file=Quoted(info.filename))
        shape, dtype, header = npy_layout(archive, info.filename)
        if dtype.hasobject or dtype.kind not in "fiub":
            raise ArchiveError(f"{info.filename} holds {dtype}, not plain numbers", "not_numbers", file=Quoted(info.filename))
        if int(np.prod(shape, dtype=np.int64)) * dtype.itemsize > info.file_size - header:
            raise ArchiveError(f"{info.filename} claims more numbers than it holds", "claims_more", file=Quoted(info.filename))
        found[info.filename.removesuffix(".npy")] = shape
    if expected is not None and found != expected:
        wrong = sorted(k for k in found.keys() | expected.keys() if found.get(k) != expected.get(k))
        raise ArchiveError(f"the weights do not have the shapes the model card describes ({', '.join(wrong[:5])})",
                           "wrong_shapes", arrays=", ".join(wrong[:5]))

    return archive
