package dev.microservice.localcluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A missing host program fails naming the Debian package to install; mountinfo's escapes are decoded. */
class HostToolsTest {
  @Test
  void aMissingProgramNamesItsDebianPackage() {
    assertThatThrownBy(() -> HostTools.require("no-such-program-here", "some-debian-package"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no-such-program-here is missing: apt-get install -y --no-install-recommends some-debian-package");
    assertThatThrownBy(() -> HostTools.require("/usr/lib/cni/no-such-plugin", "containernetworking-plugins"))
        .hasMessageContaining("containernetworking-plugins");
  }

  @Test
  void aPresentProgramIsFound() {
    assertThat(HostTools.require("sh", "dash")).isExecutable().isAbsolute();
  }

  @Test
  void mountinfoEscapesAreDecoded() {
    assertThat(Mounts.unescape("/tmp/msvc\\040ci/a\\011b")).isEqualTo("/tmp/msvc ci/a\tb");
  }
}
