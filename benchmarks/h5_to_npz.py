"""Writes the course's two HDF5 files as one .npz (train_x, train_y, test_x, test_y) for
numpy_baseline.py, which reads NumPy's own format so that its timing includes no HDF5 library.

usage: python3 h5_to_npz.py DATASET_DIR OUT.npz   (needs h5py: Debian's python3-h5py)
"""
import sys

import h5py
import numpy as np

src, out = sys.argv[1], sys.argv[2]
with h5py.File(src + "/train_catvnoncat.h5", "r") as train, h5py.File(src + "/test_catvnoncat.h5", "r") as test:
    np.savez(out, train_x=train["train_set_x"][:], train_y=train["train_set_y"][:],
             test_x=test["test_set_x"][:], test_y=test["test_set_y"][:])
