package dev.microservice.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The host's primary IPv4 address: that of the interface of the default route (e.g. eth0's 192.0.2.2). Host processes
 * the API server must reach through a Service (an aggregated API server) listen there, since an Endpoints or
 * EndpointSlice object may not name a loopback address.
 */
public final class HostAddress {
  private HostAddress() {}

  /** @return the address of the default route's interface, else the first global IPv4 address of an interface up */
  public static String primary() {
    return defaultRouteInterface().flatMap(HostAddress::ipv4).or(HostAddress::anyGlobal)
        .orElseThrow(() -> new IllegalStateException("the host has no non-loopback IPv4 address"));
  }

  /** The interface of the default route, from /proc/net/route (destination 00000000). */
  static Optional<String> defaultRouteInterface() {
    Path routes = Path.of("/proc/net/route");
    if (!Files.isReadable(routes)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(routes);
      return lines.stream().skip(1).map(l -> l.trim().split("\\s+")).filter(f -> f.length > 2 && "00000000".equals(f[1]))
          .map(f -> f[0]).findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> ipv4(String interfaceName) {
    try {
      NetworkInterface nic = NetworkInterface.getByName(interfaceName);
      return nic == null ? Optional.empty() : global(nic);
    } catch (SocketException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> anyGlobal() {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (nic.isUp() && !nic.isLoopback()) {
          Optional<String> ip = global(nic);
          if (ip.isPresent()) {
            return ip;
          }
        }
      }
      return Optional.empty();
    } catch (SocketException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<String> global(NetworkInterface nic) {
    return Collections.list(nic.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address)
        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
        .map(InetAddress::getHostAddress).findFirst();
  }
}
