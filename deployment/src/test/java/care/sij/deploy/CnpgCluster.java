package care.sij.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;

/**
 * The part of CloudNativePG's Cluster (postgresql.cnpg.io/v1) these manifests use, field names as in its CRD;
 * fabric8 has no model for it, and Strict's mapper refuses any field not declared here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CnpgCluster(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {
  /** The read-write Service CloudNativePG makes for a cluster: its name and PostgreSQL's port. */
  String readWriteService() {
    return metadata.getName() + "-rw";
  }

  /** The label CloudNativePG puts on every pod of the cluster. */
  static final String CLUSTER_LABEL = "cnpg.io/cluster";

  record Spec(Integer instances, String imageName, String primaryUpdateStrategy, Postgresql postgresql, Bootstrap bootstrap,
      Managed managed, Storage storage, ResourceRequirements resources, Affinity affinity) {}

  record Postgresql(Map<String, String> parameters, Synchronous synchronous) {}

  record Synchronous(String method, Integer number, String dataDurability) {}

  record Bootstrap(Initdb initdb) {}

  record Initdb(String database, String owner, LocalObjectReference secret, List<String> postInitApplicationSQL,
      SqlRefs postInitApplicationSQLRefs) {}

  record SqlRefs(List<KeyReference> secretRefs, List<KeyReference> configMapRefs) {}

  record KeyReference(String name, String key) {}

  record LocalObjectReference(String name) {}

  record Managed(List<Role> roles) {}

  record Role(String name, String ensure, String comment, Boolean login, Boolean superuser, Boolean createdb,
      Boolean createrole, Boolean inherit, Boolean replication, Boolean bypassrls, Integer connectionLimit,
      LocalObjectReference passwordSecret, List<String> inRoles, Boolean disablePassword) {}

  record Storage(String size, String storageClass) {}

  record Affinity(Boolean enablePodAntiAffinity, String topologyKey, String podAntiAffinityType) {}
}
