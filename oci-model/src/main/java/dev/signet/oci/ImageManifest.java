package dev.signet.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI image manifest or Docker schema 2 manifest. Field order is go-containerregistry's
 * {@code v1.Manifest} plus the trailing {@code artifactType} of cosign's referrer manifests.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "mediaType", "config", "layers", "annotations", "subject", "artifactType"})
public record ImageManifest(
    int schemaVersion,
    String mediaType,
    Descriptor config,
    List<Descriptor> layers,
    Map<String, String> annotations,
    Descriptor subject,
    String artifactType) {

  public ImageManifest {
    layers = layers == null ? List.of() : List.copyOf(layers);
    annotations = annotations == null || annotations.isEmpty() ? null : new TreeMap<>(annotations);
  }

  public Map<String, String> annotationsOrEmpty() {
    return annotations == null ? Map.of() : annotations;
  }

  /** The artifact type: the top-level field, else the config media type (OCI 1.1 rules). */
  public String effectiveArtifactType() {
    if (artifactType != null) {
      return artifactType;
    }
    return config == null ? null : config.mediaType();
  }
}
