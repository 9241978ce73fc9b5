package dev.microservice.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Free TCP ports on loopback for the components' listeners, each handed out once per JVM. */
public final class FreePorts {
  /** Ports already given: the kernel may offer a closed one again before its component binds it. */
  private static final Set<Integer> GIVEN = new HashSet<>();

  private FreePorts() {}

  /** @return a port free now on loopback that this JVM has not handed out before */
  public static synchronized int next() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
        if (GIVEN.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port");
  }
}
