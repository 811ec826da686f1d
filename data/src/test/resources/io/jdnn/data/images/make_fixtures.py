"""Writes the picture fixtures of HostileImagesTest with Pillow 9.4 (Debian: apt-get install python3-pil).

Run from this folder: python3 make_fixtures.py. ImageIO cannot write CMYK JPEGs or 32-bit gray TIFFs.
"""
import numpy as np
from PIL import Image

# 32-bit integer and float gray TIFFs: no agreed white level, refused.
a = (np.arange(16 * 16).reshape(16, 16) * 1000).astype(np.int32)
Image.fromarray(a, mode="I").save("gray32.tif")
Image.fromarray(a.astype(np.float32), mode="F").save("grayfloat.tif")
# 16-bit gray TIFF: sample 257 * k is gray level k.
Image.fromarray((np.arange(256).reshape(16, 16) * 257).astype(np.uint16), mode="I;16").save("gray16.tif")

# A CMYK JPEG (Pillow writes Adobe's inverted CMYK) of a smooth colour picture, and Pillow's own
# conversion of it to RGB, lossless, as the reference.
y, x = np.mgrid[0:48, 0:48]
rgb = np.stack([x * 5, y * 5, 255 - (x + y) * 2], axis=-1).clip(0, 255).astype(np.uint8)
Image.fromarray(rgb).convert("CMYK").save("cmyk.jpg", quality=95)
Image.open("cmyk.jpg").convert("RGB").save("cmyk-pillow-rgb.png")
