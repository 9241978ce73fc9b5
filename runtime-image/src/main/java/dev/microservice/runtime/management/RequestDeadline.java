package dev.microservice.runtime.management;

import io.grpc.netty.shaded.io.netty.channel.ChannelDuplexHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose client takes too long: to send a whole request (counted from the
 * connection or from its first byte after an answer, and not renewed by more bytes, so trickling
 * a request byte by byte does not keep it open), or to send the next one on a kept-alive connection.
 */
final class RequestDeadline extends ChannelDuplexHandler {
  private final long requestNanos;
  private final long idleNanos;
  private ScheduledFuture<?> timer;
  private boolean waiting; // between requests on a kept-alive connection: no byte of the next one yet

  RequestDeadline(Duration request, Duration idle) {
    this.requestNanos = request.toNanos();
    this.idleNanos = idle.toNanos();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    arm(ctx, requestNanos); // a new connection is for a request: it has to come now
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (waiting) {
      waiting = false;
      arm(ctx, requestNanos);
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    disarm();
    super.channelInactive(ctx);
  }

  /** The whole request is in: the answer is on its way, no deadline for the client meanwhile. */
  static void requestReceived(ChannelHandlerContext anyContext) {
    RequestDeadline deadline = anyContext.pipeline().get(RequestDeadline.class);
    if (deadline != null) {
      deadline.disarm();
    }
  }

  /** The answer is sent on a kept-alive connection: the next request may come within the idle timeout. */
  static void answered(ChannelHandlerContext ctx) {
    if (ctx != null) {
      RequestDeadline deadline = (RequestDeadline) ctx.handler();
      deadline.waiting = true;
      deadline.arm(ctx, deadline.idleNanos);
    }
  }

  private void arm(ChannelHandlerContext ctx, long nanos) {
    disarm();
    timer = ctx.executor().schedule(() -> {
      ctx.close();
    }, nanos, TimeUnit.NANOSECONDS);
  }

  private void disarm() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
