package io.jdnn.data.images;

import io.jdnn.data.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes labelled images as an HDF5 file in the course's layout, one image at a time, so a data
 * set far larger than the heap can be written: an images dataset {@code m x height x width x
 * channels} of uint8 and a labels dataset of m uint8, both contiguous, read by jhdf and so by
 * {@link LabeledImages} and {@link Hdf5Batches}. The bytes follow the HDF5 specification; jdnn's
 * tests read them with jhdf only (no HDF5 C library is at hand to check them against).
 *
 * <p>Why not jhdf's writer: it needs the whole data set in memory as nested Java arrays (for
 * 20,000 images of 64x64x3, about 2 GB of tiny {@code byte[3]} arrays), and it writes Java bytes as
 * signed int8 where images are uint8.
 *
 * <p>The file is written beside its final path and moved there by {@link #close()} once all m
 * images are in, so a crash or a missing image never leaves a half-written file under the real
 * name.
 *
 * <p>Format: superblock version 0 with a symbol-table root group (the layout h5py writes by
 * default), version 1 object headers; each dataset has a dataspace, datatype, fill value and
 * contiguous layout message.
 *
 * <pre>{@code
 * try (ImageSetWriter w = ImageSetWriter.create(path, "train_set_x", "train_set_y", m, 64, 64, 3)) {
 *   for (...) w.append(pixels, label); // pixels: 64*64*3 bytes, row, column, channel
 * }
 * }</pre>
 */
public final class ImageSetWriter implements AutoCloseable {
  private static final long UNDEFINED = -1L;
  private static final int SUPERBLOCK_SIZE = 96;
  private static final int ROOT_HEADER_SIZE = 16 + 8 + 16;
  private static final int LOCAL_HEAP_HEADER_SIZE = 32;
  private static final int GROUP_LEAF_K = 4;
  private static final int GROUP_INTERNAL_K = 16;
  private static final int BTREE_SIZE = 24 + (2 * GROUP_INTERNAL_K + 1) * 8 + 2 * GROUP_INTERNAL_K * 8;
  private static final int SNOD_SIZE = 8 + 2 * GROUP_LEAF_K * 40;

  private final Path target;
  private final Path partial;
  private final FileChannel channel;
  private final int count;
  private final int imageBytes;
  private final long imagesAddress;
  private final long labelsAddress;
  private final byte[] labels;
  private int appended;
  private boolean closed;

  private ImageSetWriter(Path target, Path partial, FileChannel channel, int count, int imageBytes, long imagesAddress,
      long labelsAddress) {
    this.target = target;
    this.partial = partial;
    this.channel = channel;
    this.count = count;
    this.imageBytes = imageBytes;
    this.imagesAddress = imagesAddress;
    this.labelsAddress = labelsAddress;
    this.labels = new byte[count];
  }

  /**
   * Starts a file of {@code count} images of {@code height x width x channels} under datasets
   * {@code imagesName} and {@code labelsName}.
   */
  public static ImageSetWriter create(Path file, String imagesName, String labelsName, int count, int height,
      int width, int channels) {
    if (count < 1 || height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException("an image set needs positive sizes, got " + count + " images of " + height
          + "x" + width + "x" + channels);
    }
    if (imagesName.isEmpty() || labelsName.isEmpty() || imagesName.equals(labelsName)) {
      throw new IllegalArgumentException("two different, non-empty dataset names needed, got '" + imagesName
          + "' and '" + labelsName + "'");
    }
    int imageBytes = Math.multiplyExact(Math.multiplyExact(height, width), channels);
    Layout layout = new Layout(imagesName, labelsName);
    long imagesHeader = layout.datasetHeadersAddress();
    long labelsHeader = imagesHeader + datasetHeaderSize(4);
    long imagesAddress = align8(labelsHeader + datasetHeaderSize(1));
    long labelsAddress = imagesAddress + (long) count * imageBytes;
    long end = labelsAddress + count;

    Path partial = AtomicFiles.temporaryBeside(file.toAbsolutePath());
    try {
      FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      ByteBuffer head = ByteBuffer.allocate((int) imagesAddress).order(ByteOrder.LITTLE_ENDIAN);
      layout.write(head, end, imagesHeader, labelsHeader);
      head.position((int) imagesHeader);
      writeDatasetHeader(head, new long[] {count, height, width, channels}, imagesAddress, (long) count * imageBytes);
      head.position((int) labelsHeader);
      writeDatasetHeader(head, new long[] {count}, labelsAddress, count);
      head.rewind();
      while (head.hasRemaining()) {
        channel.write(head);
      }
      return new ImageSetWriter(file, partial, channel, count, imageBytes, imagesAddress, labelsAddress);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + partial, e);
    }
  }

  /** Appends the next image ({@code height*width*channels} bytes, 0..255 as unsigned) and its 0/1 label. */
  public void append(byte[] pixels, int label) {
    if (appended == count) {
      throw new IllegalStateException(target + ": all " + count + " images are already written");
    }
    if (pixels.length != imageBytes) {
      throw new IllegalArgumentException(target + ": image " + appended + " has " + pixels.length
          + " bytes, expected " + imageBytes);
    }
    if (label != 0 && label != 1) {
      throw new IllegalArgumentException(target + ": image " + appended + " has label " + label + ", expected 0 or 1");
    }
    try {
      ByteBuffer b = ByteBuffer.wrap(pixels);
      long at = imagesAddress + (long) appended * imageBytes;
      while (b.hasRemaining()) {
        at += channel.write(b, at);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + partial, e);
    }
    labels[appended++] = (byte) label;
  }

  /**
   * Writes the labels and moves the finished file to its name; with fewer than m images the
   * partial file is deleted and an {@link IllegalStateException} says how many were missing.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (appended < count) {
        channel.close();
        Files.deleteIfExists(partial);
        throw new IllegalStateException(target + ": only " + appended + " of " + count
            + " images were written; the file was not created");
      }
      ByteBuffer b = ByteBuffer.wrap(labels);
      long at = labelsAddress;
      while (b.hasRemaining()) {
        at += channel.write(b, at);
      }
      channel.close();
      AtomicFiles.commit(partial, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish " + target, e);
    }
  }

  private static long align8(long n) {
    return (n + 7) & ~7L;
  }

  private static int datasetHeaderSize(int rank) {
    return 16 + messagesSize(rank);
  }

  /** Dataspace (8 + 8 per dimension), datatype (16), fill value (8), layout (24), each with an 8-byte header. */
  private static int messagesSize(int rank) {
    return (8 + 8 + 8 * rank) + (8 + 16) + (8 + 8) + (8 + 24);
  }

  private static void writeDatasetHeader(ByteBuffer b, long[] dims, long dataAddress, long dataSize) {
    int rank = dims.length;
    // Object header, version 1: version, reserved, message count, reference count, size, padding.
    b.put((byte) 1).put((byte) 0).putShort((short) 4).putInt(1).putInt(messagesSize(rank)).putInt(0);
    // Dataspace, version 1: rank, no maximum sizes.
    message(b, 0x0001, 8 + 8 * rank, 0);
    b.put((byte) 1).put((byte) rank).put((byte) 0).put((byte) 0).putInt(0);
    for (long d : dims) {
      b.putLong(d);
    }
    // Datatype, version 1, class 0 (fixed point): little-endian, unsigned, 1 byte, 8 bits.
    message(b, 0x0003, 16, 1);
    b.put((byte) 0x10).put((byte) 0).put((byte) 0).put((byte) 0).putInt(1).putShort((short) 0).putShort((short) 8);
    b.putInt(0);
    // Fill value, version 2: allocated early, never written, no fill value defined.
    message(b, 0x0005, 8, 1);
    b.put((byte) 2).put((byte) 1).put((byte) 2).put((byte) 0).putInt(0);
    // Data layout, version 3, contiguous: address and size.
    message(b, 0x0008, 24, 0);
    b.put((byte) 3).put((byte) 1).putLong(dataAddress).putLong(dataSize).putShort((short) 0).putInt(0);
  }

  private static void message(ByteBuffer b, int type, int size, int flags) {
    b.putShort((short) type).putShort((short) size).put((byte) flags).put((byte) 0).putShort((short) 0);
  }

  /** The superblock, the root group and its symbol table (heap, B-tree, one symbol node). */
  private static final class Layout {
    private final String[] names;
    private final byte[] heapData;
    private final long[] nameOffsets;
    private final boolean imagesFirst;

    Layout(String imagesName, String labelsName) {
      // Symbol table entries are sorted by name; remember which entry is which dataset.
      boolean imagesFirst = imagesName.compareTo(labelsName) < 0;
      names = imagesFirst ? new String[] {imagesName, labelsName} : new String[] {labelsName, imagesName};
      nameOffsets = new long[2];
      ByteBuffer heap = ByteBuffer.allocate(8 + padded(names[0]) + padded(names[1]));
      heap.position(8); // offset 0 holds the empty string, the root's own name
      for (int i = 0; i < 2; i++) {
        nameOffsets[i] = heap.position();
        heap.put(names[i].getBytes(StandardCharsets.US_ASCII));
        heap.position((int) nameOffsets[i] + padded(names[i]));
      }
      heapData = heap.array();
      this.imagesFirst = imagesFirst;
    }

    private static int padded(String name) {
      return (name.getBytes(StandardCharsets.US_ASCII).length + 1 + 7) & ~7;
    }

    long heapAddress() {
      return SUPERBLOCK_SIZE + ROOT_HEADER_SIZE;
    }

    long btreeAddress() {
      return heapAddress() + LOCAL_HEAP_HEADER_SIZE + heapData.length;
    }

    long snodAddress() {
      return btreeAddress() + BTREE_SIZE;
    }

    long datasetHeadersAddress() {
      return snodAddress() + SNOD_SIZE;
    }

    void write(ByteBuffer b, long end, long imagesHeader, long labelsHeader) {
      // Superblock version 0.
      b.put(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'});
      b.put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
      b.put((byte) 0).put((byte) 8).put((byte) 8).put((byte) 0);
      b.putShort((short) GROUP_LEAF_K).putShort((short) GROUP_INTERNAL_K).putInt(0);
      b.putLong(0).putLong(UNDEFINED).putLong(end).putLong(UNDEFINED);
      // Root group symbol table entry: name offset, header address, cache type 1 with B-tree and heap.
      b.putLong(0).putLong(SUPERBLOCK_SIZE).putInt(1).putInt(0).putLong(btreeAddress()).putLong(heapAddress());
      // Root object header, version 1, one symbol table message.
      b.put((byte) 1).put((byte) 0).putShort((short) 1).putInt(1).putInt(8 + 16).putInt(0);
      message(b, 0x0011, 16, 0);
      b.putLong(btreeAddress()).putLong(heapAddress());
      // Local heap holding the names.
      b.put("HEAP".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0).putShort((short) 0);
      b.putLong(heapData.length).putLong(UNDEFINED).putLong(heapAddress() + LOCAL_HEAP_HEADER_SIZE);
      b.put(heapData);
      // Group B-tree (version 1, type 0), one leaf with one child: the symbol node.
      b.put("TREE".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0).putShort((short) 1);
      b.putLong(UNDEFINED).putLong(UNDEFINED);
      b.putLong(0).putLong(snodAddress()).putLong(nameOffsets[1]);
      b.position((int) snodAddress());
      // Symbol table node with both datasets, sorted by name.
      b.put("SNOD".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) 2);
      long[] headers = imagesFirst ? new long[] {imagesHeader, labelsHeader} : new long[] {labelsHeader, imagesHeader};
      for (int i = 0; i < 2; i++) {
        b.putLong(nameOffsets[i]).putLong(headers[i]).putInt(0).putInt(0).putLong(0).putLong(0);
      }
    }
  }
}
