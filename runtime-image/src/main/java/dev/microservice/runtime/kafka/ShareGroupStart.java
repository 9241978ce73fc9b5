package dev.microservice.runtime.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a share group start from the earliest records, as consumer groups do in this runtime (a share group's own
 * default is the latest: records written before its first member joined would never be handled).
 */
final class ShareGroupStart {
  private static final Logger LOG = LoggerFactory.getLogger(ShareGroupStart.class);
  static final String AUTO_OFFSET_RESET = "share.auto.offset.reset";

  private ShareGroupStart() {}

  /** Sets the group's share.auto.offset.reset to earliest; logs a warning when the broker refuses it. */
  static void fromEarliest(Admin admin, String groupId) {
    ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, groupId);
    AlterConfigOp set = new AlterConfigOp(new ConfigEntry(AUTO_OFFSET_RESET, "earliest"), AlterConfigOp.OpType.SET);
    try {
      admin.incrementalAlterConfigs(Map.of(group, List.of(set))).all().get(15, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("Share group '{}': cannot set {}=earliest ({}); records written before its first member joined"
          + " may be skipped", groupId, AUTO_OFFSET_RESET, e.getCause() != null ? e.getCause() : e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
