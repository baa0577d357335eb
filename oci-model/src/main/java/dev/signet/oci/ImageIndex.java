package dev.signet.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An OCI image index or Docker manifest list; also the body of a referrers response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "mediaType", "manifests", "annotations", "subject", "artifactType"})
public record ImageIndex(
    int schemaVersion,
    String mediaType,
    List<Descriptor> manifests,
    Map<String, String> annotations,
    Descriptor subject,
    String artifactType) {

  public ImageIndex {
    manifests = manifests == null ? List.of() : List.copyOf(manifests);
    annotations = annotations == null || annotations.isEmpty() ? null : new TreeMap<>(annotations);
  }

  public static ImageIndex of(List<Descriptor> manifests) {
    return new ImageIndex(2, MediaTypes.OCI_INDEX, manifests, null, null, null);
  }
}
