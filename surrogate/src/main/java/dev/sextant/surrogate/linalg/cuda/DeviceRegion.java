package dev.sextant.surrogate.linalg.cuda;

/** A row-major sub-matrix in a device buffer: element (i, j) at buffer[offset + i·ld + j]. */
record DeviceRegion(DeviceBuffer buffer, long offset, int ld) {
    DeviceRegion {
        if (buffer == null || offset < 0 || ld < 1) {
            throw new IllegalArgumentException("bad device region: offset " + offset + ", ld " + ld);
        }
    }

    DeviceRegion at(int row, int col) {
        return new DeviceRegion(buffer, offset + (long) row * ld + col, ld);
    }
}
