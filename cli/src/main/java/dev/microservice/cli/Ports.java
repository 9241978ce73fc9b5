package dev.microservice.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks that a port is free before something tries to listen on it. */
final class Ports {
  private Ports() {}

  static void requireFree(int port, String what, String hint) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      throw new CliException("port " + port + " (" + what + ") is already in use; " + hint);
    }
  }
}
