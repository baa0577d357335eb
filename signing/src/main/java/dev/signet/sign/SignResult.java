package dev.signet.sign;

import java.util.Optional;

/**
 * One signature made by {@link ImageSigner}: the signed image, the format, the signed bytes (simple-signing
 * payload or bundle JSON), the raw signature, and where it was stored (empty with {@code --upload=false}).
 */
public record SignResult(
    ResolvedImage image, SignatureFormat format, byte[] payload, byte[] signature, Optional<String> location) {}
