"""Small builders that more than one test folder needs."""

import io
import zipfile

import numpy as np


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A deflated zip archive holding `files` (name -> contents), as an upload would arrive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def imdb_npz(rows, test=None) -> bytes:
    """Keras' imdb.npz form: object arrays of rank lists (`test`: the test part's, default the first
    ten), labels alternating. A list shared by several reviews stays shared when pickled, as in a
    hostile upload."""
    def npy(array) -> bytes:
        buffer = io.BytesIO()
        np.save(buffer, array, allow_pickle=True)
        return buffer.getvalue()

    def reviews(part) -> np.ndarray:
        array = np.empty(len(part), dtype=object)
        for i, row in enumerate(part):
            array[i] = row
        return array

    test = rows[:10] if test is None else test
    return zip_bytes({"x_train.npy": npy(reviews(rows)), "y_train.npy": npy(np.arange(len(rows)) % 2),
                      "x_test.npy": npy(reviews(test)), "y_test.npy": npy(np.arange(len(test)) % 2)})
