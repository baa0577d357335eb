package dev.signet.cosign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cosign.SignatureTags.Kind;
import dev.signet.cosign.SignatureTags.ParsedTag;
import dev.signet.oci.Digest;
import org.junit.jupiter.api.Test;

class SignatureTagsTest {

  private static final Digest D =
      new Digest("sha256", "f3cfc9d0dbf931d3db4685ec659b7ac68e2a578219da4aae65427886e649b06b");

  @Test
  void buildsCosignTags() {
    assertThat(SignatureTags.signatureTag(D)).isEqualTo("sha256-" + D.hex() + ".sig");
    assertThat(SignatureTags.attestationTag(D)).isEqualTo("sha256-" + D.hex() + ".att");
    assertThat(SignatureTags.sbomTag(D)).isEqualTo("sha256-" + D.hex() + ".sbom");
    assertThat(SignatureTags.tag(D, Kind.REFERRERS_FALLBACK)).isEqualTo("sha256-" + D.hex());
    assertThat(SignatureTags.tag("pre-", D, Kind.SIGNATURE)).isEqualTo("pre-sha256-" + D.hex() + ".sig");
    assertThat(SignatureTags.tag("pre-", D, Kind.REFERRERS_FALLBACK)).isEqualTo("sha256-" + D.hex());
  }

  @Test
  void fallbackTagTruncatesLongDigestsPerDistributionSpec() {
    Digest d512 = new Digest("sha512", "a".repeat(128));
    assertThat(SignatureTags.referrersFallbackTag(d512)).isEqualTo("sha512-" + "a".repeat(64));
  }

  @Test
  void parsesEveryKindBack() {
    for (Kind k : Kind.values()) {
      assertThat(SignatureTags.parse(SignatureTags.tag(D, k))).contains(new ParsedTag("", D, k));
    }
    assertThat(SignatureTags.parse("pre-sha256-" + D.hex() + ".att")).contains(new ParsedTag("pre-", D, Kind.ATTESTATION));
    Digest d512 = new Digest("sha512", "b".repeat(128));
    assertThat(SignatureTags.parse(SignatureTags.signatureTag(d512))).contains(new ParsedTag("", d512, Kind.SIGNATURE));
  }

  @Test
  void parseWithPrefixRequiresThatPrefix() {
    String tag = "pre-sha256-" + D.hex() + ".sig";
    assertThat(SignatureTags.parse("pre-", tag)).isPresent();
    assertThat(SignatureTags.parse("", tag)).isEmpty();
    assertThat(SignatureTags.parse(null, SignatureTags.signatureTag(D))).isPresent();
  }

  @Test
  void rejectsOtherTags() {
    assertThat(SignatureTags.parse("latest")).isEmpty();
    assertThat(SignatureTags.parse("sha256-" + D.hex() + ".sigx")).isEmpty();
    assertThat(SignatureTags.parse("sha256-" + D.hex().toUpperCase() + ".sig")).isEmpty();
    assertThat(SignatureTags.parse("sha256-" + D.hex().substring(1) + ".sig")).isEmpty();
    assertThat(SignatureTags.parse("sha256-" + "a".repeat(128) + ".sig")).isEmpty();
    assertThat(SignatureTags.parse("x-sha256-" + D.hex())).isEmpty();
    assertThat(SignatureTags.parse(null)).isEmpty();
  }
}
