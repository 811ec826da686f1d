package io.jdnn.data.hdf5;

import io.jdnn.data.hdf5.Hdf5File.Failure;
import io.jdnn.data.io.InputFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The HDF5 superblock, checked before jhdf parses it. jhdf reads the superblock's fields as they
 * are: a file cut inside it, a size of offsets of 24 bytes or an address with its top bit set end
 * in an IllegalArgumentException, an IllegalStateException or an ArithmeticException from deep
 * inside jhdf. These checks find each of those first and say which field is wrong:
 * <ul>
 *   <li>the signature {@code \211HDF\r\n\032\n} at byte 0, 512, 1024, 2048, ... (after a user block);
 *   <li>a superblock version jhdf reads (0 to 3), and the file long enough to hold that version's
 *       superblock;
 *   <li>sizes of offsets and lengths of 2, 4 or 8 bytes;
 *   <li>each address (versions 0 and 1: base, free space, end of file, driver information;
 *       versions 2 and 3: base, superblock extension, end of file, root group) either undefined
 *       (all bits set) or inside the file.
 * </ul>
 * The end-of-file address against the file's length is checked by {@link Hdf5File} after jhdf
 * opened the file.
 */
final class Superblocks {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final long UNDEFINED = -1L;

  private Superblocks() {}

  static void check(Path path, long size, String kind, Failure refusal) {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long at = -1;
      for (long offset = 0; offset + SIGNATURE.length <= size; offset = offset == 0 ? 512 : offset * 2) {
        if (matches(read(channel, offset, SIGNATURE.length))) {
          at = offset;
          break;
        }
      }
      if (at < 0) {
        throw refusal.of(path, "not a readable HDF5 file: no HDF5 signature at byte 0, 512, 1024, ... of its " + size
            + " bytes; expected " + InputFiles.article(kind) + kind, null);
      }
      ByteBuffer head = read(channel, at, (int) Math.min(size - at, 100)).order(ByteOrder.LITTLE_ENDIAN);
      if (head.limit() < 9) {
        throw truncated(path, size, at, 9, refusal);
      }
      int version = head.get(8) & 0xff;
      if (version > 3) {
        throw refusal.of(path, "HDF5 superblock version " + version + " at byte " + (at + 8)
            + " is not one jdnn reads (0 to 3); the file is damaged or from a newer HDF5", null);
      }
      int offsetsAt = version <= 1 ? 13 : 9;
      if (head.limit() < offsetsAt + 2) {
        throw truncated(path, size, at, offsetsAt + 2, refusal);
      }
      int offsets = head.get(offsetsAt) & 0xff;
      int lengths = head.get(offsetsAt + 1) & 0xff;
      for (int[] field : new int[][] {{offsets, offsetsAt}, {lengths, offsetsAt + 1}}) {
        if (field[0] != 2 && field[0] != 4 && field[0] != 8) {
          throw refusal.of(path, "the HDF5 superblock's size of " + (field[1] == offsetsAt ? "offsets" : "lengths")
              + " (byte " + (at + field[1]) + ") is " + field[0] + ", expected 2, 4 or 8; the file is damaged", null);
        }
      }
      if (version >= 2) {
        // Versions 2 and 3: 12 fixed bytes, then four addresses and a checksum.
        int length = 12 + 4 * offsets + 4;
        if (head.limit() < length) {
          throw truncated(path, size, at, length, refusal);
        }
        String[] names = {"base address", "superblock extension address", null, "root group address"};
        for (int i = 0; i < names.length; i++) {
          if (names[i] != null) {
            checkAddress(path, size, at, 12 + i * offsets, offsets, names[i], head, refusal);
          }
        }
        checkEnd(path, size, address(head, 12 + 2 * offsets, offsets), refusal);
        return;
      }
      int first = version == 0 ? 24 : 28;
      // Four addresses, then the root group's symbol table entry (two addresses, 24 more bytes).
      int needed = first + 6 * offsets + 24;
      if (head.limit() < needed) {
        throw truncated(path, size, at, needed, refusal);
      }
      String[] names = {"base address", "free-space address", "end-of-file address", "driver information address"};
      for (int i = 0; i < names.length; i++) {
        if (i == 2) {
          continue; // the end of file: checkEnd, with the message every truncation gets
        }
        checkAddress(path, size, at, first + i * offsets, offsets, names[i], head, refusal);
      }
      checkEnd(path, size, address(head, first + 2 * offsets, offsets), refusal);
    } catch (IOException e) {
      throw refusal.of(path, "cannot read the file (" + Hdf5File.describe(e) + ")", e);
    }
  }

  /** An address field of the superblock: undefined (all bits set) or inside the file. */
  private static void checkAddress(Path path, long size, long at, int field, int offsets, String name, ByteBuffer head,
      Failure refusal) {
    long address = address(head, field, offsets);
    if (address != UNDEFINED && (address < 0 || address > size)) {
      throw refusal.of(path, "the HDF5 superblock's " + name + " (byte " + (at + field) + ") is "
          + Long.toUnsignedString(address) + ", outside the file's " + size
          + " bytes; the file is truncated or damaged", null);
    }
  }

  /**
   * The superblock records where the file ends; a shorter file has lost data. Checked here, before
   * jhdf parses anything, so that every cut after the superblock gets this one message. The HDF5
   * library writes the address as the file's length, user block included (an h5py file with
   * {@code userblock_size=512} of 2,654 bytes records 2,654).
   */
  private static void checkEnd(Path path, long size, long end, Failure refusal) {
    if (end == UNDEFINED || end < 0 || end > size) {
      throw refusal.of(path, "the file is truncated or its header is damaged: it has " + size
          + " bytes, its HDF5 superblock says it ends at byte " + Long.toUnsignedString(end), null);
    }
  }

  private static RuntimeException truncated(Path path, long size, long at, int needed, Failure refusal) {
    return refusal.of(path, "the file is truncated: its " + size + " bytes end inside the HDF5 superblock, which"
        + " starts at byte " + at + " and takes at least " + needed + " bytes", null);
  }

  private static long address(ByteBuffer head, int at, int bytes) {
    long value = 0;
    boolean allSet = true;
    for (int i = bytes - 1; i >= 0; i--) {
      int b = head.get(at + i) & 0xff;
      allSet &= b == 0xff;
      value = (value << 8) | b;
    }
    return allSet ? UNDEFINED : value;
  }

  private static boolean matches(ByteBuffer bytes) {
    if (bytes.limit() < SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (bytes.get(i) != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        break;
      }
    }
    return buffer.flip();
  }
}
