package dev.signet.tuf;

import java.time.Instant;

/** The {@code signed} part of {@code timestamp.json}: the one entry {@code snapshot.json}. */
public record TimestampMetadata(int version, Instant expires, MetaFile snapshot) implements Metadata {}
