package dev.microservice.runtime.management;

import dev.microservice.runtime.metrics.RuntimeMetrics;
import io.grpc.netty.shaded.io.netty.bootstrap.ServerBootstrap;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelFuture;
import io.grpc.netty.shaded.io.netty.channel.ChannelInitializer;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.SocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpObjectAggregator;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpServerCodec;
import io.grpc.netty.shaded.io.netty.handler.timeout.WriteTimeoutHandler;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The management HTTP port: {@code /healthz}, {@code /readyz} and {@code /metrics}, on netty (the
 * copy inside grpc-netty-shaded, so no new dependency). Non-blocking: a client that sends half a
 * request holds no thread, and loses its connection after {@link #REQUEST_TIMEOUT}; the probes
 * are answered on the event loop, {@code /metrics} on a thread of its own.
 */
public final class ManagementServer implements AutoCloseable {
  /** How long a client has to send a whole request, from connecting or from the previous answer. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  /** How long a kept-alive connection may sit idle between requests. */
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  /** How long an answer may take to be sent. */
  public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
  static final int MAX_LINE = 4096;
  static final int MAX_HEADERS = 8192;
  static final int MAX_BODY = 8192;

  private final EventLoopGroup group;
  private final Channel channel;
  private final MetricsScraper scraper;

  /**
   * Starts listening.
   *
   * @param port the port; 0 picks a free one
   * @param readiness returns null when ready, else why not
   * @param liveness returns null while healthy, else why the process should be restarted
   * @param metrics what /metrics serves
   * @throws IOException when the port cannot be bound
   */
  public ManagementServer(int port, Supplier<String> readiness, Supplier<String> liveness, RuntimeMetrics metrics)
      throws IOException {
    this(port, readiness, liveness, new MetricsScraper(metrics::scrape, metrics.contentType()), REQUEST_TIMEOUT);
  }

  /** With the metrics body and the request timeout given, for tests. */
  ManagementServer(int port, Supplier<String> readiness, Supplier<String> liveness, MetricsScraper scraper, Duration requestTimeout)
      throws IOException {
    group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("management-http", true), NioIoHandler.newFactory());
    this.scraper = scraper;
    ManagementHandler handler = new ManagementHandler(readiness, liveness, scraper);
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 128)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline()
                .addLast(new RequestDeadline(requestTimeout, IDLE_TIMEOUT))
                .addLast(new WriteTimeoutHandler(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .addLast(new HttpServerCodec(MAX_LINE, MAX_HEADERS, MAX_BODY))
                .addLast(new HttpObjectAggregator(MAX_BODY))
                .addLast(handler);
          }
        });
    ChannelFuture bound = bootstrap.bind(new InetSocketAddress(port)).awaitUninterruptibly();
    channel = bound.channel();
    if (!bound.isSuccess()) {
      close();
      Throwable cause = bound.cause();
      throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause.getMessage()), cause);
    }
  }

  /** @return the bound port */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    scraper.close();
  }
}
