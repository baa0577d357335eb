package dev.signet.tuf;

/**
 * Limits of one client: how many root versions one refresh may step through, and the largest file
 * accepted for each metadata role whose length is not known in advance (the defaults of the reference
 * implementation).
 */
public record TufConfig(
    int maxRootRotations, long maxRootLength, long maxTimestampLength, long maxSnapshotLength,
    long maxTargetsLength) {

  public static TufConfig defaults() {
    return new TufConfig(32, 512_000, 16_384, 2_000_000, 5_000_000);
  }

  public TufConfig withMaxRootRotations(int value) {
    return new TufConfig(value, maxRootLength, maxTimestampLength, maxSnapshotLength, maxTargetsLength);
  }
}
