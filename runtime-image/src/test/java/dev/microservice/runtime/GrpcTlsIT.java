package dev.microservice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.GrpcTlsSpec;
import dev.microservice.model.Manifest;
import dev.microservice.model.SecretValueSpec;
import dev.microservice.rpc.MessageServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gRPC server with TLS from PEM files, called by a client that trusts the certificate. */
class GrpcTlsIT {
  @TempDir Path tmp;

  @Test
  void servesTlsWithPemCertificateAndKey() throws Exception {
    Path cert = tmp.resolve("tls.crt");
    Path key = tmp.resolve("tls.key");
    selfSigned(cert, key);
    Manifest manifest = TestSupport.helloManifest(TestSupport.freePort());
    GrpcTlsSpec tls = new GrpcTlsSpec();
    tls.setCertificate(file(cert));
    tls.setPrivateKey(file(key));
    manifest.getSpec().getServers().get(0).getGrpc().setTls(tls);
    int port = manifest.getSpec().getServers().get(0).getGrpc().getPort();
    try (MicroserviceRuntime rt = new MicroserviceRuntime(manifest, TestSupport.HELLO_JARS, 0)) {
      rt.start();
      ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", port)
          .sslContext(GrpcSslContexts.forClient().trustManager(cert.toFile()).build()).build();
      try {
        String reply = MessageServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
            .command(RunningRuntime.message("greeter", "hello", "TLS")).getData().toStringUtf8();
        assertThat(reply).isEqualTo("Hello, TLS!");
      } finally {
        channel.shutdownNow();
      }
    }
  }

  private static SecretValueSpec file(Path p) {
    SecretValueSpec s = new SecretValueSpec();
    s.setFile(p.toString());
    return s;
  }

  /** A self-signed localhost certificate made with the JDK's keytool, written as PEM. */
  private void selfSigned(Path cert, Path key) throws Exception {
    Path store = tmp.resolve("store.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "tls", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(store.toFile())) {
      ks.load(in, "changeit".toCharArray());
    }
    PrivateKey pk = (PrivateKey) ks.getKey("tls", "changeit".toCharArray());
    Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(pk.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + b64.encodeToString(ks.getCertificate("tls").getEncoded())
        + "\n-----END CERTIFICATE-----\n");
  }
}
