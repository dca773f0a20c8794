// Byte sizes for catalogues.
export const KiB = 1024;
export const MiB = 1024 * KiB;
