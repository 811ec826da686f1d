"""Writes the HDF5 fixtures of HostileHdf5Test and HostileModelFilesTest (h5py 3.7, HDF5 1.10).

Run from this folder: python3 make_fixtures.py (Debian: apt-get install python3-h5py).
jhdf cannot write chunked, compressed or user-block files, so these few small files are committed.
"""
import json
import zlib

import h5py
import numpy as np

# 128 MiB of zeros as one deflate stream of about 130 KB: the bomb.
BOMB = zlib.compress(bytes(128 * 1024 * 1024), 9)

# A valid data file behind a 512-byte user block (addresses count from byte 512).
rng = np.random.default_rng(3)
with h5py.File("userblock.h5", "w", userblock_size=512) as f:
    f["train_set_x"] = rng.integers(0, 256, (4, 2, 2, 3), dtype=np.uint8)
    f["train_set_y"] = np.array([0, 1, 1, 0], dtype=np.int64)
    f["list_classes"] = np.array([b"non-cat", b"cat"])

# Empty datasets: a zero-length one and a null dataspace (h5py.Empty).
with h5py.File("empty.h5", "w") as f:
    f["zero"] = np.zeros((0,), dtype=np.float64)
    f["null"] = h5py.Empty("f8")

# Valid chunked storage with every filter jdnn reads: gzip, shuffle, fletcher32; partial edge chunks.
with h5py.File("gzip.h5", "w") as f:
    x = np.random.default_rng(5).integers(0, 256, (10, 4, 4, 3), dtype=np.uint8)
    f.create_dataset("x", data=x, chunks=(3, 4, 4, 3), compression="gzip", shuffle=True, fletcher32=True)
    f["x_plain"] = x
    f["y"] = np.array([0, 1, 0, 1, 0, 1, 0, 1, 1, 1], dtype=np.int64)

# Images whose second chunk (examples 4 to 7, 3,072 bytes) inflates to 128 MiB.
with h5py.File("images-bomb.h5", "w", libver="earliest") as f:
    d = f.create_dataset("x", shape=(8, 16, 16, 3), dtype="u1", chunks=(4, 16, 16, 3), compression="gzip")
    d.id.write_direct_chunk((0, 0, 0, 0), zlib.compress(bytes(4 * 16 * 16 * 3)))
    d.id.write_direct_chunk((4, 0, 0, 0), BOMB)
    f["y"] = np.array([0, 1, 0, 1, 0, 1, 0, 1], dtype=np.int64)

# A model file (30 -> 20 -> 1) whose W1 (20x30 float64, 4,800 bytes) is one chunk inflating to 128 MiB.
arch = {"format": "jdnn-sequential", "layers": [
    {"type": "Dense", "in": 30, "out": 20}, {"type": "ReLU"}, {"type": "Dense", "in": 20, "out": 1},
    {"type": "Sigmoid"}]}
with h5py.File("model-bomb.h5", "w") as f:
    f.attrs["jdnn_format_version"] = np.int32(1)
    f.attrs["jdnn_architecture"] = json.dumps(arch)
    d = f.create_dataset("W1", shape=(20, 30), dtype="f8", chunks=(20, 30), compression="gzip")
    d.id.write_direct_chunk((0, 0), BOMB)
    f["b1"] = np.zeros((20, 1))
    f["W2"] = np.zeros((1, 20))
    f["b2"] = np.zeros((1, 1))
