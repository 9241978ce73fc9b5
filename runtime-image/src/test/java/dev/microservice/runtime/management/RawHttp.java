package dev.microservice.runtime.management;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 over a plain socket, byte by byte as a test needs it (half requests, pipelining, slow readers). */
public final class RawHttp implements AutoCloseable {
  private final Socket socket;

  /** Connects to 127.0.0.1. */
  public RawHttp(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(10_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends text as is. */
  public RawHttp send(String text) {
    try {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return one response (status line, headers, Content-Length body), or null when the server closed the connection */
  public String response() {
    return response(false);
  }

  /** @return the status line and headers of the answer to a HEAD request */
  public String headResponse() {
    return response(true);
  }

  private String response(boolean noBody) {
    try {
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        head.write(b);
        if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          break;
        }
      }
      if (b < 0) {
        return head.size() == 0 ? null : head.toString(StandardCharsets.ISO_8859_1);
      }
      String headers = head.toString(StandardCharsets.ISO_8859_1);
      int length = headers.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
          .mapToInt(l -> Integer.parseInt(l.substring(15).strip())).findFirst().orElse(0);
      return headers + (noBody ? "" : new String(in.readNBytes(length), StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return whether the server closed the connection within the socket's read timeout */
  public boolean closedByServer() {
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  /** @return whether the server closed the connection within the given time */
  public boolean closedByServerWithin(java.time.Duration wait) {
    try {
      socket.setSoTimeout((int) wait.toMillis());
      return closedByServer();
    } catch (IOException e) {
      return true;
    } finally {
      try {
        socket.setSoTimeout(10_000);
      } catch (IOException e) {
        // closed
      }
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
