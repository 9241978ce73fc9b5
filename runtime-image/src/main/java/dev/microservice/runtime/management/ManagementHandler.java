package dev.microservice.runtime.management;

import static dev.microservice.model.contract.RuntimeContract.HEALTH_PATH;
import static dev.microservice.model.contract.RuntimeContract.METRICS_PATH;
import static dev.microservice.model.contract.RuntimeContract.READY_PATH;

import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.ChannelFutureListener;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.SimpleChannelInboundHandler;
import io.grpc.netty.shaded.io.netty.handler.codec.TooLongFrameException;
import io.grpc.netty.shaded.io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpRequest;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpResponse;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpHeaderNames;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpMethod;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpResponseStatus;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpUtil;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpVersion;
import io.grpc.netty.shaded.io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Answers one management request: the probes at once, {@code /metrics} through the {@link MetricsScraper}. */
@ChannelHandler.Sharable
final class ManagementHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final Supplier<String> readiness;
  private final Supplier<String> liveness;
  private final MetricsScraper scraper;

  ManagementHandler(Supplier<String> readiness, Supplier<String> liveness, MetricsScraper scraper) {
    this.readiness = readiness;
    this.liveness = liveness;
    this.scraper = scraper;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    RequestDeadline.requestReceived(ctx);
    ctx.channel().config().setAutoRead(false); // one request at a time per connection
    boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
    boolean head = HttpMethod.HEAD.equals(request.method());
    if (!request.decoderResult().isSuccess()) {
      boolean tooLong = request.decoderResult().cause() instanceof TooLongFrameException;
      send(ctx, text(tooLong ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : HttpResponseStatus.BAD_REQUEST,
          tooLong ? "request line or headers too long\n" : "malformed request\n", false), false);
      return;
    }
    if (!head && !HttpMethod.GET.equals(request.method())) {
      FullHttpResponse response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and HEAD\n", false);
      response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
      send(ctx, response, keepAlive);
      return;
    }
    String path = new QueryStringDecoder(request.uri()).path();
    switch (path) {
      case HEALTH_PATH -> probe(ctx, liveness.get(), "ok", head, keepAlive);
      case READY_PATH -> probe(ctx, readiness.get(), "ready", head, keepAlive);
      case METRICS_PATH -> scraper.scrape(body -> send(ctx, body == null
          ? text(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy: too many scrapes at once\n", head)
          : response(HttpResponseStatus.OK, scraper.contentType(), body, head), keepAlive));
      default -> send(ctx, text(HttpResponseStatus.NOT_FOUND, "not found; try " + HEALTH_PATH + ", " + READY_PATH + ", " + METRICS_PATH + "\n", head), keepAlive);
    }
  }

  private static void probe(ChannelHandlerContext ctx, String failure, String ok, boolean head, boolean keepAlive) {
    send(ctx, text(failure == null ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
        (failure == null ? ok : failure) + "\n", head), keepAlive);
  }

  private static FullHttpResponse text(HttpResponseStatus status, String body, boolean head) {
    return response(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), head);
  }

  private static FullHttpResponse response(HttpResponseStatus status, String type, byte[] body, boolean head) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, type).setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return response;
  }

  private static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, "close");
    }
    ctx.writeAndFlush(response).addListener(keepAlive ? (ChannelFutureListener) f -> {
      if (f.isSuccess()) {
        RequestDeadline.answered(f.channel().pipeline().context(RequestDeadline.class));
        f.channel().config().setAutoRead(true);
      } else {
        f.channel().close();
      }
    } : ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // a broken connection or a timeout: nothing to tell the client
  }
}
